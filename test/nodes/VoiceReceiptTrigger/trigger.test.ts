import { createHmac } from 'node:crypto';
import { stringify as formEncode } from 'node:querystring';

import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { VoiceReceiptWebhookApi } from '../../../credentials/VoiceReceiptWebhookApi.credentials';
import { WebexConnectApi } from '../../../credentials/WebexConnectApi.credentials';
import { MakeVoiceCall } from '../../../nodes/MakeVoiceCall/MakeVoiceCall.node';
import { readRecentReceipts } from '../../../nodes/core/receipts';
import { VoiceReceiptTrigger } from '../../../nodes/VoiceReceiptTrigger/VoiceReceiptTrigger.node';
import {
	logsToText,
	runNode,
	runWebhook,
	runWebhookMethod,
	type WebhookRequestInput,
	type WebhookRunResult,
} from '../../harness';
import { outcomeFor } from '../../simulator/providers/webexConnect';
import { startSimulator } from '../../simulator/server';
import { basicAuth } from '../../support/auth';
import { startReceiver } from '../../support/receiver';
import { routeeCallback, webexEvent, webexReceipt } from '../../support/receipts';

const SECRET = 'rcpt-secret-4b9e1c7d';
const HUB_SECRET = 'hub-secret-93ad0f';
const USER = 'webex-notify';

/** A Webex Connect receipt of one event (documented quirks: capital Description, string code, zone-less stamp), as the trigger tests send it. */
const webex = (code: string, word: string, transid = 'a770f205-1') =>
	webexEvent(code, word, { transid, callbackData: 'crm-17' }, { deliveryTransInfo: undefined });

const DISCONNECTED = webex('7410', 'Disconnected');
const OFFERED = webex('7407', 'Offered');

interface TriggerCall {
	parameters?: INodeParameters;
	request?: WebhookRequestInput;
	staticData?: IDataObject;
	credential?: { secret?: string; user?: string } | null;
	/** The same id for calls that stand for one workflow; default a new workflow per call. */
	workflowId?: string;
	/** n8n fails to create the run. */
	failRunCreation?: boolean;
	/** n8n creates the run (or fails to) once this settles. */
	creatingRun?: Promise<void>;
	/** Version 1 by default: the fixtures' time stamps are years old (1.1 would take them as stale). */
	typeVersion?: number;
}

function trigger({
	parameters = {},
	request = { body: DISCONNECTED },
	staticData,
	credential,
	workflowId,
	failRunCreation,
	creatingRun,
	typeVersion = 1,
}: TriggerCall = {}) {
	return runWebhook({
		node: new VoiceReceiptTrigger(),
		typeVersion,
		workflowId,
		failRunCreation,
		creatingRun,
		webhookId: 'b1e2c3d4-receipts',
		// The tests of other features send receipts without authentication, said explicitly (1.1
		// defaults to Query Secret).
		parameters: { authentication: 'none', ...parameters },
		request,
		staticData,
		credentials:
			credential === null
				? {}
				: { voiceReceiptWebhookApi: { secret: SECRET, user: USER, ...credential } },
		credentialTypes: [new VoiceReceiptWebhookApi()],
	});
}

/** The body as exact bytes, with its x-hub-signature (HMAC of those bytes). */
function signedRequest(
	body: unknown,
	algorithm: 'sha256' | 'sha512' = 'sha256',
	secret = HUB_SECRET,
): WebhookRequestInput {
	const raw = JSON.stringify(body, null, 2);
	return {
		body: raw,
		headers: {
			'Content-Type': 'application/json',
			'X-Hub-Signature': createHmac(algorithm, secret).update(raw).digest('hex'),
		},
	};
}

const statuses = (result: WebhookRunResult) => result.items.map((item) => item.json.status);

/** Nothing the trigger answers, emits, stores or logs may carry a secret. */
function expectNoSecrets(result: WebhookRunResult) {
	const everything =
		result.response.text +
		JSON.stringify(result.items) +
		JSON.stringify(result.staticData) +
		logsToText(result.logs) +
		String(result.error?.message);
	for (const secret of [SECRET, HUB_SECRET]) expect(everything).not.toContain(secret);
}

/** A refused request: the answer (a 401 says only "unauthorized"), and no run, no items, no memory written. */
function expectRefused(result: WebhookRunResult, status: number, message?: RegExp) {
	expect(result.response.status).toBe(status);
	expect(result.response.headers['content-type']).toMatch(/application\/json/);
	expect(result.response.body).toEqual(
		status === 401
			? { error: 'unauthorized' }
			: { error: 'not-a-receipt', message: expect.stringMatching(message!) },
	);
	expect(result.startsRun).toBe(false);
	expect(result.items).toEqual([]);
	expect(memoryOf(result.staticData)).toBeUndefined();
	expectNoSecrets(result);
}

/** The trigger's duplicate memory in (saved) workflow static data, if any, read as entries. */
function memoryOf(staticData: IDataObject): { entries: Array<[string, number]> } | undefined {
	const stored = (
		staticData['node:Voice Receipt Trigger'] as { recentReceipts?: unknown } | undefined
	)?.recentReceipts;
	return stored === undefined ? undefined : readRecentReceipts(stored);
}

