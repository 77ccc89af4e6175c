/**
 * The receipt benchmark (part of npm run bench; alone: node .build-test/bench/receipts.js after
 * npm run bench's build steps).
 *
 * Receipts per second through the Voice Receipt Trigger in a real n8n 2.x, against what a user
 * would use instead: n8n's own Webhook node (POST, respond "immediately") on the same instance,
 * with the same payloads and the same concurrency. Both workflows hold only their trigger, so
 * every receipt costs what n8n spends on a webhook request and a saved execution, plus what the
 * trigger adds (parsing, normalising, the duplicate memory in static data). Each round fires the
 * same set of distinct, realistic Webex Connect receipts (distinct, so the trigger's duplicate
 * memory drops none) at both, in alternating order; the best round of each counts.
 *
 * What counts is receipts *processed*: from the first request until n8n has saved the
 * execution of every receipt it answered 2xx (the last one's stop time as n8n records it; the
 * count reads only the round's new executions, so polling does not load n8n while it works).
 * Answers alone could flatter a node that answers before n8n creates the execution (the trigger
 * did until it began answering once the run exists, as the Webhook node does). Both rates are
 * reported.
 *
 * Measured twice: with n8n's defaults (the ratio that counts), and shorter with
 * N8N_EXPRESSION_ENGINE=legacy (BENCH_RECEIPT_LEGACY_RECEIPTS and _ROUNDS can make it as long),
 * because n8n 2.x's default expression engine makes every trigger but its own Webhook node
 * acquire an expression isolate for each webhook request; the second figure shows what the
 * trigger itself costs.
 *
 * Each round also records the CPU time n8n's processes spent per receipt: on a shared machine
 * rates swing with other load, what a receipt costs much less.
 *
 * Then the parser alone, in this process: the shipped dist/ `parseReceipts`, and the whole
 * request decision (`receiveReceipts`, with the duplicate memory as JSON, and `receiveReceiptsInto`,
 * with the memory kept in the process as the trigger keeps it) for comparison; and the decision
 * with a full memory of 100,000 receipts, with what that memory takes (`measureFullMemory`).
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Pool } from 'undici';

import { activateReceiptTrigger, waitUntilRegistered } from '../test/support/e2e';
import { N8N_VERSION, startN8n, type N8nInstance } from '../test/support/n8n';
import { packPackage, REPO_ROOT } from '../test/support/pack';
import { resultsFile, saveResults } from './output';

const RECEIPTS = Number(process.env.BENCH_RECEIPTS ?? 250);
const CONCURRENCY = Number(process.env.BENCH_RECEIPT_CONCURRENCY ?? 8);
const ROUNDS = Number(process.env.BENCH_RECEIPT_ROUNDS ?? 3);
/** The shorter comparison with the legacy expression engine. */
const LEGACY_RECEIPTS = Number(process.env.BENCH_RECEIPT_LEGACY_RECEIPTS ?? 200);
const LEGACY_ROUNDS = Number(process.env.BENCH_RECEIPT_LEGACY_ROUNDS ?? 2);
const WARMUP = 50;
/** Receipts remembered before the rounds (in one request), so that no round starts with an empty memory. */
const FILL = 1000;
const PARSER_RECEIPTS = 10_000;
export const RECEIPT_TARGET_RATIO = 0.95;

interface Fired {
	ok: number;
	failed: number;
	wallMs: number;
	statuses: Record<string, number>;
}

export interface ReceiptThroughput {
	/** Receipts whose execution n8n saved (status success), per second from the first request. */
	receiptsPerSecond: number;
	/** 2xx answers per second (until the last answer). */
	answeredPerSecond: number;
	/** From the first request until the last execution was saved. */
	wallSeconds: number;
	/**
	 * CPU time n8n (all its processes) spent per receipt processed over that time, in ms: what a
	 * receipt costs, less sensitive than rates to other load on the machine. Absent without /proc.
	 */
	cpuMsPerReceipt?: number;
	/** 2xx answers; only these count. */
	ok: number;
	failed: number;
	/** Executions saved with status success / error. */
	processed: number;
	errors: number;
}

