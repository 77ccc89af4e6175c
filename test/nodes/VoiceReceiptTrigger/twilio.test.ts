/**
 * The Voice Receipt Trigger with Twilio status callbacks (n8n-core's WebhookContext): detection
 * from the payload, "Twilio Signature" checked with the Auth Token of the chosen Twilio credential
 * over the trigger's URL with the query as received (form body, and the bodySHA256 form for JSON),
 * the event mapping with answeredBy and SequenceNumber, and a repeated callback dropped.
 */
import { createHash, createHmac } from 'node:crypto';

import type { ICredentialDataDecryptedObject, IDataObject, INodeParameters } from 'n8n-workflow';

import { TwilioVoiceApi } from '../../../credentials/TwilioVoiceApi.credentials';
import { VoiceReceiptTrigger } from '../../../nodes/VoiceReceiptTrigger/VoiceReceiptTrigger.node';
import { logsToText, runWebhook, type WebhookRequestInput } from '../../harness';
import { TWILIO_SIM } from '../../simulator/providers/twilio';

const TOKEN = 'trigger-twilio-token-31c7';
const URL_OF_TRIGGER = 'http://localhost:5678/webhook/twilio-hook/voice-receipts';
const FORM = 'application/x-www-form-urlencoded';
const CALL_SID = 'CA0123456789abcdef0123456789abcdef';
let calls = 0;

/** A callback of a new call unless `sid` is given: the trigger's process memory spans the tests. */
const callback = (status: string, extra: Record<string, string> = {}, sid = nextSid()) => ({
	AccountSid: TWILIO_SIM.account.sid,
	ApiVersion: '2010-04-01',
	CallSid: sid,
	CallStatus: status,
	Direction: 'outbound-api',
	From: '+15005550006',
	To: '+14155550100',
	Timestamp: 'Fri, 01 May 2026 10:00:30 +0000',
	...extra,
});

function nextSid(): string {
	calls += 1;
	return `CA${String(calls).padStart(32, '0')}`;
}

const sign = (url: string, fields: Record<string, string>, token = TOKEN) =>
	createHmac('sha1', token)
		.update(
			url +
				Object.keys(fields)
					.sort()
					.map((name) => name + fields[name])
					.join(''),
		)
		.digest('base64');

/** A form callback signed over the trigger's URL with `query` as Twilio called it. */
function signed(
	fields: Record<string, string>,
	query: Record<string, string> = {},
	token = TOKEN,
): WebhookRequestInput {
	const search = new URLSearchParams(query).toString();
	return {
		body: new URLSearchParams(fields).toString(),
		query,
		headers: {
			'content-type': FORM,
			'x-twilio-signature': sign(
				search ? `${URL_OF_TRIGGER}?${search}` : URL_OF_TRIGGER,
				fields,
				token,
			),
		},
	};
}

function trigger(
	request: WebhookRequestInput,
	parameters: INodeParameters = { authentication: 'twilioSignature' },
	staticData?: IDataObject,
	credential: ICredentialDataDecryptedObject = {
		accountSid: TWILIO_SIM.account.sid,
		authType: 'authToken',
		authToken: TOKEN,
	},
) {
	return runWebhook({
		node: new VoiceReceiptTrigger(),
		webhookId: 'twilio-hook',
		workflowId: 'wf-twilio',
		// The callbacks carry fixed 2026 stamps: no Maximum Receipt Age here (trigger.test.ts covers it).
		parameters: {
			...parameters,
			options: { maxReceiptAgeMinutes: 0, ...((parameters.options as IDataObject) ?? {}) },
		},
		request,
		staticData,
		credentials: { twilioVoiceApi: credential },
		credentialTypes: [new TwilioVoiceApi()],
	});
}

