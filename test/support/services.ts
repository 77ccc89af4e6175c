/**
 * Redis and PostgreSQL from Debian's packages, for n8n's queue mode in the end-to-end tests: private
 * servers on free loopback ports with their data in temporary folders, installed with apt-get when
 * missing (a fresh CI machine has neither running; `.ci/run` runs as root there). Each server runs
 * under a small guardian process: when the test process dies without stopping it (Ctrl-C, a CI
 * timeout), the guardian ends the server and removes its folder.
 */
import { execFile, spawn } from 'node:child_process';
import { chownSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import * as fs from 'node:fs/promises';
import { connect } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';

import { freePort } from './n8n';

const run = promisify(execFile);
const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function log(message: string): void {
	process.stderr.write(`[services] ${message}\n`);
}

export interface Service {
	port: number;
	/** Stops the server (and keeps its data folder), resolving once it has exited. */
	stop(): Promise<void>;
	/** Starts it again on the same port with the same data. */
	start(): Promise<void>;
	/** Stops it for good and removes its folder. */
	close(): Promise<void>;
	logs(): string;
}

/** Installs Debian packages with apt-get (root only), once per process. */
async function aptInstall(packages: string[]): Promise<void> {
	if (process.getuid?.() !== 0) {
		throw new Error(
			`${packages.join(', ')} missing and not root: install them first (apt-get install -y ${packages.join(' ')})`,
		);
	}
	const started = Date.now();
	log(`apt-get install -y ${packages.join(' ')}`);
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	try {
		await run('apt-get', ['install', '-y', '--no-install-recommends', ...packages], {
			env,
			maxBuffer: 64 * 1024 * 1024,
		});
	} catch {
		// A fresh machine may have no package lists yet.
		await run('apt-get', ['update'], { env, maxBuffer: 64 * 1024 * 1024 });
		await run('apt-get', ['install', '-y', '--no-install-recommends', ...packages], {
			env,
			maxBuffer: 64 * 1024 * 1024,
		});
	}
	log(`installed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

function redisBinary(): string | undefined {
	return ['/usr/bin/redis-server', '/usr/local/bin/redis-server'].find((file) => existsSync(file));
}

/** PostgreSQL's server binaries folder (the newest installed version), e.g. /usr/lib/postgresql/15/bin. */
function postgresBin(): string | undefined {
	const root = '/usr/lib/postgresql';
	if (!existsSync(root)) return undefined;
	const versions = readdirSync(root)
		.filter((version) => existsSync(path.join(root, version, 'bin', 'initdb')))
		.sort((a, b) => Number(b) - Number(a));
	return versions.length > 0 ? path.join(root, versions[0], 'bin') : undefined;
}

export async function ensureServerPackages(): Promise<{ redis: string; postgres: string }> {
	const missing = [
		...(redisBinary() ? [] : ['redis-server']),
		...(postgresBin() ? [] : ['postgresql']),
	];
	if (missing.length > 0) await aptInstall(missing);
	const redis = redisBinary();
	const postgres = postgresBin();
	if (!redis || !postgres)
		throw new Error(
			`after apt-get install: redis-server ${redis ?? 'missing'}, postgres ${postgres ?? 'missing'}`,
		);
	return { redis, postgres };
}

/**
 * Runs `command` under a guardian (node) that forwards SIGTERM and, once its parent is gone, ends
 * the server and removes `folder`.
 */
const GUARDIAN = `'use strict';
const { spawn } = require('node:child_process');
const { rmSync } = require('node:fs');
const [command, ...args] = JSON.parse(process.env.GUARDED_COMMAND);
const ids = process.env.GUARDED_UID ? { uid: Number(process.env.GUARDED_UID), gid: Number(process.env.GUARDED_GID) } : {};
const child = spawn(command, args, { stdio: 'inherit', ...ids });
const parent = process.ppid;
let orphaned = false;
process.on('SIGTERM', () => child.kill('SIGTERM'));
setInterval(() => {
	if (orphaned || process.ppid === parent) return;
	orphaned = true;
	child.kill('SIGTERM');
	setTimeout(() => child.kill('SIGKILL'), 10000).unref();
}, 500).unref();
child.on('exit', (code, signal) => {
	if (orphaned) rmSync(process.env.GUARDED_FOLDER, { recursive: true, force: true });
	process.exit(code ?? (signal ? 1 : 0));
});
`;

interface Guarded {
	exited: Promise<void>;
	stop(): Promise<void>;
}

async function guard(
	folder: string,
	command: string[],
	logFile: string,
	ids?: { uid: number; gid: number },
): Promise<Guarded> {
	const guardian = path.join(folder, 'guardian.js');
	await fs.writeFile(guardian, GUARDIAN);
	const out = await fs.open(logFile, 'a');
	const child = spawn(process.execPath, [guardian], {
		env: {
			PATH: process.env.PATH ?? '',
			LANG: 'C.UTF-8',
			GUARDED_COMMAND: JSON.stringify(command),
			GUARDED_FOLDER: folder,
			...(ids ? { GUARDED_UID: String(ids.uid), GUARDED_GID: String(ids.gid) } : {}),
		},
		stdio: ['ignore', out.fd, out.fd],
	});
	await out.close();
	const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
	return {
		exited,
		async stop() {
			child.kill('SIGTERM');
			const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
			await exited;
			clearTimeout(timer);
		},
	};
}

/** Whether something answers on 127.0.0.1:port. */
function answers(port: number, probe?: { send: string; expect: string }): Promise<boolean> {
	return new Promise((resolve) => {
		const socket = connect({ host: '127.0.0.1', port });
		let data = '';
		const done = (ok: boolean) => {
			socket.destroy();
			resolve(ok);
		};
		socket.setTimeout(2000, () => done(false));
		socket.on('error', () => done(false));
		socket.on('connect', () => (probe ? socket.write(probe.send) : done(true)));
		socket.on('data', (chunk) => {
			data += chunk.toString();
			if (probe && data.includes(probe.expect)) done(true);
		});
	});
}

async function waitUntil(
	what: string,
	ready: () => Promise<boolean>,
	exited: Promise<void>,
	logs: () => string,
	timeoutMs = 60_000,
): Promise<void> {
	let gone = false;
	void exited.then(() => (gone = true));
	const deadline = Date.now() + timeoutMs;
	while (!(await ready())) {
		if (gone) throw new Error(`${what} exited while starting:\n${logs().slice(-3000)}`);
		if (Date.now() > deadline)
			throw new Error(`${what} not ready after ${timeoutMs / 1000} s:\n${logs().slice(-3000)}`);
		await delay(100);
	}
}

function service(
	name: string,
	folder: string,
	logFile: string,
	launch: () => Promise<Guarded>,
	ready: () => Promise<boolean>,
): Service {
	let current: Guarded | undefined;
	const logs = () => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : '');
	const api: Service = {
		port: 0,
		async start() {
			current = await launch();
			try {
				await waitUntil(name, ready, current.exited, logs);
			} catch (error) {
				await current.stop();
				throw error;
			}
		},
		async stop() {
			await current?.stop();
			current = undefined;
		},
		async close() {
			await api.stop();
			await fs.rm(folder, { recursive: true, force: true });
		},
		logs,
	};
	return api;
}

/** A private Redis on a free loopback port, without persistence. */
export async function startRedis(binary: string, logFile: string): Promise<Service> {
	const folder = await fs.mkdtemp(path.join(os.tmpdir(), 'n8n-e2e-redis-'));
	const port = await freePort();
	const args = [
		'--port',
		String(port),
		'--bind',
		'127.0.0.1',
		'--save',
		'',
		'--appendonly',
		'no',
		'--dir',
		folder,
		'--protected-mode',
		'no',
	];
	const redis = service(
		'redis-server',
		folder,
		logFile,
		() => guard(folder, [binary, ...args], logFile),
		() => answers(port, { send: 'PING\r\n', expect: '+PONG' }),
	);
	redis.port = port;
	try {
		await redis.start();
	} catch (error) {
		await redis.close();
		throw error;
	}
	return redis;
}

/** The uid and gid of Debian's `postgres` account: PostgreSQL refuses to run as root. */
function postgresAccount(): { uid: number; gid: number } | undefined {
	if (process.getuid?.() !== 0) return undefined;
	const line = readFileSync('/etc/passwd', 'utf8')
		.split('\n')
		.find((entry) => entry.startsWith('postgres:'));
	if (!line)
		throw new Error(
			'running as root and there is no postgres account to run PostgreSQL as (apt-get install postgresql creates it)',
		);
	const [, , uid, gid] = line.split(':');
	return { uid: Number(uid), gid: Number(gid) };
}

/**
 * A private PostgreSQL on a free loopback port: a new cluster (trust authentication, user
 * `postgres`, database `postgres`) in a temporary folder, tuned for tests (no fsync).
 */
export async function startPostgres(
	bin: string,
	logFile: string,
): Promise<Service & { user: string; database: string }> {
	const folder = await fs.mkdtemp(path.join(os.tmpdir(), 'n8n-e2e-postgres-'));
	const data = path.join(folder, 'data');
	const account = postgresAccount();
	if (account) {
		await fs.chmod(folder, 0o755);
		chownSync(folder, account.uid, account.gid);
	}
	try {
		const started = Date.now();
		await run(
			path.join(bin, 'initdb'),
			['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-sync'],
			{
				cwd: folder,
				...(account ?? {}),
			},
		);
		log(`PostgreSQL cluster created in ${((Date.now() - started) / 1000).toFixed(1)} s`);
	} catch (error) {
		await fs.rm(folder, { recursive: true, force: true });
		throw error;
	}
	const port = await freePort();
	const args = [
		'-D',
		data,
		'-p',
		String(port),
		'-k',
		folder,
		'-h',
		'127.0.0.1',
		'-c',
		'fsync=off',
		'-c',
		'synchronous_commit=off',
		'-c',
		'full_page_writes=off',
		'-c',
		'max_connections=200',
	];
	const postgres = service(
		'postgres',
		folder,
		logFile,
		() => guard(folder, [path.join(bin, 'postgres'), ...args], logFile, account),
		() =>
			answers(port).then(
				async (open) =>
					open &&
					(await run(path.join(bin, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(port)]).then(
						() => true,
						() => false,
					)),
			),
	);
	postgres.port = port;
	try {
		await postgres.start();
	} catch (error) {
		await postgres.close();
		throw error;
	}
	return Object.assign(postgres, { user: 'postgres', database: 'postgres' });
}

/** Runs SQL through psql against a started PostgreSQL (tab-separated rows, no header). */
export async function psql(bin: string, port: number, sql: string): Promise<string[][]> {
	const { stdout } = await run(
		path.join(bin, 'psql'),
		[
			'-h',
			'127.0.0.1',
			'-p',
			String(port),
			'-U',
			'postgres',
			'-d',
			'postgres',
			'-At',
			'-F',
			'\t',
			'-c',
			sql,
		],
		{
			maxBuffer: 64 * 1024 * 1024,
		},
	);
	return stdout
		.split('\n')
		.filter((line) => line !== '')
		.map((line) => line.split('\t'));
}
