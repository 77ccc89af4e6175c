/**
 * Voice Receipt Trigger in a real n8n 2.x: calls placed by Make Voice Call with the trigger's
 * production URL as notify URL / callback / bill URL / status callback, receipts delivered by the
 * provider simulator (signed with the Webex hub secret, or Twilio's X-Twilio-Signature over the URL
 * it called), and what n8n made of them: one execution per receipt holding the normalised events.
 * Then forged and repeated receipts, which must start nothing. The duplicate memory lives in n8n's workflow static data, so this is where it is
 * proven to survive from one request to the next.
 */
import { startN8n, type N8nInstance } from '../support/n8n';
import { packedTarball } from '../support/pack';
import {
	activateReceiptTrigger,
	executionsText,
	hubSignature,
	leakedSecrets,
	logFile,
	nodeItems,
	nodeType,
	postRaw,
	waitForExecutions,
	type ActiveTrigger,
} from '../support/e2e';
import { runViaWebhook } from '../support/workflows';
import { OUTCOME_BY_LAST_DIGIT } from '../simulator/providers/webexConnect';
import { type TwilioAccount } from '../simulator/providers/twilio';
import { twilioSignature } from '../simulator/providers/twilioCallbacks';
import { openAccount, TEST_PROVIDERS } from '../support/providers';
import { startSimulator, type Simulator } from '../simulator/server';
import type { ReceiptLogEntry } from '../simulator/types';

const SERVICE_KEY = 'e2e-webex-service-key-93b1c0';
const HUB_SECRET = 'e2e-hub-secret-5a8c3e71';
const ROUTEE_APP = 'e2e-routee-app-77';
const ROUTEE_SECRET = 'e2e-routee-secret-4e0d19';
const INNO_APP = 'e2e-inno-app-23';
const INNO_KEY = 'e2e-inno-app-key-8b51fa';
const TWILIO = openAccount(
	TEST_PROVIDERS.find((provider) => provider.id === 'twilio')!,
	'e2e-receipts',
);
const TWILIO_TOKEN = (TWILIO.account as TwilioAccount).twilioAuthToken;
const SECRETS = [
	...TWILIO.secrets,
	SERVICE_KEY,
	HUB_SECRET,
	ROUTEE_SECRET,
	Buffer.from(`${ROUTEE_APP}:${ROUTEE_SECRET}`).toString('base64'),
	INNO_KEY,
];

const TRIGGER = 'Voice Receipt Trigger';

let n8n: N8nInstance;
let simulator: Simulator;
let webex: { id: string; name: string };
/** The trigger Webex Connect signs for (x-hub-signature with the hub secret). */
let signed: ActiveTrigger;
const workflowIds: string[] = [];

beforeAll(async () => {
	simulator = await startSimulator({
		webexServiceKey: SERVICE_KEY,
		webexHubSecret: HUB_SECRET,
		routeeApplicationId: ROUTEE_APP,
		routeeApplicationSecret: ROUTEE_SECRET,
		innoPaasAppId: INNO_APP,
		innoPaasAppKey: INNO_KEY,
		...(TWILIO.account as TwilioAccount),
		receiptDelayMs: 40,
	});
	n8n = await startN8n({
		packageTarball: packedTarball(),
		logFile: logFile('receipts'),
		env: { N8N_LOG_LEVEL: 'debug' },
	});
	const created = await n8n.createCredential('Webex (simulator)', 'webexConnectApi', {
		apiKey: SERVICE_KEY,
		region: 'eu',
		baseUrl: simulator.url,
	});
	webex = { id: created.id, name: created.name };
	const hub = await n8n.createCredential('Webex hub secret', 'voiceReceiptWebhookApi', {
		secret: HUB_SECRET,
	});
	signed = await activateReceiptTrigger(n8n, {
		name: 'Webex receipts (signed)',
		parameters: { provider: 'auto', authentication: 'hubSignature', dropDuplicates: true },
		credential: { id: hub.id, name: hub.name },
	});
	workflowIds.push(signed.workflowId);
});

