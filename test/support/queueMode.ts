/**
 * n8n in queue mode, for the end-to-end suite: Redis and PostgreSQL (test/support/services.ts), then
 * a main process, workers and webhook processes, all started at once (n8n migrates PostgreSQL under
 * an advisory lock), sharing one user folder with this package installed the way n8n installs
 * community packages, one encryption key, the database and the queue. The main process takes no
 * production webhooks (N8N_DISABLE_PRODUCTION_MAIN_PROCESS): receipts go to the webhook processes,
 * runs to the workers.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import * as fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { request } from 'undici';

import {
	baseEnv,
	connectN8n,
	ensureN8n,
	freePort,
	installCommunityPackage,
	processTree,
	signalAll,
	WATCHDOG,
	watchExit,
	type N8nClient,
} from './n8n';
import { ensureServerPackages, psql, startPostgres, startRedis, type Service } from './services';

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function log(message: string): void {
	process.stderr.write(`[queue] ${message}\n`);
}

export type Role = 'main' | 'worker' | 'webhook';

export interface N8nProcess {
	role: Role;
	name: string;
	/** Its HTTP server: the editor and API (main), webhooks (webhook), health checks (worker). */
	url: string;
	logs(): string;
	/** CPU seconds the process and its task runners have used so far. */
	cpuSeconds(): number;
	/** Resident memory of the process and its task runners, in MB. */
	rssMb(): number;
	pids(): number[];
	stop(): Promise<void>;
	/** Ends it at once (SIGKILL to the whole process tree), as a machine or container dies. */
	kill(): Promise<void>;
}

export interface QueueCluster {
	/** The main process, logged in as the owner. */
	client: N8nClient;
	main: N8nProcess;
	workers: N8nProcess[];
	webhooks: N8nProcess[];
	redis: Service;
	postgres: Service & { user: string; database: string };
	/** Runs SQL on the cluster's database (rows of text). */
	sql(query: string): Promise<string[][]>;
	all(): N8nProcess[];
	/** Starts one more worker (as one replacing a worker that died); ready when it resolves. */
	addWorker(): Promise<N8nProcess>;
	/** Stops every process and server and removes their folders; safe to call twice. */
	stop(): Promise<void>;
}

export interface QueueClusterOptions {
	packageTarball: string;
	workers?: number;
	webhooks?: number;
	/** Runs a worker takes at once (`n8n worker --concurrency`). */
	concurrency?: number;
	/** Extra environment for every n8n process. */
	env?: Record<string, string>;
	/** Where logs go: `<logDir>/<name>.log`. */
	logDir: string;
	startupTimeoutMs?: number;
}

const OWNER = { email: 'owner@example.com', password: 'E2e-Passw0rd' };

/** CPU (utime + stime, seconds) and RSS (MB) of a process tree, from /proc. */
function usage(root: number): { cpu: number; rssMb: number } {
	const ticks = 100;
	let cpu = 0;
	let rss = 0;
	for (const { pid } of processTree(root)) {
		try {
			const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
			const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
			cpu += (Number(fields[11]) + Number(fields[12])) / ticks;
			rss += (Number(fields[21]) * 4096) / 1024 / 1024;
		} catch {
			// Exited meanwhile.
		}
	}
	return { cpu, rssMb: rss };
}