describe('Voice Receipt Trigger: description and lifecycle', () => {
	it('is a webhook trigger with no inputs', () => {
		const { description } = new VoiceReceiptTrigger();
		expect(description).toMatchObject({
			name: 'voiceReceiptTrigger',
			displayName: 'Voice Receipt Trigger',
			group: ['trigger'],
			inputs: [],
			outputs: ['main'],
			webhooks: [
				{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'voice-receipts' },
			],
		});
	});

	it('listens on /webhook/<webhookId>/voice-receipts (and /webhook-test/… while testing)', async () => {
		expect((await trigger()).path).toBe('/webhook/b1e2c3d4-receipts/voice-receipts');
		const test = await runWebhook({
			node: new VoiceReceiptTrigger(),
			webhookId: 'abc',
			mode: 'manual',
			request: { body: DISCONNECTED },
		});
		expect(test.path).toBe('/webhook-test/abc/voice-receipts');
	});

	it.each(['checkExists', 'create', 'delete'] as const)(
		'webhookMethods.default.%s registers nothing remotely and succeeds',
		async (method) => {
			const { result, staticData } = await runWebhookMethod({
				node: new VoiceReceiptTrigger(),
				method,
				parameters: { authentication: 'querySecret' },
				credentials: { voiceReceiptWebhookApi: { secret: SECRET } },
				credentialTypes: [new VoiceReceiptWebhookApi()],
			});
			expect(result).toBe(true);
			expect(staticData).toEqual({});
		},
	);

	it.each(['', 'fifteen-chars-x', '   padded secret of some length  '])(
		'refuses to activate with the secret %j: a guessable secret never goes live, and requests with it are refused',
		async (secret) => {
			const activation = runWebhookMethod({
				node: new VoiceReceiptTrigger(),
				method: 'checkExists',
				parameters: { authentication: 'querySecret' },
				credentials: { voiceReceiptWebhookApi: { secret } },
				credentialTypes: [new VoiceReceiptWebhookApi()],
			});
			await expect(activation).rejects.toThrow(
				'The Voice Receipt Webhook credential cannot protect this trigger',
			);
			const request = await trigger({
				parameters: { authentication: 'querySecret' },
				request: { body: DISCONNECTED, query: { secret } },
				credential: { secret },
			});
			expectRefused(request, 401);
		},
	);

	it('version 1.1 (new nodes) requires the Query Secret by default; version 1 keeps None, as saved nodes have it', async () => {
		const receive = (typeVersion: number, query: Record<string, string>) =>
			runWebhook({
				node: new VoiceReceiptTrigger(),
				typeVersion,
				webhookId: 'b1e2c3d4-versions',
				parameters: {},
				request: { body: DISCONNECTED, query },
				credentials: { voiceReceiptWebhookApi: { secret: SECRET } },
				credentialTypes: [new VoiceReceiptWebhookApi()],
			});
		expect(new VoiceReceiptTrigger().description).toMatchObject({
			version: [1, 1.1],
			defaultVersion: 1.1,
		});
		expectRefused(await receive(1.1, {}), 401);
		expectRefused(await receive(1.1, { secret: 'wrong-secret-of-20-chars' }), 401);
		expect((await receive(1.1, { secret: SECRET })).response.status).toBe(200);
		expect((await receive(1, {})).response.status).toBe(200);
	});
});

