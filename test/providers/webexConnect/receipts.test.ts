import type { CallStatus } from '../../../nodes/core/events';
import { webexConnectReceipts } from '../../../nodes/providers/webexConnect/receipts';
import { webexReceipt } from '../../support/receipts';

/** The documented receipt without its status fields (Description, code, deliveryStatus): each case gives its own. */
const receipt = (info: Record<string, unknown>) =>
	webexReceipt({ Description: undefined, code: undefined, deliveryStatus: undefined, ...info });

const receivedAt = new Date('2026-05-01T10:00:06Z');

describe('Webex Connect receipts', () => {
	it('normalises the documented envelope with its quirks', () => {
		const [event] = webexConnectReceipts.parse(
			receipt({ Description: 'Disconnected', code: '7410', deliveryStatus: 'DISCONNECTED' }),
			{ receivedAt },
		);
		expect(event).toEqual({
			provider: 'webexConnect',
			status: 'completed',
			final: true,
			providerStatus: 'DISCONNECTED',
			providerCode: '7410',
			description: 'Disconnected',
			messageId: 'a770f205-1',
			campaignId: null,
			correlationId: 'order-42',
			callbackData: 'cb-1',
			to: '+447700900001',
			from: null,
			timestamp: '2026-05-01T10:00:05.123Z',
			durationSeconds: null,
			price: null,
			receivedAt: '2026-05-01T10:00:06.000Z',
		});
	});

	it.each([
		['7407', 'OFFERED', 'initiated', false],
		['7408', 'ACCEPTED', 'initiated', false],
		['7519', 'ANSWERED', 'answered', false],
		['7411', 'TROMBONE CONNECTED', 'agent-connected', false],
		['7412', 'TROMBONE RELEASED', 'agent-released', false],
		['7410', 'DISCONNECTED', 'completed', true],
		['7402', 'BUSY', 'busy', true],
		['7401', 'NO ANSWER', 'no-answer', true],
		['7406', 'REJECTED', 'rejected', true],
		['7409', 'DROPPED', 'failed', true],
		['7404', 'OTHERS', 'failed', true],
		['7208', 'MESSAGE EXPIRED', 'expired', true],
	] as const)('code %s (%s) is %s', (code, word, status, final) => {
		const [event] = webexConnectReceipts.parse(receipt({ code, deliveryStatus: word }));
		expect([event.status, event.final, event.providerCode]).toEqual([status, final, code]);
	});

	it.each([
		// Seed 001: "when the call is ended by the platform": final, no proof of an answer.
		['Released', 'failed'],
		['released', 'failed'],
		['RELEASED', 'failed'],
		['Trombone Connected', 'agent-connected'],
		['Message Expired', 'expired'],
		['Call Rejected', 'rejected'],
	] as const)('reads the word %s without a code as %s', (word, status) => {
		expect(webexConnectReceipts.parse(receipt({ deliveryStatus: word }))[0].status).toBe(
			status as CallStatus,
		);
	});

	it('accepts lower-case keys, numeric codes and correlationId casing', () => {
		const [event] = webexConnectReceipts.parse({
			deliveryinfonotification: {
				deliveryinfo: {
					description: 'Answered',
					code: 7519,
					deliverystatus: 'answered',
					timestamp: '2026-05-01T10:00:05Z',
				},
				transid: 't',
				correlationId: 'c',
			},
		});
		expect(event).toMatchObject({
			status: 'answered',
			providerCode: '7519',
			description: 'Answered',
			correlationId: 'c',
			timestamp: '2026-05-01T10:00:05.000Z',
		});
	});

	it('reads zone-less time stamps in the given time zone', () => {
		const [event] = webexConnectReceipts.parse(
			receipt({ code: '7519', timeStamp: '2016-07-28T08:07:38.481' }),
			{
				timeZone: 'Asia/Kolkata',
			},
		);
		expect(event.timestamp).toBe('2016-07-28T02:37:38.481Z');
	});

	it('keeps an unknown status as unknown, with the payload when asked', () => {
		const body = receipt({ code: '9999', deliveryStatus: 'TELEPORTED' });
		const [event] = webexConnectReceipts.parse(body, { includeRaw: true });
		expect(event).toMatchObject({
			status: 'unknown',
			final: false,
			providerStatus: 'TELEPORTED',
			raw: body,
		});
	});

	it('yields one event per receipt in an array and none for other bodies', () => {
		const body = [receipt({ code: '7407' }), receipt({ code: '7410' })];
		expect(webexConnectReceipts.matches(body)).toBe(true);
		expect(webexConnectReceipts.parse(body).map((event) => event.status)).toEqual([
			'initiated',
			'completed',
		]);
		expect(webexConnectReceipts.matches({ status: { name: 'Completed' } })).toBe(false);
		expect(webexConnectReceipts.parse({ hello: 'world' })).toEqual([]);
	});

	it.each([
		['constructor', 'constructor'],
		['__proto__', '__proto__'],
		['valueOf', 'hasOwnProperty'],
	])(
		'reads the word %s (code %s) as unknown with raw, never a function or Object.prototype',
		(code, word) => {
			// A plain-object table gave Object or Object.prototype as the status, emitted without raw.
			const body = receipt({ code, deliveryStatus: word, Description: word });
			const [event] = webexConnectReceipts.parse(body, { receivedAt });
			expect(event).toMatchObject({ status: 'unknown', final: false });
			expect(typeof event.status).toBe('string');
		},
	);

	it.each([
		// Rolled over before: 11:00, 2 March, 1899, 1950, a six-digit year.
		['2026-05-01T10:60:00', 'UTC'],
		['2026-02-30T10:00:00', 'UTC'],
		['0000-00-00 00:00:00', 'UTC'],
		['0050-01-01 10:00:00', 'UTC'],
		['9999-12-31T23:59:59-05:00', 'UTC'],
		['2026-03-29T02:30:00', 'Europe/Berlin'],
	])(
		'gives the impossible stamp %s (%s) as timestamp null, keeping the payload under raw',
		(timeStamp, timeZone) => {
			const body = receipt({ code: '7410', timeStamp });
			const [event] = webexConnectReceipts.parse(body, { timeZone, receivedAt });
			expect(event).toMatchObject({ status: 'completed', timestamp: null, raw: body });
			// A good stamp keeps the event as it was: no raw unless asked for.
			expect(
				webexConnectReceipts.parse(receipt({ code: '7410' }), { receivedAt })[0],
			).not.toHaveProperty('raw');
		},
	);
});
