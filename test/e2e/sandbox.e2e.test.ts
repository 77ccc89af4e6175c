/**
 * The sandbox exactly as the README starts it: `npm run dev` (the same npm script, with free ports
 * so it can run next to a developer's own sandbox), each example workflow run once against it,
 * then Ctrl-C (SIGINT to its process group, as a terminal sends it) and no process left behind.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import {
	existsSync,
	mkdirSync,
	openSync,
	closeSync,
	readFileSync,
	readdirSync,
	rmSync,
} from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { request } from 'undici';

import {
	chatWithAgent,
	finishedExecution,
	nodeOutput,
	nodesThatRan,
	postLead,
	runCallAndWaitExample,
	runCampaignExample,
	SAMPLE_LEAD,
	waitFor,
	type Execution,
} from '../../scripts/examples';
import type { SandboxInfo } from '../../scripts/sandbox';
import { connectN8n, type N8nClient } from '../support/n8n';
import { REPO_ROOT } from '../support/pack';
import { webexReceipt } from '../support/receipts';
import { runViaWebhook } from '../support/workflows';

type ReadyInfo = SandboxInfo & { devPid: number; readyAfterMs: number };

const LOG_DIR = path.join(REPO_ROOT, '.e2e', 'logs');
const DEV_LOG = path.join(LOG_DIR, 'sandbox-dev.log');
const N8N_LOG = path.join(LOG_DIR, 'sandbox-n8n.log');
const READY_FILE = path.join(os.tmpdir(), `n8n-outbound-voice-sandbox-ready-${process.pid}.json`);

let dev: ChildProcess;
let devExit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
let info: ReadyInfo;
let n8n: N8nClient & { close(): Promise<void> };

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The promise's value, or undefined after `ms`; leaves no timer behind. */
async function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
	let timer: NodeJS.Timeout | undefined;
	const timeout = new Promise<undefined>((resolve) => (timer = setTimeout(resolve, ms, undefined)));
	return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
const devLog = () => (existsSync(DEV_LOG) ? readFileSync(DEV_LOG, 'utf8') : '');
const tail = (text: string, lines = 40) => text.split('\n').slice(-lines).join('\n');

async function getJson<T = any>(url: string): Promise<T> {
	const response = await request(url);
	if (response.statusCode !== 200) throw new Error(`GET ${url} answered ${response.statusCode}`);
	return (await response.body.json()) as T;
}

const crmActivities = () => getJson<Array<Record<string, any>>>(info.crmActivitiesUrl);
const dials = () => getJson<Record<string, number>>(`${info.simulatorUrl}/__sim/dials`);

/** Example 3's executions (the Voice Receipt Trigger's), each with the event that started it. */
async function receiptRuns(): Promise<Array<{ event: Record<string, any>; execution: Execution }>> {
	const executions = await n8n.executions(info.workflows.receipts.id);
	return executions
		.filter((execution) => !['new', 'running', 'waiting'].includes(execution.status))
		.flatMap((execution) =>
			nodeOutput(execution, 'Voice Receipt Trigger').map((event) => ({ event, execution })),
		);
}

/** Live processes in any of these process groups. */
function processesInGroups(groups: number[]): number[] {
	const left: number[] = [];
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
			const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
			if (state !== 'Z' && groups.includes(Number(pgrp))) left.push(Number(entry));
		} catch {
			// Gone meanwhile.
		}
	}
	return left;
}

async function refusesConnections(url: string): Promise<boolean> {
	try {
		await request(url, { headersTimeout: 2000 });
		return false;
	} catch (error) {
		return /ECONNREFUSED/.test(String((error as { code?: string }).code ?? error));
	}
}