describe('Voice Receipt Trigger with Twilio status callbacks', () => {
	it('detects a signed form callback and maps it: completed, answeredBy, duration, SequenceNumber', async () => {
		const fields = callback(
			'completed',
			{
				CallDuration: '25',
				SipResponseCode: '200',
				AnsweredBy: 'machine_end_beep',
				SequenceNumber: '3',
			},
			CALL_SID,
		);
		const result = await trigger(signed(fields, { flow: 'a b' }));
		expect(result.response.status).toBe(200);
		expect(result.items.map((item) => item.json)).toMatchObject([
			{
				provider: 'twilio',
				status: 'completed',
				final: true,
				providerStatus: 'completed',
				providerCode: '200',
				messageId: CALL_SID,
				to: '+14155550100',
				timestamp: '2026-05-01T10:00:30.000Z',
				durationSeconds: 25,
				answeredBy: 'machine',
				sequence: 3,
			},
		]);
		const text =
			JSON.stringify(result.items) + JSON.stringify(result.response) + logsToText(result.logs);
		expect(text).not.toContain(TOKEN);
	});

	it.each([
		['in-progress', 'answered', false],
		['ringing', 'ringing', false],
		['busy', 'busy', true],
		['no-answer', 'no-answer', true],
		['canceled', 'failed', true],
	])('reads CallStatus %s as %s', async (word, status, final) => {
		const result = await trigger(signed(callback(word, { SequenceNumber: '1' })), {
			authentication: 'twilioSignature',
			provider: 'twilio',
		});
		expect(result.items.map((item) => item.json)).toMatchObject([{ status, final }]);
	});

	it('refuses a callback signed with another token, over another URL or query, or not signed, with 401 and no run', async () => {
		const fields = callback('completed');
		const query = { flow: 'a b' };
		const otherQuery = { ...signed(fields, { flow: 'a+b' }), query };
		const unsigned = { ...signed(fields), headers: { 'content-type': FORM } };
		for (const request of [signed(fields, query, 'another-token'), otherQuery, unsigned]) {
			const result = await trigger(request);
			expect(result.response.status).toBe(401);
			expect(result.startsRun).toBe(false);
			expect(JSON.stringify(result.response)).not.toContain(TOKEN);
		}
	});

	it('takes the Auth Token from the Twilio credential under either Authenticate With, and fails closed without one', async () => {
		const fields = callback('completed');
		const withKey = {
			accountSid: TWILIO_SIM.account.sid,
			authType: 'apiKey',
			apiKeySid: TWILIO_SIM.apiKey.sid,
			apiKeySecret: 'key-secret',
			authToken: TOKEN,
		};
		const taken = await trigger(signed(fields), undefined, undefined, withKey);
		expect(taken.response.status).toBe(200);
		const noToken = await trigger(signed(fields), undefined, undefined, {
			...withKey,
			authToken: '',
		});
		expect(noToken.response.status).toBe(401);
	});

	it('checks the bodySHA256 form: a JSON body signed through its hash in the URL', async () => {
		const raw = JSON.stringify(callback('completed'));
		const query = { bodySHA256: createHash('sha256').update(raw).digest('hex') };
		const url = `${URL_OF_TRIGGER}?${new URLSearchParams(query).toString()}`;
		const request = (body: string) => ({
			body,
			query,
			headers: { 'content-type': 'application/json', 'x-twilio-signature': sign(url, {}) },
		});
		const taken = await trigger(request(raw));
		expect(taken.items.map((item) => item.json)).toMatchObject([
			{ provider: 'twilio', status: 'completed' },
		]);
		const changed = await trigger(request(raw.replace('completed', 'busy')));
		expect(changed.response.status).toBe(401);
	});

	it('drops a repeated callback (Twilio may deliver one twice) through the workflow static data', async () => {
		const fields = callback('completed', { SequenceNumber: '3' });
		const first = await trigger(signed(fields));
		expect(first.startsRun).toBe(true);
		const again = await trigger(signed(fields), undefined, first.staticData);
		expect(again.response).toMatchObject({
			status: 200,
			body: { received: 1, emitted: 0, duplicates: 1, filtered: 0 },
		});
		expect(again.startsRun).toBe(false);
	});

	it('drops a ringing callback delivered after the call’s final one (Drop Out-of-Order Events)', async () => {
		const parameters = { authentication: 'twilioSignature', options: { dropOutOfOrder: true } };
		const sid = nextSid();
		const final = await trigger(
			signed(callback('completed', { SequenceNumber: '3' }, sid)),
			parameters,
		);
		expect(final.startsRun).toBe(true);
		const late = await trigger(
			signed(callback('ringing', { SequenceNumber: '1' }, sid)),
			parameters,
			final.staticData,
		);
		expect(late.startsRun).toBe(false);
		expect(late.response.body).toMatchObject({ emitted: 0, outOfOrder: 1 });
	});

	it('drops a ringing callback delivered after the call’s in-progress one, by SequenceNumber (Drop Out-of-Order Events)', async () => {
		const parameters = { authentication: 'twilioSignature', options: { dropOutOfOrder: true } };
		const sid = nextSid();
		const answered = await trigger(
			signed(callback('in-progress', { SequenceNumber: '2' }, sid)),
			parameters,
		);
		expect(answered.items.map((item) => item.json)).toMatchObject([
			{ status: 'answered', sequence: 2 },
		]);
		const late = await trigger(
			signed(callback('ringing', { SequenceNumber: '1' }, sid)),
			parameters,
			answered.staticData,
		);
		expect(late.startsRun).toBe(false);
		expect(late.response.body).toMatchObject({ emitted: 0, outOfOrder: 1 });
		const next = await trigger(
			signed(callback('completed', { SequenceNumber: '3' }, sid)),
			parameters,
			late.staticData,
		);
		expect(next.items.map((item) => item.json)).toMatchObject([{ status: 'completed' }]);
	});
});
