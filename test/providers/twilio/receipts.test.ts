/**
 * Twilio status callbacks into the one event model: each CallStatus, AnsweredBy, SequenceNumber,
 * RFC 2822 time stamps, untrusted shapes; and the simulator's real callbacks, received over HTTP,
 * decoded as the trigger decodes bodies, signature-checked and parsed.
 */
import { request } from 'undici';

import { decodeReceiptBody } from '../../../nodes/core/receipts/body';
import { innoPaas } from '../../../nodes/providers/innoPaas';
import { routee } from '../../../nodes/providers/routee';
import {
	parseTwilioReceipts,
	rfc2822ToIso,
	twilioReceipts,
} from '../../../nodes/providers/twilio/receipts';
import { verifyTwilioSignature } from '../../../nodes/providers/twilio/signature';
import { webexConnect } from '../../../nodes/providers/webexConnect';
import { basicAuth } from '../../support/auth';
import { routeeCallback, webexReceipt } from '../../support/receipts';
import { startReceiver, type Receiver } from '../../support/receiver';
import { startSimulator, type Simulator } from '../../simulator/server';
import { TWILIO_SIM, twilioCallsPath } from '../../simulator/providers/twilio';

const SID = 'CA0123456789abcdef0123456789abcdef';
const receivedAt = new Date('2026-12-06T10:00:09Z');
const callback = (extra: Record<string, unknown> = {}) => ({
	AccountSid: TWILIO_SIM.account.sid,
	ApiVersion: '2010-04-01',
	CallSid: SID,
	CallStatus: 'completed',
	Called: '+14155550100',
	Caller: '+15005550006',
	Direction: 'outbound-api',
	From: '+15005550006',
	To: '+14155550100',
	Timestamp: 'Sun, 06 Dec 2026 10:00:05 +0000',
	SequenceNumber: '3',
	CallbackSource: 'call-progress-events',
	CallDuration: '18',
	SipResponseCode: '200',
	...extra,
});
const parse = (body: unknown) => parseTwilioReceipts(body, { receivedAt });

describe('Twilio status callbacks', () => {
	it('reads a completed callback into the event model', () => {
		expect(parse(callback({ AnsweredBy: 'human' }))).toEqual([
			{
				provider: 'twilio',
				status: 'completed',
				final: true,
				providerStatus: 'completed',
				providerCode: '200',
				description: null,
				messageId: SID,
				campaignId: null,
				correlationId: null,
				callbackData: null,
				to: '+14155550100',
				from: '+15005550006',
				timestamp: '2026-12-06T10:00:05.000Z',
				durationSeconds: 18,
				price: null,
				receivedAt: receivedAt.toISOString(),
				answeredBy: 'human',
				sequence: 3,
			},
		]);
	});

	it.each([
		['queued', 'queued', false],
		['initiated', 'initiated', false],
		['ringing', 'ringing', false],
		['in-progress', 'answered', false],
		['completed', 'completed', true],
		['busy', 'busy', true],
		['no-answer', 'no-answer', true],
		['failed', 'failed', true],
		['canceled', 'failed', true],
		['Completed', 'completed', true],
		['on-hold', 'unknown', false],
	])('maps CallStatus %s to %s (final: %s), keeping Twilio’s word', (word, status, final) => {
		const [event] = parse(callback({ CallStatus: word }));
		expect(event).toMatchObject({ status, final, providerStatus: word });
	});

	it.each([
		['human', 'human'],
		['machine_start', 'machine'],
		['machine_end_beep', 'machine'],
		['machine_end_silence', 'machine'],
		['machine_end_other', 'machine'],
		['fax', 'fax'],
		['unknown', 'unknown'],
		['robot', 'unknown'],
	])('reads AnsweredBy %s as %s', (word, answeredBy) => {
		expect(parse(callback({ AnsweredBy: word }))[0].answeredBy).toBe(answeredBy);
	});

	it('has no answeredBy without machine detection, and no sequence when it is not a count', () => {
		const [event] = parse(callback({ SequenceNumber: '-1' }));
		expect(event.answeredBy).toBeNull();
		expect(event.sequence).toBeNull();
		expect(parse(callback({ SequenceNumber: '1.5' }))[0].sequence).toBeNull();
		expect(parse(callback({ SequenceNumber: '0' }))[0].sequence).toBe(0);
	});

	it.each([
		['Sun, 06 Dec 2026 10:00:05 +0000', '2026-12-06T10:00:05.000Z'],
		['06 Dec 2026 12:00:05 +0200', '2026-12-06T10:00:05.000Z'],
		['Sun, 06 Dec 2026 10:00:05 GMT', '2026-12-06T10:00:05.000Z'],
		['Mon, 30 Feb 2026 10:00:05 +0000', null],
		['Sun, 06 Foo 2026 10:00:05 +0000', null],
		['2026-12-06T10:00:05Z', null],
	])('reads Timestamp %s as %s', (stamp, iso) => {
		expect(rfc2822ToIso(stamp)).toBe(iso);
	});

	it('keeps the payload when its Timestamp names no real time', () => {
		const body = callback({ Timestamp: 'Mon, 30 Feb 2026 10:00:05 +0000' });
		expect(parse(body)[0]).toMatchObject({ timestamp: null, raw: body });
	});

	it('reads repeated or odd fields as absent rather than guessing (untrusted input)', () => {
		const [event] = parse(
			callback({ To: ['+1', '+2'], CallDuration: 'long', SipResponseCode: { a: 1 } }),
		);
		expect(event).toMatchObject({ to: null, durationSeconds: null, providerCode: null });
	});

	it.each([
		['no CallSid', { CallSid: undefined }],
		['a CallSid that is no call', { CallSid: 'SM0123456789abcdef0123456789abcdef' }],
		['no CallStatus', { CallStatus: undefined }],
		['no account', { AccountSid: undefined }],
	])('does not claim a body with %s (e.g. the AsyncAmd result)', (_, extra) => {
		const body = callback(extra);
		for (const key of Object.keys(extra))
			if ((extra as Record<string, unknown>)[key] === undefined)
				delete (body as Record<string, unknown>)[key];
		expect(twilioReceipts.matches(body)).toBe(false);
		expect(parse(body)).toEqual([]);
	});

	it('is not mistaken for another provider’s receipt, nor takes theirs', () => {
		for (const other of [webexConnect, routee, innoPaas])
			expect(other.receipts.matches(callback())).toBe(false);
		expect(twilioReceipts.matches(webexReceipt())).toBe(false);
		expect(twilioReceipts.matches(routeeCallback('conversation'))).toBe(false);
		expect(twilioReceipts.matches(null)).toBe(false);
		expect(twilioReceipts.matches([callback()])).toBe(true);
	});
});