beforeAll(async () => {
	mkdirSync(LOG_DIR, { recursive: true });
	rmSync(READY_FILE, { force: true });
	const out = openSync(DEV_LOG, 'w');
	try {
		// `npm run dev` in its own process group, as a terminal runs a foreground job. Receipts 500 ms
		// apart (the sandbox's own pace is 1 s): Twilio posts a call's status callback once, and n8n
		// answers 409 to one that arrives before it has saved the wait (seen at 100 ms on a busy
		// machine), so a faster pace would test the machine's speed, not the workflow.
		dev = spawn(
			'npm',
			[
				'run',
				'dev',
				'--',
				...['--n8n-port', '0', '--simulator-port', '0', '--services-port', '0'],
				...['--receipt-delay-ms', '500', '--log-file', N8N_LOG, '--ready-file', READY_FILE],
			],
			{
				cwd: REPO_ROOT,
				detached: true,
				stdio: ['ignore', out, out],
				env: { ...process.env, NODE_ENV: '' },
			},
		);
	} finally {
		closeSync(out);
	}
	devExit = new Promise((resolve) => dev.on('exit', (code, signal) => resolve({ code, signal })));
	let exited = false;
	void devExit.then(() => (exited = true));
	const deadline = Date.now() + 280_000;
	while (!existsSync(READY_FILE)) {
		if (exited)
			throw new Error(`npm run dev exited before the sandbox was ready:\n${tail(devLog())}`);
		if (Date.now() > deadline)
			throw new Error(`the sandbox was not ready after 280 s:\n${tail(devLog())}`);
		await delay(250);
	}
	info = JSON.parse(readFileSync(READY_FILE, 'utf8')) as ReadyInfo;
	n8n = await connectN8n(info.editorUrl, info.login, { apiKeyLabel: 'sandbox e2e' });
}, 300_000);

afterAll(async () => {
	await n8n?.close();
	rmSync(READY_FILE, { force: true });
	// Only when a test failed before the Ctrl-C test: stop it, harder if it will not go.
	if (dev?.pid !== undefined && dev.exitCode === null && dev.signalCode === null) {
		try {
			process.kill(-dev.pid, 'SIGINT');
		} catch {
			// Already gone.
		}
		if (!(await within(devExit, 40_000))) process.kill(-dev.pid, 'SIGKILL');
	}
}, 60_000);

