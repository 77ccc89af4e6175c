/**
 * Make Voice Call through Twilio (n8n-core, simulator over HTTP): the form-encoded request with
 * TwiML the node writes (every item value escaped), machine detection, StatusCallbackEvent repeated
 * once per event; refusals that name the field; own TwiML refused under guardrails and as a tool;
 * Twilio's errors as NodeApiError with its code; and Call and Wait for Outcome with the resume URL
 * as StatusCallback, resumed by a receipt signed (X-Twilio-Signature) over that URL.
 */
import { NodeApiError, type IDataObject, type INodeParameters } from 'n8n-workflow';
import { createHmac } from 'node:crypto';

import { VoiceReceiptWebhookApi } from '../../../credentials/VoiceReceiptWebhookApi.credentials';
import { MakeVoiceCall } from '../../../nodes/MakeVoiceCall/MakeVoiceCall.node';
import { runNode } from '../../harness';
import { outputOf, resumeByWebhook, waitingExecution } from '../../harness/waiting';
import { TWILIO_SIM } from '../../simulator/providers/twilio';
import { expectNoSecrets, expectRefusedInput, rows } from '../../support/nodes';
import { useProviderAccounts } from '../../support/providerAccounts';

const accounts = useProviderAccounts('mvc-twilio', { hangMs: 3_000 });
const AUTH_TOKEN = () => accounts.keys.twilioAuthToken;
const CALLS_PATH = `/2010-04-01/Accounts/${TWILIO_SIM.account.sid}/Calls.json`;
const FORM = 'application/x-www-form-urlencoded';

const say: INodeParameters = {
	provider: 'twilio',
	from: '+15005550006',
	to: '+14155550100',
	twilioContent: 'say',
	text: '={{ $json.text }}',
	voice: 'Polly.Joanna',
	language: 'en-US',
};

function call(
	parameters: INodeParameters,
	items: IDataObject[] = [{ text: 'Hello' }],
	options: { continueOnFail?: boolean; type?: string; mode?: 'manual' | 'webhook' } = {},
) {
	return runNode({
		node: new MakeVoiceCall(),
		parameters,
		items,
		credentials: accounts.credentials(),
		credentialTypes: [...accounts.credentialTypes(), new VoiceReceiptWebhookApi()],
		continueOnFail: options.continueOnFail,
		type: options.type,
		mode: options.mode,
	});
}

const calls = () => accounts.simulator.requests.filter((request) => request.path === CALLS_PATH);
/** A request's form fields, repeated ones as lists. */
function form(index = 0): Record<string, string | string[]> {
	const fields: Record<string, string | string[]> = {};
	for (const [name, value] of new URLSearchParams(calls()[index].rawBody)) {
		const before = fields[name];
		fields[name] = before === undefined ? value : [before, value].flat();
	}
	return fields;
}

