#!/usr/bin/env node
/**
 * `npm run dev` and `npm run screenshots` start here, before anything else of the repository is
 * used. Plain JavaScript with no dependencies, so it runs with nothing but Node.js and npm:
 *
 * 1. `--help` answers at once (nothing is installed or built for it);
 * 2. checks Node.js and, when n8n still has to be installed, the C/C++ toolchain its SQLite needs;
 * 3. on a fresh clone installs the dev dependencies (`npm ci`), then builds the package and the
 *    scripts, each step with a progress line (elapsed time and what it is doing);
 * 4. runs the command itself (scripts/dev.ts or scripts/screenshots.ts, compiled), passing the
 *    options on, and ends with its exit code.
 *
 * The time estimates are measurements on this project's 2-core machine (shared with other work);
 * a faster machine or a warm npm cache takes less.
 */
'use strict';
const { spawn } = require('node:child_process');
const { accessSync, constants, existsSync, readFileSync, readdirSync } = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const startedAt = Date.now();

const COMMANDS = {
	dev: {
		script: '.build-test/scripts/dev.js',
		summary:
			'Starts the sandbox: a real n8n with these nodes, the provider simulator and the example workflows.',
		usage: 'npm run dev [-- OPTIONS]',
		options: [
			[
				'--n8n-port N',
				'Port of n8n (editor, API, webhooks). Default 5678; a free one is used if it is taken; 0 picks any free port.',
			],
			[
				'--simulator-port N',
				'Port of the provider simulator (Webex Connect, Routee, InnoPaaS). Default 8787, same rules.',
			],
			[
				'--services-port N',
				'Port of the pretend CRM and the scripted chat model. Default 8788, same rules.',
			],
			[
				'--receipt-delay-ms N',
				'How long the simulator waits before each receipt of a call, so events arrive as a call would unfold. Default 1000.',
			],
			[
				'--log-file PATH',
				"Where n8n's own output goes. Default: n8n.log in its temporary user folder (printed when ready).",
			],
			[
				'--ready-file PATH',
				'When the sandbox is ready, also write what is printed (URLs, login, credentials, workflows, process ids) as JSON to PATH. For scripts and tests.',
			],
			['-h, --help', 'This help. Answers at once: nothing is installed or built for it.'],
		],
		footer: [
			'Ctrl-C stops everything: n8n, its task runners, the simulator and the stand-ins.',
			'The first run installs the dev dependencies and, once per machine, Node 24 and n8n into',
			'~/.cache/n8n-nodes-outbound-voice (or $N8N_OUTBOUND_VOICE_CACHE). See README.md, "Try it in one command".',
		],
	},
	screenshots: {
		script: '.build-test/scripts/screenshots.js',
		summary:
			"Rewrites the README's pictures (docs/*.png) from the real n8n editor: starts the sandbox on free ports and drives Chromium headless.",
		usage: 'npm run screenshots [-- OPTIONS]',
		options: [
			['--out DIR', 'Where the PNGs go. Default docs/.'],
			[
				'--chromium PATH',
				'The Chromium to drive. Default $CHROMIUM_PATH or /usr/bin/chromium (Debian: apt-get install chromium).',
			],
			['-h, --help', 'This help. Answers at once.'],
		],
		footer: ['Needs everything npm run dev needs, and Chromium.'],
	},
};

/**
 * Measured on this project's 2-core machine: `npm run dev` from a fresh clone with a cold npm
 * cache and no n8n installed, once on a quiet machine (load ~5) and once while four other
 * engineers' test runs shared it (load 15–24). README.md has the table.
 */
const ESTIMATES = {
	npmCi: 'about 1 min; 5 min when the machine is busy',
	build: 'about 10 s; 40 s when busy',
	scripts: 'about 5 s; 20 s when busy',
	firstRun:
		'first run on this machine: about 10 min on a 2-core machine, 18 min when it is busy with other work; installing n8n and compiling its SQLite take most of it, once',
	fresh:
		'about 2 min, up to 7 when the machine is busy: dev dependencies, build, n8n start (n8n is installed already)',
	later: 'about 1 min, up to 2 when the machine is busy: build, n8n start',
};

// ---------------------------------------------------------------------------------------------
// Help

function help(name) {
	const command = COMMANDS[name];
	const width = Math.max(...command.options.map(([flag]) => flag.length));
	return [
		`Usage: ${command.usage}`,
		'',
		command.summary,
		'',
		'Options:',
		...command.options.map(([flag, text]) => `  ${flag.padEnd(width)}  ${text}`),
		'',
		...command.footer,
		'',
	].join('\n');
}

