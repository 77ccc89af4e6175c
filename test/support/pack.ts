import { execFile } from 'node:child_process';
import { existsSync, readFileSync, statSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';

/**
 * The repository root. This file also runs compiled into .build-test/test/support/ (for the dev
 * sandbox), where `../..` is .build-test itself.
 */
export const REPO_ROOT = ((here: string) => {
	const build = `${path.sep}.build-test${path.sep}`;
	return here.includes(build)
		? here.slice(0, here.indexOf(build))
		: path.resolve(__dirname, '..', '..');
})(__dirname + path.sep);

/** Set by the e2e global setup: the `npm pack` tarball of this package. */
export const TARBALL_ENV = 'N8N_OUTBOUND_VOICE_E2E_TARBALL';

export function packedTarball(): string {
	const tarball = process.env[TARBALL_ENV];
	if (!tarball)
		throw new Error(`${TARBALL_ENV} is not set: run the e2e tests with npm run test:e2e`);
	return tarball;
}

function newestMtime(dir: string): number {
	let newest = 0;
	for (const entry of readdirSync(dir, { withFileTypes: true })) {
		const full = path.join(dir, entry.name);
		newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
	}
	return newest;
}

/**
 * `npm pack`s the built package into `destination` and returns the tarball's path. It packs what
 * `npm run build` left in dist/ (no rebuild), so it fails if a file n8n loads is missing there.
 */
export async function packPackage(destination: string): Promise<string> {
	const manifest = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
		n8n: { nodes: string[]; credentials: string[] };
	};
	const missing = [...manifest.n8n.nodes, ...manifest.n8n.credentials].filter(
		(file) => !existsSync(path.join(REPO_ROOT, file)),
	);
	if (missing.length > 0)
		throw new Error(
			`${missing.join(', ')} missing: run \`npm run build\` before the end-to-end tests`,
		);

	const sources = Math.max(
		...['nodes', 'credentials'].map((dir) => newestMtime(path.join(REPO_ROOT, dir))),
	);
	if (sources > newestMtime(path.join(REPO_ROOT, 'dist')))
		process.stderr.write(
			'[pack] warning: sources are newer than dist/; run `npm run build` to test the current code\n',
		);

	const { stdout } = await promisify(execFile)(
		'npm',
		['pack', '--json', '--ignore-scripts', '--pack-destination', destination],
		{ cwd: REPO_ROOT },
	);
	const [{ filename }] = JSON.parse(stdout) as Array<{ filename: string }>;
	return path.join(destination, filename);
}