/** One n8n configuration: the trigger against the Webhook node. */
export interface ReceiptComparison {
	/** Environment given to n8n beyond the launcher's. */
	env: Record<string, string>;
	receipts: number;
	concurrency: number;
	rounds: number;
	trigger: ReceiptThroughput;
	webhook: ReceiptThroughput;
	/** trigger / webhook, receipts processed per second (best rounds). */
	ratio: number;
	/** webhook / trigger, n8n's CPU time per receipt (medians over the rounds): the cost ratio. */
	cpuRatio?: number;
	/** Every round, in the order run. */
	runs: Array<{ round: number; target: 'trigger' | 'webhook' } & ReceiptThroughput>;
}

export interface ReceiptBenchResults extends ReceiptComparison {
	n8n: string;
	target: number;
	/**
	 * The same comparison with n8n's legacy expression engine. n8n 2.x's default engine ("vm")
	 * acquires an expression isolate for the webhook phase of every trigger except its own
	 * Webhook node (LiveWebhooks.webhookPhaseNeedsIsolate); without the engine, what remains is
	 * the trigger's own cost.
	 */
	legacyExpressionEngine: ReceiptComparison;
	parser: { receipts: number; receiptsPerSecond: number };
	decision: { receipts: number; receiptsPerSecond: number };
	/** The decision as the trigger makes it, with its duplicate memory kept in the process (`receiveReceiptsInto`). */
	triggerDecision: { receipts: number; receiptsPerSecond: number };
	/** The same with a full memory: 100,000 receipts within the window, and what it costs. */
	fullMemory: {
		receipts: number;
		/** New receipts. */
		decisionsPerSecond: number;
		/** Retries of remembered receipts (duplicates). */
		retryDecisionsPerSecond: number;
		/** What the memory's typed arrays hold. */
		memoryBytes: number;
		bytesPerReceipt: number;
		/** Growth of the process's ArrayBuffer memory while the memory was filled (the same, measured from outside). */
		arrayBufferGrowthBytes: number;
	};
}

const STEPS = [
	{ code: '7407', Description: 'Offered', deliveryStatus: 'OFFERED' },
	{ code: '7408', Description: 'Accepted', deliveryStatus: 'ACCEPTED' },
	{ code: '7519', Description: 'Answered', deliveryStatus: 'ANSWERED' },
	{ code: '7410', Description: 'Disconnected', deliveryStatus: 'DISCONNECTED' },
];

/**
 * `count` distinct Webex Connect receipts as the platform sends them (providers.md §1): four
 * receipts per call, `tag` making each set unique across rounds. JSON text, as sent.
 */
export function webexReceipts(count: number, tag: string): string[] {
	const start = Date.UTC(2026, 4, 1, 10, 0, 0);
	return Array.from({ length: count }, (_, i) => {
		const call = Math.floor(i / STEPS.length);
		const step = STEPS[i % STEPS.length];
		const transid = `${tag}-${String(call).padStart(6, '0')}-0c5e-4b1e-9a51-6f1d2b3c4d5e`;
		const body: Record<string, unknown> = {
			deliveryInfoNotification: {
				deliveryInfo: {
					timeStamp: new Date(start + i * 1000 + (i % 1000)).toISOString().slice(0, -1),
					Description: step.Description,
					code: step.code,
					deliveryChannel: 'voice',
					additionalInfo: '',
					destination: `+4477009${String(call % 100000).padStart(5, '0')}`,
					destinationType: 'msisdn',
					deliveryStatus: step.deliveryStatus,
				},
				subtid: '',
				transid,
				callbackData: `crm-${call}`,
				correlationid: `order-${call}`,
			},
		};
		if (step.code === '7410') {
			body.deliveryTransInfo = `<deliveryTransInfo><transid>${transid}</transid><code>7410</code></deliveryTransInfo>`;
		}
		return JSON.stringify(body);
	});
}