describe('Voice Receipt Trigger: receipts become events', () => {
	it('answers 200 with a summary and emits the event', async () => {
		const result = await trigger();
		expect(result.response).toMatchObject({
			status: 200,
			body: { received: 1, emitted: 1, duplicates: 0, filtered: 0 },
		});
		// n8n answers, with the trigger's summary, once it has created the run.
		expect(result.answeredByNode).toBe(false);
		expect(result.response.headers['content-type']).toMatch(/application\/json/);
		expect(result.startsRun).toBe(true);
		expect(result.runItems.map((item) => item.json)).toEqual(result.items.map((item) => item.json));
		expect(result.items).toEqual([
			{
				json: {
					eventId: 'qcdQEG-wjtg8jaEq',
					provider: 'webexConnect',
					status: 'completed',
					final: true,
					providerStatus: 'DISCONNECTED',
					providerCode: '7410',
					description: 'Disconnected',
					messageId: 'a770f205-1',
					campaignId: null,
					correlationId: 'order-42',
					callbackData: 'crm-17',
					to: '+447700900001',
					from: null,
					timestamp: '2026-05-01T10:00:05.123Z',
					durationSeconds: null,
					price: null,
					receivedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
				},
			},
		]);
	});

	it('emits one item per receipt of an array', async () => {
		const result = await trigger({
			request: { body: [OFFERED, webex('7519', 'Answered'), DISCONNECTED] },
		});
		expect(statuses(result)).toEqual(['initiated', 'answered', 'completed']);
		expect(result.response.body).toEqual({ received: 3, emitted: 3, duplicates: 0, filtered: 0 });
	});

	it('reads form-encoded receipts', async () => {
		const form = formEncode({
			'deliveryInfoNotification[deliveryInfo][code]': '7402',
			'deliveryInfoNotification[deliveryInfo][deliveryStatus]': 'REJECTED',
			'deliveryInfoNotification[transid]': 't-form',
		});
		const result = await trigger({
			request: { body: form, headers: { 'content-type': 'application/x-www-form-urlencoded' } },
		});
		expect(result.items.map((item) => [item.json.status, item.json.messageId])).toEqual([
			['busy', 't-form'],
		]);
	});

	it('reads zone-less time stamps in the chosen time zone', async () => {
		const result = await trigger({ parameters: { options: { timeZone: 'Asia/Kolkata' } } });
		expect(result.items[0].json.timestamp).toBe('2026-05-01T04:30:05.123Z');
	});

	it('fails loudly (500, no run) on a time zone that does not exist', async () => {
		const result = await trigger({ parameters: { options: { timeZone: 'Mars/Olympus' } } });
		expect(result.response.status).toBe(500);
		expect(result.error?.message).toBe('"Mars/Olympus" is not a time zone');
		expect(memoryOf(result.staticData)).toBeUndefined();
	});

	it('includes the raw payload on request; unknown statuses always carry it', async () => {
		expect((await trigger()).items[0].json).not.toHaveProperty('raw');
		expect(
			(await trigger({ parameters: { options: { includeRaw: true } } })).items[0].json.raw,
		).toEqual(DISCONNECTED);
		const odd = webex('9999', 'Teleported');
		const unknown = await trigger({ request: { body: odd } });
		expect(unknown.items[0].json).toMatchObject({
			status: 'unknown',
			final: false,
			providerStatus: 'TELEPORTED',
			raw: odd,
		});
	});

	it('uses a fixed provider when told to', async () => {
		expect(statuses(await trigger({ parameters: { provider: 'webexConnect' } }))).toEqual([
			'completed',
		]);
	});
});

describe('Voice Receipt Trigger: one URL for every registered provider', () => {
	// providers.md §3: the Routee callback sample, and the tracking APIs' { status, date } variant.
	const routee = routeeCallback('campaign');
	// providers.md §4: InnoPaaS's record is undocumented beyond transData and callId.
	const innoPaas = {
		callId: 'call-1',
		mobile: '8613000000000',
		status: 'answered',
		duration: '25',
		transData: 'crm-17',
	};

	it('detects Webex Connect, Routee and InnoPaaS receipts from the payload', async () => {
		const result = await trigger({ request: { body: [DISCONNECTED, routee, innoPaas] } });
		expect(result.response.body).toEqual({ received: 3, emitted: 3, duplicates: 0, filtered: 0 });
		expect(result.items.map((item) => [item.json.provider, item.json.status])).toEqual([
			['webexConnect', 'completed'],
			['routee', 'completed'],
			['innoPaas', 'completed'],
		]);
		expect(result.items[2].json.callbackData).toBe('crm-17');
	});

	it("reads Routee's { status, date } variant and a form-encoded callback with status[name]", async () => {
		const variant = {
			...routee,
			messageId: 'm-2',
			status: { status: 'Ringing', date: '2026-05-01T10:00:10Z' },
		};
		expect((await trigger({ request: { body: variant } })).items[0].json).toMatchObject({
			provider: 'routee',
			status: 'ringing',
			timestamp: '2026-05-01T10:00:10.000Z',
		});
		const form = formEncode({
			messageId: 'm-3',
			conversationTrackingId: 'conv-3',
			to: '+306900000000',
			'status[name]': 'NoAnswer',
			'status[updatedDate]': '2026-05-01T10:00:40Z',
		});
		const result = await trigger({
			request: { body: form, headers: { 'content-type': 'application/x-www-form-urlencoded' } },
		});
		expect(result.items[0].json).toMatchObject({
			provider: 'routee',
			status: 'no-answer',
			final: true,
		});
	});
});

describe('Voice Receipt Trigger: not a receipt', () => {
	it.each([
		[
			'another JSON object',
			{ body: { hello: 'world' } },
			/not a voice receipt of any known provider/,
		],
		['an empty JSON object', { body: {} }, /body is an empty object/],
		['no body', {}, /body is empty/],
		[
			'plain text',
			{ body: 'ping', headers: { 'content-type': 'text/plain' } },
			/neither JSON nor form data/,
		],
		[
			'an array with a stranger',
			{ body: [DISCONNECTED, { hello: 'world' }] },
			/Element 1 of the body/,
		],
	])('answers 400 and starts no run for %s', async (_label, request, message) => {
		expectRefused(await trigger({ request: request as WebhookRequestInput }), 400, message);
	});

	it('is refused by n8n itself (422) when the JSON does not parse', async () => {
		const result = await trigger({
			request: {
				body: '{"deliveryInfoNotification": ',
				headers: { 'content-type': 'application/json' },
			},
		});
		expect(result.response.status).toBe(422);
		expect(result.webhookResult).toBeUndefined();
	});
});