async function launchProcess(
	install: Awaited<ReturnType<typeof ensureN8n>>,
	userFolder: string,
	watchdog: string,
	spec: { role: Role; name: string; args: string[]; port: number; env: Record<string, string> },
	logDir: string,
): Promise<N8nProcess & { ready(timeoutMs: number): Promise<void> }> {
	const logFile = path.join(logDir, `${spec.name}.log`);
	const fd = openSync(logFile, 'w');
	const child = spawn(install.nodeBin, ['-r', watchdog, install.n8nBin, ...spec.args], {
		cwd: userFolder,
		env: spec.env,
		detached: true,
		stdio: ['ignore', fd, fd],
	});
	closeSync(fd);
	const exit = watchExit(child);
	const exited = exit.exited;
	const root = child.pid!;
	const url = `http://127.0.0.1:${spec.port}`;
	const logs = () => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : '');
	let stopped: Promise<void> | undefined;
	return {
		role: spec.role,
		name: spec.name,
		url,
		logs,
		cpuSeconds: () => usage(root).cpu,
		rssMb: () => usage(root).rssMb,
		pids: () => processTree(root).map(({ pid }) => pid),
		kill: async () => {
			for (
				const deadline = Date.now() + 10_000;
				processTree(root).length > 0 && Date.now() < deadline;

			) {
				signalAll(root, 'SIGKILL');
				await delay(100);
			}
			await exited;
		},
		stop: () =>
			(stopped ??= (async () => {
				signalAll(root, 'SIGTERM');
				const timer = setTimeout(() => signalAll(root, 'SIGKILL'), 20_000);
				await exited;
				clearTimeout(timer);
				for (
					const deadline = Date.now() + 10_000;
					processTree(root).length > 0 && Date.now() < deadline;

				) {
					signalAll(root, 'SIGKILL');
					await delay(100);
				}
			})()),
		async ready(timeoutMs: number) {
			const started = Date.now();
			for (;;) {
				if (exit.code() !== undefined)
					throw new Error(`${spec.name} exited (${exit.code()}):\n${logs().slice(-3000)}`);
				if (Date.now() - started > timeoutMs)
					throw new Error(
						`${spec.name} not ready after ${timeoutMs / 1000} s:\n${logs().slice(-3000)}`,
					);
				try {
					const response = await request(`${url}/healthz/readiness`);
					await response.body.dump();
					if (response.statusCode === 200) return;
				} catch {
					// Not listening yet.
				}
				await delay(500);
			}
		},
	};
}

