/**
 * n8n in queue mode, as production runs it at scale: PostgreSQL, Redis, a main process (no
 * production webhooks), two workers and two webhook processes, with the packed package installed as a
 * community package (test/support/queueMode.ts). What is proven here:
 *
 * - receipts: 2,000 distinct Webex Connect receipts, each delivered twice, once to each webhook
 *   process (half the copies seconds apart, as a provider's retry, half at the same moment), through
 *   Example 6 (Check Across Processes): every receipt reaches the end of the workflow exactly once,
 *   none is lost, every delivery is answered 200. The same for Twilio's status callbacks (forms
 *   signed over the public URL, checked with Twilio Signature on either process). Without the
 *   option the copies pass too; n8n's Remove Duplicates node in its place is measured.
 * - a receipt is never answered 2xx without a run: when n8n cannot create the run (an external hook
 *   refuses it), the provider gets a 500 and its retry is taken.
 * - a 10,000-recipient campaign run on a worker dials every number exactly once.
 * - a worker killed (SIGKILL) in the middle of a batch of receipts, with a replacement started:
 *   no receipt reaches the end twice, the lock the dead worker held is broken and the other runs
 *   go on; receipts that do not reach the end are at most one per run n8n ended crashed or failed.
 * - Make Voice Call → Call and Wait for Outcome: the call is placed from a worker with the resume URL
 *   (on the first webhook process, WEBHOOK_URL) as its callback, the execution waits, the simulator's
 *   receipts reach that webhook process, the final one resumes the execution on a worker, and the
 *   workflow ends with the call's outcome; the provider's retry to the other webhook process resumes nothing.
 *
 * Measurements (wall times, CPU per process, what each copy's extra run costs) go to
 * .e2e/logs/queue/metrics.json and the README's "Running at scale (queue mode)".
 */