// ---------------------------------------------------------------------------------------------
// Progress

function duration(ms) {
	const seconds = Math.round(ms / 1000);
	if (seconds < 60) return `${seconds} s`;
	return `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, '0')} s`;
}

/**
 * Runs a command as one step: a title with what it does and how long it takes here, a progress
 * line while it runs (every second on a terminal, rewritten in place; every 20 s otherwise, one
 * line each), npm's warnings as they come, and the output's end if it fails.
 */
function runStep(title, estimate, command, args, { progress } = {}) {
	const started = Date.now();
	const tty = Boolean(process.stdout.isTTY);
	process.stdout.write(`▸ ${title} (${estimate})\n`);
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
		let output = '';
		let partial = '';
		let last = '';
		let isolatedVm = '';
		const status = () => {
			const extra = progress ? progress() : '';
			return `  … ${duration(Date.now() - started)}${extra ? `, ${extra}` : ''}${last ? ` — ${last.slice(0, 70)}` : ''}`;
		};
		const clear = () => tty && process.stdout.write('\r\x1b[2K');
		const onData = (chunk) => {
			const text = chunk.toString();
			output = (output + text).slice(-32_000);
			const lines = (partial + text).split('\n');
			partial = lines.pop();
			for (const line of lines.map((l) => l.trim()).filter(Boolean)) {
				if (/^npm (warn|WARN|ERR|error)/.test(line)) {
					clear();
					process.stdout.write(`  ${line}\n`);
					if (/EBADENGINE\s+package: 'isolated-vm@/.test(line)) isolatedVm = 'seen';
					if (isolatedVm === 'seen' && /EBADENGINE\s*}$/.test(line)) {
						isolatedVm = 'explained';
						process.stdout.write(
							'  (Expected on Node 20, and harmless: isolated-vm is n8n’s expression sandbox, a dependency of n8n-workflow; it is not built or used here.)\n',
						);
					}
				} else last = line;
			}
		};
		child.stdout.on('data', onData);
		child.stderr.on('data', onData);
		const timer = setInterval(
			() => {
				if (tty) process.stdout.write(`\r\x1b[2K${status()}`);
				else process.stdout.write(`${status()}\n`);
			},
			tty ? 1000 : 20_000,
		);
		child.on('error', (error) => {
			clearInterval(timer);
			reject(error);
		});
		child.on('close', (code, signal) => {
			clearInterval(timer);
			clear();
			if (code === 0) {
				process.stdout.write(
					`✓ ${title.split(':')[0]}: done in ${duration(Date.now() - started)}\n`,
				);
				resolve();
			} else {
				process.stdout.write(`${output.split('\n').slice(-40).join('\n')}\n`);
				reject(new Error(`${command} ${args.join(' ')} failed (${signal || `exit code ${code}`})`));
			}
		});
	});
}

// ---------------------------------------------------------------------------------------------
// Prerequisites

function checkNode() {
	const [major, minor] = process.versions.node.split('.').map(Number);
	if (major < 20 || (major === 20 && minor < 15)) {
		fail(`Node.js ${process.versions.node} is too old: this repository needs 20.15 or newer.`);
	}
}

function onPath(name) {
	return (process.env.PATH || '').split(path.delimiter).some((dir) => {
		try {
			accessSync(path.join(dir, name), constants.X_OK);
			return true;
		} catch {
			return false;
		}
	});
}

/** n8n's version and cache folder as test/support/n8n.ts installs them; undefined if unreadable. */
function n8nInstallFolder() {
	try {
		const source = readFileSync(path.join(root, 'test', 'support', 'n8n.ts'), 'utf8');
		const n8n = /export const N8N_VERSION = '([^']+)'/.exec(source)?.[1];
		const node = /export const NODE_VERSION = '([^']+)'/.exec(source)?.[1];
		if (!n8n || !node) return undefined;
		const cache = path.resolve(
			process.env.N8N_OUTBOUND_VOICE_CACHE ||
				path.join(os.homedir(), '.cache', 'n8n-nodes-outbound-voice'),
		);
		return path.join(cache, `n8n-${n8n}-node-${node}`);
	} catch {
		return undefined;
	}
}

const n8nInstalled = () => {
	const folder = n8nInstallFolder();
	return folder !== undefined && existsSync(path.join(folder, '.complete.json'));
};

/**
 * n8n keeps its data in SQLite, whose driver is compiled for Node 24 when n8n is installed: that
 * needs a C/C++ compiler, make and Python. Checked before anything long starts.
 */