describe('npm run dev: the sandbox', () => {
	it('prints the editor URL with the login, the simulator and what to try', async () => {
		const printed = devLog();
		expect(printed).toContain(info.editorUrl);
		expect(printed).toContain(`${info.login.email} / ${info.login.password}`);
		expect(printed).toContain(info.simulatorUrl);
		expect(printed).toContain('Press Ctrl-C to stop everything.');
		const editor = await request(info.editorUrl);
		expect(editor.statusCode).toBe(200);
		expect(await editor.body.text()).toMatch(/<html/i);
		process.stderr.write(
			`[sandbox e2e] npm run dev was ready after ${(info.readyAfterMs / 1000).toFixed(1)} s\n`,
		);
	});

	it('has the package installed as a community package and the example workflows imported, the triggered ones active', async () => {
		const nodeTypes = (await n8n.types('nodes')).map((type) => type.name);
		expect(nodeTypes).toEqual(
			expect.arrayContaining([
				'n8n-nodes-outbound-voice.makeVoiceCall',
				'n8n-nodes-outbound-voice.makeVoiceCallTool',
				'n8n-nodes-outbound-voice.sendVoiceCampaign',
				'n8n-nodes-outbound-voice.voiceReceiptTrigger',
			]),
		);
		const { data } = (await n8n.api('GET', '/workflows?limit=250')).body as {
			data: Array<{ id: string; active: boolean }>;
		};
		const active = Object.fromEntries(data.map((workflow) => [workflow.id, workflow.active]));
		expect(active[info.workflows.campaign.id]).toBe(false);
		expect(active[info.workflows.crmCall.id]).toBe(true);
		expect(active[info.workflows.receipts.id]).toBe(true);
		expect(active[info.workflows.agent.id]).toBe(true);
		expect(active[info.workflows.voicemail.id]).toBe(false);
	});

	it('has a sandbox credential for every provider, and each places a call in the simulator whose receipts reach Example 3', async () => {
		expect(info.missingProviders).toEqual([]);
		const byType = Object.fromEntries(
			info.credentials.map((credential) => [credential.type, credential]),
		);
		expect(Object.keys(byType)).toEqual(
			expect.arrayContaining([
				'webexConnectApi',
				'routeeApi',
				'innoPaasApi',
				'twilioVoiceApi',
				'openAiApi',
			]),
		);

		const calls = [
			{
				type: 'webexConnectApi',
				to: '+442079460031',
				parameters: {
					provider: 'webexConnect',
					from: '+441632960000',
					contentType: 'TTS',
					text: 'A sandbox check',
					options: { callbackData: 'credential-check', notifyUrl: info.receiptsUrl },
				},
			},
			{
				type: 'routeeApi',
				to: '+442079460032',
				parameters: {
					provider: 'routee',
					from: '442079460099',
					type: 'SAY',
					text: 'A sandbox check',
					options: { callback: { settings: { url: info.receiptsUrl, strategy: 'OnCompletion' } } },
				},
			},
			{
				type: 'innoPaasApi',
				to: '+442079460033',
				parameters: {
					provider: 'innoPaas',
					templateId: 'tpl-sandbox',
					options: { billUrl: info.receiptsUrl },
				},
			},
			{
				type: 'twilioVoiceApi',
				to: '+442079460041',
				parameters: {
					provider: 'twilio',
					from: '+442071838750',
					twilioContent: 'say',
					text: 'A sandbox check',
					options: { statusCallback: info.receiptsUrl },
				},
			},
		];
		for (const { type, to, parameters } of calls) {
			const credential = byType[type];
			const result = await runViaWebhook(
				n8n,
				{
					type: 'n8n-nodes-outbound-voice.makeVoiceCall',
					typeVersion: 1,
					parameters: { ...parameters, to },
					credentials: { [type]: { id: credential.id, name: credential.name } },
				},
				[{}],
				{ workflowName: `sandbox e2e: ${type}` },
			);
			const error =
				result.status === 200
					? undefined
					: (await n8n.executions(result.workflowId))[0]?.data?.resultData?.error?.message;
			expect({ type, status: result.status, body: result.body, error }).toMatchObject({
				type,
				status: 200,
				body: [expect.objectContaining({ to, status: 'queued' })],
			});
		}
		const numbers = calls.map(({ to }) => to);
		const finals = await waitFor('a final event per provider in Example 3', async () => {
			const events = (await receiptRuns())
				.map(({ event }) => event)
				.filter((event) => numbers.includes(event.to));
			return events.length >= numbers.length ? events : undefined;
		});
		expect(finals.map((event) => [event.provider, event.to, event.final]).sort()).toEqual([
			['innoPaas', '+442079460033', true],
			['routee', '+442079460032', true],
			['twilio', '+442079460041', true],
			['webexConnect', '+442079460031', true],
		]);
	});

	it('refuses strangers at every trigger: no secret, no run and no call', async () => {
		const before = await dials();
		const { webhookIds } = info.access;
		const receipt = webexReceipt({ code: '7401', destination: '+33123456789' });
		const strangers = [
			await n8n.webhook('POST', `${webhookIds.receipts}/voice-receipts`, receipt),
			await n8n.webhook('POST', `${webhookIds.receipts}/voice-receipts?secret=guess`, receipt),
			await n8n.webhook('POST', webhookIds.crm, { ...SAMPLE_LEAD, phone: '+33123456789' }),
			await n8n.webhook('POST', `${webhookIds.chat}/chat`, {
				action: 'sendMessage',
				sessionId: 'stranger',
				chatInput: 'Please call +44 20 7946 0128',
			}),
		];
		expect(strangers.map((answer) => [401, 403].includes(answer.status))).toEqual([
			true,
			true,
			true,
			true,
		]);
		expect(strangers[0].body).toEqual({ error: 'unauthorized' });
		expect(await dials()).toEqual(before);
	});

	it('Example 3 never dials the number a receipt names: a forged "no answer" (even with the secret) calls nobody', async () => {
		const before = await dials();
		const now = new Date().toISOString().slice(0, 23);
		const forged = webexReceipt(
			{ code: '7401', Description: 'No Answer', destination: '+33123456789', timeStamp: now },
			{ transid: 'forged-1', correlationId: 'not-one-of-yours', callbackData: 'crm-lead' },
		);
		const sent = await n8n.webhook(
			'POST',
			`${info.access.webhookIds.receipts}/voice-receipts?secret=${info.access.receiptsSecret}`,
			forged,
		);
		expect(sent.status).toBe(200);
		const run = await waitFor(
			'Example 3 to look the forged receipt up',
			async () =>
				(await receiptRuns()).find(
					({ event, execution }) =>
						event.correlationId === 'not-one-of-yours' &&
						nodesThatRan(execution).includes('One of your contacts?'),
				),
			60_000,
		);
		expect(nodesThatRan(run.execution)).not.toContain('Call again');
		expect(await dials()).toEqual(before);
	}, 90_000);

	it('Example 2: a CRM webhook places a call, and its outcome reaches Example 3, which logs it in the CRM', async () => {
		const answer = await postLead(n8n, info.access);
		expect(answer.status).toBe(200);
		expect(answer.body).toMatchObject({
			provider: 'webexConnect',
			to: '+442079460123',
			status: 'queued',
			correlationId: SAMPLE_LEAD.leadId,
			messageId: expect.any(String),
		});
		expect((await dials())['+442079460123']).toBe(1);
		const spoken = (
			await getJson<Array<Record<string, any>>>(`${info.simulatorUrl}/__sim/requests`)
		).find((entry) => JSON.stringify(entry.body).includes('+442079460123'));
		expect(spoken?.body.content.text).toBe(
			'Hello Ada, thank you for your interest in Example Solar. An adviser will visit you on Tuesday at 10 a.m. Goodbye.',
		);

		const [run] = await waitFor('the lead call in Example 3', async () => {
			const runs = (await receiptRuns()).filter(({ event }) => event.to === '+442079460123');
			return runs.length ? runs : undefined;
		});
		expect(run.event).toMatchObject({
			status: 'completed',
			final: true,
			correlationId: 'L-1001',
			callbackData: 'crm-lead',
		});
		expect(run.execution.status).toBe('success');
		expect(nodesThatRan(run.execution)).toEqual(
			expect.arrayContaining(['Voice Receipt Trigger', 'Answered?', 'CRM: log the answered call']),
		);
		expect(nodesThatRan(run.execution)).not.toContain('Already retried?');
		expect(
			(await crmActivities()).filter((activity) => activity.phone === '+442079460123'),
		).toEqual([
			expect.objectContaining({
				type: 'call-answered',
				correlationId: 'L-1001',
				messageId: answer.body.messageId,
			}),
		]);
	});

	it('Example 2: a national number is read as a UK number; a bad lead gets a 422 with the reason, and nobody is called', async () => {
		const national = await postLead(n8n, info.access, {
			...SAMPLE_LEAD,
			leadId: 'L-1002',
			phone: '020 7946 0125',
		});
		expect(national.status).toBe(200);
		expect(national.body).toMatchObject({
			to: '+442079460125',
			status: 'queued',
			correlationId: 'L-1002',
		});

		const before = await dials();
		const bad = await postLead(n8n, info.access, {
			...SAMPLE_LEAD,
			leadId: 'L-1003',
			phone: '020 7946 012',
		});
		expect({ status: bad.status, body: bad.body }).toEqual({
			status: 422,
			body: {
				error: 'invalid-lead',
				status: 'invalid',
				message: 'to "020 7946 012" is not a valid number in GB',
				code: null,
				leadId: 'L-1003',
				to: '020 7946 012',
			},
		});
		const missing = await postLead(n8n, info.access, {
			leadId: 'L-1004',
			name: 'Bo',
			appointment: 'Friday',
		});
		expect(missing.status).toBe(422);
		expect(missing.body).toMatchObject({
			error: 'invalid-lead',
			leadId: 'L-1004',
			message: expect.stringContaining('to is required'),
		});
		expect(await dials()).toEqual(before);
	});

	it('Example 1: the contact list becomes a campaign; Example 3 logs the answered calls and retries the others once', async () => {
		const execution = await runCampaignExample(n8n, info.workflows.campaign.id);
		expect(execution.status).toBe('success');
		const rows = nodeOutput(execution, 'Send Voice Campaign');
		expect(rows.map((row) => [row.to, row.status])).toEqual([
			['+442079460001', 'queued'],
			['+442079460112', 'queued'],
			['+442079460206', 'queued'],
			['+442079460307', 'queued'],
			['+442079460415', 'queued'],
		]);
		expect(new Set(rows.map((row) => row.messageId)).size).toBe(1);

		// +442079460415 ends Released: ended by the platform, no proof of an answer (seed 001).
		const answered = ['+442079460001', '+442079460112'];
		const unanswered = {
			'+442079460206': 'busy',
			'+442079460307': 'no-answer',
			'+442079460415': 'failed',
		} as Record<string, string>;
		// The unanswered ones are called again after Example 3's 10 s wait, then marked unreachable.
		const activities = await waitFor(
			'the CRM to hear about every contact',
			async () => {
				const all = (await crmActivities()).filter(
					(activity) => activity.phone in unanswered || answered.includes(activity.phone),
				);
				return all.length >= 5 ? all : undefined;
			},
			60_000,
		);
		expect(activities.map((activity) => [activity.phone, activity.type]).sort()).toEqual([
			['+442079460001', 'call-answered'],
			['+442079460112', 'call-answered'],
			['+442079460206', 'unreachable'],
			['+442079460307', 'unreachable'],
			['+442079460415', 'unreachable'],
		]);
		const counts = await dials();
		for (const number of answered) expect([number, counts[number]]).toEqual([number, 1]);
		for (const number of Object.keys(unanswered))
			expect([number, counts[number]]).toEqual([number, 2]);

		// Example 3's runs for these calls: which way each went.
		const runs = (await receiptRuns()).filter(
			({ event }) => event.to in unanswered || answered.includes(event.to),
		);
		const path = (execution: Execution) =>
			[
				'CRM: log the answered call',
				'Already retried?',
				'Call again',
				'CRM: mark unreachable',
			].filter((node) => nodesThatRan(execution).includes(node));
		expect(
			runs
				.map(({ event, execution }) => [
					event.to,
					event.status,
					event.callbackData,
					path(execution).join(' > '),
				])
				.sort((a, b) => `${a[0]}${a[2]}`.localeCompare(`${b[0]}${b[2]}`)),
		).toEqual([
			['+442079460001', 'completed', 'spring-check-ups', 'CRM: log the answered call'],
			['+442079460112', 'completed', 'spring-check-ups', 'CRM: log the answered call'],
			['+442079460206', 'busy', 'retry', 'Already retried? > CRM: mark unreachable'],
			['+442079460206', 'busy', 'spring-check-ups', 'Already retried? > Call again'],
			['+442079460307', 'no-answer', 'retry', 'Already retried? > CRM: mark unreachable'],
			['+442079460307', 'no-answer', 'spring-check-ups', 'Already retried? > Call again'],
			['+442079460415', 'failed', 'retry', 'Already retried? > CRM: mark unreachable'],
			['+442079460415', 'failed', 'spring-check-ups', 'Already retried? > Call again'],
		]);
		for (const { execution } of runs) expect(execution.status).toBe('success');
	}, 120_000);

	it('Example 4: the AI agent places a call with Make Voice Call as its tool', async () => {
		const answer = await chatWithAgent(
			n8n,
			info.access,
			'Please call +44 20 7946 0124 and tell them their glasses are ready.',
		);
		expect(answer.status).toBe(200);
		const output = typeof answer.body === 'string' ? answer.body : String(answer.body.output);
		expect(output).toMatch(
			/^Done: the provider accepted the call to \+442079460124 \(status: queued, message ID [0-9a-f-]{36}\)/,
		);
		expect((await dials())['+442079460124']).toBe(1);
		const request = (
			await getJson<Array<Record<string, any>>>(`${info.simulatorUrl}/__sim/requests`)
		).find((entry) => JSON.stringify(entry.body).includes('+442079460124'));
		expect(request?.body).toMatchObject({
			channel: 'voice',
			callbackData: 'ai-agent',
			content: { text: 'Hello, your glasses are ready. Goodbye.' },
		});

		const [execution] = await n8n.executions(info.workflows.agent.id);
		const finished = await finishedExecution(n8n, info.workflows.agent.id, execution.id);
		expect(finished.status).toBe('success');
		expect(nodesThatRan(finished)).toEqual(
			expect.arrayContaining(['AI Agent', 'Make Voice Call', 'OpenAI Chat Model']),
		);
		await waitFor('the agent’s call in Example 3', async () =>
			(await receiptRuns()).find(
				({ event }) => event.to === '+442079460124' && event.status === 'completed',
			),
		);
	});

	it('Example 4: a number outside the agent’s Allowed Destinations is refused, and the model is told why', async () => {
		const answer = await chatWithAgent(
			n8n,
			info.access,
			'Please call +33 1 23 45 67 89 and tell them their order has shipped.',
			'sandbox-chat-guardrail',
		);
		expect(answer.status).toBe(200);
		const output = typeof answer.body === 'string' ? answer.body : String(answer.body.output);
		expect(output).toContain(
			'+33123456789 is a number in France (FR), and Allowed Destinations permits only GB',
		);
		expect((await dials())['+33123456789']).toBeUndefined();
	});

	it('Example 5: calls three customers one after the other, waits for each outcome, and texts the two who did not answer', async () => {
		const execution = await runCallAndWaitExample(n8n, info.workflows.callAndWait.id);
		expect(execution.status).toBe('success');
		expect(
			nodeOutput(execution, 'Call and wait for the outcome').map((row) => [
				row.correlationId,
				row.to,
				row.outcome,
				row.status,
			]),
		).toEqual([
			['Ada', '+442079460101', 'answered', 'completed'],
			['Grace', '+442079460216', 'not-answered', 'busy'],
			['Alan', '+442079460327', 'not-answered', 'no-answer'],
		]);
		const texts = await getJson<Array<Record<string, any>>>(info.smsMessagesUrl);
		expect(texts.map((sms) => [sms.to, sms.reason])).toEqual([
			['+442079460216', 'not-answered'],
			['+442079460327', 'not-answered'],
		]);
		expect(texts[0].text).toBe(
			'Hello Grace, we tried to call you (busy): your new glasses are ready for collection. Example Opticians',
		);
		const counts = await dials();
		for (const number of ['+442079460101', '+442079460216', '+442079460327'])
			expect([number, counts[number]]).toEqual([number, 1]);
	}, 120_000);

	it('Example 7: Twilio calls with machine detection; where a machine answered, a second call leaves a voicemail after the beep; the CRM hears about each', async () => {
		const execution = await runCallAndWaitExample(n8n, info.workflows.voicemail.id);
		expect(execution.status).toBe('success');
		expect(
			nodeOutput(execution, 'Call with machine detection').map((row) => [
				row.to,
				row.provider,
				row.outcome,
				row.status,
				row.answeredBy,
			]),
		).toEqual([
			['+442079460701', 'twilio', 'answered', 'completed', 'human'],
			['+442079460713', 'twilio', 'answered', 'completed', 'machine'],
			['+442079460726', 'twilio', 'not-answered', 'no-answer', null],
		]);
		expect(
			nodeOutput(execution, 'Leave a voicemail after the beep').map((row) => [
				row.to,
				row.status,
				row.messageId,
			]),
		).toEqual([['+442079460713', 'queued', expect.stringMatching(/^CA[0-9a-f]{32}$/)]]);
		// The machine's number was called twice: detection first, then waiting for the beep.
		const requests = (
			await getJson<Array<Record<string, any>>>(`${info.simulatorUrl}/__sim/requests`)
		).filter((entry) => entry.path.endsWith('/Calls.json') && entry.body?.To === '+442079460713');
		expect(requests.map((entry) => [entry.body.MachineDetection, entry.body.Twiml])).toEqual([
			['Enable', expect.stringContaining('Hello Grace, this is Example Dental.')],
			['DetectMessageEnd', expect.stringContaining('please call us back')],
		]);
		const counts = await dials();
		expect(
			['+442079460701', '+442079460713', '+442079460726'].map((number) => counts[number]),
		).toEqual([1, 2, 1]);
		const activities = (await crmActivities()).filter((activity) =>
			['+442079460701', '+442079460713', '+442079460726'].includes(activity.phone),
		);
		expect(activities.map((activity) => [activity.phone, activity.type]).sort()).toEqual([
			['+442079460701', 'call-answered'],
			['+442079460713', 'voicemail-left'],
			['+442079460726', 'call-not-answered'],
		]);
	}, 120_000);

	it('stops everything on Ctrl-C and leaves no process behind', async () => {
		const groups = [dev.pid!, ...info.pids];
		expect(processesInGroups(info.pids).length).toBeGreaterThan(0);
		expect(existsSync(info.n8nUserFolder)).toBe(true);

		// What a terminal does on Ctrl-C: SIGINT to the foreground process group (npm, sh, node).
		process.kill(-dev.pid!, 'SIGINT');
		const exit = await within(devExit, 45_000);
		// npm ends itself with SIGINT when its script was interrupted (a shell shows exit code 130);
		// by then the sandbox has stopped.
		expect([
			{ code: 0, signal: null },
			{ code: null, signal: 'SIGINT' },
			{ code: 130, signal: null },
		]).toContainEqual(exit);
		expect(devLog()).toContain('Stopped:');
		expect(processesInGroups(groups)).toEqual([]);
		expect(existsSync(info.n8nUserFolder)).toBe(false);
		for (const url of [info.editorUrl, info.simulatorUrl, info.servicesUrl])
			expect([url, await refusesConnections(url)]).toEqual([url, true]);
	}, 60_000);
});