/**
 * `count` distinct Webex Connect receipts time-stamped within the last seconds: a version 1.1
 * trigger drops a receipt older than its duplicate window as stale, as it should a replay.
 */
export function webexReceiptsStampedNow(count: number, tag: string): string[] {
	const now = Date.now();
	return webexReceipts(count, tag).map((text, index) => {
		const body = JSON.parse(text) as {
			deliveryInfoNotification: { deliveryInfo: { timeStamp: string } };
		};
		// Zone-less UTC, as Webex Connect sends it (the trigger's Time Zone option defaults to UTC).
		body.deliveryInfoNotification.deliveryInfo.timeStamp = new Date(now - count + index)
			.toISOString()
			.slice(0, -1);
		return JSON.stringify(body);
	});
}

/** POSTs every body to `url` through `concurrency` keep-alive connections; counts 2xx answers. */
export async function fire(url: string, bodies: string[], concurrency: number): Promise<Fired> {
	const target = new URL(url);
	// A request n8n leaves unanswered for 30 s fails (and shows in the statuses) instead of hanging.
	const pool = new Pool(target.origin, {
		connections: concurrency,
		pipelining: 1,
		headersTimeout: 30_000,
		bodyTimeout: 30_000,
	});
	const statuses: Record<string, number> = {};
	let ok = 0;
	let next = 0;
	const started = performance.now();
	const worker = async () => {
		while (next < bodies.length) {
			const body = bodies[next++];
			let status: string;
			try {
				const response = await pool.request({
					method: 'POST',
					path: target.pathname,
					headers: { 'content-type': 'application/json' },
					body,
				});
				await response.body.dump();
				status = String(response.statusCode);
				if (response.statusCode >= 200 && response.statusCode < 300) ok++;
			} catch (error) {
				status = (error as { code?: string }).code ?? 'error';
			}
			statuses[status] = (statuses[status] ?? 0) + 1;
		}
	};
	await Promise.all(Array.from({ length: concurrency }, worker));
	const wallMs = performance.now() - started;
	await pool.close();
	return { ok, failed: bodies.length - ok, wallMs, statuses };
}

/** The Webhook node a user would put there instead: POST, answers at once ("Workflow was started"). */
export async function activateWebhookNode(
	n8n: N8nInstance,
): Promise<{ workflowId: string; url: string }> {
	const webhookPath = `bench-receipts-${randomUUID()}`;
	const workflow = await n8n.createWorkflow({
		name: 'Receipts through the Webhook node',
		nodes: [
			{
				id: randomUUID(),
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: randomUUID(),
				parameters: {
					httpMethod: 'POST',
					path: webhookPath,
					responseMode: 'onReceived',
					options: {},
				},
			},
		],
		connections: {},
	});
	await n8n.activateWorkflow(workflow.id);
	const url = `${n8n.baseUrl}/webhook/${webhookPath}`;
	await waitUntilRegistered(url);
	return { workflowId: workflow.id, url };
}

interface SavedExecutions {
	success: number;
	error: number;
	/** When the last of the counted executions stopped (ms since the epoch), if any. */
	lastStoppedAt?: number;
}

/**
 * A workflow's finished executions newer than `afterId`, counted through the public API's pages
 * (newest first), stopping at the first older one: polling stays one page per call however many
 * executions earlier rounds left, so the count does not load the n8n it measures.
 */