afterAll(async () => {
	await n8n?.stop();
	await simulator?.close();
});

/** Receipts the simulator delivered to a URL, oldest first, with the exact bytes it signed. */
const deliveredTo = (url: string) =>
	simulator.receiptsSent
		.filter((receipt) => receipt.url === url)
		.map((receipt) => ({ ...receipt, raw: JSON.stringify(receipt.body) }));

const events = (executions: Array<Record<string, any>>) =>
	executions.map((execution) => nodeItems(execution, TRIGGER).map((item) => item.json));

async function expectNoSecrets(...extra: unknown[]) {
	const text = (await executionsText(n8n, workflowIds)) + JSON.stringify(extra) + n8n.logs();
	expect(leakedSecrets(text, SECRETS)).toEqual([]);
}

/** Posts each attempt and expects 401 `unauthorized` for all, and no new execution of `workflowId`. */
async function expectAllRefused(
	url: string,
	workflowId: string,
	attempts: Array<{ what: string; raw: string; headers: Record<string, string> }>,
) {
	const before = (await n8n.executions(workflowId)).length;
	for (const attempt of attempts) {
		const answer = await postRaw(url, attempt.raw, attempt.headers);
		expect({ what: attempt.what, status: answer.status, body: answer.body }).toEqual({
			what: attempt.what,
			status: 401,
			body: { error: 'unauthorized' },
		});
	}
	// Give n8n time to have started a run, had it wrongly done so.
	await new Promise((resolve) => setTimeout(resolve, 1500));
	expect(await n8n.executions(workflowId)).toHaveLength(before);
	await expectNoSecrets();
}

/** The normalised statuses and provider codes each simulator outcome must become. */
const EXPECTED: Record<string, { statuses: string[]; codes: Array<string | null> }> = {
	'1': {
		statuses: ['initiated', 'initiated', 'answered', 'completed'],
		codes: ['7407', '7408', '7519', '7410'],
	},
	'5': {
		statuses: ['initiated', 'initiated', 'answered', 'failed'],
		codes: ['7407', '7408', '7519', null],
	},
	'6': { statuses: ['initiated', 'initiated', 'busy'], codes: ['7407', '7408', '7402'] },
	'7': { statuses: ['initiated', 'initiated', 'no-answer'], codes: ['7407', '7408', '7401'] },
	'8': { statuses: ['initiated', 'initiated', 'rejected'], codes: ['7407', '7408', '7406'] },
	'9': {
		statuses: ['initiated', 'initiated', 'answered', 'failed'],
		codes: ['7407', '7408', '7519', '7409'],
	},
};
const DIGITS = Object.keys(EXPECTED);
const numberEndingIn = (digit: string) => `+44770090010${digit}`;
const RECEIPT_COUNT = DIGITS.reduce(
	(sum, digit) => sum + OUTCOME_BY_LAST_DIGIT[digit].receipts.length,
	0,
);

