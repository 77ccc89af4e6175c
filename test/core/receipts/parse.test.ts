import { createHash } from 'node:crypto';
import { stringify as formEncode } from 'node:querystring';

import type { ReceiptParser } from '../../../nodes/core/adapter';
import { isFinalStatus, type ReceiptEvent } from '../../../nodes/core/events';
import { decodeReceiptBody } from '../../../nodes/core/receipts/body';
// The public API's parseReceipts: the core's, with every registered provider unless `parsers` names others.
import { filterEvents, parseReceipts } from '../../../nodes';
import { webexConnectReceipts } from '../../../nodes/providers/webexConnect/receipts';
import { callEvent } from '../../support/events';
import { webexReceipt } from '../../support/receipts';

/**
 * A stand-in for a second provider's parser (the real Routee and InnoPaaS parsers are registered
 * separately): shows that detection, arrays and form bodies work for any parser in the registry.
 */
const fakeRoutee: ReceiptParser = {
	provider: 'routee',
	matches: (body) =>
		typeof body === 'object' && body !== null && 'messageId' in body && 'status' in body,
	parse(body, options = {}) {
		const record = body as {
			messageId: string;
			to?: string;
			status: { name?: string; status?: string };
		};
		const word = record.status.name ?? record.status.status ?? null;
		const status = word === 'Completed' ? 'completed' : word === 'Ringing' ? 'ringing' : 'unknown';
		return [
			{
				provider: 'routee',
				status,
				final: isFinalStatus(status),
				providerStatus: word,
				providerCode: null,
				description: null,
				messageId: record.messageId,
				campaignId: null,
				correlationId: null,
				callbackData: null,
				to: record.to ?? null,
				from: null,
				timestamp: null,
				durationSeconds: null,
				price: null,
				receivedAt: (options.receivedAt ?? new Date()).toISOString(),
				...(options.includeRaw ? { raw: body } : {}),
			},
		];
	},
};

const receivedAt = new Date('2026-05-01T10:00:06Z');

const events = (result: ReturnType<typeof parseReceipts>): ReceiptEvent[] => {
	if ('error' in result) throw new Error(`expected events, got: ${result.message}`);
	return result.events;
};

// ---------------------------------------------------------------------------------------------
// Parsing and detection