describe('Make Voice Call through Twilio', () => {
	it('places a Say call: TwiML written by the node with the item’s text escaped, machine detection, the call SID in the row', async () => {
		const text = 'Hi <Dial>+447700900999</Dial> & "bye"';
		const result = await call(
			{
				...say,
				options: {
					machineDetection: 'DetectMessageEnd',
					timeout: 25,
					record: true,
					statusCallback: 'https://n8n.example.com/webhook/abc/voice-receipts',
					statusCallbackEvents: ['initiated', 'answered', 'completed'],
				},
			},
			[{ text }],
		);
		expect(result.error).toBeUndefined();
		expect(rows(result)).toEqual([
			expect.objectContaining({
				provider: 'twilio',
				status: 'queued',
				to: '+14155550100',
				messageId: expect.stringMatching(/^CA[0-9a-f]{32}$/),
			}),
		]);
		expect(calls()[0].headers['content-type']).toMatch(/^application\/x-www-form-urlencoded/);
		expect(calls()[0].response?.status).toBe(201);
		expect(form()).toEqual({
			To: '+14155550100',
			From: '+15005550006',
			Twiml:
				'<Response><Say voice="Polly.Joanna" language="en-US">Hi &lt;Dial&gt;+447700900999&lt;/Dial&gt; &amp; &quot;bye&quot;</Say></Response>',
			StatusCallback: 'https://n8n.example.com/webhook/abc/voice-receipts',
			StatusCallbackMethod: 'POST',
			// Repeated once per event: the only form Twilio reads.
			StatusCallbackEvent: ['initiated', 'answered', 'completed'],
			Timeout: '25',
			Record: 'true',
			MachineDetection: 'DetectMessageEnd',
		});
		expect(accounts.simulator.dialCount('+14155550100')).toBe(1);
		expectNoSecrets(result, accounts.secrets);
	});

	it('plays an audio URL, and passes your own TwiML as written when no guardrail is set', async () => {
		await call({ ...say, twilioContent: 'play', audioUrl: 'https://example.com/a.mp3?x=1&y=2' });
		await call({ ...say, twilioContent: 'twiml', twiml: '<Response><Say>Own</Say></Response>' });
		expect(form(0).Twiml).toBe(
			'<Response><Play>https://example.com/a.mp3?x=1&amp;y=2</Play></Response>',
		);
		expect(form(1).Twiml).toBe('<Response><Say>Own</Say></Response>');
	});

	it.each([
		['a SIP address', { to: 'sip:alice@example.com' }, 'is a Twilio SIP address'],
		['a Client address', { to: 'client:alice' }, 'is a Twilio CLIENT address'],
		['a number without country code', { to: '4155550100' }, 'has no country code'],
		[
			'a ring time over 600 s',
			{ options: { timeout: 601 } },
			'timeout is 601; Twilio allows 1 to 600',
		],
		[
			'machine detection with send digits',
			{ options: { machineDetection: 'Enable', sendDigits: '1234' } },
			'machineDetection cannot be used with sendDigits',
		],
	])('refuses %s before anything is sent, naming the field', async (_what, change, message) => {
		const result = await call({ ...say, ...change });
		expectRefusedInput(result, message, accounts.simulator);
	});

	it('refuses a text whose TwiML would pass 4,000 characters once escaped, with both lengths', async () => {
		const result = await call(say, [{ text: '&'.repeat(790) }]);
		expectRefusedInput(
			result,
			'text has 790 characters (3,950 once XML-escaped)',
			accounts.simulator,
		);
		expect(result.error?.message).toContain('Twilio takes at most 4,000');
	});

	it('refuses your own TwiML and a TwiML URL while a guardrail is set, and always as an AI agent tool', async () => {
		const own = {
			...say,
			twilioContent: 'twiml',
			twiml: '<Response><Dial>+1900555</Dial></Response>',
		};
		const guarded = await call({ ...own, guardrails: { allowedDestinations: 'US' } }, undefined, {
			continueOnFail: true,
		});
		expect(rows(guarded)).toEqual([
			expect.objectContaining({
				status: 'blocked',
				message: expect.stringContaining('Your own TwiML is not allowed while Guardrails are set'),
			}),
		]);
		const url = { ...say, twilioContent: 'url', twimlUrl: 'https://example.com/flow.xml' };
		const limited = await call({ ...url, guardrails: { maxCallsPerRun: 5 } });
		expect(limited.error?.message).toContain('A TwiML URL is not allowed while Guardrails are set');
		// As a tool with the owner's guardrails set, the TwiML URL itself is refused.
		const tool = await call(
			{ ...url, guardrails: { allowedDestinations: 'US', maxCallsPerRun: 2 } },
			undefined,
			{ type: 'n8n-nodes-outbound-voice.makeVoiceCallTool' },
		);
		expect(tool.error?.message).toContain('not allowed when an AI agent uses this node');
		expect(calls()).toHaveLength(0);
	});

	it('reports Twilio’s refusal as NodeApiError with its code (21210: From not verified)', async () => {
		const result = await call({ ...say, from: '+15005550001' });
		expect(result.error).toBeInstanceOf(NodeApiError);
		expect(JSON.stringify(result.error)).toContain('21210');
		const kept = await call({ ...say, from: '+15005550001' }, undefined, { continueOnFail: true });
		expect(rows(kept)).toEqual([expect.objectContaining({ status: 'failed', code: '21210' })]);
		expectNoSecrets(kept, accounts.secrets);
	});
});

