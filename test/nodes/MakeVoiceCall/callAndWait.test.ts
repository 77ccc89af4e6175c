/**
 * Make Voice Call → Call and Wait for Outcome, through n8n-core: the call is placed with the
 * execution's resume URL (simulator over HTTP), the execution waits, and receipts posted to the
 * resume URL resume it (test/harness/waiting.ts does what n8n's cli does around the node). The
 * real n8n round trip, signed URL included, is test/e2e/callAndWait.e2e.test.ts.
 */
import {
	NodeApiError,
	NodeHelpers,
	NodeOperationError,
	SEND_AND_WAIT_OPERATION,
	type IDataObject,
	type INodeParameters,
} from 'n8n-workflow';
import { createHmac } from 'node:crypto';

import { VoiceReceiptWebhookApi } from '../../../credentials/VoiceReceiptWebhookApi.credentials';
import { MakeVoiceCall } from '../../../nodes/MakeVoiceCall/MakeVoiceCall.node';
import {
	runNode,
	runWorkflow,
	SOURCE_NODE_NAME,
	SOURCE_NODE_TYPE,
	type NodeRunResult,
} from '../../harness';
import {
	outputOf,
	resumeAfterTimeout,
	resumeByWebhook,
	waitingExecution,
} from '../../harness/waiting';
import { expectNoSecrets } from '../../support/nodes';
import { useProviderAccounts } from '../../support/providerAccounts';
import { innoPaasRecord, routeeCallback, webexEvent, webexReceipt } from '../../support/receipts';
import { webexTts } from '../../support/webexTts';

const HUB_SECRET = 'wait-hub-secret-9e04';

// Receipts are posted by the tests, to the resume URL the harness serves.
const accounts = useProviderAccounts('wait');

const credentials = (secret = HUB_SECRET) => ({
	...accounts.credentials(),
	voiceReceiptWebhookApi: { secret },
});
const credentialTypes = [...accounts.credentialTypes(), new VoiceReceiptWebhookApi()];

const waitTts: INodeParameters = {
	...webexTts('Your table is ready'),
	operation: 'sendAndWait',
	to: '+447700900001',
	options: { correlationId: 'booking-7' },
};

function callAndWait(
	parameters: INodeParameters,
	items: IDataObject[] = [{}],
	options: { continueOnFail?: boolean; type?: string; receiptSecret?: string } = {},
) {
	return runNode({
		node: new MakeVoiceCall(),
		parameters,
		items,
		credentials: credentials(options.receiptSecret),
		credentialTypes,
		continueOnFail: options.continueOnFail,
		type: options.type,
		mode: 'webhook',
	});
}

const requests = (path: string) =>
	accounts.simulator.requests.filter((request) => request.path === path);
const bodyOf = (path: string, index = 0) =>
	JSON.parse(requests(path)[index].rawBody) as Record<string, any>;

/** The waiting run's one call: its row and the receipt of `word`/`code` for it. */
function webexReceiptFor(run: NodeRunResult, code: string, word: string, info: IDataObject = {}) {
	const call = run.items[0].json.call as IDataObject;
	return webexReceipt(
		{ code, Description: word, deliveryStatus: word.toUpperCase(), destination: call.to, ...info },
		{ transid: call.messageId, correlationid: call.correlationId },
	);
}