import { createHash, randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { request } from 'undici';

import { parseReceipts } from '../../nodes';
import { nodeType, waitFor, waitUntilRegistered } from '../support/e2e';
import { packedTarball, REPO_ROOT } from '../support/pack';
import { startQueueCluster, type QueueCluster } from '../support/queueMode';
import { startReceiver, type Receiver } from '../support/receiver';
import { webexReceipt } from '../support/receipts';
import { startSimulator, type Simulator } from '../simulator/server';
import { TWILIO_SIM } from '../simulator/providers/twilio';
import { rfc2822, twilioSignature } from '../simulator/providers/twilioCallbacks';
import { openAccount, TEST_PROVIDERS } from '../support/providers';
import { webexTts } from '../support/webexTts';

const LOG_DIR = path.join(REPO_ROOT, '.e2e', 'logs', 'queue');
const SERVICE_KEY = 'queue-e2e-webex-key-5c1f';
const TWILIO = openAccount(
	TEST_PROVIDERS.find((provider) => provider.id === 'twilio')!,
	'queue-e2e',
);
const CRM_PLACEHOLDER = 'http://127.0.0.1:8788/crm/activities';
const metrics: Record<string, unknown> = { expressionEngine: 'legacy' };

let cluster: QueueCluster;
let simulator: Simulator;
let crm: Receiver<{ eventId: string; status: string }>;
/** A file whose presence makes the external hook refuse to create runs. */
let refuseRuns: string;

beforeAll(async () => {
	const started = Date.now();
	await fs.mkdir(LOG_DIR, { recursive: true });
	refuseRuns = path.join(LOG_DIR, `refuse-runs-${process.pid}`);
	await fs.rm(refuseRuns, { force: true });
	// n8n's external hooks (EXTERNAL_HOOK_FILES) run before a run is created; this one refuses to
	// create any while the control file exists: n8n "fails to start the run".
	const hooks = path.join(LOG_DIR, 'refuse-runs-hook.js');
	await fs.writeFile(
		hooks,
		`const { existsSync } = require('node:fs');\nmodule.exports = { workflow: { preExecute: [async () => { if (existsSync(${JSON.stringify(refuseRuns)})) throw new Error('run creation refused (e2e)'); }] } };\n`,
	);
	[simulator, crm] = await Promise.all([
		startSimulator({ webexServiceKey: SERVICE_KEY, receipts: false }),
		startReceiver({ path: '/crm/activities' }),
	]);
	// n8n's legacy expression engine: the default one takes an expression isolate for every webhook
	// request and run (about 60 ms of CPU each on this machine, README Benchmarks), which would make
	// this suite several times longer; what is proven here does not depend on it (the same tests pass
	// with the default engine, measured in the README).
	cluster = await startQueueCluster({
		packageTarball: packedTarball(),
		logDir: LOG_DIR,
		env: { EXTERNAL_HOOK_FILES: hooks, N8N_EXPRESSION_ENGINE: 'legacy' },
	});
	metrics.clusterStartSeconds = (Date.now() - started) / 1000;
}, 600_000);

afterAll(async () => {
	await cluster?.stop();
	await Promise.all([simulator?.close(), crm?.close()]);
	await fs.rm(refuseRuns ?? '', { force: true });
	writeFileSync(path.join(LOG_DIR, 'metrics.json'), `${JSON.stringify(metrics, null, 2)}\n`);
	process.stderr.write(`[queue] metrics: ${JSON.stringify(metrics)}\n`);
}, 120_000);

/** Runs `tasks` with at most `concurrency` at a time. */
async function pool<T>(tasks: Array<() => Promise<T>>, concurrency: number): Promise<T[]> {
	const results: T[] = new Array(tasks.length);
	let next = 0;
	await Promise.all(
		Array.from({ length: Math.min(concurrency, tasks.length) }, async () => {
			for (let index = next++; index < tasks.length; index = next++)
				results[index] = await tasks[index]();
		}),
	);
	return results;
}

type Answer = { status: number; body: any };

async function post(
	url: string,
	body: unknown,
	headers: Record<string, string> = { 'content-type': 'application/json' },
): Promise<Answer> {
	const response = await request(url, {
		method: 'POST',
		headers,
		body: typeof body === 'string' ? body : JSON.stringify(body),
	});
	const text = await response.body.text();
	let parsed: unknown = text;
	try {
		parsed = JSON.parse(text);
	} catch {
		// Not JSON.
	}
	return { status: response.statusCode, body: parsed };
}

const STEPS = [
	['7407', 'Offered'],
	['7408', 'Accepted'],
	['7519', 'Answered'],
	['7410', 'Disconnected'],
] as const;

/** The four receipts of each of `calls` calls, in the order a call unfolds; `tag` keeps them apart from other tests'. */
function callsOfReceipts(calls: number, tag: string): unknown[][] {
	// Stamped from now: Example 6's trigger (version 1.1) answers older receipts as stale.
	const start = Date.now();
	return Array.from({ length: calls }, (_, call) =>
		STEPS.map(([code, word], step) =>
			webexReceipt(
				{
					code,
					Description: word,
					deliveryStatus: word.toUpperCase(),
					destination: `+4477009${String(call).padStart(5, '0')}`,
					timeStamp: new Date(start + call * 10_000 + step * 1000).toISOString().slice(0, -1),
				},
				{ transid: `${tag}-${call}`, correlationid: `order-${call}`, callbackData: `crm-${call}` },
			),
		),
	);
}

const TWILIO_STEPS = ['initiated', 'ringing', 'in-progress', 'completed'] as const;

/**
 * Twilio's status callbacks (form fields) of each of `calls` answered calls, in the order a call
 * unfolds, numbered by SequenceNumber; stamped from now, as callsOfReceipts.
 */
function twilioCallbacks(calls: number, tag: string): Array<Array<Record<string, string>>> {
	const start = Date.now();
	return Array.from({ length: calls }, (_, call) =>
		TWILIO_STEPS.map((status, step) => ({
			AccountSid: TWILIO_SIM.account.sid,
			ApiVersion: '2010-04-01',
			CallSid: `CA${createHash('md5').update(`${tag}-${call}`).digest('hex')}`,
			CallStatus: status,
			Direction: 'outbound-api',
			From: '+15005550006',
			To: `+1415555${String(call).padStart(4, '0')}`,
			Timestamp: rfc2822(new Date(start + call * 10_000 + step * 1000)),
			SequenceNumber: String(step),
			CallbackSource: 'call-progress-events',
			...(status === 'in-progress' ? { AnsweredBy: 'human' } : {}),
			...(status === 'completed'
				? { AnsweredBy: 'human', CallDuration: '18', SipResponseCode: '200' }
				: {}),
		})),
	);
}

const eventIdOf = (body: unknown) => {
	const parsed = parseReceipts(body);
	if ('error' in parsed) throw new Error(parsed.message);
	return parsed.events[0].eventId;
};

/**
 * Example 6 as shipped, with the CRM stand-in's URL, `change` applied, active; its production URL
 * on each webhook process. With a `twilio` credential the trigger checks Twilio Signature with its
 * Auth Token instead of the query secret.
 */
async function activateExample(
	name: string,
	change: (parameters: Record<string, any>) => void = () => {},
	extraNodes?: (workflow: any) => void,
	twilio?: { id: string; name: string },
) {
	const example = JSON.parse(
		readFileSync(path.join(REPO_ROOT, 'examples', '6-receipts-queue-mode.json'), 'utf8').replaceAll(
			CRM_PLACEHOLDER,
			crm.url,
		),
	);
	const trigger = example.nodes.find(
		(node: { type: string }) => node.type === nodeType('voiceReceiptTrigger'),
	);
	trigger.webhookId = randomUUID();
	// The example's Query Secret: a fresh credential, and the secret in every URL the provider gets.
	const secret = randomUUID();
	const credential = await cluster.client.createCredential(
		`Receipts secret (${name})`,
		'voiceReceiptWebhookApi',
		{ secret, user: '' },
	);
	trigger.credentials = { voiceReceiptWebhookApi: { id: credential.id, name: credential.name } };
	if (twilio) {
		trigger.parameters.authentication = 'twilioSignature';
		trigger.credentials = { twilioVoiceApi: twilio };
	}
	change(trigger.parameters);
	extraNodes?.(example);
	const workflow = await cluster.client.createWorkflow({ ...example, name });
	await cluster.client.activateWorkflow(workflow.id);
	const urls = cluster.webhooks.map(
		(process) =>
			`${process.url}/webhook/${trigger.webhookId}/voice-receipts${twilio ? '' : `?secret=${secret}`}`,
	);
	await Promise.all(urls.map((url) => waitUntilRegistered(url)));
	return { workflowId: workflow.id as string, urls };
}

/** Waits until n8n has finished `count` executions of the workflow; their statuses. */
async function finishedRuns(
	workflowId: string,
	count: number,
	timeoutMs = 300_000,
): Promise<Record<string, number>> {
	return await waitFor(
		`${count} finished executions of ${workflowId}`,
		async () => {
			const rows = await cluster.sql(
				`select status, count(*) from execution_entity where "workflowId" = '${workflowId}' group by status`,
			);
			const statuses = Object.fromEntries(rows.map(([status, n]) => [status, Number(n)]));
			const done = Object.entries(statuses)
				.filter(([status]) => !['new', 'running', 'waiting'].includes(status))
				.reduce((sum, [, n]) => sum + n, 0);
			if (done > count)
				throw new Error(`more executions than expected: ${JSON.stringify(statuses)}`);
			return done === count ? statuses : undefined;
		},
		{ timeoutMs, intervalMs: 1000 },
	);
}

const cpu = () =>
	Object.fromEntries(cluster.all().map((process) => [process.name, process.cpuSeconds()]));
const cpuSince = (before: Record<string, number>) =>
	Object.fromEntries(
		Object.entries(cpu()).map(([name, seconds]) => [
			name,
			Math.round((seconds - before[name]) * 10) / 10,
		]),
	);

/**
 * Delivers every call's receipts twice, once to each webhook process: the first copy of call i to
 * process i % 2, the second to the other. `together` calls get both copies at the same moment;
 * the others get their second copies after every first copy went out (seconds later, as a
 * retry). Each call's receipts go out in order.
 */
async function deliverTwice(
	urls: string[],
	calls: unknown[][],
	together: (call: number) => boolean,
	concurrency = 8,
	deliver: (url: string, receipt: unknown) => Promise<Answer> = post,
) {
	const answers: Answer[] = [];
	const send = async (call: number, copy: 0 | 1 | 'both') => {
		for (const receipt of calls[call]) {
			const targets = copy === 'both' ? [call % 2, (call + 1) % 2] : [(call + copy) % 2];
			answers.push(...(await Promise.all(targets.map((target) => deliver(urls[target], receipt)))));
		}
	};
	const indices = calls.map((_, call) => call);
	const started = Date.now();
	await pool(
		indices.map((call) => () => send(call, together(call) ? 'both' : 0)),
		concurrency,
	);
	await pool(
		indices.filter((call) => !together(call)).map((call) => () => send(call, 1)),
		concurrency,
	);
	return { answers, seconds: (Date.now() - started) / 1000 };
}

describe('receipts in queue mode, two webhook processes', () => {
	it('passes each of 2,000 receipts delivered twice (to both processes) on exactly once through Example 6: none lost, every delivery answered 200', async () => {
		const { workflowId, urls } = await activateExample('Example 6 (queue mode)');
		crm.clear();
		const calls = callsOfReceipts(500, 'q');
		const expected = calls.flat().map(eventIdOf);
		expect(new Set(expected).size).toBe(2000);
		const cpuBefore = cpu();
		const { answers, seconds } = await deliverTwice(urls, calls, (call) => call % 2 === 1);
		expect(answers).toHaveLength(4000);
		expect(answers.filter((answer) => answer.status !== 200)).toEqual([]);
		// Runs: every delivery a process took as new; the others were dropped before any run (a
		// copy of a call that process saw end, with Drop Out-of-Order Events).
		const runs = answers.filter((answer) => answer.body.emitted === 1).length;
		const statuses = await finishedRuns(workflowId, runs);
		expect(statuses).toEqual({ success: runs });
		await waitFor('the CRM to have every event', () => crm.received.length >= 2000 || undefined, {
			timeoutMs: 60_000,
		});
		// Give a wrongly passed copy time to arrive, then count.
		await new Promise((resolve) => setTimeout(resolve, 2000));
		const reached = crm.bodies.map((body) => body.eventId);
		expect(reached).toHaveLength(2000);
		expect(new Set(reached)).toEqual(new Set(expected));
		const [[executionBytes]] = await cluster.sql(
			`select avg(length(d.data)) from execution_data d join execution_entity e on e.id = d."executionId" where e."workflowId" = '${workflowId}'`,
		);
		const [[storeBytes]] = await cluster.sql(
			`select sum(length(value::text)) from processed_data where "workflowId" = '${workflowId}'`,
		);
		metrics.receipts = {
			executionDataBytesPerRun: Math.round(Number(executionBytes)),
			storeRowBytes: Number(storeBytes),
			deliveries: answers.length,
			distinct: 2000,
			reachedEnd: reached.length,
			runs,
			copiesDroppedInTheirRun: runs - reached.length,
			copiesDroppedBeforeARun: answers.filter((answer) => answer.body.outOfOrder === 1).length,
			seconds,
			deliveriesPerSecond: Math.round(answers.length / seconds),
			cpuSeconds: cpuSince(cpuBefore),
		};
	}, 900_000);

	it('passes each Twilio status callback delivered twice (to both processes, signed over the public URL) on exactly once, with Twilio Signature', async () => {
		const created = await cluster.client.createCredential(
			'Twilio (queue mode)',
			TWILIO.provider.credentialType,
			TWILIO.credential('http://127.0.0.1:9'),
		);
		const { workflowId, urls } = await activateExample(
			'Example 6 with Twilio Signature',
			undefined,
			undefined,
			{ id: created.id, name: created.name },
		);
		crm.clear();
		const calls = twilioCallbacks(50, 'twilio-q');
		const expected = calls.flat().map(eventIdOf);
		expect(new Set(expected).size).toBe(200);
		// Twilio signs the public URL it called (a load balancer's, here the first process's:
		// WEBHOOK_URL), whichever process the request then reaches.
		const token = (TWILIO.account as { twilioAuthToken: string }).twilioAuthToken;
		const publicUrl = urls[0];
		const signedPost = (url: string, fields: unknown) => {
			const raw = new URLSearchParams(fields as Record<string, string>).toString();
			return post(url, raw, {
				'content-type': 'application/x-www-form-urlencoded',
				'x-twilio-signature': twilioSignature(token, publicUrl, raw),
			});
		};
		const { answers, seconds } = await deliverTwice(
			urls,
			calls,
			(call) => call % 2 === 1,
			8,
			signedPost,
		);
		expect(answers).toHaveLength(400);
		expect(answers.filter((answer) => answer.status !== 200)).toEqual([]);
		const runs = answers.filter((answer) => answer.body.emitted === 1).length;
		expect(await finishedRuns(workflowId, runs)).toEqual({ success: runs });
		await waitFor('the CRM to have every event', () => crm.received.length >= 200 || undefined, {
			timeoutMs: 60_000,
		});
		await new Promise((resolve) => setTimeout(resolve, 2000));
		const reached = crm.bodies.map((body) => body.eventId);
		expect(reached).toHaveLength(200);
		expect(new Set(reached)).toEqual(new Set(expected));
		expect(new Set(crm.bodies.map((body) => (body as { provider?: string }).provider))).toEqual(
			new Set(['twilio']),
		);
		// A callback signed with another token is refused on either process.
		const [first] = calls[0];
		const raw = new URLSearchParams(first).toString();
		for (const url of urls) {
			const forged = await post(url, raw, {
				'content-type': 'application/x-www-form-urlencoded',
				'x-twilio-signature': twilioSignature('not-the-auth-token', publicUrl, raw),
			});
			expect(forged).toEqual({ status: 401, body: { error: 'unauthorized' } });
		}
		metrics.twilioReceipts = { deliveries: answers.length, distinct: 200, runs, seconds };
	}, 600_000);

	it('without Check Across Processes, a copy that reaches the other process is passed on again', async () => {
		const { workflowId, urls } = await activateExample(
			'Example 6 without Check Across Processes',
			(parameters) => {
				parameters.options = { dropOutOfOrder: false };
			},
		);
		crm.clear();
		const calls = callsOfReceipts(50, 'plain');
		const cpuBefore = cpu();
		const { answers, seconds } = await deliverTwice(urls, calls, () => false);
		expect(answers.every((answer) => answer.status === 200 && answer.body.emitted === 1)).toBe(
			true,
		);
		await finishedRuns(workflowId, 400);
		await waitFor('the CRM to have every delivery', () => crm.received.length >= 400 || undefined, {
			timeoutMs: 60_000,
		});
		// Each process remembers only what it received: all 200 copies pass.
		expect(crm.received).toHaveLength(400);
		expect(new Set(crm.bodies.map((body) => body.eventId)).size).toBe(200);
		metrics.withoutCheckAcrossProcesses = {
			distinct: 200,
			deliveries: 400,
			reachedEnd: crm.received.length,
			seconds,
			cpuSeconds: cpuSince(cpuBefore),
		};
	}, 600_000);

	it("measures n8n's Remove Duplicates (key eventId) in its place: concurrent runs overwrite each other's record", async () => {
		const { workflowId, urls } = await activateExample(
			'Example 6 with Remove Duplicates instead',
			(parameters) => {
				parameters.options = { dropOutOfOrder: false };
			},
			(workflow) => {
				workflow.nodes.push({
					id: randomUUID(),
					name: 'Remove Duplicates',
					type: 'n8n-nodes-base.removeDuplicates',
					typeVersion: 2,
					position: [130, 0],
					parameters: {
						operation: 'removeItemsSeenInPreviousExecutions',
						dedupeValue: '={{ $json.eventId }}',
						options: {},
					},
				});
				workflow.connections = {
					'Voice Receipt Trigger': {
						main: [[{ node: 'Remove Duplicates', type: 'main', index: 0 }]],
					},
					'Remove Duplicates': {
						main: [[{ node: 'CRM: record the call event', type: 'main', index: 0 }]],
					},
				};
			},
		);
		crm.clear();
		const calls = callsOfReceipts(50, 'rd');
		const { answers } = await deliverTwice(urls, calls, () => true);
		expect(answers.every((answer) => answer.status === 200)).toBe(true);
		const statuses = await finishedRuns(workflowId, 400);
		await new Promise((resolve) => setTimeout(resolve, 3000));
		const ids = crm.bodies.map((body) => body.eventId);
		// What it guarantees is measured, not asserted: never fewer than one per receipt that
		// ran successfully, and in practice copies pass and runs fail on its table's primary key.
		metrics.removeDuplicates = {
			distinct: 200,
			deliveries: 400,
			reachedEnd: ids.length,
			distinctReachedEnd: new Set(ids).size,
			duplicatesPassed: ids.length - new Set(ids).size,
			runStatuses: statuses,
		};
		expect(new Set(ids).size).toBeLessThanOrEqual(200);
	}, 600_000);
});

describe('a receipt is never answered 2xx without a run', () => {
	it("answers 500 when n8n cannot create the run; the provider's retry is taken, and its retry after that is a duplicate", async () => {
		const { workflowId, urls } = await activateExample('Example 6 (run creation refused)');
		crm.clear();
		const [receipt] = callsOfReceipts(1, 'refused')[0];
		await fs.writeFile(refuseRuns, '');
		const refused = await post(urls[0], receipt);
		await fs.rm(refuseRuns);
		expect(refused.status).toBe(500);
		await new Promise((resolve) => setTimeout(resolve, 1500));
		expect(
			await cluster.sql(
				`select count(*) from execution_entity where "workflowId" = '${workflowId}'`,
			),
		).toEqual([['0']]);
		// Webex Connect retries a failed delivery 60 s later, to whichever process: the same one here.
		const retry = await post(urls[0], receipt);
		expect(retry).toEqual({
			status: 200,
			body: { received: 1, emitted: 1, duplicates: 0, filtered: 0, outOfOrder: 0, stale: 0 },
		});
		const again = await post(urls[0], receipt);
		expect(again).toEqual({
			status: 200,
			body: { received: 1, emitted: 0, duplicates: 1, filtered: 0, outOfOrder: 0, stale: 0 },
		});
		expect(await finishedRuns(workflowId, 1)).toEqual({ success: 1 });
		await waitFor('the CRM to have the event', () => crm.received.length >= 1 || undefined);
		expect(crm.bodies.map((body) => body.eventId)).toEqual([eventIdOf(receipt)]);
	}, 180_000);
});

describe('Send Voice Campaign in queue mode', () => {
	it('calls 10,000 recipients from a worker: every number dialled exactly once, in requests of 1,000', async () => {
		const credential = await cluster.client.createCredential(
			'Webex (simulator)',
			'webexConnectApi',
			{ apiKey: SERVICE_KEY, region: 'eu', baseUrl: simulator.url },
		);
		const webhookPath = `campaign-${randomUUID()}`;
		const workflow = await cluster.client.createWorkflow({
			name: 'Campaign of 10,000 (queue mode)',
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
						responseMode: 'lastNode',
						responseData: 'allEntries',
						options: {},
					},
				},
				{
					id: randomUUID(),
					name: 'Contacts',
					type: 'n8n-nodes-base.splitOut',
					typeVersion: 1,
					position: [200, 0],
					parameters: { fieldToSplitOut: 'body', options: {} },
				},
				{
					id: randomUUID(),
					name: 'Send Voice Campaign',
					type: nodeType('sendVoiceCampaign'),
					typeVersion: 1,
					position: [400, 0],
					credentials: { webexConnectApi: { id: credential.id, name: credential.name } },
					parameters: {
						...webexTts('Your appointment is tomorrow at 10.'),
						campaign: { batchSize: 1000, concurrency: 4 },
					},
				},
			],
			connections: {
				Webhook: { main: [[{ node: 'Contacts', type: 'main', index: 0 }]] },
				Contacts: { main: [[{ node: 'Send Voice Campaign', type: 'main', index: 0 }]] },
			},
		});
		await cluster.client.activateWorkflow(workflow.id);
		const url = `${cluster.webhooks[1].url}/webhook/${webhookPath}`;
		await waitUntilRegistered(url);
		const numbers = Array.from(
			{ length: 10_000 },
			(_, i) => `+447911${String(i).padStart(6, '0')}`,
		);
		simulator.reset();
		const started = Date.now();
		const answer = await post(
			url,
			numbers.map((phone) => ({ phone })),
		);
		const seconds = (Date.now() - started) / 1000;
		expect(answer.status).toBe(200);
		const rows = answer.body as Array<{ status: string; to: string }>;
		expect(rows).toHaveLength(10_000);
		expect(rows.filter((row) => row.status !== 'queued')).toEqual([]);
		const dials = simulator.dialCounts();
		expect(Object.keys(dials).sort()).toEqual([...numbers].sort());
		expect(Object.values(dials).filter((count) => count !== 1)).toEqual([]);
		expect(simulator.requests.map((entry) => (entry.body as { to: unknown[] }).to.length)).toEqual(
			Array(10).fill(1000),
		);
		// It ran on a worker, not on the webhook process that took the request.
		const [[executionId, mode, status]] = await cluster.sql(
			`select id, mode, status from execution_entity where "workflowId" = '${workflow.id}'`,
		);
		expect([mode, status]).toEqual(['webhook', 'success']);
		expect(
			cluster.workers
				.filter((worker) => new RegExp(`execution ${executionId}\\b`).test(worker.logs()))
				.map((worker) => worker.name),
		).toHaveLength(1);
		metrics.campaign = { recipients: 10_000, requests: simulator.requests.length, seconds };
	}, 600_000);
});