describe('Call and Wait for Outcome through Twilio', () => {
	const waitFor = (parameters: INodeParameters = {}) =>
		call(
			{ ...say, operation: 'sendAndWait', receiptAuthentication: 'twilioSignature', ...parameters },
			[{ text: 'Your table is ready' }],
			{ mode: 'webhook' },
		);

	/** Twilio's final callback for the waiting call, as form fields. */
	const completed = (callSid: string, extra: Record<string, string> = {}) => ({
		AccountSid: TWILIO_SIM.account.sid,
		ApiVersion: '2010-04-01',
		CallSid: callSid,
		CallStatus: 'completed',
		CallDuration: '25',
		Direction: 'outbound-api',
		From: '+15005550006',
		To: '+14155550100',
		SequenceNumber: '0',
		Timestamp: 'Fri, 01 May 2026 10:00:30 +0000',
		AnsweredBy: 'machine_end_beep',
		...extra,
	});

	/** The signature Twilio sends: HMAC-SHA1 of the URL it called and the fields sorted by name. */
	const sign = (url: string, fields: Record<string, string>, token = AUTH_TOKEN()) =>
		createHmac('sha1', token)
			.update(
				url +
					Object.keys(fields)
						.sort()
						.map((name) => name + fields[name])
						.join(''),
			)
			.digest('base64');

	it('gives Twilio the resume URL as StatusCallback for the completed event, and resumes on a receipt signed over that URL with answeredBy and the duration', async () => {
		const run = await waitFor({ options: { machineDetection: 'DetectMessageEnd' } });
		const waiting = waitingExecution(run);
		const fields = form();
		expect(fields.StatusCallbackEvent).toBe('completed');
		const resumeUrl = String(fields.StatusCallback);
		const url = new URL(resumeUrl);
		expect(url.pathname).toMatch(/^\/webhook-waiting\//);
		const callSid = String((run.items[0].json.call as IDataObject).messageId);
		const receipt = completed(callSid);
		const body = new URLSearchParams(receipt).toString();
		const request = (signature: string) => ({
			body,
			query: Object.fromEntries(url.searchParams),
			headers: { 'content-type': FORM, 'x-twilio-signature': signature },
		});

		const forged = await resumeByWebhook(
			waiting,
			request(sign(resumeUrl, receipt, 'not-the-token')),
		);
		const otherUrl = await resumeByWebhook(waiting, request(sign(`${resumeUrl}&x=1`, receipt)));
		for (const answer of [forged, otherUrl]) {
			expect(answer.response.status).toBe(401);
			expect(answer.resumed).toBeUndefined();
			expect(answer.response.text).not.toContain(AUTH_TOKEN());
		}

		const signed = await resumeByWebhook(waiting, request(sign(resumeUrl, receipt)));
		expect(signed.response.status).toBe(200);
		const [outcome] = outputOf(signed.resumed!, 'Make Voice Call');
		expect(outcome.json).toMatchObject({
			outcome: 'answered',
			status: 'completed',
			provider: 'twilio',
			messageId: callSid,
			answeredBy: 'machine',
			durationSeconds: 25,
			endedAt: '2026-05-01T10:00:30.000Z',
		});
		expect(JSON.stringify(outcome.json)).not.toContain(AUTH_TOKEN());
	});

	it.each([
		[{}, undefined, 60 + 14_400],
		[{ timeout: 30, timeLimit: 600 }, '600', 30 + 600],
	])(
		'waits automatically the ring time plus Twilio’s Time Limit plus 10 minutes (options %p), so a long conversation is not a timeout',
		async (options, sentTimeLimit, seconds) => {
			const before = Date.now();
			const run = await waitFor({ options });
			const after = Date.now();
			expect(run.error).toBeUndefined();
			expect(form().TimeLimit).toBe(sentTimeLimit);
			// Counted from some moment during the run.
			const waitTill = new Date(run.run.data.waitTill as Date).getTime();
			expect(waitTill).toBeGreaterThanOrEqual(before + seconds * 1000 + 10 * 60_000);
			expect(waitTill).toBeLessThanOrEqual(after + seconds * 1000 + 10 * 60_000);
		},
	);

	it('asks for no second credential for Twilio Signature: the Auth Token is the Twilio credential’s', () => {
		const { credentials } = new MakeVoiceCall().description;
		const receipt = credentials!.find((entry) => entry.name === 'voiceReceiptWebhookApi')!;
		expect(receipt.displayOptions?.hide?.receiptAuthentication).toContain('twilioSignature');
	});
});