describe('Webex Connect receipts through the Voice Receipt Trigger', () => {
	let callRows: Array<Record<string, any>>;
	let executions: Array<Record<string, any>>;
	let delivered: Array<ReceiptLogEntry & { raw: string }>;

	it('turns every signed receipt of six calls into one execution with the normalised event, in order per number', async () => {
		const call = await runViaWebhook<Array<Record<string, any>>>(
			n8n,
			{
				type: nodeType('makeVoiceCall'),
				typeVersion: 1,
				name: 'Make Voice Call',
				credentials: { webexConnectApi: webex },
				parameters: {
					provider: 'webexConnect',
					from: '+14155550100',
					to: '={{ $json.phone }}',
					contentType: 'media',
					mediaId: '1561',
					options: {
						correlationId: '={{ $json.ref }}',
						callbackData: '={{ "crm-" + $json.ref }}',
						notifyUrl: signed.url,
					},
				},
			},
			DIGITS.map((digit) => ({ phone: numberEndingIn(digit), ref: `ref-${digit}` })),
		);
		workflowIds.push(call.workflowId);
		expect(call.status).toBe(200);
		callRows = call.body;
		expect(callRows.map((row) => [row.to, row.status])).toEqual(
			DIGITS.map((digit) => [numberEndingIn(digit), 'queued']),
		);
		// The notify URL went to the provider as given.
		expect(
			simulator.requests.map((request) => (request.body as { notifyUrl?: string }).notifyUrl),
		).toEqual(DIGITS.map(() => signed.url));

		await simulator.receiptsSettled();
		delivered = deliveredTo(signed.url);
		expect(delivered).toHaveLength(RECEIPT_COUNT);
		// Every receipt accepted on the first try (Webex would retry anything else).
		expect(delivered.map((receipt) => [receipt.status, receipt.attempt])).toEqual(
			delivered.map(() => [200, 1]),
		);

		executions = await waitForExecutions(n8n, signed.workflowId, RECEIPT_COUNT);
		expect(executions.map((execution) => [execution.mode, execution.status])).toEqual(
			executions.map(() => ['webhook', 'success']),
		);
		// One execution per receipt, each with exactly one event.
		const perExecution = events(executions);
		expect(perExecution.map((list) => list.length)).toEqual(executions.map(() => 1));
		const all = perExecution.map(([event]) => event);

		for (const [index, digit] of DIGITS.entries()) {
			const to = numberEndingIn(digit);
			const mine = all.filter((event) => event.to === to);
			expect({ to, statuses: mine.map((event) => event.status) }).toEqual({
				to,
				statuses: EXPECTED[digit].statuses,
			});
			expect(mine.map((event) => event.providerCode || null)).toEqual(EXPECTED[digit].codes);
			expect(mine.map((event) => event.final)).toEqual(mine.map((_, i) => i === mine.length - 1));
			for (const event of mine) {
				expect(event).toEqual(
					expect.objectContaining({
						provider: 'webexConnect',
						messageId: callRows[index].messageId,
						correlationId: `ref-${digit}`,
						callbackData: `crm-ref-${digit}`,
						to,
						timestamp: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
						receivedAt: expect.stringMatching(/Z$/),
					}),
				);
				expect(event).not.toHaveProperty('raw');
			}
			// In the order the provider sent them: the executions' order matches the delivery order.
			const sentOrder = delivered
				.filter(
					(receipt) =>
						(receipt.body as any).deliveryInfoNotification.deliveryInfo.destination === to,
				)
				.map((receipt) => (receipt.body as any).deliveryInfoNotification.deliveryInfo.timeStamp);
			expect(mine.map((event) => event.timestamp)).toEqual(
				sentOrder.map((stamp: string) => `${stamp}Z`),
			);
		}
		await expectNoSecrets(call.body);
	});

	it('answers a forged receipt 401 and starts nothing', async () => {
		const { raw } = delivered[delivered.length - 1];
		const forged = raw
			.replace(/"code":"\d+"/, '"code":"7519"')
			.replace('"deliveryStatus":"', '"deliveryStatus":"X');
		const attempts: Array<{ what: string; raw: string; headers: Record<string, string> }> = [
			{
				what: 'signed with another secret',
				raw: forged,
				headers: { 'x-hub-signature': hubSignature(forged, 'not-the-hub-secret') },
			},
			{
				what: 'changed after signing',
				raw: forged,
				headers: { 'x-hub-signature': hubSignature(raw, HUB_SECRET) },
			},
			{ what: 'not signed at all', raw: forged, headers: {} },
			{
				what: 'a signature that is not hex',
				raw: forged,
				headers: { 'x-hub-signature': 'sha256=zzz' },
			},
		];
		expect(await n8n.executions(signed.workflowId)).toHaveLength(RECEIPT_COUNT);
		await expectAllRefused(signed.url, signed.workflowId, attempts);
	});

	it('drops every re-delivered receipt of those calls as a duplicate, starting nothing', async () => {
		// Webex retries with the very same body and signature. The six calls' receipts arrived
		// concurrently, so each request's memory of what it saw must survive the others'.
		const before = (await n8n.executions(signed.workflowId)).length;
		const answers = [];
		for (const receipt of delivered) {
			const answer = await postRaw(signed.url, receipt.raw, {
				'x-hub-signature': hubSignature(receipt.raw, HUB_SECRET),
			});
			answers.push({ status: answer.status, body: answer.body });
		}
		const detected = answers.filter(
			(answer) => (answer.body as { duplicates?: number }).duplicates === 1,
		).length;
		expect({ detected, of: delivered.length }).toEqual({
			detected: delivered.length,
			of: delivered.length,
		});
		expect(answers).toEqual(
			delivered.map(() => ({
				status: 200,
				body: { received: 1, emitted: 0, duplicates: 1, filtered: 0 },
			})),
		);
		await new Promise((resolve) => setTimeout(resolve, 1500));
		expect(await n8n.executions(signed.workflowId)).toHaveLength(before);
	});

	it('a new receipt starts one run; the same receipt again, right after the answer, is a duplicate', async () => {
		const before = (await n8n.executions(signed.workflowId)).length;
		const template = delivered[0].body as any;
		const results = [];
		for (let second = 10; second < 15; second++) {
			const fresh = JSON.stringify({
				...template,
				deliveryInfoNotification: {
					...template.deliveryInfoNotification,
					deliveryInfo: {
						...template.deliveryInfoNotification.deliveryInfo,
						timeStamp: `2026-05-01T10:00:${second}.123`,
					},
				},
			});
			const headers = { 'x-hub-signature': hubSignature(fresh, HUB_SECRET) };
			const first = await postRaw(signed.url, fresh, headers);
			// No pause: a sender that gave up waiting may retry at once.
			const again = await postRaw(signed.url, fresh, headers);
			results.push([first.status, first.body, again.status, again.body]);
		}
		expect(results).toEqual(
			results.map(() => [
				200,
				{ received: 1, emitted: 1, duplicates: 0, filtered: 0 },
				200,
				{ received: 1, emitted: 0, duplicates: 1, filtered: 0 },
			]),
		);
		const after = await waitForExecutions(n8n, signed.workflowId, before + 5);
		expect(events(after.slice(-5))).toEqual(
			[10, 11, 12, 13, 14].map((second) => [
				expect.objectContaining({
					status: 'initiated',
					timestamp: `2026-05-01T10:00:${second}.123Z`,
				}),
			]),
		);
	});
});

