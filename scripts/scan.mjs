#!/usr/bin/env node
/**
 * n8n's verification scan of this package, minus what needs a published version (provenance, and
 * fetching the attested source): the ESLint analysis of @n8n/scan-community-package, with its own
 * config (`buildScanConfig`), options (inline `eslint-disable` comments ignored) and file patterns,
 * over the source tree (package.json, nodes/, credentials/) and over the tarball `npm pack` makes
 * (its .js files and package.json). The scanner fails on errors only; this fails on warnings too.
 *
 * It also checks eslint.config.mjs: n8n's `config` from @n8n/node-cli for everything except the
 * folders that never ship (test/, bench/, scripts/), so `n8n-node lint` applies the CLI's rules
 * to nodes/, credentials/ and package.json unchanged.
 *
 * `npm run lint` runs it after `n8n-node lint`. It builds dist/ first when dist/ is missing or
 * older than the sources.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const scannerDir = path.dirname(require.resolve('@n8n/scan-community-package/package.json'));
const fromScanner = createRequire(path.join(scannerDir, 'package.json'));
const { ESLint } = fromScanner('eslint');
const glob = fromScanner('fast-glob');

/** The folders eslint.config.mjs leaves out: nothing in them is published or loaded by n8n. */
const NOT_SHIPPED = ['test', 'bench', 'scripts'];

// The scanner makes a temporary folder when it is loaded: make it inside ours, removed at the end.
const scratch = mkdtempSync(path.join(tmpdir(), 'n8n-scan-'));
process.env.TMPDIR = scratch;
const { buildScanConfig, SOURCE_FILE_PATTERNS } = await import(
	pathToFileURL(path.join(scannerDir, 'scanner', 'scanner.mjs')).href
);

let failed = false;
const fail = (message) => {
	failed = true;
	process.stdout.write(`✗ ${message}\n`);
};
const pass = (message) => process.stdout.write(`✓ ${message}\n`);

/** What the scanner's analyzePackage does, counting warnings as well as errors. */
async function analyze(label, dir, patterns) {
	const eslint = new ESLint({
		cwd: dir,
		allowInlineConfig: false,
		overrideConfigFile: true,
		overrideConfig: await buildScanConfig(),
	});
	const files = glob.sync(patterns, {
		cwd: dir,
		absolute: true,
		ignore: ['node_modules/**', '**/package-lock.json'],
	});
	const results = await eslint.lintFiles(files);
	const errors = results.reduce((sum, result) => sum + result.errorCount, 0);
	const warnings = results.reduce((sum, result) => sum + result.warningCount, 0);
	if (errors + warnings === 0)
		return pass(`scanner analysis of the ${label}: ${files.length} files, 0 errors, 0 warnings`);
	process.stdout.write(await (await eslint.loadFormatter('stylish')).format(results));
	fail(`scanner analysis of the ${label}: ${errors} errors, ${warnings} warnings`);
}

function newest(dir) {
	let time = 0;
	for (const entry of readdirSync(dir, { withFileTypes: true })) {
		const full = path.join(dir, entry.name);
		time = Math.max(time, entry.isDirectory() ? newest(full) : statSync(full).mtimeMs);
	}
	return time;
}

/** The repository's eslint.config.mjs is the CLI's config for every file that ships. */
async function checkLintConfig() {
	const { config } = await import(pathToFileURL(require.resolve('@n8n/node-cli/eslint')).href);
	const ours = new ESLint({ cwd: root });
	const cli = new ESLint({ cwd: root, overrideConfigFile: true, overrideConfig: config });
	const shipped = glob.sync(['package.json', '{nodes,credentials}/**/*.ts'], { cwd: root });
	const differing = [];
	for (const file of shipped) {
		if (await ours.isPathIgnored(file)) differing.push(`${file} is ignored`);
		else if (
			JSON.stringify((await ours.calculateConfigForFile(file)).rules) !==
			JSON.stringify((await cli.calculateConfigForFile(file)).rules)
		)
			differing.push(`${file} gets other rules`);
	}
	for (const folder of NOT_SHIPPED) {
		const sample = glob.sync(`${folder}/**/*.ts`, { cwd: root })[0];
		if (sample && !(await ours.isPathIgnored(sample))) differing.push(`${sample} is linted`);
	}
	if (differing.length > 0)
		return fail(
			`eslint.config.mjs is not the CLI's config for what ships: ${differing.join('; ')}`,
		);
	pass(
		`eslint.config.mjs: the CLI's rules for all ${shipped.length} shipped sources; ${NOT_SHIPPED.join('/, ')}/ left out`,
	);
}

try {
	await checkLintConfig();
	await analyze('source tree', root, SOURCE_FILE_PATTERNS);

	const sources = Math.max(
		...['nodes', 'credentials', 'icons'].map((dir) => newest(path.join(root, dir))),
	);
	if (!existsSync(path.join(root, 'dist')) || newest(path.join(root, 'dist')) < sources) {
		process.stdout.write('dist/ is missing or older than the sources: npm run build\n');
		execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
	}
	const packed = JSON.parse(
		execFileSync(
			'npm',
			['pack', '--json', '--ignore-scripts', '--dry-run=false', '--pack-destination', scratch],
			{ cwd: root, encoding: 'utf8' },
		),
	);
	const unpacked = path.join(scratch, 'package');
	execFileSync('tar', ['-xzf', path.join(scratch, packed[0].filename), '-C', scratch]);
	await analyze(`tarball ${packed[0].filename}`, unpacked, ['**/*.js', 'package.json']);
} finally {
	rmSync(scratch, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