function checkToolchain() {
	if (n8nInstalled()) return;
	const missing = [
		['a C++ compiler (g++, c++ or clang++)', ['g++', 'c++', 'clang++']],
		['make', ['make']],
		['python3', ['python3']],
	].filter(([, names]) => !names.some(onPath));
	if (missing.length === 0) return;
	fail(
		[
			`Missing ${missing.map(([what]) => what).join(', ')}.`,
			'The first run installs n8n, whose SQLite driver is compiled for Node 24: that needs a C/C++',
			'toolchain (a C++ compiler, make and python3). Install it, then run the command again:',
			'  Debian/Ubuntu:  sudo apt-get install -y build-essential python3',
			'  Fedora/RHEL:    sudo dnf install -y gcc-c++ make python3',
			'  macOS:          xcode-select --install',
		].join('\n'),
	);
}

function fail(message) {
	process.stderr.write(`\n${message}\n`);
	process.exit(1);
}

// ---------------------------------------------------------------------------------------------
// Steps

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** Packages the lockfile installs at the top of node_modules (for npm ci's progress). */
function lockfilePackages() {
	try {
		const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8'));
		return Object.keys(lock.packages || {}).filter((key) =>
			/^node_modules\/(@[^/]+\/)?[^/]+$/.test(key),
		).length;
	} catch {
		return 0;
	}
}

function installedPackages() {
	const dir = path.join(root, 'node_modules');
	try {
		return readdirSync(dir).reduce((count, name) => {
			if (name.startsWith('.')) return count;
			if (name.startsWith('@')) return count + readdirSync(path.join(dir, name)).length;
			return count + 1;
		}, 0);
	} catch {
		return 0;
	}
}

async function prepare() {
	// npm writes node_modules/.package-lock.json on every install: without it this is a fresh clone
	// (or an interrupted install). After a pull that changes package-lock.json, run `npm ci` yourself.
	const fresh = !existsSync(path.join(root, 'node_modules', '.package-lock.json'));
	const firstRun = !n8nInstalled();
	const expected = firstRun ? ESTIMATES.firstRun : fresh ? ESTIMATES.fresh : ESTIMATES.later;
	process.stdout.write(`Getting ready (${expected}).\n`);
	if (fresh) {
		const total = lockfilePackages();
		await runStep(
			'npm ci: installing the dev dependencies (first run of this clone only)',
			ESTIMATES.npmCi,
			npm,
			['ci', '--no-audit', '--no-fund'],
			{
				progress: () =>
					`${installedPackages()}${total ? ` of ${total}` : ''} packages in node_modules`,
			},
		);
	}
	await runStep(
		'Building the package: TypeScript to dist/, icons, runtime library bundled',
		ESTIMATES.build,
		npm,
		['run', '--silent', 'build'],
	);
	const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
	await runStep('Compiling the sandbox scripts', ESTIMATES.scripts, process.execPath, [
		tsc,
		'-p',
		'tsconfig.scripts.json',
	]);
}

/** Runs the compiled command; Ctrl-C reaches it directly (same process group), so this waits for it. */
function runCommand(script, args) {
	return new Promise((resolve) => {
		const child = spawn(process.execPath, [path.join(root, script), ...args], {
			cwd: root,
			stdio: 'inherit',
			// So the command can say how long everything took, installing and building included.
			env: { ...process.env, N8N_OUTBOUND_VOICE_STARTED_AT: String(startedAt) },
		});
		const ignore = () => undefined;
		process.on('SIGINT', ignore);
		process.on('SIGTERM', () => child.kill('SIGTERM'));
		child.on('exit', (code, signal) => resolve(code ?? (signal === 'SIGINT' ? 130 : 1)));
	});
}

async function main() {
	const [name, ...args] = process.argv.slice(2);
	const command = COMMANDS[name];
	if (!command)
		fail(`Usage: node scripts/bootstrap.js <${Object.keys(COMMANDS).join('|')}> [options]`);
	if (args.includes('--help') || args.includes('-h')) {
		process.stdout.write(help(name));
		return 0;
	}
	// A mistyped option is told now, not after minutes of installing and building.
	const known = command.options.flatMap(([flags]) =>
		flags.split(', ').map((flag) => flag.split(' ')[0]),
	);
	const unknown = args.find((arg) => arg.startsWith('-') && !known.includes(arg));
	if (unknown) fail(`Unknown option ${unknown}.\n\n${help(name)}`);
	checkNode();
	checkToolchain();
	await prepare();
	return runCommand(command.script, args);
}

if (require.main === module) {
	main().then(
		(code) => process.exit(code),
		(error) => fail(error.message),
	);
}

module.exports = { COMMANDS, help };