describe("the simulator's callbacks, received over HTTP", () => {
	let sim: Simulator;
	let receiver: Receiver<unknown>;
	beforeAll(async () => {
		sim = await startSimulator({ receiptDelayMs: 5 });
		receiver = await startReceiver({ path: '/voice-receipts?call=7' });
	});
	afterAll(async () => {
		await sim.close();
		await receiver.close();
	});

	it('verify with the Auth Token over the URL, and parse in sequence with AnsweredBy', async () => {
		const body = new URLSearchParams([
			['To', '+14155550103'],
			['From', '+15005550006'],
			['Twiml', '<Response><Say>Hi</Say></Response>'],
			['StatusCallback', receiver.url],
			['MachineDetection', 'DetectMessageEnd'],
			...['initiated', 'ringing', 'answered', 'completed'].map((e): [string, string] => [
				'StatusCallbackEvent',
				e,
			]),
		]);
		const answer = await request(`${sim.url}${twilioCallsPath(TWILIO_SIM.account.sid)}`, {
			method: 'POST',
			body: body.toString(),
			headers: {
				authorization: basicAuth(TWILIO_SIM.apiKey.sid, TWILIO_SIM.apiKey.secret),
				'content-type': 'application/x-www-form-urlencoded',
			},
		});
		const sid = ((await answer.body.json()) as { sid: string }).sid;
		await sim.receiptsSettled();
		const events = receiver.received.flatMap((delivery) => {
			const check = verifyTwilioSignature(
				{
					url: receiver.url,
					signature: delivery.headers['x-twilio-signature'],
					rawBody: Buffer.from(delivery.raw),
					contentType: delivery.headers['content-type'],
				},
				TWILIO_SIM.account.authToken,
			);
			expect(check).toEqual({ ok: true });
			// As n8n hands a form body over: parsed fields, plus the raw body.
			const decoded = decodeReceiptBody(
				Object.fromEntries(new URLSearchParams(delivery.raw)),
				delivery.raw,
				delivery.headers['content-type'],
			);
			expect(twilioReceipts.matches(decoded)).toBe(true);
			return parseTwilioReceipts(decoded);
		});
		expect(events.map((e) => [e.sequence, e.status, e.answeredBy])).toEqual([
			[0, 'initiated', null],
			[1, 'ringing', null],
			[2, 'answered', 'machine'],
			[3, 'completed', 'machine'],
		]);
		expect(new Set(events.map((e) => e.messageId))).toEqual(new Set([sid]));
		expect(events[3]).toMatchObject({ final: true, durationSeconds: 25, providerCode: '200' });
		const wrongToken = verifyTwilioSignature(
			{
				url: receiver.url,
				signature: receiver.received[0].headers['x-twilio-signature'],
				rawBody: receiver.received[0].raw,
				contentType: 'application/x-www-form-urlencoded',
			},
			TWILIO_SIM.trial.authToken,
		);
		expect(wrongToken.ok).toBe(false);
	});
});
