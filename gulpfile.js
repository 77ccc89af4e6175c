const { src, dest, parallel } = require('gulp');

// tsc emits only JavaScript. n8n also loads icons (dist/icons) and each node's codex file
// (the .node.json beside the .node.js) at run time.
function buildIcons() {
	return src('icons/**/*.svg').pipe(dest('dist/icons'));
}

function buildCodex() {
	return src('nodes/**/*.node.json').pipe(dest('dist/nodes'));
}

exports.build = parallel(buildIcons, buildCodex);
exports.default = exports.build;
