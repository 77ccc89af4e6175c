/**
 * scripts/bootstrap.js, the first thing `npm run dev` and `npm run screenshots` run: the help
 * answers without installing or building and describes every option the commands read; a
 * mistyped option and a missing toolchain are told before anything is installed or built.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { missingTools } from '../support/toolchain';
import { REPO_ROOT } from '../support/pack';

const bootstrap = (args: string[], env: NodeJS.ProcessEnv = process.env) => {
	// The timeout only guards against a regression that would go on to install and start a sandbox.
	const result = spawnSync(
		process.execPath,
		[path.join(REPO_ROOT, 'scripts', 'bootstrap.js'), ...args],
		{
			cwd: REPO_ROOT,
			env,
			encoding: 'utf8',
			timeout: 20_000,
			killSignal: 'SIGKILL',
		},
	);
	return result;
};

/** A PATH with Node.js alone: no npm, no compiler, no make, no python3. */
function nodeOnlyPath(folder: string): string {
	const bin = path.join(folder, 'bin');
	mkdirSync(bin);
	symlinkSync(process.execPath, path.join(bin, 'node'));
	return bin;
}

/** The flags a compiled command's own parser reads (its `case '--flag':` and `flag === '--flag'`). */
const flagsIn = (file: string) =>
	[
		...readFileSync(path.join(REPO_ROOT, 'scripts', file), 'utf8').matchAll(
			/(?:case |=== )'(--[a-z0-9-]+)'/g,
		),
	].map((match) => match[1]);

describe.each([
	['dev', 'dev.ts'],
	['screenshots', 'screenshots.ts'],
])('npm run %s -- --help', (command, source) => {
	// Without npm or a compiler on PATH, anything past the help (an install, a build) would fail.
	it('answers without npm or a compiler on PATH: nothing is installed or built', () => {
		const folder = mkdtempSync(path.join(os.tmpdir(), 'bootstrap-help-'));
		try {
			const result = bootstrap([command, '--help'], {
				...process.env,
				PATH: nodeOnlyPath(folder),
				N8N_OUTBOUND_VOICE_CACHE: path.join(folder, 'empty-cache'),
			});
			expect(result.status).toBe(0);
			expect(result.stdout).toContain(`Usage: npm run ${command} [-- OPTIONS]`);
			expect(result.stdout).not.toMatch(/npm ci|Building/);
			expect(result.stderr).toBe('');
		} finally {
			rmSync(folder, { recursive: true, force: true });
		}
	});

	it('describes every option the command reads, and no other', () => {
		const { stdout } = bootstrap([command, '--help']);
		const described = [...stdout.matchAll(/^ {2}(?:-h, )?(--[a-z0-9-]+)/gm)].map(
			(match) => match[1],
		);
		expect(new Set(described)).toEqual(new Set([...flagsIn(source), '--help']));
	});

	it('refuses a mistyped option before installing or building anything', () => {
		const result = bootstrap([command, '--n8n-prot', '0']);
		expect(result.status).toBe(1);
		expect(result.stderr).toContain('Unknown option --n8n-prot.');
		expect(result.stdout).not.toMatch(/npm ci|Building/);
	});
});

describe('the toolchain check', () => {
	it('stops a first run that would need to compile SQLite without a C/C++ toolchain, saying what to install', () => {
		const folder = mkdtempSync(path.join(os.tmpdir(), 'bootstrap-toolchain-'));
		try {
			const env = {
				...process.env,
				PATH: nodeOnlyPath(folder),
				N8N_OUTBOUND_VOICE_CACHE: path.join(folder, 'empty-cache'),
			};
			const result = bootstrap(['dev'], env);
			expect(result.status).toBe(1);
			expect(result.stderr).toContain(
				'Missing a C++ compiler (g++, c++ or clang++), make, python3.',
			);
			expect(result.stderr).toContain('sudo apt-get install -y build-essential python3');
			expect(result.stdout).not.toMatch(/npm ci|Building/);
		} finally {
			rmSync(folder, { recursive: true, force: true });
		}
	});

	it('finds the tools the same way the e2e suite’s install does (test/support/toolchain.ts)', () => {
		const folder = mkdtempSync(path.join(os.tmpdir(), 'bootstrap-toolchain-'));
		const saved = process.env.PATH;
		try {
			process.env.PATH = nodeOnlyPath(folder);
			expect(missingTools()).toEqual(['a C++ compiler (g++, c++ or clang++)', 'make', 'python3']);
		} finally {
			process.env.PATH = saved;
			rmSync(folder, { recursive: true, force: true });
		}
		// This machine has them (the e2e suite's n8n install needs them).
		expect(missingTools()).toEqual([]);
	});
});