/** Starts Redis, PostgreSQL and the n8n processes; everything started is stopped again if any part fails. */
export async function startQueueCluster(options: QueueClusterOptions): Promise<QueueCluster> {
	const started = Date.now();
	const install = await ensureN8n();
	const binaries = await ensureServerPackages();
	await fs.mkdir(options.logDir, { recursive: true });
	const cleanups: Array<() => Promise<void>> = [];
	const stopAll = async () => {
		for (const cleanup of cleanups.splice(0).reverse())
			await cleanup().catch((error: Error) => log(`stopping: ${error.message}`));
	};
	try {
		const [redis, postgres] = await Promise.all([
			startRedis(binaries.redis, path.join(options.logDir, 'redis.log')),
			startPostgres(binaries.postgres, path.join(options.logDir, 'postgres.log')),
		]);
		cleanups.push(
			() => redis.close(),
			() => postgres.close(),
		);
		log(
			`Redis on ${redis.port}, PostgreSQL on ${postgres.port} after ${((Date.now() - started) / 1000).toFixed(1)} s`,
		);

		const userFolder = await fs.mkdtemp(path.join(os.tmpdir(), 'n8n-e2e-queue-'));
		cleanups.push(() => fs.rm(userFolder, { recursive: true, force: true }));
		await installCommunityPackage(userFolder, options.packageTarball);
		const encryptionKey = randomBytes(24).toString('base64url');
		// Written before any process starts, so that none of them races to create it.
		await fs.mkdir(path.join(userFolder, '.n8n'), { recursive: true });
		await fs.writeFile(path.join(userFolder, '.n8n', 'config'), JSON.stringify({ encryptionKey }));
		const watchdog = path.join(userFolder, 'watchdog.js');
		await fs.writeFile(watchdog, WATCHDOG);
		const bcrypt = createRequire(
			path.join(install.n8nProject, 'node_modules', 'n8n', 'package.json'),
		)('bcryptjs') as {
			hashSync(password: string, rounds: number): string;
		};

		const workers = options.workers ?? 2;
		const webhooks = options.webhooks ?? 2;
		const used: number[] = [];
		const port = async () => {
			const free = await freePort(used);
			used.push(free);
			return free;
		};
		const mainPort = await port();
		const webhookPorts = await Promise.all(Array.from({ length: webhooks }, () => port()));
		const common: Record<string, string> = {
			...baseEnv(),
			PATH: `${path.dirname(install.nodeBin)}${path.delimiter}${process.env.PATH ?? ''}`,
			NODE_ENV: 'production',
			N8N_USER_FOLDER: userFolder,
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_ENCRYPTION_KEY: encryptionKey,
			WEBHOOK_URL: `http://127.0.0.1:${webhookPorts[0]}/`,
			N8N_EDITOR_BASE_URL: `http://127.0.0.1:${mainPort}/`,
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_SECURE_COOKIE: 'false',
			N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
			N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '10',
			N8N_RUNNERS_GRANT_TOKEN_TTL: '300',
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(postgres.port),
			DB_POSTGRESDB_USER: postgres.user,
			DB_POSTGRESDB_PASSWORD: '',
			DB_POSTGRESDB_DATABASE: postgres.database,
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: String(redis.port),
			N8N_INSTANCE_OWNER_MANAGED_BY_ENV: 'true',
			N8N_INSTANCE_OWNER_EMAIL: OWNER.email,
			N8N_INSTANCE_OWNER_FIRST_NAME: 'E2E',
			N8N_INSTANCE_OWNER_LAST_NAME: 'Owner',
			N8N_INSTANCE_OWNER_PASSWORD_HASH: bcrypt.hashSync(OWNER.password, 10),
			...options.env,
		};
		const workerSpec = async (number: number) => {
			const health = await port();
			return {
				role: 'worker' as const,
				name: `worker-${number}`,
				args: ['worker', `--concurrency=${options.concurrency ?? 10}`],
				port: health,
				env: {
					...common,
					QUEUE_HEALTH_CHECK_ACTIVE: 'true',
					QUEUE_HEALTH_CHECK_PORT: String(health),
					N8N_RUNNERS_BROKER_PORT: String(await port()),
				},
			};
		};
		const specs = [
			{
				role: 'main' as const,
				name: 'main',
				args: ['start'],
				port: mainPort,
				env: {
					...common,
					N8N_PORT: String(mainPort),
					N8N_RUNNERS_BROKER_PORT: String(await port()),
					N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true',
					OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
				},
			},
			...(await Promise.all(Array.from({ length: workers }, (_, i) => workerSpec(i + 1)))),
			...(await Promise.all(
				webhookPorts.map(async (webhookPort, i) => ({
					role: 'webhook' as const,
					name: `webhook-${i + 1}`,
					args: ['webhook'],
					port: webhookPort,
					env: {
						...common,
						N8N_PORT: String(webhookPort),
						N8N_RUNNERS_BROKER_PORT: String(await port()),
					},
				})),
			)),
		];
		const processes = await Promise.all(
			specs.map((spec) => launchProcess(install, userFolder, watchdog, spec, options.logDir)),
		);
		// n8n processes before the servers they use.
		cleanups.push(async () => {
			await Promise.all(processes.map((child) => child.stop()));
		});
		await Promise.all(processes.map((child) => child.ready(options.startupTimeoutMs ?? 240_000)));
		const client = await connectN8n(`http://127.0.0.1:${mainPort}`, OWNER, {
			apiKeyLabel: 'queue-e2e',
		});
		cleanups.push(() => client.close());
		log(
			`n8n in queue mode (main, ${workers} workers, ${webhooks} webhook processes) ready after ${((Date.now() - started) / 1000).toFixed(1)} s`,
		);
		const byRole = (role: Role) => processes.filter((child) => child.role === role);
		const addWorker = async () => {
			const spec = await workerSpec(processes.length + 1);
			const child = await launchProcess(install, userFolder, watchdog, spec, options.logDir);
			processes.push(child);
			await child.ready(options.startupTimeoutMs ?? 240_000);
			return child;
		};
		return {
			client,
			main: byRole('main')[0],
			workers: byRole('worker'),
			webhooks: byRole('webhook'),
			redis,
			postgres,
			sql: (query) => psql(binaries.postgres, postgres.port, query),
			all: () => processes,
			addWorker,
			stop: stopAll,
		};
	} catch (error) {
		await stopAll();
		throw error;
	}
}