describe('Call and Wait for Outcome: the description', () => {
	const { description } = new MakeVoiceCall();

	it('keeps Place the Call the default, and uses the operation value n8n checks the signed resume URL for', () => {
		const operation = description.properties.find((property) => property.name === 'operation')!;
		expect(operation.default).toBe('call');
		expect((operation.options as Array<{ value: string }>).map((option) => option.value)).toEqual([
			'call',
			SEND_AND_WAIT_OPERATION,
		]);
	});

	it('declares its waiting webhook as n8n’s own send-and-wait nodes do', () => {
		expect(description.webhooks).toEqual([
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				path: '={{ $nodeId }}',
				restartWebhook: true,
				isFullPath: true,
			},
		]);
	});

	it('asks for the Voice Receipt Webhook credential only while waiting with a Receipt Authentication', () => {
		const entry = description.credentials!.find(
			(credential) => credential.name === 'voiceReceiptWebhookApi',
		)!;
		expect(entry.testedBy).toBe('voiceReceiptWebhookApiTest');
		// Twilio Signature reads the Twilio credential's Auth Token: no second credential.
		expect(entry.displayOptions).toEqual({
			hide: { operation: ['call'], receiptAuthentication: ['none', 'twilioSignature'] },
		});
		// As n8n decides it, on the node's parameters with their defaults (a saved workflow has no operation).
		const shownWith = (parameters: INodeParameters) =>
			NodeHelpers.displayParameter(
				NodeHelpers.getNodeParameters(
					description.properties,
					parameters,
					true,
					false,
					null,
					description,
				)!,
				entry,
				null,
				description,
			);
		for (const kind of ['basicAuth', 'headerSecret', 'querySecret', 'hubSignature', 'none']) {
			expect([
				kind,
				shownWith({ operation: SEND_AND_WAIT_OPERATION, receiptAuthentication: kind }),
			]).toEqual([kind, kind !== 'none']);
		}
		expect(shownWith({ operation: 'call' })).toBe(false);
		expect(shownWith({})).toBe(false);
		const receiptAuthentication = description.properties.find(
			(property) => property.name === 'receiptAuthentication',
		)!;
		expect(receiptAuthentication.displayOptions).toEqual({ hide: { operation: ['call'] } });
	});

	it('keeps Operation visible in n8n’s editor, which hides the fields credentials depend on and what those show on', () => {
		// packages/frontend/editor-ui nodeTypesUtils: getNodeAuthFields + isAuthRelatedParameter.
		const authFields = description.properties.filter((property) =>
			description.credentials!.some(
				(credential) => property.name in (credential.displayOptions?.show ?? {}),
			),
		);
		// Every credential is written with `hide`: the editor finds no field to hide.
		expect(authFields.map((field) => field.name)).toEqual([]);
		const hidden = description.properties.filter((property) =>
			authFields.some((field) => property.name in (field.displayOptions?.show ?? {})),
		);
		expect(hidden.map((property) => property.name)).toEqual([]);
		expect(Object.keys(new MakeVoiceCall().methods.credentialTest)).toContain(
			'voiceReceiptWebhookApiTest',
		);
	});
});

