const { src, dest } = require('gulp');

// tsc emits only JavaScript; n8n loads node and credential icons from dist/icons at run time.
function buildIcons() {
	return src('icons/**/*.svg').pipe(dest('dist/icons'));
}

exports.build = buildIcons;
exports.default = buildIcons;