describe('Voice Receipt Trigger: authenticity', () => {
	const json = (
		headers: Record<string, string>,
		query?: Record<string, string>,
	): WebhookRequestInput => ({ body: DISCONNECTED, headers, query });

	// Rows all have the same length: jest passes a `done` callback to a test function with more parameters than the row.
	const accepted: Array<
		[string, INodeParameters, WebhookRequestInput, { secret?: string; user?: string }]
	> = [
		['none', {}, json({}), {}],
		[
			'a header secret',
			{ authentication: 'headerSecret' },
			json({ 'X-Receipt-Secret': SECRET }),
			{},
		],
		[
			'a header secret in a custom header',
			{ authentication: 'headerSecret', headerName: 'X-Routee-Token' },
			json({ 'x-routee-token': SECRET }),
			{},
		],
		['a query secret', { authentication: 'querySecret' }, json({}, { secret: SECRET }), {}],
		[
			'a query secret with a custom name',
			{ authentication: 'querySecret', queryParameter: 'token' },
			json({}, { token: SECRET }),
			{},
		],
		[
			'Basic auth',
			{ authentication: 'basicAuth' },
			json({ Authorization: basicAuth(USER, SECRET) }),
			{},
		],
		[
			'an x-hub-signature (SHA-256)',
			{ authentication: 'hubSignature' },
			signedRequest(DISCONNECTED),
			{ secret: HUB_SECRET },
		],
		[
			'an x-hub-signature (SHA-512)',
			{ authentication: 'hubSignature' },
			signedRequest(DISCONNECTED, 'sha512'),
			{ secret: HUB_SECRET },
		],
	];

	it.each(accepted)('accepts %s', async (_label, parameters, request, credential) => {
		const result = await trigger({ parameters, request, credential });
		expect(result.response.status).toBe(200);
		expect(statuses(result)).toEqual(['completed']);
		expectNoSecrets(result);
	});

	it.each(accepted)(
		'version 1.1: answers a receipt time-stamped years ago 200 as stale and starts nothing, with %s',
		async (_label, parameters, request, credential) => {
			const result = await trigger({ parameters, request, credential, typeVersion: 1.1 });
			expect(result.response).toMatchObject({
				status: 200,
				body: { received: 1, emitted: 0, duplicates: 0, filtered: 0, stale: 1 },
			});
			expect(result.startsRun).toBe(false);
			expect(result.items).toEqual([]);
		},
	);

	const hub = signedRequest(DISCONNECTED);
	const hubHeader = (hub.headers as Record<string, string>)['X-Hub-Signature'];
	const refused: Array<
		[string, INodeParameters, WebhookRequestInput, { secret?: string; user?: string }]
	> = [
		['a missing header secret', { authentication: 'headerSecret' }, json({}), {}],
		[
			'a wrong header secret',
			{ authentication: 'headerSecret' },
			json({ 'x-receipt-secret': 'guess' }),
			{},
		],
		[
			'a header secret of the wrong length',
			{ authentication: 'headerSecret' },
			json({ 'x-receipt-secret': `${SECRET}0` }),
			{},
		],
		[
			'the secret in the wrong header',
			{ authentication: 'headerSecret' },
			json({ 'x-other': SECRET }),
			{},
		],
		['a missing query secret', { authentication: 'querySecret' }, json({}), {}],
		[
			'a wrong query secret',
			{ authentication: 'querySecret' },
			json({}, { secret: SECRET.slice(0, -1) }),
			{},
		],
		['missing Basic auth', { authentication: 'basicAuth' }, json({}), {}],
		[
			'a wrong Basic password',
			{ authentication: 'basicAuth' },
			json({ authorization: basicAuth(USER, 'guess') }),
			{},
		],
		[
			'a wrong Basic user',
			{ authentication: 'basicAuth' },
			json({ authorization: basicAuth('someone', SECRET) }),
			{},
		],
		[
			'a missing x-hub-signature',
			{ authentication: 'hubSignature' },
			{ body: DISCONNECTED },
			{ secret: HUB_SECRET },
		],
		[
			'a signature with another secret',
			{ authentication: 'hubSignature' },
			signedRequest(DISCONNECTED, 'sha256', 'other'),
			{ secret: HUB_SECRET },
		],
		[
			'a signature of other bytes',
			{ authentication: 'hubSignature' },
			{ ...hub, body: JSON.stringify(DISCONNECTED) },
			{ secret: HUB_SECRET },
		],
		[
			'a signature of the wrong length',
			{ authentication: 'hubSignature' },
			{ ...hub, headers: { 'x-hub-signature': hubHeader.slice(2) } },
			{ secret: HUB_SECRET },
		],
		[
			'a credential without a secret',
			{ authentication: 'headerSecret' },
			json({ 'x-receipt-secret': '' }),
			{ secret: '' },
		],
	];

	it.each(refused)(
		'answers 401 and starts no run for %s',
		async (_label, parameters, request, credential) => {
			expectRefused(await trigger({ parameters, request, credential }), 401);
		},
	);

	it('checks authenticity before reading the body', async () => {
		expectRefused(
			await trigger({
				parameters: { authentication: 'headerSecret' },
				request: { body: { hello: 'world' } },
			}),
			401,
		);
	});

	it('needs no credential without authentication', async () => {
		expect((await trigger({ credential: null })).response.status).toBe(200);
	});
});