describe('Make Voice Call → Call and Wait for Outcome in queue mode', () => {
	it('places the call from a worker, waits, takes the receipts at the resume URL on a webhook process, and resumes on a worker with the outcome', async () => {
		// A simulator of its own that posts receipts (the suite's does not), a moment apart as a call unfolds.
		const provider = await startSimulator({ webexServiceKey: SERVICE_KEY, receiptDelayMs: 400 });
		try {
			const credential = await cluster.client.createCredential(
				'Webex (simulator, receipts)',
				'webexConnectApi',
				{ apiKey: SERVICE_KEY, region: 'eu', baseUrl: provider.url },
			);
			const webhookPath = `call-and-wait-${randomUUID()}`;
			const CALL = 'Call and wait';
			const AFTER = 'After the call';
			const workflow = await cluster.client.createWorkflow({
				name: 'Call and Wait for Outcome (queue mode)',
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
					{
						id: randomUUID(),
						name: CALL,
						type: nodeType('makeVoiceCall'),
						typeVersion: 1,
						position: [200, 0],
						credentials: { webexConnectApi: { id: credential.id, name: credential.name } },
						parameters: {
							...webexTts('Your table is ready'),
							operation: 'sendAndWait',
							to: '={{ $json.body.phone }}',
							options: { correlationId: '={{ $json.body.ref }}' },
						},
					},
					{
						id: randomUUID(),
						name: AFTER,
						type: 'n8n-nodes-base.noOp',
						typeVersion: 1,
						position: [400, 0],
						parameters: {},
					},
				],
				connections: {
					Webhook: { main: [[{ node: CALL, type: 'main', index: 0 }]] },
					[CALL]: { main: [[{ node: AFTER, type: 'main', index: 0 }]] },
				},
			});
			await cluster.client.activateWorkflow(workflow.id);
			// Started through the second webhook process; the resume URL is WEBHOOK_URL's, the first one.
			const url = `${cluster.webhooks[1].url}/webhook/${webhookPath}`;
			await waitUntilRegistered(url);
			const started = Date.now();
			// Simulator digit 1: offered, accepted, answered, disconnected (the callee hung up).
			const answer = await post(url, { phone: '+447700900001', ref: 'booking-q1' });
			expect(answer.status).toBe(200);
			expect(await finishedRuns(workflow.id, 1, 60_000)).toEqual({ success: 1 });
			const seconds = (Date.now() - started) / 1000;
			const [execution] = await cluster.client.executions(workflow.id);
			expect([execution.mode, execution.status]).toEqual(['webhook', 'success']);
			const rows = (
				execution.data.resultData.runData[AFTER] as Array<{
					data: { main: Array<Array<{ json: Record<string, unknown> }>> };
				}>
			).flatMap((run) => run.data.main[0].map((item) => item.json));
			expect(rows).toEqual([
				expect.objectContaining({
					outcome: 'answered',
					status: 'completed',
					provider: 'webexConnect',
					to: '+447700900001',
					correlationId: 'booking-q1',
					providerStatus: 'DISCONNECTED',
					providerCode: '7410',
					event: expect.objectContaining({ status: 'completed', final: true }),
				}),
			]);
			expect(provider.dialCounts()).toEqual({ '+447700900001': 1 });
			// The resume URL the worker gave the provider: n8n builds it from WEBHOOK_URL, the first webhook process.
			const calls = provider.requests.filter(
				(entry) => entry.method === 'POST' && entry.path.endsWith('/v2/messages'),
			);
			expect(calls).toHaveLength(1);
			const resumeUrl = (JSON.parse(calls[0].rawBody) as { notifyUrl: string }).notifyUrl;
			expect(resumeUrl).toMatch(
				new RegExp(
					`^${cluster.webhooks[0].url}/webhook-waiting/${execution.id}/[^?]+\\?signature=[0-9a-f]{64}$`,
				),
			);
			// The webhook process took every receipt: three before the final one without resuming, then the
			// final one (one that came before the wait was saved would get n8n's 409 and be retried).
			const delivered = provider.receiptsSent.filter((receipt) => receipt.url === resumeUrl);
			const taken = delivered.filter((receipt) => receipt.status === 200);
			expect(
				taken.map(
					(receipt) => (receipt.body as any).deliveryInfoNotification.deliveryInfo.deliveryStatus,
				),
			).toEqual(['OFFERED', 'ACCEPTED', 'ANSWERED', 'DISCONNECTED']);
			expect(
				delivered.filter((receipt) => receipt.status !== 200).map((receipt) => receipt.status),
			).toEqual(delivered.filter((receipt) => receipt.status !== 200).map(() => 409));
			// The provider's retry of the final receipt, to the other webhook process, is acknowledged and resumes nothing.
			const again = await post(
				resumeUrl.replace(cluster.webhooks[0].url, cluster.webhooks[1].url),
				taken[taken.length - 1].body,
			);
			expect(again.status).toBe(200);
			expect(String(again.body)).toMatch(/no action required/i);
			// One execution, two jobs: the second webhook process queued the run that placed the call, the
			// first (the resume URL's) queued its resumption, and workers ran both; main ran nothing.
			expect(
				await cluster.sql(
					`select count(*) from execution_entity where "workflowId" = '${workflow.id}'`,
				),
			).toEqual([['1']]);
			const lines = (text: string, what: string) =>
				text
					.split('\n')
					.filter((line) => new RegExp(`${what} execution ${execution.id} \\(job`).test(line));
			const workerRuns = await waitFor('both jobs to be logged by the workers', () => {
				const started = cluster.workers.flatMap((worker) => lines(worker.logs(), 'Worker started'));
				return started.length >= 2 && started;
			});
			expect(workerRuns).toHaveLength(2);
			expect(cluster.webhooks.map((process) => lines(process.logs(), 'Enqueued').length)).toEqual([
				1, 1,
			]);
			expect(cluster.main.logs()).not.toMatch(new RegExp(`execution ${execution.id} \\(job`));
			process.stderr.write(
				`[queue] call and wait: ${seconds} s; receipt attempts ${delivered.map((receipt) => receipt.status).join(', ')}; ${workerRuns.join(' | ')}\n`,
			);
			metrics.callAndWait = { seconds, receiptAttempts: delivered.length };
		} finally {
			await provider.close();
		}
	}, 180_000);
});

