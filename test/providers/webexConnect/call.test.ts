import { parseInput } from '../../../nodes/core/validation';
import {
	imiconnectMessagingV1,
	REQUESTED_RECEIPTS,
	webexConnectMakeCall,
	type MakeCall,
	type MessagingV1Call,
} from '../../../nodes/providers/webexConnect/call';
import { fixture } from '../../support/fixtures';
import { inputError } from '../../support/inputError';

/** The text-to-speech content of a documented Make Call request. */
const tts = fixture('webexConnect', 'request.makeCall').content;

const makeCall = (overrides: Record<string, unknown> = {}): MakeCall =>
	parseInput(webexConnectMakeCall.schema, {
		from: '+14155550100',
		recipients: [{ to: '+447700900001', correlationId: 'order-42' }],
		content: tts,
		...overrides,
	});

const v1Call = (overrides: Record<string, unknown> = {}): MessagingV1Call =>
	parseInput(imiconnectMessagingV1.schema, {
		callflowid: 'flow-7',
		recipients: [{ to: '+447700900001' }],
		...overrides,
	});

describe('Webex Connect Make Call request', () => {
	it('builds the documented body with every field', () => {
		const call = makeCall({
			recipients: [
				{ to: '+44 7700-900.001', correlationId: 'a' },
				{ to: '0044 (7700) 900002', correlationId: 'b' },
			],
			priority: 'high',
			callbackData: 'cb-1',
			notifyUrl: 'https://n8n.example.com/webhook/x',
			requestedReceipts: ['offered', 'answered', 'trombone connected'],
			sendAt: '2026-12-01T10:00:00+01:00',
		});
		const request = webexConnectMakeCall.buildRequest(call);
		expect(request).toEqual({
			method: 'POST',
			path: '/v2/messages',
			encoding: 'json',
			body: {
				channel: 'voice',
				from: '+14155550100',
				to: [
					{ msisdn: ['+447700900001'], correlationId: 'a' },
					{ msisdn: ['+447700900002'], correlationId: 'b' },
				],
				priority: 3,
				callbackData: 'cb-1',
				notifyUrl: 'https://n8n.example.com/webhook/x',
				requestedReceipts: ['offered', 'answered', 'trombone connected'],
				sendAt: '2026-12-01T09:00:00.000Z',
				content: tts,
			},
		});
	});

	it('leaves optional fields out and sends a media prompt', () => {
		const request = webexConnectMakeCall.buildRequest(
			makeCall({
				recipients: [{ to: '+447700900001' }],
				content: { type: 'media', mediaId: '1561' },
			}),
		);
		expect(request.body).toEqual({
			channel: 'voice',
			from: '+14155550100',
			to: [{ msisdn: ['+447700900001'] }],
			content: { type: 'media', mediaId: '1561' },
		});
	});

	it('maps priorities to 1, 2, 3 and takes epoch send times', () => {
		for (const [priority, number] of [
			['low', 1],
			['medium', 2],
			['high', 3],
		] as const) {
			expect(webexConnectMakeCall.buildRequest(makeCall({ priority })).body.priority).toBe(number);
		}
		expect(makeCall({ sendAt: 1764579600 }).sendAt).toBe('2025-12-01T09:00:00.000Z');
		expect(makeCall({ sendAt: '1764579600000' }).sendAt).toBe('2025-12-01T09:00:00.000Z');
	});

	it('accepts all ten receipt events', () => {
		expect(makeCall({ requestedReceipts: [...REQUESTED_RECEIPTS] }).requestedReceipts).toHaveLength(
			10,
		);
	});

	it.each(
		(
			[
				[
					{ content: { ...tts, text: 'x'.repeat(2134) } },
					'content.text',
					'text is 2,134 characters; Webex Connect allows at most 2,000',
				],
				[
					{ recipients: [{ to: '+447700900001', correlationId: 'é'.repeat(26) }] },
					'recipients.correlationId',
					'is 52 bytes; Webex Connect allows at most 50',
				],
				[
					{
						recipients: Array.from({ length: 1001 }, (_, i) => ({
							to: `+4477009${String(i).padStart(5, '0')}`,
						})),
					},
					'recipients',
					'to has 1,001 numbers; Webex Connect allows at most 1,000 per request',
				],
				[{ recipients: [] }, 'recipients', 'to is required'],
				[
					{ recipients: [{ to: '07700 900001' }] },
					'recipients.to',
					'to "07700 900001" has no country code',
				],
				[
					{ recipients: [{ to: '+12' }] },
					'recipients.to',
					'to "+12" is not a valid international number',
				],
				[{ from: 'ACME' }, 'from', 'from "ACME" is not a valid international number'],
				[{ from: undefined }, 'from', 'from is required'],
				[{ sendAt: 'next tuesday' }, 'sendAt', 'sendAt "next tuesday" is not a date'],
				[{ notifyUrl: 'ftp://x' }, 'notifyUrl', 'notifyUrl "ftp://x" is not an http(s) URL'],
				[
					{ priority: 'urgent' },
					'priority',
					'priority "urgent" is not one of "low", "medium", "high"',
				],
				[
					{ requestedReceipts: ['delivered'] },
					'requestedReceipts',
					'requestedReceipts "delivered" is not one of',
				],
				[
					{ content: { ...tts, voiceType: 'robotic' } },
					'content.voiceType',
					'voiceType "robotic" is not one of "standard", "neural"',
				],
				[
					{ content: { ...tts, ttsProcessor: 'Polly' } },
					'content.ttsProcessor',
					'ttsProcessor "Polly" is not one of "Azure"',
				],
				[{ content: { ...tts, voice: '' } }, 'content.voice', 'voice is required'],
				[{ content: { ...tts, language: '  ' } }, 'content.language', 'language is required'],
				[{ content: { ...tts, region: undefined } }, 'content.region', 'region is required'],
				[{ content: { type: 'media', mediaId: '' } }, 'content.mediaId', 'mediaId is required'],
			] as const
		).map(([overrides, field, message]) => [field, overrides, message] as const),
	)('refuses a bad %s, naming the field, value and limit', (field, overrides, message) => {
		const error = inputError(() => makeCall(overrides as Record<string, unknown>));
		expect(error.field).toBe(field);
		expect(error.message).toContain(message);
	});

	it('accepts exactly 1000 numbers and text of exactly 2000 characters', () => {
		const recipients = Array.from({ length: 1000 }, (_, i) => ({
			to: `+4477009${String(i).padStart(5, '0')}`,
		}));
		expect(
			makeCall({ recipients, content: { ...tts, text: 'y'.repeat(2000) } }).recipients,
		).toHaveLength(1000);
	});
});