describe("the duplicate memory in the workflow's static data", () => {
	it("is written by the trigger's step in the run (n8n saves what a run changed) and names the receipts by eventId", async () => {
		const executions = await n8n.executions(signed.workflowId);
		const emitted = new Set(
			executions.flatMap((execution) =>
				nodeItems(execution, TRIGGER).map((item) => item.json.eventId as string),
			),
		);
		expect(emitted.size).toBe(executions.length);
		const workflow = await n8n.api('GET', `/workflows/${signed.workflowId}`);
		const stored = workflow.body.staticData?.['node:Voice Receipt Trigger']?.recentReceipts;
		expect(stored).toEqual({
			version: 2,
			entries: expect.stringMatching(/^[\w-]{16}:\d{13}(,[\w-]{16}:\d{13})*$/),
		});
		// Written at most every 5 s: it holds the receipts up to its last write, each an emitted event.
		const ids = (stored.entries as string).split(',').map((pair) => pair.split(':')[0]);
		expect(ids.length).toBeGreaterThan(0);
		expect(ids.every((id) => emitted.has(id))).toBe(true);
	});
});

describe('Routee callbacks and InnoPaaS call records through one trigger that detects the provider', () => {
	it('become the same event model: one execution per callback, the final one last', async () => {
		const open = await activateReceiptTrigger(n8n, {
			name: 'Any provider (no authentication)',
			parameters: { provider: 'auto', authentication: 'none', statuses: [], dropDuplicates: true },
		});
		workflowIds.push(open.workflowId);
		const routee = await n8n.createCredential('Routee (simulator)', 'routeeApi', {
			applicationId: ROUTEE_APP,
			applicationSecret: ROUTEE_SECRET,
			baseUrl: simulator.url,
		});
		const innoPaas = await n8n.createCredential('InnoPaaS (simulator)', 'innoPaasApi', {
			appId: INNO_APP,
			appSecretKey: INNO_KEY,
			baseUrl: simulator.url,
		});

		const routeeCall = await runViaWebhook<Array<Record<string, any>>>(
			n8n,
			{
				type: nodeType('makeVoiceCall'),
				typeVersion: 1,
				credentials: { routeeApi: { id: routee.id, name: routee.name } },
				parameters: {
					provider: 'routee',
					from: '306912345678',
					to: '+306900000006',
					type: 'SAY',
					text: 'Your parcel arrives today',
					language: 'en-GB',
					gender: 'female',
					options: { callback: { settings: { url: open.url, strategy: 'OnChange' } } },
				},
			},
			[{}],
		);
		const innoCall = await runViaWebhook<Array<Record<string, any>>>(
			n8n,
			{
				type: nodeType('makeVoiceCall'),
				typeVersion: 1,
				credentials: { innoPaasApi: { id: innoPaas.id, name: innoPaas.name } },
				parameters: {
					provider: 'innoPaas',
					to: '+447700900018',
					templateId: 'tpl-1',
					options: { billUrl: open.url, transData: 'crm-18' },
				},
			},
			[{}],
		);
		workflowIds.push(routeeCall.workflowId, innoCall.workflowId);
		expect([routeeCall.body[0]?.status, innoCall.body[0]?.status]).toEqual(['queued', 'queued']);

		await simulator.receiptsSettled();
		const delivered = deliveredTo(open.url);
		// Routee posts each status (OnChange) of the busy call, InnoPaaS one record: all accepted.
		expect(delivered.map((receipt) => `${receipt.provider} ${receipt.status}`).sort()).toEqual([
			'innoPaas 200',
			'routee 200',
			'routee 200',
			'routee 200',
			'routee 200',
		]);
		const executions = await waitForExecutions(n8n, open.workflowId, delivered.length);
		const all = events(executions).map(([event, ...more]) => {
			expect(more).toEqual([]);
			return event;
		});
		const byProvider = (provider: string) => all.filter((event) => event.provider === provider);
		expect(byProvider('routee').map((event) => [event.status, event.final])).toEqual([
			['queued', false],
			['initiated', false],
			['ringing', false],
			['busy', true],
		]);
		expect(
			byProvider('routee').every(
				(event) => event.messageId === routeeCall.body[0].messageId && event.to === '+306900000006',
			),
		).toBe(true);
		expect(byProvider('innoPaas')).toEqual([
			expect.objectContaining({
				status: 'rejected',
				final: true,
				messageId: innoCall.body[0].messageId,
				to: '+447700900018',
				callbackData: 'crm-18',
			}),
		]);
		await expectNoSecrets(routeeCall.body, innoCall.body);
	});
});