describe('parseReceipts', () => {
	it('detects Webex Connect and normalises the documented envelope', () => {
		const result = events(parseReceipts(webexReceipt(), { receivedAt }));
		expect(result).toEqual([
			{
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
				callbackData: 'cb-1',
				to: '+447700900001',
				from: null,
				timestamp: '2026-05-01T10:00:05.123Z',
				durationSeconds: null,
				price: null,
				receivedAt: '2026-05-01T10:00:06.000Z',
			},
		]);
	});

	it('identifies every event by the digest of its delivery: stable across processes, versions and retries, distinct per event', () => {
		// The definition, pinned: 96 bits of SHA-256 of the dedupe key, base64url.
		const key =
			'webexConnect|a770f205-1|+447700900001|order-42|completed|DISCONNECTED|7410|2026-05-01T10:00:05.123Z';
		expect(createHash('sha256').update(key).digest().subarray(0, 12).toString('base64url')).toBe(
			'qcdQEG-wjtg8jaEq',
		);
		// A retry (received later, with the raw payload kept) is the same event.
		const retry = events(
			parseReceipts(webexReceipt(), {
				receivedAt: new Date(receivedAt.getTime() + 60_000),
				includeRaw: true,
			}),
		);
		expect(retry[0]).toMatchObject({ eventId: 'qcdQEG-wjtg8jaEq', raw: expect.any(Object) });
		// Another event of the call, or the same event of another number, is another id.
		const others = [
			webexReceipt({ code: '7519', deliveryStatus: 'ANSWERED' }),
			webexReceipt({ destination: '+447700900002' }),
		];
		const ids = events(parseReceipts(others)).map((event) => event.eventId);
		expect(new Set([...ids, 'qcdQEG-wjtg8jaEq']).size).toBe(3);
		expect(ids.every((id) => /^[\w-]{16}$/.test(id))).toBe(true);
	});

	it.each([
		[
			'lower-case description and correlationId',
			{ description: 'Answered', Description: undefined, code: '7519', deliveryStatus: 'ANSWERED' },
			{ correlationId: 'c-2', correlationid: undefined },
			{ status: 'answered', description: 'Answered', correlationId: 'c-2' },
		],
		[
			'numeric codes',
			{ code: 7402, deliveryStatus: 'REJECTED' },
			{},
			{ status: 'busy', providerCode: '7402' },
		],
		[
			'statuses in any case without a code',
			{ code: '', deliveryStatus: 'released' },
			{},
			{ status: 'failed', providerCode: null },
		],
		[
			'mixed-case words',
			{ code: undefined, deliveryStatus: 'Trombone Connected' },
			{},
			{ status: 'agent-connected' },
		],
		[
			'zoned time stamps',
			{ timeStamp: '2026-05-01T12:00:05+02:00' },
			{},
			{ timestamp: '2026-05-01T10:00:05.000Z' },
		],
		['epoch time stamps', { timeStamp: 1777629605 }, {}, { timestamp: '2026-05-01T10:00:05.000Z' }],
	])('tolerates %s', (_label, info, envelope, expected) => {
		const [parsed] = events(parseReceipts(webexReceipt(info, envelope)));
		expect(parsed).toMatchObject(expected);
	});

	it('reads the absent deliveryTransInfo and lower-case envelope keys', () => {
		const { deliveryTransInfo: _dropped, ...bare } = webexReceipt();
		expect(events(parseReceipts(bare))[0].status).toBe('completed');
		expect(
			events(
				parseReceipts({
					deliveryinfonotification: { deliveryinfo: { code: '7519' }, transid: 't' },
				}),
			)[0],
		).toMatchObject({ status: 'answered', messageId: 't' });
	});

	it('reads zone-less time stamps in the given time zone', () => {
		const [parsed] = events(
			parseReceipts(webexReceipt({ timeStamp: '2016-07-28T08:07:38.481' }), {
				timeZone: 'Asia/Kolkata',
			}),
		);
		expect(parsed.timestamp).toBe('2016-07-28T02:37:38.481Z');
	});

	it('reads a form-encoded Webex receipt', () => {
		const form = formEncode({
			'deliveryInfoNotification[deliveryInfo][code]': '7519',
			'deliveryInfoNotification[deliveryInfo][deliveryStatus]': 'ANSWERED',
			'deliveryInfoNotification[deliveryInfo][destination]': '+447700900001',
			'deliveryInfoNotification[transid]': 't-9',
			'deliveryInfoNotification[correlationid]': 'c-9',
		});
		const body = decodeReceiptBody(undefined, form, 'application/x-www-form-urlencoded');
		expect(events(parseReceipts(body))[0]).toMatchObject({
			status: 'answered',
			messageId: 't-9',
			correlationId: 'c-9',
			to: '+447700900001',
		});
	});

	it('yields one event per receipt in an array, detecting each (providers may mix)', () => {
		const body = [
			webexReceipt({ code: '7407', deliveryStatus: 'OFFERED' }),
			{ messageId: 'r-1', status: { name: 'Ringing' } },
			webexReceipt(),
		];
		const result = events(parseReceipts(body, { parsers: [webexConnectReceipts, fakeRoutee] }));
		expect(result.map((e) => [e.provider, e.status])).toEqual([
			['webexConnect', 'initiated'],
			['routee', 'ringing'],
			['webexConnect', 'completed'],
		]);
	});

	it("reads a second provider's form body with nested status[name] (Routee-style)", () => {
		const body = decodeReceiptBody(
			{ messageId: 'r-2', 'status[name]': 'Completed', 'status[updatedDate]': 'x' },
			undefined,
			'application/x-www-form-urlencoded',
		);
		expect(
			events(parseReceipts(body, { parsers: [webexConnectReceipts, fakeRoutee] }))[0],
		).toMatchObject({ provider: 'routee', status: 'completed', final: true });
	});

	it('uses a fixed provider without detection', () => {
		const body = { messageId: 'r-3', status: { status: 'Completed' } };
		const parsers = [webexConnectReceipts, fakeRoutee];
		expect(events(parseReceipts(body, { provider: 'routee', parsers }))[0].status).toBe(
			'completed',
		);
		expect(parseReceipts(body, { provider: 'webexConnect', parsers })).toEqual({
			error: 'not-a-receipt',
			message: expect.stringMatching(/not a webexConnect receipt/),
		});
		expect(parseReceipts(webexReceipt(), { provider: 'innoPaas', parsers })).toEqual({
			error: 'not-a-receipt',
			message: expect.stringMatching(/cannot read receipts of provider "innoPaas"/),
		});
	});

	it('keeps an unknown status with its raw payload even when raw is not asked for', () => {
		const body = webexReceipt({
			code: '9999',
			deliveryStatus: 'TELEPORTED',
			Description: 'Teleported',
		});
		const [parsed] = events(parseReceipts(body));
		expect(parsed).toMatchObject({
			status: 'unknown',
			final: false,
			providerStatus: 'TELEPORTED',
			providerCode: '9999',
			raw: body,
		});
	});

	it('adds raw only on request, per receipt of an array', () => {
		const first = webexReceipt({ code: '7407', deliveryStatus: 'OFFERED' });
		const second = webexReceipt();
		expect(events(parseReceipts([first, second])).every((e) => !('raw' in e))).toBe(true);
		expect(events(parseReceipts([first, second], { includeRaw: true })).map((e) => e.raw)).toEqual([
			first,
			second,
		]);
	});

	it.each([
		['undefined', undefined, /body is empty/],
		['an empty object', {}, /body is an empty object/],
		['an empty array', [], /body is an empty array/],
		['text', 'hello', /neither JSON nor form data/],
		['a number', 42, /body is a number/],
		[
			'another JSON object',
			{ hello: 'world' },
			/The body is not a voice receipt of any known provider \(.*webexConnect.*\)/,
		],
		[
			'an array with a stranger',
			[webexReceipt(), { hello: 'world' }],
			/Element 1 of the body is not a voice receipt/,
		],
		[
			'an envelope without delivery info',
			{ deliveryInfoNotification: { transid: 't' } },
			/not a webexConnect receipt \(it holds no delivery event\)/,
		],
	])('refuses %s as not a receipt', (_label, body, message) => {
		const result = parseReceipts(body);
		expect(result).toEqual({ error: 'not-a-receipt', message: expect.stringMatching(message) });
	});

	it('survives parsers that throw', () => {
		const brokenMatch: ReceiptParser = {
			...fakeRoutee,
			matches: () => {
				throw new Error('boom');
			},
		};
		expect(
			events(parseReceipts(webexReceipt(), { parsers: [brokenMatch, webexConnectReceipts] }))[0]
				.provider,
		).toBe('webexConnect');
		const brokenParse: ReceiptParser = {
			...fakeRoutee,
			matches: () => true,
			parse: () => {
				throw new Error('bad shape');
			},
		};
		expect(parseReceipts({ x: 1 }, { parsers: [brokenParse] })).toEqual({
			error: 'not-a-receipt',
			message: 'The body could not be read as a routee receipt: bad shape',
		});
	});

	it('every status of the event model is reachable from a Webex receipt or is unknown', () => {
		const codes = [
			'7407',
			'7519',
			'7411',
			'7412',
			'7410',
			'7402',
			'7401',
			'7406',
			'7409',
			'7208',
			'0000',
		];
		const statuses = codes.map(
			(code) =>
				events(
					parseReceipts(webexReceipt({ code, deliveryStatus: undefined, Description: undefined })),
				)[0].status,
		);
		expect(statuses).toEqual([
			'initiated',
			'answered',
			'agent-connected',
			'agent-released',
			'completed',
			'busy',
			'no-answer',
			'rejected',
			'failed',
			'expired',
			'unknown',
		]);
	});
});

// ---------------------------------------------------------------------------------------------
// Filters

describe('filterEvents', () => {
	const list = [
		callEvent({ status: 'initiated', final: false }),
		callEvent({ status: 'answered', final: false }),
		callEvent({ status: 'busy' }),
		callEvent({ status: 'completed' }),
	];

	it('emits everything by default and for an empty selection', () => {
		expect(filterEvents(list)).toHaveLength(4);
		expect(filterEvents(list, { statuses: [] })).toHaveLength(4);
	});

	it('keeps the selected statuses', () => {
		expect(
			filterEvents(list, { statuses: ['answered', 'completed'] }).map((e) => e.status),
		).toEqual(['answered', 'completed']);
	});

	it('keeps final events only, combined with statuses', () => {
		expect(filterEvents(list, { finalOnly: true }).map((e) => e.status)).toEqual([
			'busy',
			'completed',
		]);
		expect(
			filterEvents(list, { finalOnly: true, statuses: ['answered', 'busy'] }).map((e) => e.status),
		).toEqual(['busy']);
	});
});