describe('Webex Connect times and untrusted values', () => {
	it('refuses a send time the calendar does not have, instead of moving it to another day', () => {
		// Sent as 1 May before: a call on a day the user did not write.
		const error = inputError(() => makeCall({ sendAt: '2026-04-31T08:00:00Z' }));
		expect([error.field, error.message]).toEqual([
			'sendAt',
			'sendAt "2026-04-31T08:00:00Z" is not a real date: April 2026 has no day 31',
		]);
		expect(inputError(() => makeCall({ sendAt: '1969-07-20T20:17:00Z' })).message).toBe(
			'sendAt "1969-07-20T20:17:00Z" is out of range: times from the year 1970 to 9999 (UTC) are read',
		);
	});

	it('reads a send time without a zone in the call’s time zone (the workflow’s), UTC when none is given', () => {
		expect(makeCall({ sendAt: '2026-12-01T09:00:00', timeZone: 'Europe/Berlin' }).sendAt).toBe(
			'2026-12-01T08:00:00.000Z',
		);
		expect(makeCall({ sendAt: '2026-07-01 09:00', timeZone: 'Europe/Berlin' }).sendAt).toBe(
			'2026-07-01T07:00:00.000Z',
		);
		expect(makeCall({ sendAt: '2026-12-01T09:00:00' }).sendAt).toBe('2026-12-01T09:00:00.000Z');
		// A zone written in the value wins.
		expect(makeCall({ sendAt: '2026-12-01T09:00:00Z', timeZone: 'Europe/Berlin' }).sendAt).toBe(
			'2026-12-01T09:00:00.000Z',
		);
		expect(
			webexConnectMakeCall.buildRequest(
				makeCall({ sendAt: '2026-12-01T09:00:00', timeZone: 'Asia/Kolkata' }),
			).body,
		).toMatchObject({
			sendAt: '2026-12-01T03:30:00.000Z',
		});
		expect(
			webexConnectMakeCall.buildRequest(makeCall({ timeZone: 'Asia/Kolkata' })).body,
		).not.toHaveProperty('timeZone');
	});

	it('refuses a wall-clock time the zone skips, and a zone that is none', () => {
		expect(
			inputError(() => makeCall({ sendAt: '2026-03-29T02:30:00', timeZone: 'Europe/Berlin' }))
				.message,
		).toBe(
			'sendAt "2026-03-29T02:30:00" is not a real time: 02:30 does not exist in Europe/Berlin on 2026-03-29 (the clocks skip it)',
		);
		expect(
			inputError(() => makeCall({ sendAt: '2026-12-01T09:00:00', timeZone: 'Berlin' })).message,
		).toBe('timeZone "Berlin" is not an IANA time zone such as Asia/Shanghai or Europe/London');
	});

	it.each([
		[{ from: { toString: 1 } }, 'from', 'from must be text, not an object'],
		[{ from: Object.create(null) }, 'from', 'from must be text, not an object'],
		[{ recipients: [{ to: { toString: 1 } }] }, 'recipients.to', 'to must be text, not an object'],
		[{ recipients: [{ to: [['+447700900001']] }] }, 'recipients.to', 'to must be text, not a list'],
		[
			{ recipients: [{ to: '+447700900001', correlationId: { toString: 1 } }] },
			'recipients.correlationId',
			'correlationId must be text, not an object',
		],
		[{ sendAt: { toString: 1 } }, 'sendAt', 'sendAt is invalid'],
	])('refuses %j with its own message, not a TypeError', (overrides, field, message) => {
		const error = inputError(() => makeCall(overrides));
		expect([error.field, error.message]).toEqual([
			field,
			message === 'sendAt is invalid' ? expect.stringContaining(message) : message,
		]);
	});
});