describe('Voice Receipt Trigger: limits per request', () => {
	it('answers 413 to a body over 5 MiB, naming its size and the limit, and starts no run', async () => {
		const result = await trigger({
			request: {
				body: JSON.stringify({ ...DISCONNECTED, padding: 'x'.repeat(5 * 1024 * 1024) }),
				headers: { 'content-type': 'application/json' },
			},
		});
		expect(result.response.status).toBe(413);
		expect(result.response.body).toEqual({
			error: 'too-large',
			message: expect.stringContaining('a request may carry at most 5,242,880 (5 MiB)'),
		});
		expect(result.startsRun).toBe(false);
	});
});

describe('Voice Receipt Trigger: filters and duplicates', () => {
	const body = [OFFERED, webex('7519', 'Answered'), DISCONNECTED];

	it('emits only the selected statuses', async () => {
		const result = await trigger({
			parameters: { statuses: ['answered', 'completed'] },
			request: { body },
		});
		expect(statuses(result)).toEqual(['answered', 'completed']);
		expect(result.response.body).toEqual({ received: 3, emitted: 2, duplicates: 0, filtered: 1 });
	});

	it('emits only final events when asked', async () => {
		const result = await trigger({ parameters: { finalOnly: true }, request: { body } });
		expect(statuses(result)).toEqual(['completed']);
	});

	it('answers 200 and starts no run when everything is filtered out', async () => {
		const result = await trigger({ parameters: { finalOnly: true }, request: { body: OFFERED } });
		expect(result.response).toMatchObject({
			status: 200,
			body: { received: 1, emitted: 0, duplicates: 0, filtered: 1 },
		});
		expect(result.startsRun).toBe(false);
		expect(result.items).toEqual([]);
	});

	it('drops a retried receipt across calls through the workflow static data', async () => {
		const first = await trigger({
			request: signedRequest(DISCONNECTED),
			parameters: { authentication: 'hubSignature' },
			credential: { secret: HUB_SECRET },
		});
		expect(first.startsRun).toBe(true);
		// Saved by n8n after the trigger's step in the run wrote it (what the webhook step writes is
		// not saved when n8n answers after creating the run), for the next request, as one string of
		// `digest:seenAtMs` pairs (n8n proxies every object in static data, not strings).
		expect(first.staticData).toEqual({
			'node:Voice Receipt Trigger': {
				recentReceipts: { version: 2, entries: expect.stringMatching(/^[\w-]{16}:\d{13}$/) },
			},
		});

		const retry = await trigger({
			request: signedRequest(DISCONNECTED),
			parameters: { authentication: 'hubSignature' },
			credential: { secret: HUB_SECRET },
			staticData: first.staticData,
		});
		expect(retry.response).toMatchObject({
			status: 200,
			body: { received: 1, emitted: 0, duplicates: 1, filtered: 0 },
		});
		expect(retry.startsRun).toBe(false);

		// A different event of the same call is not a duplicate; the memory grows.
		const next = await trigger({
			request: { body: webex('7410', 'Disconnected', 'a770f205-2') },
			staticData: retry.staticData,
		});
		expect(statuses(next)).toEqual(['completed']);
		expect(memoryOf(next.staticData)?.entries).toHaveLength(2);
	});

	it('still drops a retry whose request loaded static data from before the original was saved', async () => {
		// n8n 2.41 hands each request the static data as loaded when it arrived and writes it back
		// after, so receipts arriving together see each other's memory only through the process.
		const workflowId = 'one-workflow';
		const before = (await trigger({ request: { body: OFFERED }, workflowId })).staticData;
		const original = await trigger({
			request: { body: DISCONNECTED },
			staticData: before,
			workflowId,
		});
		const concurrentRetry = await trigger({
			request: { body: DISCONNECTED },
			staticData: before,
			workflowId,
		});
		expect(original.response.body).toMatchObject({ emitted: 1, duplicates: 0 });
		expect(concurrentRetry.response.body).toMatchObject({ emitted: 0, duplicates: 1 });
		expect(concurrentRetry.startsRun).toBe(false);
	});

	it('writes the memory to static data at most every few seconds, holding it in the process between', async () => {
		const workflowId = 'busy-workflow';
		const first = await trigger({ request: { body: OFFERED }, workflowId });
		const second = await trigger({
			request: { body: DISCONNECTED },
			staticData: first.staticData,
			workflowId,
		});
		// No database write for the second receipt: static data still holds the first one only.
		expect(memoryOf(second.staticData)?.entries).toHaveLength(1);
		const retry = await trigger({
			request: { body: DISCONNECTED },
			staticData: second.staticData,
			workflowId,
		});
		expect(retry.response.body).toMatchObject({ emitted: 0, duplicates: 1 });
	});

	it('reads a memory an earlier version stored as JSON entries, and stores it packed', async () => {
		const [[digest]] = memoryOf(
			(await trigger({ request: { body: DISCONNECTED } })).staticData,
		)!.entries;
		const earlier = {
			'node:Voice Receipt Trigger': {
				recentReceipts: { version: 1, entries: [[digest, Date.now() - 1000]] },
			},
		};
		const retry = await trigger({ request: { body: DISCONNECTED }, staticData: earlier });
		expect(retry.response.body).toMatchObject({ emitted: 0, duplicates: 1 });
		const next = await trigger({ request: { body: OFFERED }, staticData: earlier });
		expect(next.response.body).toMatchObject({ emitted: 1, duplicates: 0 });
		expect(memoryOf(next.staticData)?.entries.map(([entry]) => entry)).toEqual([
			digest,
			expect.any(String),
		]);
		expect(
			(next.staticData['node:Voice Receipt Trigger'] as IDataObject).recentReceipts,
		).toMatchObject({ version: 2 });
	});

	it('takes in receipts another process wrote to static data while it held its own memory', async () => {
		// Queue mode: several webhook processes, one static data.
		const workflowId = 'shared-workflow';
		const mine = await trigger({ request: { body: OFFERED }, workflowId });
		const elsewhere = (await trigger({ request: { body: DISCONNECTED } })).staticData;
		const both = {
			'node:Voice Receipt Trigger': {
				recentReceipts: {
					version: 2,
					entries: [memoryOf(mine.staticData)!, memoryOf(elsewhere)!]
						.map(({ entries }) => entries.map(([d, at]) => `${d}:${at}`).join(','))
						.join(','),
				},
			},
		};
		const retry = await trigger({ request: { body: DISCONNECTED }, staticData: both, workflowId });
		expect(retry.response.body).toMatchObject({ emitted: 0, duplicates: 1 });
		const retryOfMine = await trigger({
			request: { body: OFFERED },
			staticData: mine.staticData,
			workflowId,
		});
		expect(retryOfMine.response.body).toMatchObject({ emitted: 0, duplicates: 1 });
	});

	it('starts a new memory for another workflow', async () => {
		await trigger({ request: { body: DISCONNECTED } });
		const elsewhere = await trigger({ request: { body: DISCONNECTED } });
		expect(elsewhere.response.body).toMatchObject({ emitted: 1, duplicates: 0 });
	});

	it('remembers filtered receipts too, so their retries stay quiet', async () => {
		const first = await trigger({ parameters: { finalOnly: true }, request: { body: OFFERED } });
		const retry = await trigger({
			parameters: { finalOnly: true },
			request: { body: OFFERED },
			staticData: first.staticData,
		});
		expect(retry.response.body).toEqual({ received: 1, emitted: 0, duplicates: 1, filtered: 0 });
	});

	it('keeps the memory within its configured size', async () => {
		let staticData: IDataObject | undefined;
		for (let i = 0; i < 4; i++) {
			staticData = (
				await trigger({
					parameters: { options: { duplicateMemory: 2 } },
					request: { body: webex('7410', 'Disconnected', `t-${i}`) },
					staticData,
				})
			).staticData;
		}
		expect(memoryOf(staticData!)?.entries).toHaveLength(2);
	});

	it('lets duplicates through when dropping them is off, and stores nothing', async () => {
		const first = await trigger({ parameters: { dropDuplicates: false } });
		expect(memoryOf(first.staticData)).toBeUndefined();
		const again = await trigger({
			parameters: { dropDuplicates: false },
			staticData: first.staticData,
		});
		expect(statuses(again)).toEqual(['completed']);
	});
});