describe('Twilio status callbacks through a trigger with Twilio Signature', () => {
	const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
	/** Simulator digit → the statuses, answeredBy and final duration its callbacks must become. */
	const TWILIO_EXPECTED: Record<
		string,
		{ statuses: string[]; answeredBy: Array<string | null>; duration: number; code: string }
	> = {
		'1': {
			statuses: ['initiated', 'ringing', 'answered', 'completed'],
			answeredBy: [null, null, 'human', 'human'],
			duration: 18,
			code: '200',
		},
		'3': {
			statuses: ['initiated', 'ringing', 'answered', 'completed'],
			answeredBy: [null, null, 'machine', 'machine'],
			duration: 25,
			code: '200',
		},
		'5': {
			statuses: ['initiated', 'ringing', 'busy'],
			answeredBy: [null, null, null],
			duration: 0,
			code: '486',
		},
	};
	const numberOf = (digit: string) => `+1415555010${digit}`;
	let trigger: ActiveTrigger;
	/** The Status Callback given with each call: Twilio signs the URL it calls, query included. */
	let statusCallback: string;
	let delivered: Array<ReceiptLogEntry & { raw: string }>;
	/** Twilio's callbacks are forms: the same bytes the simulator signed and sent. */
	const formOf = (body: unknown) => new URLSearchParams(body as Record<string, string>).toString();

	it('accepts every signed callback of three calls (machine detection on) and maps it: status, answeredBy, duration, sequence', async () => {
		const created = await n8n.createCredential(
			'Twilio (simulator)',
			TWILIO.provider.credentialType,
			TWILIO.credential(simulator.url),
		);
		const twilio = { id: created.id, name: created.name };
		trigger = await activateReceiptTrigger(n8n, {
			name: 'Twilio receipts (signed)',
			parameters: { provider: 'auto', authentication: 'twilioSignature', dropDuplicates: true },
			credentials: { twilioVoiceApi: twilio },
		});
		workflowIds.push(trigger.workflowId);
		statusCallback = `${trigger.url}?source=e2e%20receipts&flow=7`;
		const digits = Object.keys(TWILIO_EXPECTED);
		const call = await runViaWebhook<Array<Record<string, any>>>(
			n8n,
			{
				type: nodeType('makeVoiceCall'),
				typeVersion: 1,
				name: 'Make Voice Call',
				credentials: { twilioVoiceApi: twilio },
				parameters: {
					provider: 'twilio',
					from: '+15005550006',
					to: '={{ $json.phone }}',
					twilioContent: 'say',
					text: 'Your parcel arrives today',
					options: {
						machineDetection: 'Enable',
						statusCallback,
						statusCallbackEvents: ['initiated', 'ringing', 'answered', 'completed'],
					},
				},
			},
			digits.map((digit) => ({ phone: numberOf(digit) })),
		);
		workflowIds.push(call.workflowId);
		expect(call.status).toBe(200);
		expect(call.body.map((row) => [row.to, row.status])).toEqual(
			digits.map((digit) => [numberOf(digit), 'queued']),
		);

		await simulator.receiptsSettled();
		delivered = deliveredTo(statusCallback).map((receipt) => ({
			...receipt,
			raw: formOf(receipt.body),
		}));
		const count = digits.reduce((sum, digit) => sum + TWILIO_EXPECTED[digit].statuses.length, 0);
		expect(delivered).toHaveLength(count);
		// Twilio posts once: every callback had to be taken on its only try.
		expect(delivered.map((receipt) => receipt.status)).toEqual(delivered.map(() => 200));

		const executions = await waitForExecutions(n8n, trigger.workflowId, count);
		expect(executions.map((execution) => execution.status)).toEqual(
			executions.map(() => 'success'),
		);
		const all = events(executions).map(([event, ...more]) => {
			expect(more).toEqual([]);
			return event;
		});
		for (const [index, digit] of digits.entries()) {
			const to = numberOf(digit);
			const expected = TWILIO_EXPECTED[digit];
			const mine = all.filter((event) => event.to === to).sort((a, b) => a.sequence - b.sequence);
			expect({
				to,
				statuses: mine.map((event) => event.status),
				answeredBy: mine.map((event) => event.answeredBy),
				sequence: mine.map((event) => event.sequence),
				final: mine.map((event) => event.final),
			}).toEqual({
				to,
				statuses: expected.statuses,
				answeredBy: expected.answeredBy,
				sequence: expected.statuses.map((_, i) => i),
				final: expected.statuses.map((_, i) => i === expected.statuses.length - 1),
			});
			expect(mine[mine.length - 1]).toMatchObject({
				provider: 'twilio',
				messageId: call.body[index].messageId,
				from: '+15005550006',
				durationSeconds: expected.duration,
				providerCode: expected.code,
				timestamp: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.000Z$/),
			});
		}
		await expectNoSecrets(call.body);
	});

	it('answers a forged, altered or unsigned callback 401 and starts nothing', async () => {
		const { raw } = delivered.find((receipt) => receipt.raw.includes('CallStatus=busy'))!;
		const altered = raw.replace('CallStatus=busy', 'CallStatus=completed');
		expect(altered).not.toBe(raw);
		const attempts: Array<{ what: string; raw: string; signature?: string }> = [
			{
				what: 'signed with another Auth Token',
				raw,
				signature: twilioSignature('not-the-auth-token', statusCallback, raw),
			},
			{
				what: 'signed over the URL without its query',
				raw,
				signature: twilioSignature(TWILIO_TOKEN, trigger.url, raw),
			},
			{
				what: 'changed after signing',
				raw: altered,
				signature: twilioSignature(TWILIO_TOKEN, statusCallback, raw),
			},
			{ what: 'not signed at all', raw },
			{ what: 'a signature that is not base64', raw, signature: '%%%' },
		];
		await expectAllRefused(
			statusCallback,
			trigger.workflowId,
			attempts.map(({ what, raw, signature }) => ({
				what,
				raw,
				headers: {
					...FORM,
					...(signature === undefined ? {} : { 'x-twilio-signature': signature }),
				},
			})),
		);
	});

	it('takes a callback signed as Twilio signs it, and drops the same callback again as a duplicate', async () => {
		const before = (await n8n.executions(trigger.workflowId)).length;
		// Machine detection finished with the greeting: a callback of a new call, signed here.
		const fields = {
			...(delivered[0].body as Record<string, string>),
			CallSid: 'CA00000000000000000000000000e2e0f1',
			CallStatus: 'completed',
			AnsweredBy: 'machine_end_beep',
			CallDuration: '31',
			SequenceNumber: '3',
			Timestamp: new Date().toUTCString().replace(/GMT$/, '+0000'),
		};
		const raw = formOf(fields);
		const headers = {
			...FORM,
			'x-twilio-signature': twilioSignature(TWILIO_TOKEN, statusCallback, raw),
		};
		const first = await postRaw(statusCallback, raw, headers);
		const again = await postRaw(statusCallback, raw, headers);
		expect([first.status, first.body, again.status, again.body]).toEqual([
			200,
			{ received: 1, emitted: 1, duplicates: 0, filtered: 0 },
			200,
			{ received: 1, emitted: 0, duplicates: 1, filtered: 0 },
		]);
		const after = await waitForExecutions(n8n, trigger.workflowId, before + 1);
		expect(events(after.slice(-1))).toEqual([
			[
				expect.objectContaining({
					provider: 'twilio',
					status: 'completed',
					final: true,
					messageId: 'CA00000000000000000000000000e2e0f1',
					answeredBy: 'machine',
					durationSeconds: 31,
					sequence: 3,
				}),
			],
		]);
	});
});

describe('the instance', () => {
	it('logged no error loading the package and leaked no secret anywhere', async () => {
		expect(n8n.logs()).not.toMatch(
			/Failed to load package|Skipping package "n8n-nodes-outbound-voice"/,
		);
		await expectNoSecrets();
	});

	it('stops without leaving a process behind', async () => {
		expect(n8n.pids().length).toBeGreaterThan(0);
		await n8n.stop();
		expect(n8n.pids()).toEqual([]);
		expect(leakedSecrets(n8n.logs(), SECRETS)).toEqual([]);
	});
});