describe('Webex Connect Make Call response', () => {
	const call = makeCall({
		recipients: [{ to: '+447700900001', correlationId: 'a' }, { to: '+447700900002' }],
	});

	it('"201 Partial Content" is a 201 like "201 Created": every number stays queued with the one message id (the reason phrase is not read)', () => {
		// Seeds 000/001 list it without detail; HTTP/2 and proxies drop reason phrases, and the answer
		// has one messageId and one status for the whole request: which numbers were left out cannot
		// be known from it. Their receipts (one per number) tell.
		for (const statusCode of [200, 201, 202]) {
			const outcome = webexConnectMakeCall.parseResponse(call, {
				statusCode,
				headers: {},
				body: { messageId: 'm-2', status: 'queued', message: 'Partial Content' },
			});
			expect(
				outcome.kind === 'accepted' &&
					outcome.recipients.map((row) => [row.status, row.messageId, row.message]),
			).toEqual([
				['queued', 'm-2', 'Partial Content'],
				['queued', 'm-2', 'Partial Content'],
			]);
		}
	});

	it('gives every number the message id of a queued request', () => {
		const outcome = webexConnectMakeCall.parseResponse(call, {
			statusCode: 201,
			headers: {},
			body: {
				requestTimestamp: '2026-05-01T10:00:00Z',
				messageId: 'm-1',
				correlationId: 'a',
				status: 'queued',
			},
		});
		expect(outcome).toEqual({
			kind: 'accepted',
			requestedAt: '2026-05-01T10:00:00Z',
			recipients: [
				{
					to: '+447700900001',
					status: 'queued',
					messageId: 'm-1',
					correlationId: 'a',
					code: null,
					message: null,
				},
				{
					to: '+447700900002',
					status: 'queued',
					messageId: 'm-1',
					correlationId: 'a',
					code: null,
					message: null,
				},
			],
		});
	});

	it('reports a Rejected status per number with its code', () => {
		const outcome = webexConnectMakeCall.parseResponse(call, {
			statusCode: 200,
			headers: {},
			body: { messageId: 'm-2', status: 'Rejected', code: '7102', message: 'Invalid destination' },
		});
		expect(
			outcome.kind === 'accepted' && outcome.recipients.map((r) => [r.status, r.code]),
		).toEqual([
			['rejected', '7102'],
			['rejected', '7102'],
		]);
	});

	it.each([
		[400, { code: '7000', message: 'Invalid JSON' }, '7000', 'Invalid JSON'],
		[
			400,
			{ code: '7003', message: 'Mandatory parameter missing' },
			'7003',
			'Mandatory parameter missing',
		],
		[400, { code: '7004', message: 'Invalid parameter' }, '7004', 'Invalid parameter'],
		[400, { code: '7005', message: 'Request expired' }, '7005', 'Request expired'],
		[400, { code: 7009, message: 'Too many destinations' }, '7009', 'Too many destinations'],
		[400, { code: '7022', message: 'JSON too large' }, '7022', 'JSON too large'],
		[400, { code: '7101', message: 'Invalid sender' }, '7101', 'Invalid sender'],
		[400, { code: '7102', message: 'Invalid destination' }, '7102', 'Invalid destination'],
		[400, { code: '7107', message: 'Message length exceeded' }, '7107', 'Message length exceeded'],
		[400, { code: '7126', message: 'Invalid content type' }, '7126', 'Invalid content type'],
		[403, { code: '7127', message: 'Source IP not allowed' }, '7127', 'Source IP not allowed'],
		[401, '', 'HTTP 401', 'authentication failed'],
		[404, undefined, 'HTTP 404', 'resource not found'],
		[409, undefined, 'HTTP 409', 'conflict'],
		[500, undefined, 'HTTP 500', 'internal server error'],
	])('HTTP %i %j is a provider error with code %s', (statusCode, body, code, message) => {
		const outcome = webexConnectMakeCall.parseResponse(call, { statusCode, headers: {}, body });
		expect(outcome).toEqual({
			kind: 'error',
			httpStatus: statusCode,
			code,
			message: expect.stringContaining(message),
		});
	});

	it('treats a success without a readable body as ambiguous', () => {
		expect(
			webexConnectMakeCall.parseResponse(call, { statusCode: 201, headers: {}, body: '<html>' })
				.kind,
		).toBe('ambiguous');
	});
});