/** Every process's log when a worker was killed: until then no lock may have been broken. */
let logsBeforeKill: string[] | undefined;

describe('a worker killed in the middle of a batch (the lock lives on workers)', () => {
	it('passes nothing twice; the lock the dead worker held is broken and every other run goes on; what is lost died with its run', async () => {
		const { workflowId, urls } = await activateExample('Example 6 (a worker killed)');
		crm.clear();
		const calls = callsOfReceipts(150, 'kill');
		const expected = calls.flat().map(eventIdOf);
		const delivering = deliverTwice(urls, calls, (call) => call % 2 === 1);
		// Mid-batch: runs are being decided on both workers.
		await waitFor(
			'a quarter of the receipts at the end of the workflow',
			() => crm.received.length >= expected.length / 4 || undefined,
			{ timeoutMs: 300_000 },
		);
		logsBeforeKill = cluster.all().map((process) => process.logs());
		const [victim] = cluster.workers;
		const killedAt = crm.received.length;
		await victim.kill();
		// A replacement, as an orchestrator starts one: n8n marks the dead worker's unfinished
		// executions crashed when it starts.
		await cluster.addWorker();
		const { answers } = await delivering;
		expect(answers.filter((answer) => answer.status !== 200)).toEqual([]);
		const runs = answers.filter((answer) => answer.body.emitted === 1).length;
		const statuses = await finishedRuns(workflowId, runs, 600_000);
		// Give a copy passed twice time to arrive, then count.
		await new Promise((resolve) => setTimeout(resolve, 5000));
		const reached = crm.bodies.map((body) => body.eventId);
		const crashedInputs = (
			await cluster.sql(
				`select d.data from execution_data d join execution_entity e on e.id = d."executionId" where e."workflowId" = '${workflowId}' and e.status in ('crashed', 'error')`,
			)
		).map(([data]) => data);
		const missing = expected.filter((eventId) => !reached.includes(eventId));
		const brokenLocks = cluster
			.all()
			.map((process) => process.logs().split('broke a stale lock').length - 1)
			.reduce((sum, n) => sum + n, 0);
		metrics.workerKilled = {
			distinct: expected.length,
			deliveries: answers.length,
			reachedBeforeKill: killedAt,
			reachedEnd: reached.length,
			distinctReachedEnd: new Set(reached).size,
			missing: missing.length,
			runStatuses: statuses,
			staleLockWarnings: brokenLocks,
		};
		process.stderr.write(`[queue] worker killed: ${JSON.stringify(metrics.workerKilled)}\n`);
		// Nothing twice.
		expect(reached).toHaveLength(new Set(reached).size);
		// What did not reach the end died with the worker: at most one receipt per run n8n ended
		// crashed or failed (each run here carries one receipt), and none from the runs that went on.
		const died = (statuses.crashed ?? 0) + (statuses.error ?? 0);
		expect(missing.length).toBeLessThanOrEqual(died);
		metrics.workerKilled = {
			...(metrics.workerKilled as object),
			missingFoundInDeadRunsData: missing.filter((eventId) =>
				crashedInputs.some((data) => data.includes(eventId)),
			).length,
		};
		// The dead worker's runs end crashed or failed (n8n marks them when a process starts, or
		// when their job fails); none is left running.
		expect(
			Object.keys(statuses).filter((status) => !['success', 'crashed', 'error'].includes(status)),
		).toEqual([]);
	}, 1_200_000);
});

describe('the cluster', () => {
	it('logged no error loading the package and broke no lock, and stops without leaving a process behind', async () => {
		for (const process of cluster.all()) {
			expect(process.logs()).not.toMatch(
				/Failed to load package|Skipping package "n8n-nodes-outbound-voice"/,
			);
		}
		// No run had to break the lock on n8n's store as stale, until a worker was killed.
		for (const logs of logsBeforeKill ?? cluster.all().map((process) => process.logs()))
			expect(logs).not.toContain('broke a stale lock');
		metrics.rssMb = Object.fromEntries(
			cluster.all().map((process) => [process.name, Math.round(process.rssMb())]),
		);
		const pids = cluster.all().flatMap((process) => process.pids());
		expect(pids.length).toBeGreaterThan(5);
		await cluster.stop();
		for (const pid of pids) expect(() => process.kill(pid, 0)).toThrow();
	}, 120_000);
});
