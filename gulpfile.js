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
		entryPoints: ['nodes/shared/phone.ts'],
		outfile: 'dist/nodes/shared/phone.js',
		bundle: true,
		platform: 'node',
		format: 'cjs',
		target: 'node20',
		allowOverwrite: true,
		logLevel: 'warning',
		plugins: [
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

exports.build = series(parallel(buildIcons, buildCodex), bundleRuntimeLibraries);
exports.default = exports.build;