describe('Voice Receipt Trigger: never acknowledges what is not taken', () => {
	it('lets n8n answer once the run exists; if n8n cannot create it, the provider gets a 500 and its retry is taken as new', async () => {
		const workflowId = 'overloaded-instance';
		const lost = await trigger({
			request: { body: DISCONNECTED },
			workflowId,
			failRunCreation: true,
		});
		expect(lost.response.status).toBe(500);
		expect([lost.startsRun, lost.items]).toEqual([false, []]);
		// The provider retries (Webex Connect: 60 s later): not a duplicate, a run.
		const retry = await trigger({
			request: { body: DISCONNECTED },
			workflowId,
			staticData: lost.staticData,
		});
		expect(retry.response).toMatchObject({
			status: 200,
			body: { received: 1, emitted: 1, duplicates: 0, filtered: 0 },
		});
		expect(retry.startsRun).toBe(true);
		// Taken now: the next retry is a duplicate.
		const again = await trigger({
			request: { body: DISCONNECTED },
			workflowId,
			staticData: retry.staticData,
		});
		expect(again.response.body).toMatchObject({ emitted: 0, duplicates: 1 });
		expect(again.startsRun).toBe(false);
	});

	it('answers a copy that arrives while the first is still becoming a run 503 with Retry-After, never 200; if that run fails, the next copy is taken', async () => {
		const workflowId = 'slow-run-creation';
		let created!: () => void;
		const creatingRun = new Promise<void>((resolve) => (created = resolve));
		const first = trigger({
			request: { body: DISCONNECTED },
			workflowId,
			failRunCreation: true,
			creatingRun,
		});
		const copy = await trigger({ request: { body: [OFFERED, DISCONNECTED] }, workflowId });
		expect(copy.response).toMatchObject({
			status: 503,
			headers: expect.objectContaining({ 'retry-after': '5' }),
			body: { error: 'in-progress' },
		});
		expect(copy.startsRun).toBe(false);
		created();
		expect((await first).response.status).toBe(500);
		// Nothing of the refused copy was recorded: its retry brings both receipts as new.
		const retry = await trigger({ request: { body: [OFFERED, DISCONNECTED] }, workflowId });
		expect(retry.response).toMatchObject({ status: 200, body: { emitted: 2, duplicates: 0 } });
		// Once a run exists, a copy is a plain duplicate (200).
		const again = await trigger({ request: { body: DISCONNECTED }, workflowId });
		expect(again.response).toMatchObject({ status: 200, body: { emitted: 0, duplicates: 1 } });
	});

	it('forgets an out-of-order mark of a request that was not taken, too', async () => {
		const workflowId = 'overloaded-instance-ordered';
		const parameters = { options: { dropOutOfOrder: true } };
		await trigger({
			request: { body: DISCONNECTED },
			workflowId,
			parameters,
			failRunCreation: true,
		});
		const late = await trigger({
			request: { body: webex('7519', 'Answered') },
			workflowId,
			parameters,
		});
		expect(late.response.body).toMatchObject({ emitted: 1, outOfOrder: 0 });
	});
});