describe('IMIconnect Messaging API v1', () => {
	it('builds the documented body for a call flow with every field', () => {
		const call = v1Call({
			cli: '+14155550100',
			recipients: [{ to: '+447700900001', correlationId: 'row-1' }, { to: '+447700900002' }],
			correlationId: 'batch-1',
			priority: 'low',
			callbackData: 'cb',
			notifyUrl: 'https://n8n.example.com/r',
			expiry: '2015-04-12T18:30:19.456+5:30',
		});
		expect(imiconnectMessagingV1.buildRequest(call)).toEqual({
			method: 'POST',
			path: '/resources/v1/messaging',
			encoding: 'json',
			body: {
				correlationid: 'batch-1',
				notifyurl: 'https://n8n.example.com/r',
				callbackData: 'cb',
				expiry: '2015-04-12T13:00:19.456Z',
				priority: '1',
				deliverychannel: 'voice',
				channels: { voice: { callflowid: 'flow-7', cli: '+14155550100' } },
				destination: [
					{ msisdn: ['+447700900001'], correlationid: 'row-1' },
					{ msisdn: ['+447700900002'] },
				],
			},
		});
	});

	it('reads an expiry without a zone in the call’s time zone', () => {
		expect(v1Call({ expiry: '2026-12-01T18:00:00', timeZone: 'America/New_York' }).expiry).toBe(
			'2026-12-01T23:00:00.000Z',
		);
	});

	it('sends a media prompt instead of a call flow', () => {
		const body = imiconnectMessagingV1.buildRequest(
			v1Call({ callflowid: '', media: 'prompt-3' }),
		).body;
		expect(body.channels).toEqual({ voice: { media: 'prompt-3' } });
	});

	it.each([
		[{ callflowid: '' }, 'callflowid or media is required'],
		[{ media: 'prompt-3' }, 'give either callflowid ("flow-7") or media ("prompt-3"), not both'],
		[
			{ correlationId: 'x'.repeat(51) },
			'correlationId "' + 'x'.repeat(51) + '" is 51 bytes; Webex Connect allows at most 50',
		],
		[{ expiry: '2015-13-45' }, 'expiry "2015-13-45" is not a date'],
		// Sent as 2 March before.
		[
			{ expiry: '2026-02-30T10:00:00Z' },
			'expiry "2026-02-30T10:00:00Z" is not a real date: February 2026 has no day 30',
		],
	])('refuses %j', (overrides, message) => {
		expect(inputError(() => v1Call(overrides)).message).toContain(message);
	});

	const call = v1Call({
		recipients: [{ to: '+447700900001', correlationId: 'r1' }, { to: '+447700900002' }],
	});

	it('reads one result per destination: 1001 queued, others rejected', () => {
		const outcome = imiconnectMessagingV1.parseResponse(call, {
			statusCode: 200,
			headers: {},
			body: {
				response: [
					{ code: '1001', description: 'Queued', correlationid: 'r1', transid: 't-1' },
					{ code: '7004', description: 'Invalid parameters', transid: '' },
				],
			},
		});
		expect(outcome).toEqual({
			kind: 'accepted',
			requestedAt: null,
			recipients: [
				{
					to: '+447700900001',
					status: 'queued',
					messageId: 't-1',
					correlationId: 'r1',
					code: '1001',
					message: 'Queued',
				},
				{
					to: '+447700900002',
					status: 'rejected',
					messageId: null,
					correlationId: null,
					code: '7004',
					message: 'Invalid parameters',
				},
			],
		});
	});

	it.each([
		[401, '7001', 'Authentication failed'],
		[401, '7002', 'Service key missing'],
		[400, '7000', 'Invalid JSON'],
		[400, '7003', 'Mandatory parameters missing'],
		[500, '7006', 'Internal error occurred'],
		[403, '7007', 'Service inactive'],
		[400, '7009', 'Max number of destinations'],
	])('HTTP %i with code %s is a request-level error', (statusCode, code, description) => {
		const outcome = imiconnectMessagingV1.parseResponse(call, {
			statusCode,
			headers: {},
			body: { response: [{ code, description }] },
		});
		expect(outcome).toEqual({ kind: 'error', httpStatus: statusCode, code, message: description });
	});

	it('treats a request-level code as an error even when HTTP says 200 for a single number', () => {
		const single = v1Call();
		const outcome = imiconnectMessagingV1.parseResponse(single, {
			statusCode: 200,
			headers: {},
			body: { response: [{ code: '7001', description: 'Authentication failed' }] },
		});
		expect(outcome.kind).toBe('error');
	});
});
