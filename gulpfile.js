const { src, dest, parallel, series } = require('gulp');

// tsc emits only JavaScript. n8n also loads icons (dist/icons) and each node's codex file
// (the .node.json beside the .node.js) at run time.
function buildIcons() {
	return src('icons/**/*.svg').pipe(dest('dist/icons'));
}

function buildCodex() {
	return src('nodes/**/*.node.json').pipe(dest('dist/nodes'));
}

/**
 * n8n community packages may not have runtime dependencies, so the one library the nodes use at
 * run time (libphonenumber-js) is bundled into the module that imports it, replacing tsc's output
 * of that file. Its relative imports stay plain requires of the other compiled files.
 */
async function bundleRuntimeLibraries() {
	await require('esbuild').build({
		entryPoints: ['nodes/core/phone.ts'],
		outfile: 'dist/nodes/core/phone.js',
		bundle: true,
		platform: 'node',
		format: 'cjs',
		target: 'node20',
		allowOverwrite: true,
		logLevel: 'warning',
		plugins: [
			{
				// libphonenumber-js compiles a RegExp from its metadata on every check (20 µs a
				// number); a campaign checks 100,000. Same patterns, same results, compiled once.
				name: 'libphonenumber-compiled-patterns',
				setup(build) {
					build.onLoad(
						{ filter: /libphonenumber-js[\\/]es6[\\/]helpers[\\/]matchesEntirely\.js$/ },
						() => ({
							loader: 'js',
							contents: `
							const compiled = new Map();
							export default function matchesEntirely(text, pattern) {
								let expression = compiled.get(pattern);
								if (expression === undefined) {
									expression = new RegExp('^(?:' + pattern + ')$');
									compiled.set(pattern, expression);
								}
								return expression.test(text || '');
							}`,
						}),
					);
				},
			},
			{
				name: 'relative-imports-stay-external',
				setup(build) {
					build.onResolve({ filter: /^\.\.?\// }, (args) =>
						args.kind === 'entry-point' || args.importer.includes('node_modules')
							? undefined
							: { path: args.path, external: true },
					);
				},
			},
		],
	});
}

/** tsc copies JSON as it reads it (indented); the zone tables ship without the whitespace. */
async function compactZoneTables() {
	const fs = require('fs');
	const file = 'dist/nodes/core/callingWindow/zoneTables.json';
	fs.writeFileSync(file, JSON.stringify(JSON.parse(fs.readFileSync(file, 'utf8'))));
}

exports.build = series(parallel(buildIcons, buildCodex), bundleRuntimeLibraries, compactZoneTables);
exports.default = exports.build;