describe('Voice Receipt Trigger: out-of-order events', () => {
	it('drops, when asked, an event of a call whose final event was received, and counts it', async () => {
		const workflowId = 'ordered-workflow';
		const parameters = { options: { dropOutOfOrder: true } };
		const final = await trigger({ request: { body: DISCONNECTED }, workflowId, parameters });
		expect(final.response.body).toEqual({
			received: 1,
			emitted: 1,
			duplicates: 0,
			filtered: 0,
			outOfOrder: 0,
		});
		const late = await trigger({
			request: { body: [webex('7519', 'Answered'), webex('7519', 'Answered', 'a770f205-9')] },
			workflowId,
			parameters,
		});
		expect(late.response.body).toEqual({
			received: 2,
			emitted: 1,
			duplicates: 0,
			filtered: 0,
			outOfOrder: 1,
		});
		expect(late.items.map((item) => item.json.messageId)).toEqual(['a770f205-9']);
		// A late event is remembered like any other: its retry is a duplicate.
		const retried = await trigger({
			request: { body: webex('7519', 'Answered') },
			workflowId,
			parameters,
		});
		expect(retried.response.body).toEqual({
			received: 1,
			emitted: 0,
			duplicates: 1,
			filtered: 0,
			outOfOrder: 0,
		});
		// Off (the default), a late event is news.
		const other = 'unordered-workflow';
		await trigger({ request: { body: DISCONNECTED }, workflowId: other });
		const off = await trigger({ request: { body: webex('7519', 'Answered') }, workflowId: other });
		expect(off.response.body).toEqual({ received: 1, emitted: 1, duplicates: 0, filtered: 0 });
	});
});