async function countExecutions(
	n8n: N8nInstance,
	workflowId: string,
	afterId: number,
): Promise<SavedExecutions> {
	const saved: SavedExecutions = { success: 0, error: 0 };
	let cursor: string | undefined;
	do {
		const query = `workflowId=${workflowId}&limit=250${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
		const page = await n8n.api<{
			data: Array<{ id: string; status: string; stoppedAt?: string | null }>;
			nextCursor?: string | null;
		}>('GET', `/executions?${query}`);
		if (page.status !== 200) throw new Error(`listing executions answered ${page.status}`);
		for (const execution of page.body.data) {
			const id = Number(execution.id);
			if (id <= afterId) return saved;
			if (execution.status === 'success') saved.success++;
			else if (execution.status === 'error' || execution.status === 'crashed') saved.error++;
			else continue;
			const stoppedAt = execution.stoppedAt ? Date.parse(execution.stoppedAt) : NaN;
			if (Number.isFinite(stoppedAt))
				saved.lastStoppedAt = Math.max(saved.lastStoppedAt ?? 0, stoppedAt);
		}
		cursor = page.body.nextCursor ?? undefined;
	} while (cursor);
	return saved;
}

/** The id of a workflow's newest finished execution; 0 when it has none. */
async function newestExecutionId(n8n: N8nInstance, workflowId: string): Promise<number> {
	const page = await n8n.api<{ data: Array<{ id: string }> }>(
		'GET',
		`/executions?workflowId=${workflowId}&limit=1`,
	);
	if (page.status !== 200) throw new Error(`listing executions answered ${page.status}`);
	return page.body.data.length > 0 ? Number(page.body.data[0].id) : 0;
}

/** CPU time (user + system, ms) the n8n processes (main and task runners) have used so far; Linux /proc. */
function cpuMs(n8n: N8nInstance): number | undefined {
	let ticks = 0;
	try {
		for (const pid of n8n.pids()) {
			const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
			const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
			ticks += Number(fields[11]) + Number(fields[12]);
		}
	} catch {
		return undefined;
	}
	// USER_HZ is 100 on Linux.
	return ticks * 10;
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Waits until n8n is idle (under 5% of a core for half a second, at most 15 s), so that what one
 * measured run left behind (executions still being saved, an isolate being rebuilt) is not
 * charged to the next.
 */
export async function settle(n8n: N8nInstance): Promise<void> {
	for (let tries = 0; tries < 30; tries++) {
		const before = cpuMs(n8n);
		await delay(500);
		const after = cpuMs(n8n);
		if (before === undefined || after === undefined || after - before < 25) return;
	}
}

/**
 * Fires `bodies` at one workflow and waits until n8n has saved an execution for every 2xx
 * answer (or stops finding new ones for 15 s: answered receipts n8n then lost are not counted).
 * Done is when the last of those executions stopped, as n8n recorded it.
 */
export async function measure(
	n8n: N8nInstance,
	target: { workflowId: string; url: string },
	bodies: string[],
): Promise<ReceiptThroughput & { statuses: Record<string, number> }> {
	const baseline = await newestExecutionId(n8n, target.workflowId);
	await settle(n8n);
	const cpuBefore = cpuMs(n8n);
	const startedAt = Date.now();
	const started = performance.now();
	const fired = await fire(target.url, bodies, CONCURRENCY);
	const answeredMs = performance.now() - started;
	let now = await countExecutions(n8n, target.workflowId, baseline);
	let polledDoneMs = performance.now() - started;
	for (let stalledSince = performance.now(); now.success + now.error < fired.ok; ) {
		if (performance.now() - stalledSince > 15_000) break;
		await delay(250);
		const next = await countExecutions(n8n, target.workflowId, baseline);
		if (next.success + next.error !== now.success + now.error) {
			stalledSince = performance.now();
			polledDoneMs = performance.now() - started;
		}
		now = next;
	}
	const cpuAfter = cpuMs(n8n);
	// n8n's own record of when the last execution stopped; the poll's time when it has none.
	const doneMs =
		now.lastStoppedAt === undefined
			? polledDoneMs
			: Math.max(now.lastStoppedAt - startedAt, answeredMs);
	const processed = now.success;
	return {
		receiptsPerSecond: Math.round(processed / (doneMs / 1000)),
		answeredPerSecond: Math.round(fired.ok / (answeredMs / 1000)),
		wallSeconds: +(doneMs / 1000).toFixed(3),
		...(cpuBefore !== undefined && cpuAfter !== undefined && processed > 0
			? { cpuMsPerReceipt: +((cpuAfter - cpuBefore) / processed).toFixed(2) }
			: {}),
		ok: fired.ok,
		failed: fired.failed,
		processed,
		errors: now.error,
		statuses: fired.statuses,
	};
}

/** Best of a few timed passes of `fn` over `count` receipts. */
function receiptsPerSecond(count: number, fn: (index: number) => void): number {
	let best = 0;
	for (let pass = 0; pass < 3; pass++) {
		const started = performance.now();
		for (let i = 0; i < count; i++) fn(i);
		best = Math.max(best, count / ((performance.now() - started) / 1000));
	}
	return Math.round(best);
}

interface ShippedReceipts {
	parseReceipts(
		body: unknown,
		options?: Record<string, unknown>,
	): { events?: unknown[]; error?: string };
	receiveReceipts(
		request: Record<string, unknown>,
		stored: unknown,
		options: Record<string, unknown>,
	): { status: number; memory?: unknown };
	receiveReceiptsInto(
		request: Record<string, unknown>,
		memory: unknown,
		options: Record<string, unknown>,
	): { status: number; body: { emitted: number; duplicates: number } };
	ReceiptMemory: new () => { size: number; bytes: number };
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const shippedReceipts = () =>
	require(path.join(REPO_ROOT, 'dist', 'nodes', 'index.js')) as ShippedReceipts;

/** Receipts the duplicate memory holds in the full-memory measurement: 10 minutes at about 170 receipts/s. */
export const FULL_MEMORY = 100_000;

/**
 * The trigger's whole decision (`receiveReceiptsInto`) with a full memory of 100,000 receipts
 * within the window, on new receipts and on retries, and what that memory costs: the bytes its
 * typed arrays hold, and the growth of the process's ArrayBuffer memory while it was filled.
 */
export function measureFullMemory(): ReceiptBenchResults['fullMemory'] {
	const shipped = shippedReceipts();
	const options = {
		authenticity: { kind: 'none' },
		provider: 'auto',
		dedupe: {},
		statuses: [],
		finalOnly: false,
		timeZone: 'UTC',
		includeRaw: false,
	};
	const request = (text: string, raw = true) => {
		const body = JSON.parse(text) as unknown;
		return {
			headers: { 'content-type': 'application/json' },
			query: {},
			rawBody: raw ? Buffer.from(text) : undefined,
			body,
			contentType: 'application/json',
		};
	};
	const fill = webexReceipts(FULL_MEMORY, 'full');
	// A collection before each reading, so that only live memory counts.
	v8.setFlagsFromString('--expose-gc');
	const gc = runInNewContext('gc') as () => void;
	gc();
	const before = process.memoryUsage();
	const memory = new shipped.ReceiptMemory();
	const started = Date.now();
	// Received over 9 minutes: every one still within the 10-minute window. (Without the raw bytes,
	// which would count as ArrayBuffer memory too until collected; the decision does not need them.)
	fill.forEach((text, i) =>
		shipped.receiveReceiptsInto(request(text, false), memory, {
			...options,
			receivedAt: new Date(started + Math.floor((i * 9 * 60_000) / FULL_MEMORY)),
		}),
	);
	gc();
	gc();
	const after = process.memoryUsage();
	if (memory.size !== FULL_MEMORY)
		throw new Error(`the memory holds ${memory.size} receipts, not ${FULL_MEMORY}`);
	const now = new Date(started + 9 * 60_000);
	const fresh = webexReceipts(PARSER_RECEIPTS, 'beyond-full').map((text) => request(text));
	const retries = fill.slice(0, PARSER_RECEIPTS).map((text) => request(text));
	const newPerSecond = receiptsPerSecond(fresh.length, (i) => {
		shipped.receiveReceiptsInto(fresh[i], memory, { ...options, receivedAt: now });
	});
	const retriesPerSecond = receiptsPerSecond(retries.length, (i) => {
		const outcome = shipped.receiveReceiptsInto(retries[i], memory, {
			...options,
			receivedAt: now,
		});
		if (outcome.body.duplicates !== 1)
			throw new Error('a retry was not recognised with a full memory');
	});
	return {
		receipts: FULL_MEMORY,
		decisionsPerSecond: newPerSecond,
		retryDecisionsPerSecond: retriesPerSecond,
		memoryBytes: memory.bytes,
		bytesPerReceipt: +(memory.bytes / FULL_MEMORY).toFixed(1),
		arrayBufferGrowthBytes: after.arrayBuffers - before.arrayBuffers,
	};
}

/** The shipped parser (dist/, as n8n loads it), alone and inside the trigger's whole decision. */
export function measureParser(): Pick<
	ReceiptBenchResults,
	'parser' | 'decision' | 'triggerDecision'
> {
	const shipped = shippedReceipts();
	// As n8n hands them over: parsed JSON bodies (and the raw bytes).
	const raw = webexReceipts(PARSER_RECEIPTS, 'parser');
	const bodies = raw.map((text) => JSON.parse(text) as unknown);
	const sample = shipped.parseReceipts(bodies[0], { provider: 'auto' });
	if (!sample.events || sample.events.length !== 1)
		throw new Error(`parseReceipts did not read a receipt: ${JSON.stringify(sample)}`);
	const parser = receiptsPerSecond(bodies.length, (i) => {
		shipped.parseReceipts(bodies[i], { provider: 'auto' });
	});

	// The decision the trigger makes per request: authenticity (none), decoding, parsing, the
	// duplicate memory (read, prune, remember; as JSON, 1,000 entries: the earlier default) and filters.
	const buffers = raw.map((text) => Buffer.from(text));
	let memory: unknown;
	const decision = receiptsPerSecond(bodies.length, (i) => {
		const outcome = shipped.receiveReceipts(
			{
				headers: { 'content-type': 'application/json' },
				query: {},
				rawBody: buffers[i],
				body: bodies[i],
				contentType: 'application/json',
			},
			memory,
			{
				authenticity: { kind: 'none' },
				provider: 'auto',
				dedupe: { capacity: 1000 },
				statuses: [],
				finalOnly: false,
				timeZone: 'UTC',
				includeRaw: false,
			},
		);
		memory = outcome.memory;
	});
	// The same decision as the trigger makes it: the duplicate memory kept in the process and
	// updated in place.
	const live = new shipped.ReceiptMemory();
	const triggerDecision = receiptsPerSecond(bodies.length, (i) => {
		shipped.receiveReceiptsInto(
			{
				headers: { 'content-type': 'application/json' },
				query: {},
				rawBody: buffers[i],
				body: bodies[i],
				contentType: 'application/json',
			},
			live,
			{
				authenticity: { kind: 'none' },
				provider: 'auto',
				dedupe: {},
				statuses: [],
				finalOnly: false,
				timeZone: 'UTC',
				includeRaw: false,
			},
		);
	});
	return {
		parser: { receipts: PARSER_RECEIPTS, receiptsPerSecond: parser },
		decision: { receipts: PARSER_RECEIPTS, receiptsPerSecond: decision },
		triggerDecision: { receipts: PARSER_RECEIPTS, receiptsPerSecond: triggerDecision },
	};
}

const log = (message: string) => process.stderr.write(`[receipts] ${message}\n`);

/** Starts n8n with `env`, activates both workflows and measures `rounds` rounds of `receipts`. */
export async function compare(
	tarball: string,
	scratch: string,
	env: Record<string, string>,
	receipts: number,
	rounds: number,
): Promise<ReceiptComparison> {
	const runs: ReceiptComparison['runs'] = [];
	const n8n = await startN8n({
		packageTarball: tarball,
		logFile: path.join(scratch, `n8n-${Object.values(env).join('-') || 'default'}.log`),
		env,
	});
	try {
		const trigger = await activateReceiptTrigger(n8n, {
			name: 'Receipts through the Voice Receipt Trigger',
			// A new trigger's defaults, without authentication: detect the provider, drop duplicates.
			parameters: { provider: 'auto', authentication: 'none', dropDuplicates: true },
			typeVersion: 1.1,
		});
		const targets = { trigger, webhook: await activateWebhookNode(n8n) } as const;

		// The trigger at work remembers every receipt of its window: give it 1,000 first, in one
		// request (one run), so no round starts with an empty memory. The Webhook node gets the same
		// request. (The decision with 100,000 remembered receipts is measured in-process below.)
		const fill = JSON.stringify(
			webexReceiptsStampedNow(FILL, 'fill').map((text) => JSON.parse(text) as unknown),
		);
		for (const [name, target] of Object.entries(targets)) {
			const filled = await measure(n8n, target, [fill]);
			if (filled.failed > 0 || filled.processed !== 1)
				throw new Error(`filling the ${name}: ${JSON.stringify(filled)}`);
		}
		// Warm both paths up (JIT, caches, the first static data write) on receipts of their own.
		for (const [name, target] of Object.entries(targets)) {
			const warm = await measure(n8n, target, webexReceiptsStampedNow(WARMUP, `warm-${name}`));
			if (warm.failed > 0 || warm.processed !== WARMUP)
				throw new Error(`warm-up of the ${name}: ${JSON.stringify(warm)}`);
		}

		for (let round = 0; round < rounds; round++) {
			// The same receipts for both, new ones each round (the trigger remembers what it saw).
			const bodies = webexReceiptsStampedNow(receipts, `r${round}-${randomUUID().slice(0, 8)}`);
			const order: Array<'trigger' | 'webhook'> =
				round % 2 === 0 ? ['trigger', 'webhook'] : ['webhook', 'trigger'];
			for (const name of order) {
				const { statuses, ...measured } = await measure(n8n, targets[name], bodies);
				runs.push({ round: round + 1, target: name, ...measured });
				log(
					`${JSON.stringify(env)} ${name.padEnd(7)} round ${round + 1}: ${measured.receiptsPerSecond} receipts/s processed, ${measured.answeredPerSecond}/s answered ` +
						`(${measured.ok} of ${bodies.length} answered 2xx, ${measured.processed} executions saved` +
						`${measured.failed ? `; answers ${JSON.stringify(statuses)}` : ''}${measured.errors ? `; ${measured.errors} failed executions` : ''})` +
						`${measured.cpuMsPerReceipt === undefined ? '' : `, n8n CPU ${measured.cpuMsPerReceipt} ms per receipt`}`,
				);
			}
		}
	} finally {
		await n8n.stop();
	}

	const best = (target: 'trigger' | 'webhook'): ReceiptThroughput => {
		const {
			round: _round,
			target: _target,
			...run
		} = runs
			.filter((r) => r.target === target)
			.reduce((a, b) => (b.receiptsPerSecond > a.receiptsPerSecond ? b : a));
		return run;
	};
	const trigger = best('trigger');
	const webhook = best('webhook');
	const medianCpu = (target: 'trigger' | 'webhook'): number | undefined => {
		const values = runs
			.filter((r) => r.target === target && r.cpuMsPerReceipt !== undefined)
			.map((r) => r.cpuMsPerReceipt as number);
		values.sort((a, b) => a - b);
		return values.length === 0
			? undefined
			: (values[Math.floor((values.length - 1) / 2)] + values[Math.ceil((values.length - 1) / 2)]) /
					2;
	};
	const [triggerCpu, webhookCpu] = [medianCpu('trigger'), medianCpu('webhook')];
	return {
		env,
		receipts,
		concurrency: CONCURRENCY,
		rounds,
		trigger,
		webhook,
		ratio: +(trigger.receiptsPerSecond / webhook.receiptsPerSecond).toFixed(3),
		...(triggerCpu && webhookCpu ? { cpuRatio: +(webhookCpu / triggerCpu).toFixed(3) } : {}),
		runs,
	};
}

export async function runReceiptBenchmark(): Promise<ReceiptBenchResults> {
	const scratch = await mkdtemp(path.join(os.tmpdir(), 'n8n-outbound-voice-bench-'));
	try {
		const tarball = await packPackage(scratch);
		// n8n as installed (its defaults): what a user runs.
		const asInstalled = await compare(tarball, scratch, {}, RECEIPTS, ROUNDS);
		// Shorter: only to tell n8n's expression engine apart from the trigger's own cost.
		const legacy = await compare(
			tarball,
			scratch,
			{ N8N_EXPRESSION_ENGINE: 'legacy' },
			LEGACY_RECEIPTS,
			LEGACY_ROUNDS,
		);
		log('measuring the parser in-process');
		const parser = measureParser();
		log(
			`measuring the decision with a full memory of ${FULL_MEMORY.toLocaleString('en-US')} receipts`,
		);
		return {
			n8n: N8N_VERSION,
			target: RECEIPT_TARGET_RATIO,
			...asInstalled,
			legacyExpressionEngine: legacy,
			...parser,
			fullMemory: measureFullMemory(),
		};
	} finally {
		await rm(scratch, { recursive: true, force: true });
	}
}

export function printReceiptResults(results: ReceiptBenchResults): void {
	const row = (t: ReceiptThroughput) => ({
		'processed/s': t.receiptsPerSecond,
		'answered/s': t.answeredPerSecond,
		'2xx': t.ok,
		'not 2xx': t.failed,
		executions: t.processed,
		'n8n CPU ms/receipt': t.cpuMsPerReceipt ?? '-',
	});
	const legacy = results.legacyExpressionEngine;
	console.log(
		`\nReceipts through a real n8n ${results.n8n}: distinct Webex Connect receipts, ${results.concurrency} concurrent, best round; ` +
			`processed = answered 2xx and its execution saved:`,
	);
	console.table({
		[`trigger (n8n defaults, ${results.receipts}×${results.rounds})`]: row(results.trigger),
		[`Webhook node (n8n defaults, ${results.receipts}×${results.rounds})`]: row(results.webhook),
		[`trigger (legacy expr. engine, ${legacy.receipts}×${legacy.rounds})`]: row(legacy.trigger),
		[`Webhook node (legacy expr. engine, ${legacy.receipts}×${legacy.rounds})`]: row(
			legacy.webhook,
		),
	});
	console.log(
		`ratio trigger/webhook (receipts processed per second): ${results.ratio} with n8n's defaults (target ≥ ${results.target}); ${legacy.ratio} with N8N_EXPRESSION_ENGINE=legacy`,
	);
	if (results.cpuRatio !== undefined && legacy.cpuRatio !== undefined) {
		console.log(
			`cost ratio webhook/trigger (n8n CPU per receipt, median round): ${results.cpuRatio} with n8n's defaults; ${legacy.cpuRatio} with N8N_EXPRESSION_ENGINE=legacy`,
		);
	}
	console.log(
		`parser alone, in-process: parseReceipts ${results.parser.receiptsPerSecond.toLocaleString('en-US')} receipts/s; ` +
			`receiveReceipts (whole decision, duplicate memory as JSON) ${results.decision.receiptsPerSecond.toLocaleString('en-US')} receipts/s; ` +
			`as the trigger makes it (memory kept in the process) ${results.triggerDecision.receiptsPerSecond.toLocaleString('en-US')} receipts/s`,
	);
	const full = results.fullMemory;
	console.log(
		`with a full memory of ${full.receipts.toLocaleString('en-US')} receipts (within the window): ${full.decisionsPerSecond.toLocaleString('en-US')} decisions/s on new receipts, ` +
			`${full.retryDecisionsPerSecond.toLocaleString('en-US')}/s on retries; memory ${(full.memoryBytes / 1024 / 1024).toFixed(2)} MB ` +
			`(${full.bytesPerReceipt} bytes a receipt; measured from outside: ArrayBuffers grew ${(full.arrayBufferGrowthBytes / 1024 / 1024).toFixed(2)} MB)`,
	);
}

/** Alone: measures, prints, and puts the figures under `receipts` in the results file (see output.ts). */
async function main() {
	const file = resultsFile();
	const results = await runReceiptBenchmark();
	printReceiptResults(results);
	saveResults({ receipts: results }, file);
}

if (require.main === module) {
	main().catch((error) => {
		console.error(error);
		process.exit(1);
	});
}