describe('Call and Wait for Outcome (n8n-core)', () => {
	it('places the call with the resume URL as notifyUrl and waits, its item being the call marked "timeout" until a receipt says otherwise', async () => {
		const before = Date.now();
		const run = await callAndWait(waitTts);
		const after = Date.now();
		expect(run.error).toBeUndefined();
		expect(run.run.status).toBe('waiting');
		const body = bodyOf('/v2/messages');
		expect(body.notifyUrl).toMatch(
			/^http:\/\/localhost:5678\/webhook-waiting\/\d+\/node-1\?signature=[0-9a-f]{64}$/,
		);
		// Automatic Limit Wait Time: a minute of ringing plus 10 minutes.
		const waitTill = new Date(run.run.data.waitTill as Date).getTime();
		expect(waitTill).toBeGreaterThanOrEqual(before + 11 * 60_000);
		expect(waitTill).toBeLessThanOrEqual(after + 11 * 60_000);
		expect(run.items.map((item) => item.json)).toEqual([
			expect.objectContaining({
				outcome: 'timeout',
				status: 'timeout',
				to: '+447700900001',
				messageId: expect.any(String),
				correlationId: 'booking-7',
				waitUntil: new Date(waitTill).toISOString(),
				call: expect.objectContaining({ status: 'queued', provider: 'webexConnect' }),
				event: null,
			}),
		]);
	});

	it('acknowledges receipts that are not final without resuming, and resumes on the first final one with the call joined to it', async () => {
		const run = await callAndWait(waitTts);
		const waiting = waitingExecution(run);
		for (const [code, word] of [
			['7407', 'Offered'],
			['7519', 'Answered'],
		]) {
			const answer = await resumeByWebhook(waiting, { body: webexReceiptFor(run, code, word) });
			expect(answer.response.status).toBe(200);
			expect(answer.response.body).toEqual({ received: 1, forThisCall: 1, resumed: false });
			expect(answer.resumed).toBeUndefined();
		}
		const final = await resumeByWebhook(waiting, {
			body: webexReceiptFor(run, '7410', 'Disconnected', { timeStamp: '2026-05-01T10:00:05.123' }),
		});
		expect(final.response).toMatchObject({
			status: 200,
			body: { received: 1, forThisCall: 1, resumed: true },
		});
		expect(final.resumed?.status).toBe('success');
		const [row] = outputOf(final.resumed!, 'Make Voice Call');
		expect(row.json).toEqual({
			outcome: 'answered',
			status: 'completed',
			provider: 'webexConnect',
			to: '+447700900001',
			messageId: run.items[0].json.messageId,
			correlationId: 'booking-7',
			providerStatus: 'DISCONNECTED',
			providerCode: '7410',
			description: 'Disconnected',
			durationSeconds: null,
			// Webex Connect does not detect who answered.
			answeredBy: null,
			price: null,
			dtmfDigits: null,
			requestedAt: expect.any(String),
			endedAt: '2026-05-01T10:00:05.123Z',
			receivedAt: expect.any(String),
			waitUntil: run.items[0].json.waitUntil,
			message: null,
			matchedBy: 'messageId',
			call: run.items[0].json.call,
			event: expect.objectContaining({
				status: 'completed',
				final: true,
				messageId: run.items[0].json.messageId,
			}),
		});
		expect(row.pairedItem).toEqual({ item: 0 });
	});

	it.each([
		['7402', 'Rejected', 'busy', 'not-answered'],
		['7401', 'Rejected', 'no-answer', 'not-answered'],
		['7406', 'Rejected', 'rejected', 'not-answered'],
		['7409', 'Dropped', 'failed', 'failed'],
		['7208', 'Message Expired', 'expired', 'not-answered'],
	])('routes final code %s (%s) as status %s, outcome %s', async (code, word, status, outcome) => {
		const run = await callAndWait(waitTts);
		const resumed = await resumeByWebhook(waitingExecution(run), {
			body: webexReceiptFor(run, code, word),
		});
		expect(
			outputOf(resumed.resumed!, 'Make Voice Call').map((item) => [
				item.json.status,
				item.json.outcome,
				item.json.providerCode,
			]),
		).toEqual([[status, outcome, code]]);
	});

	it('reads a national number in Default Country, and drops a bracketed trunk zero, as Place the Call does', async () => {
		const national = await callAndWait({ ...waitTts, to: '020 7946 0125', defaultCountry: 'GB' });
		expect(national.error).toBeUndefined();
		expect(national.items[0].json).toMatchObject({ outcome: 'timeout', to: '+442079460125' });
		const trunk = await callAndWait({ ...waitTts, to: '+44 (0)20 7946 0126' });
		expect(trunk.error).toBeUndefined();
		expect(trunk.items[0].json).toMatchObject({ to: '+442079460126' });
		expect(
			requests('/v2/messages').map(
				(request) =>
					(JSON.parse(request.rawBody) as { to: Array<{ msisdn: string[] }> }).to[0].msisdn,
			),
		).toEqual([['+442079460125'], ['+442079460126']]);
	});

	it('ignores the receipts of another call (a loop reuses the resume URL) and anything that is not a receipt', async () => {
		const run = await callAndWait(waitTts);
		const waiting = waitingExecution(run);
		const other = await resumeByWebhook(waiting, {
			body: webexEvent('7410', 'Disconnected', { transid: 'an-earlier-call' }),
		});
		expect(other.response).toMatchObject({
			status: 200,
			body: { received: 1, forThisCall: 0, resumed: false },
		});
		expect(other.resumed).toBeUndefined();
		const junk = await resumeByWebhook(waiting, { body: { hello: 'world' } });
		expect(junk.response.status).toBe(400);
		expect(junk.response.body).toMatchObject({ error: 'not-a-receipt' });
		expect(junk.resumed).toBeUndefined();
	});

	it('answers 413 to a body over 5 MiB, which a provider does not retry in vain, and keeps waiting', async () => {
		const run = await callAndWait(waitTts);
		const waiting = waitingExecution(run);
		const final = webexReceiptFor(run, '7410', 'Disconnected');
		const huge = await resumeByWebhook(waiting, {
			body: JSON.stringify({ ...(final as object), padding: 'x'.repeat(5 * 1024 * 1024) }),
			headers: { 'content-type': 'application/json' },
		});
		expect(huge.response).toMatchObject({
			status: 413,
			body: {
				error: 'too-large',
				message: expect.stringContaining(
					'a request may carry at most 5,242,880 (5 MiB). Send the receipts in smaller batches. The call is still awaited.',
				),
			},
		});
		expect(huge.resumed).toBeUndefined();
		// The same receipt at a normal size still ends the wait.
		const ends = await resumeByWebhook(waiting, { body: final });
		expect(ends.resumed?.status).toBe('success');
	});

	it('with Webex Connect Signature, answers an unsigned or forged receipt 401 and resumes only on a signed one', async () => {
		const run = await callAndWait({ ...waitTts, receiptAuthentication: 'hubSignature' });
		const waiting = waitingExecution(run);
		const raw = JSON.stringify(webexReceiptFor(run, '7410', 'Disconnected'));
		const sign = (secret: string) => createHmac('sha256', secret).update(raw).digest('hex');
		const unsigned = await resumeByWebhook(waiting, { body: raw });
		const forged = await resumeByWebhook(waiting, {
			body: raw,
			headers: { 'x-hub-signature': sign('not-the-secret') },
		});
		for (const answer of [unsigned, forged]) {
			expect(answer.response.status).toBe(401);
			expect(answer.response.body).toMatchObject({ error: 'unauthorized' });
			expect(answer.resumed).toBeUndefined();
			expect(answer.response.text).not.toContain(HUB_SECRET);
		}
		const signed = await resumeByWebhook(waiting, {
			body: raw,
			headers: { 'x-hub-signature': sign(HUB_SECRET) },
		});
		expect(signed.response.status).toBe(200);
		expect(outputOf(signed.resumed!, 'Make Voice Call')[0].json.outcome).toBe('answered');
	});

	it('with a Query Secret, gives the provider the resume URL with the secret in it, and refuses receipts without it', async () => {
		const run = await callAndWait({
			...waitTts,
			receiptAuthentication: 'querySecret',
			receiptQueryParameter: 'token',
		});
		const url = new URL(bodyOf('/v2/messages').notifyUrl as string);
		expect(url.searchParams.get('token')).toBe(HUB_SECRET);
		expect(url.searchParams.get('signature')).toMatch(/^[0-9a-f]{64}$/);
		const waiting = waitingExecution(run);
		const body = webexReceiptFor(run, '7410', 'Disconnected');
		expect((await resumeByWebhook(waiting, { body })).response).toMatchObject({
			status: 401,
			body: { error: 'unauthorized' },
		});
		expect(
			(await resumeByWebhook(waiting, { body, query: { token: 'guess' } })).response.status,
		).toBe(401);
		const resumed = await resumeByWebhook(waiting, { body, query: { token: HUB_SECRET } });
		expect(outputOf(resumed.resumed!, 'Make Voice Call')[0].json.outcome).toBe('answered');
	});

	it('comes out with outcome "timeout" when no final receipt arrives before the Limit Wait Time', async () => {
		const run = await callAndWait({
			...waitTts,
			limitWaitTime: 'afterTimeInterval',
			resumeAmount: 90,
			resumeUnit: 'seconds',
		});
		expect(new Date(run.run.data.waitTill as Date).getTime() - Date.now()).toBeLessThanOrEqual(
			90_000,
		);
		const resumed = await resumeAfterTimeout(waitingExecution(run));
		expect(resumed.status).toBe('success');
		const rows = outputOf(resumed, 'Make Voice Call');
		expect(rows.map((item) => item.json)).toEqual([
			expect.objectContaining({
				outcome: 'timeout',
				status: 'timeout',
				to: '+447700900001',
				event: null,
			}),
		]);
		expect(rows[0].json.message).toContain('No final receipt by');
	});

	it('waits past a scheduled call: sendAt plus the ring time and 10 minutes', async () => {
		const sendAt = new Date(Date.now() + 2 * 3600_000);
		sendAt.setUTCMilliseconds(0);
		const run = await callAndWait({ ...waitTts, options: { sendAt: sendAt.toISOString() } });
		expect(new Date(run.run.data.waitTill as Date).toISOString()).toBe(
			new Date(sendAt.getTime() + 11 * 60_000).toISOString(),
		);
	});

	it('refuses several items before dialling anyone, naming the loop pattern; with Continue On Fail each item gets a failed row', async () => {
		const refused = await callAndWait({ ...waitTts, to: '={{ $json.phone }}' }, [
			{ phone: '+447700900001' },
			{ phone: '+447700900002' },
		]);
		expect(refused.error).toBeInstanceOf(NodeOperationError);
		expect(refused.error?.message).toContain('received 2 items, and nobody was called');
		expect(refused.error?.message).toContain('Loop Over Items node (Batch Size 1)');
		expect(accounts.simulator.requests).toHaveLength(0);

		const rows = await callAndWait(
			{ ...waitTts, to: '={{ $json.phone }}' },
			[{ phone: '+447700900001' }, { phone: '+447700900002' }],
			{ continueOnFail: true },
		);
		expect(rows.run.status).toBe('success');
		expect(
			rows.items.map((item) => [
				item.json.outcome,
				item.json.status,
				item.json.to,
				item.pairedItem,
			]),
		).toEqual([
			['failed', 'invalid', '+447700900001', { item: 0 }],
			['failed', 'invalid', '+447700900002', { item: 1 }],
		]);
		expect(accounts.simulator.requests).toHaveLength(0);
	});

	it('refuses an item with several numbers, and an AI agent tool run, before dialling', async () => {
		const two = await callAndWait({ ...waitTts, to: '+447700900001, +447700900002' });
		expect(two.error?.message).toContain('to has 2 numbers');
		const tool = await callAndWait(waitTts, [{}], {
			type: 'n8n-nodes-outbound-voice.makeVoiceCallTool',
		});
		expect(tool.error?.message).toContain('cannot run as an AI agent tool');
		expect(accounts.simulator.requests).toHaveLength(0);
	});

	it('refuses a receipts secret too short to check callbacks before dialling, for every method that uses it', async () => {
		for (const receiptAuthentication of [
			'querySecret',
			'headerSecret',
			'basicAuth',
			'hubSignature',
		]) {
			const run = await callAndWait({ ...waitTts, receiptAuthentication }, [{}], {
				receiptSecret: 'short-secret',
			});
			expect(run.error?.message).toContain(
				"Voice Receipt Webhook credential's secret: The secret has 12 characters; use at least 16",
			);
			expect(run.error?.message).not.toContain('short-secret');
		}
		const row = await callAndWait({ ...waitTts, receiptAuthentication: 'querySecret' }, [{}], {
			receiptSecret: '',
			continueOnFail: true,
		});
		expect(
			row.items.map((item) => [item.json.outcome, item.json.status, item.json.message]),
		).toEqual([
			[
				'failed',
				'invalid',
				expect.stringContaining('Enter the secret that incoming receipts must carry'),
			],
		]);
		expect(accounts.simulator.requests).toHaveLength(0);
	});

	it('does not wait for a call the provider refused: with Continue On Fail it comes out failed at once', async () => {
		accounts.simulator.injectFault({ kind: '500' });
		const refused = await callAndWait(waitTts);
		expect(refused.error).toBeInstanceOf(NodeApiError);
		expect(refused.run.status).toBe('error');
		accounts.simulator.injectFault({ kind: '500' });
		const row = await callAndWait(waitTts, [{}], { continueOnFail: true });
		expect(row.run.status).toBe('success');
		expect(row.items.map((item) => [item.json.outcome, item.json.status, item.json.event])).toEqual(
			[['failed', 'failed', null]],
		);
	});

	it('Messaging API v1: receipts to notifyurl, waiting until the expiry plus the ring time and 10 minutes', async () => {
		const expiry = new Date(Date.now() + 3600_000);
		expiry.setUTCMilliseconds(0);
		const run = await callAndWait({
			provider: 'imiconnectMessaging',
			operation: 'sendAndWait',
			to: '+447700900006',
			voiceContent: 'callflowid',
			callflowid: 'flow-1',
			options: { expiry: expiry.toISOString() },
		});
		expect(run.error).toBeUndefined();
		expect(bodyOf('/resources/v1/messaging').notifyurl).toMatch(
			/\/webhook-waiting\/\d+\/node-1\?signature=/,
		);
		expect(new Date(run.run.data.waitTill as Date).getTime()).toBe(expiry.getTime() + 11 * 60_000);
		const resumed = await resumeByWebhook(waitingExecution(run), {
			body: webexReceiptFor(run, '7402', 'Rejected'),
		});
		expect(outputOf(resumed.resumed!, 'Make Voice Call')[0].json).toMatchObject({
			outcome: 'not-answered',
			status: 'busy',
			provider: 'imiconnectMessaging',
		});
	});

	it('Routee: callback.url OnCompletion with the hangup delay as ring time, and the keys collected by a COLLECT verb', async () => {
		const before = Date.now();
		const run = await callAndWait({
			provider: 'routee',
			operation: 'sendAndWait',
			from: '306912345678',
			to: '+306900000012',
			type: 'SAY',
			text: 'Press 1 to confirm',
			language: 'en-GB',
			gender: 'female',
			options: { hangupDelay: 40, collectDigits: true, maxDigits: 2 },
		});
		const after = Date.now();
		expect(run.error).toBeUndefined();
		const body = bodyOf('/voice/conversation');
		expect(body.callback).toEqual({
			url: expect.stringMatching(/\/webhook-waiting\/\d+\/node-1\?signature=/),
			strategy: 'OnCompletion',
		});
		expect(body.dialPlan.verbs).toEqual([
			expect.objectContaining({ type: 'SAY' }),
			{ type: 'COLLECT', maxDigits: 2 },
		]);
		// Limit Wait Time: 40 s of ringing plus 10 minutes, counted from some moment during the run.
		const waitTill = new Date(run.run.data.waitTill as Date).getTime();
		expect(waitTill).toBeGreaterThanOrEqual(before + 40_000 + 10 * 60_000);
		expect(waitTill).toBeLessThanOrEqual(after + 40_000 + 10 * 60_000);
		const callback = routeeCallback('conversation', 'Completed', {
			conversationTrackingId: run.items[0].json.messageId,
			to: '+306900000012',
			collectedTones: '1',
		});
		const resumed = await resumeByWebhook(waitingExecution(run), { body: callback });
		expect(outputOf(resumed.resumed!, 'Make Voice Call')[0].json).toMatchObject({
			outcome: 'answered',
			status: 'completed',
			dtmfDigits: '1',
			durationSeconds: 18,
			price: 0.012,
		});
	});

	it('InnoPaaS: the call record at billUrl resumes the run; a resume URL over 250 characters is refused before dialling', async () => {
		const innoPaas = {
			provider: 'innoPaas',
			operation: 'sendAndWait',
			to: '+447700900007',
			templateId: 'tpl-1',
		};
		const run = await callAndWait(innoPaas);
		expect(run.error).toBeUndefined();
		const form = new URLSearchParams(requests('/open/int-voice/batch-notify')[0].rawBody);
		expect(form.get('billUrl')).toMatch(/\/webhook-waiting\/\d+\/node-1\?signature=/);
		const record = innoPaasRecord({
			callId: run.items[0].json.messageId,
			mobile: '447700900007',
			status: 'NO_ANSWER',
			statusDesc: 'No answer',
			answerTime: '',
			duration: 0,
		});
		const resumed = await resumeByWebhook(waitingExecution(run), { body: record });
		expect(outputOf(resumed.resumed!, 'Make Voice Call')[0].json).toMatchObject({
			outcome: 'not-answered',
			status: 'no-answer',
			to: '+447700900007',
		});

		accounts.simulator.reset();
		// The node id is part of the resume URL: a long one makes it longer than InnoPaaS takes.
		const long = await runWorkflow({
			nodeTypes: { 'n8n-nodes-outbound-voice.makeVoiceCall': new MakeVoiceCall() },
			nodes: [
				{ name: SOURCE_NODE_NAME, type: SOURCE_NODE_TYPE },
				{
					name: 'Call',
					id: 'x'.repeat(150),
					type: 'n8n-nodes-outbound-voice.makeVoiceCall',
					parameters: innoPaas,
				},
			],
			connections: { [SOURCE_NODE_NAME]: { main: [[{ node: 'Call', type: 'main', index: 0 }]] } },
			credentials: credentials(),
			credentialTypes,
		});
		expect(long.error?.message).toMatch(
			/resume URL for this execution is \d{3} characters, and InnoPaaS takes at most 250 in billUrl/,
		);
		expect(accounts.simulator.requests).toHaveLength(0);
	});

	it('keeps the provider’s and the receipts’ secrets out of the output and the logs', async () => {
		const run = await callAndWait({ ...waitTts, receiptAuthentication: 'hubSignature' });
		const raw = JSON.stringify(webexReceiptFor(run, '7410', 'Disconnected'));
		const resumed = await resumeByWebhook(waitingExecution(run), {
			body: raw,
			headers: { 'x-hub-signature': createHmac('sha256', HUB_SECRET).update(raw).digest('hex') },
		});
		expectNoSecrets(run, [...accounts.secrets, HUB_SECRET]);
		expect(JSON.stringify(resumed.resumed) + JSON.stringify(resumed.logs)).not.toContain(
			HUB_SECRET,
		);
	});
});