describe('Voice Receipt Trigger: receipts from the provider simulator', () => {
	it('turns every receipt of real calls into events, signed, in order, without the retry', async () => {
		const simulator = await startSimulator({
			webexServiceKey: 'svc-key',
			webexHubSecret: HUB_SECRET,
			receiptDelayMs: 5,
		});
		// n8n's URL stand-in answers 500 to the first receipt, forcing a retry.
		const sink = await startReceiver({
			path: '/webhook/b1e2c3d4-receipts/voice-receipts',
			failFirst: 1,
		});
		try {
			const numbers = [
				'+447700900010',
				'+447700900015',
				'+447700900016',
				'+447700900017',
				'+447700900018',
				'+447700900019',
			];
			const placed = await runNode({
				node: new MakeVoiceCall(),
				parameters: {
					provider: 'webexConnect',
					to: numbers.join(','),
					from: '+14155550100',
					contentType: 'media',
					mediaId: '1561',
					options: { notifyUrl: sink.url, correlationId: 'order-42', callbackData: 'crm-17' },
				},
				credentials: {
					webexConnectApi: { apiKey: 'svc-key', region: 'eu', baseUrl: simulator.url },
				},
				credentialTypes: [new WebexConnectApi()],
			});
			expect(placed.error).toBeUndefined();
			await simulator.receiptsSettled();

			const expectedReceipts = numbers.reduce(
				(sum, number) => sum + outcomeFor(number).receipts.length,
				0,
			);
			// One more delivery than receipts: the first was answered 500 and retried with the same body.
			expect(sink.received).toHaveLength(expectedReceipts + 1);
			const retryIndex = sink.received.findIndex(
				(d, index) => index > 0 && d.raw === sink.received[0].raw,
			);
			expect(retryIndex).toBeGreaterThan(0);
			const sorted = (bodies: unknown[]) => bodies.map((body) => JSON.stringify(body)).sort();
			expect(sorted(sink.received.map((d) => JSON.parse(d.raw) as unknown))).toEqual(
				sorted(simulator.receiptsSent.map((entry) => entry.body)),
			);

			let staticData: IDataObject | undefined;
			const events: IDataObject[] = [];
			const answers: unknown[] = [];
			for (const delivery of sink.received) {
				const result = await trigger({
					parameters: { authentication: 'hubSignature' },
					credential: { secret: HUB_SECRET },
					request: { body: delivery.raw, headers: delivery.headers as Record<string, string> },
					staticData,
				});
				expect(result.response.status).toBe(200);
				expectNoSecrets(result);
				answers.push(result.response.body);
				events.push(...result.items.map((item) => item.json));
				staticData = result.staticData;
			}
			expect(answers).toEqual(
				sink.received.map((_, index) =>
					index === retryIndex
						? { received: 1, emitted: 0, duplicates: 1, filtered: 0 }
						: { received: 1, emitted: 1, duplicates: 0, filtered: 0 },
				),
			);
			expect(events).toHaveLength(expectedReceipts);

			for (const number of numbers) {
				const ofNumber = events.filter((event) => event.to === number);
				const outcome = outcomeFor(number);
				expect(ofNumber.map((event) => event.providerStatus)).toEqual(
					outcome.receipts.map((r) => r.deliveryStatus),
				);
				expect(ofNumber.at(-1)).toMatchObject({ status: outcome.finalStatus, final: true });
				expect(ofNumber.slice(0, -1).every((event) => event.final === false)).toBe(true);
				for (const event of ofNumber) {
					expect(event).toMatchObject({
						provider: 'webexConnect',
						correlationId: 'order-42',
						callbackData: 'crm-17',
					});
					expect(event.messageId).toBe(
						placed.items.find((item) => item.json.to === number)?.json.messageId,
					);
					expect(event.timestamp).toMatch(/Z$/);
				}
			}

			// A receipt altered on the way (or forged) is refused.
			const forged = sink.received[2];
			const tampered = await trigger({
				parameters: { authentication: 'hubSignature' },
				credential: { secret: HUB_SECRET },
				request: {
					body: forged.raw.replace('"voice"', '"sms"'),
					headers: forged.headers as Record<string, string>,
				},
			});
			expect(tampered.response.status).toBe(401);
		} finally {
			await sink.close();
			await simulator.close();
		}
	});
});

describe('Voice Receipt Trigger: maximum receipt age (replays)', () => {
	const at = (ms: number) => new Date(ms).toISOString().slice(0, -1);
	const stamped = (timeStamp: string, transid: string) =>
		webexReceipt({ timeStamp }, { transid }, { deliveryTransInfo: undefined });

	it('version 1.1: by default a receipt older than the Duplicate Window is stale; a recent one is taken', async () => {
		const old = await trigger({
			request: { body: stamped(at(Date.now() - 11 * 60_000), 'age-1') },
			typeVersion: 1.1,
		});
		expect(old.response.body).toMatchObject({ emitted: 0, stale: 1 });
		const recent = await trigger({
			request: { body: stamped(at(Date.now() - 9 * 60_000), 'age-2') },
			typeVersion: 1.1,
		});
		expect(recent.response.body).toMatchObject({ emitted: 1, stale: 0 });
		// A longer Duplicate Window moves the default with it.
		const longer = await trigger({
			parameters: { options: { duplicateWindowMinutes: 30 } },
			request: { body: stamped(at(Date.now() - 20 * 60_000), 'age-3') },
			typeVersion: 1.1,
		});
		expect(longer.response.body).toMatchObject({ emitted: 1, stale: 0 });
	});

	it('Maximum Receipt Age sets it (0 turns it off); version 1 nodes keep taking old receipts unless set', async () => {
		const body = stamped(at(Date.now() - 3 * 60_000), 'age-4');
		const set = await trigger({
			parameters: { options: { maxReceiptAgeMinutes: 2 } },
			request: { body },
			typeVersion: 1.1,
		});
		expect(set.response.body).toMatchObject({ emitted: 0, stale: 1 });
		const off = await trigger({
			parameters: { options: { maxReceiptAgeMinutes: 0 } },
			request: { body: DISCONNECTED },
			typeVersion: 1.1,
		});
		expect(off.response.body).toMatchObject({ emitted: 1 });
		expect(off.response.body).not.toHaveProperty('stale');
		const v1 = await trigger({ request: { body: DISCONNECTED } });
		expect(v1.response.body).toEqual({ received: 1, emitted: 1, duplicates: 0, filtered: 0 });
		const v1Set = await trigger({
			parameters: { options: { maxReceiptAgeMinutes: 2 } },
			request: { body },
		});
		expect(v1Set.response.body).toMatchObject({ emitted: 0, stale: 1 });
	});
});
