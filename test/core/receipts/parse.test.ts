import { createHmac } from 'node:crypto';
import { stringify as formEncode } from 'node:querystring';

import {
	DEFAULT_DEDUPE_CAPACITY,
	checkAuthenticity,
	decodeReceiptBody,
	dedupeKey,
	dropDuplicates,
	filterEvents,
	hubSignature,
	mergeRecentReceipts,
	packRecentReceipts,
	ReceiptMemory,
	receiveReceiptsInto,
	isFinalStatus,
	parseBasicAuth,
	parseReceipts,
	pruneRecentReceipts,
	readRecentReceipts,
	receiveReceipts,
	safeEqual,
	unflattenForm,
	verifyHubSignature,
	webexConnectReceipts,
	type AuthenticityRule,
	type CallEvent,
	type ReceiptParser,
} from '../../../nodes/core';

// ---------------------------------------------------------------------------------------------
// Fixtures

/** A Webex Connect receipt as the platform documents it, quirks included. */
/** Drops keys set to undefined, so a fixture can leave out a documented field. */
const defined = (record: Record<string, unknown>) =>
	Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined));

function webex(info: Record<string, unknown> = {}, envelope: Record<string, unknown> = {}) {
	return {
		deliveryInfoNotification: defined({
			deliveryInfo: defined({
				timeStamp: '2026-05-01T10:00:05.123',
				Description: 'Disconnected',
				code: '7410',
				deliveryChannel: 'voice',
				additionalInfo: '',
				destination: '+447700900001',
				destinationType: 'msisdn',
				deliveryStatus: 'DISCONNECTED',
				...info,
			}),
			subtid: '',
			transid: 'a770f205-1',
			callbackData: 'cb-1',
			correlationid: 'order-42',
			...envelope,
		}),
		deliveryTransInfo: '<xml/>',
	};
}

/**
 * A stand-in for a second provider's parser (the real Routee and InnoPaaS parsers are registered
 * separately): shows that detection, arrays and form bodies work for any parser in the registry.
 */
const fakeRoutee: ReceiptParser = {
	provider: 'routee',
	matches: (body) => typeof body === 'object' && body !== null && 'messageId' in body && 'status' in body,
	parse(body, options = {}) {
		const record = body as { messageId: string; to?: string; status: { name?: string; status?: string } };
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

function event(overrides: Partial<CallEvent> = {}): CallEvent {
	return {
		provider: 'webexConnect',
		status: 'completed',
		final: true,
		providerStatus: 'DISCONNECTED',
		providerCode: '7410',
		description: 'Disconnected',
		messageId: 'm-1',
		campaignId: null,
		correlationId: 'order-42',
		callbackData: null,
		to: '+447700900001',
		from: null,
		timestamp: '2026-05-01T10:00:05.123Z',
		durationSeconds: null,
		price: null,
		receivedAt: '2026-05-01T10:00:06.000Z',
		...overrides,
	};
}

const events = (result: ReturnType<typeof parseReceipts>): CallEvent[] => {
	if ('error' in result) throw new Error(`expected events, got: ${result.message}`);
	return result.events;
};

// ---------------------------------------------------------------------------------------------
// Bodies

describe('decodeReceiptBody', () => {
	it('passes JSON objects and arrays through as n8n parsed them', () => {
		const body = webex();
		expect(decodeReceiptBody(body, Buffer.from(JSON.stringify(body)), 'application/json')).toBe(body);
		expect(decodeReceiptBody([body, body], undefined, 'application/json')).toEqual([body, body]);
	});

	it('un-flattens form fields that n8n parsed with querystring', () => {
		const flat = {
			messageId: 'm-1',
			'status[name]': 'Completed',
			'status[updatedDate]': '2026-05-01T10:00:30Z',
			duration: '18',
		};
		expect(decodeReceiptBody(flat, undefined, 'application/x-www-form-urlencoded; charset=utf-8')).toEqual({
			messageId: 'm-1',
			status: { name: 'Completed', updatedDate: '2026-05-01T10:00:30Z' },
			duration: '18',
		});
	});

	it('leaves bracket keys of JSON bodies alone', () => {
		expect(decodeReceiptBody({ 'a[b]': 1 }, undefined, 'application/json')).toEqual({ 'a[b]': 1 });
	});

	it('reads text/plain and unparsed bodies from the raw body, as JSON or form data', () => {
		const body = webex();
		expect(decodeReceiptBody(JSON.stringify(body), undefined, 'text/plain')).toEqual(body);
		expect(decodeReceiptBody(undefined, Buffer.from(JSON.stringify(body)), 'application/octet-stream')).toEqual(body);
		expect(decodeReceiptBody({}, Buffer.from('\uFEFF' + JSON.stringify([body])), undefined)).toEqual([body]);
		expect(decodeReceiptBody(undefined, 'messageId=m-1&status%5Bname%5D=Ringing', undefined)).toEqual({
			messageId: 'm-1',
			status: { name: 'Ringing' },
		});
		expect(decodeReceiptBody(undefined, 'a=1&a=2', 'application/x-www-form-urlencoded')).toEqual({ a: ['1', '2'] });
	});

	it('returns undefined for an empty body and the text for anything else', () => {
		expect(decodeReceiptBody(undefined, Buffer.alloc(0), 'application/json')).toBeUndefined();
		expect(decodeReceiptBody({}, undefined, 'application/json')).toBeUndefined();
		expect(decodeReceiptBody('  ', undefined, 'text/plain')).toBeUndefined();
		expect(decodeReceiptBody('hello world', undefined, 'text/plain')).toBe('hello world');
	});
});

describe('unflattenForm', () => {
	it('builds nested objects and arrays from bracket notation', () => {
		expect(
			unflattenForm({
				'to[0][msisdn]': '+447700900001',
				'to[1][msisdn]': '+447700900002',
				'tags[]': ['a', 'b'],
				'a[b][c]': 'deep',
				plain: 'x',
			}),
		).toEqual({
			to: [{ msisdn: '+447700900001' }, { msisdn: '+447700900002' }],
			tags: ['a', 'b'],
			a: { b: { c: 'deep' } },
			plain: 'x',
		});
	});

	it('keeps keys that cannot be placed, and never touches prototypes', () => {
		const out = unflattenForm({ status: 'Completed', 'status[name]': 'Ringing', '__proto__[polluted]': 'yes', 'a[constructor]': 'x' });
		expect(out.status).toBe('Completed');
		expect(out['status[name]']).toBe('Ringing');
		expect(out['__proto__[polluted]']).toBe('yes');
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
		expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
	});
});

// ---------------------------------------------------------------------------------------------
// Parsing and detection

describe('parseReceipts', () => {
	it('detects Webex Connect and normalises the documented envelope', () => {
		const result = events(parseReceipts(webex(), { receivedAt }));
		expect(result).toEqual([
			{
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

	it.each([
		['lower-case description and correlationId', { description: 'Answered', Description: undefined, code: '7519', deliveryStatus: 'ANSWERED' }, { correlationId: 'c-2', correlationid: undefined }, { status: 'answered', description: 'Answered', correlationId: 'c-2' }],
		['numeric codes', { code: 7402, deliveryStatus: 'REJECTED' }, {}, { status: 'busy', providerCode: '7402' }],
		['statuses in any case without a code', { code: '', deliveryStatus: 'released' }, {}, { status: 'completed', providerCode: null }],
		['mixed-case words', { code: undefined, deliveryStatus: 'Trombone Connected' }, {}, { status: 'agent-connected' }],
		['zoned time stamps', { timeStamp: '2026-05-01T12:00:05+02:00' }, {}, { timestamp: '2026-05-01T10:00:05.000Z' }],
		['epoch time stamps', { timeStamp: 1777629605 }, {}, { timestamp: '2026-05-01T10:00:05.000Z' }],
	])('tolerates %s', (_label, info, envelope, expected) => {
		const [parsed] = events(parseReceipts(webex(info, envelope)));
		expect(parsed).toMatchObject(expected);
	});

	it('reads the absent deliveryTransInfo and lower-case envelope keys', () => {
		const { deliveryTransInfo: _dropped, ...bare } = webex();
		expect(events(parseReceipts(bare))[0].status).toBe('completed');
		expect(events(parseReceipts({ deliveryinfonotification: { deliveryinfo: { code: '7519' }, transid: 't' } }))[0]).toMatchObject({ status: 'answered', messageId: 't' });
	});

	it('reads zone-less time stamps in the given time zone', () => {
		const [parsed] = events(parseReceipts(webex({ timeStamp: '2016-07-28T08:07:38.481' }), { timeZone: 'Asia/Kolkata' }));
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
		expect(events(parseReceipts(body))[0]).toMatchObject({ status: 'answered', messageId: 't-9', correlationId: 'c-9', to: '+447700900001' });
	});

	it('yields one event per receipt in an array, detecting each (providers may mix)', () => {
		const body = [webex({ code: '7407', deliveryStatus: 'OFFERED' }), { messageId: 'r-1', status: { name: 'Ringing' } }, webex()];
		const result = events(parseReceipts(body, { parsers: [webexConnectReceipts, fakeRoutee] }));
		expect(result.map((e) => [e.provider, e.status])).toEqual([
			['webexConnect', 'initiated'],
			['routee', 'ringing'],
			['webexConnect', 'completed'],
		]);
	});

	it('reads a second provider\'s form body with nested status[name] (Routee-style)', () => {
		const body = decodeReceiptBody({ messageId: 'r-2', 'status[name]': 'Completed', 'status[updatedDate]': 'x' }, undefined, 'application/x-www-form-urlencoded');
		expect(events(parseReceipts(body, { parsers: [webexConnectReceipts, fakeRoutee] }))[0]).toMatchObject({ provider: 'routee', status: 'completed', final: true });
	});

	it('uses a fixed provider without detection', () => {
		const body = { messageId: 'r-3', status: { status: 'Completed' } };
		const parsers = [webexConnectReceipts, fakeRoutee];
		expect(events(parseReceipts(body, { provider: 'routee', parsers }))[0].status).toBe('completed');
		expect(parseReceipts(body, { provider: 'webexConnect', parsers })).toEqual({
			error: 'not-a-receipt',
			message: expect.stringMatching(/not a webexConnect receipt/),
		});
		expect(parseReceipts(webex(), { provider: 'innoPaas', parsers })).toEqual({
			error: 'not-a-receipt',
			message: expect.stringMatching(/cannot read receipts of provider "innoPaas"/),
		});
	});

	it('keeps an unknown status with its raw payload even when raw is not asked for', () => {
		const body = webex({ code: '9999', deliveryStatus: 'TELEPORTED', Description: 'Teleported' });
		const [parsed] = events(parseReceipts(body));
		expect(parsed).toMatchObject({ status: 'unknown', final: false, providerStatus: 'TELEPORTED', providerCode: '9999', raw: body });
	});

	it('adds raw only on request, per receipt of an array', () => {
		const first = webex({ code: '7407', deliveryStatus: 'OFFERED' });
		const second = webex();
		expect(events(parseReceipts([first, second])).every((e) => !('raw' in e))).toBe(true);
		expect(events(parseReceipts([first, second], { includeRaw: true })).map((e) => e.raw)).toEqual([first, second]);
	});

	it.each([
		['undefined', undefined, /body is empty/],
		['an empty object', {}, /body is an empty object/],
		['an empty array', [], /body is an empty array/],
		['text', 'hello', /neither JSON nor form data/],
		['a number', 42, /body is a number/],
		['another JSON object', { hello: 'world' }, /The body is not a voice receipt of any known provider \(.*webexConnect.*\)/],
		['an array with a stranger', [webex(), { hello: 'world' }], /Element 1 of the body is not a voice receipt/],
		['an envelope without delivery info', { deliveryInfoNotification: { transid: 't' } }, /not a webexConnect receipt \(it holds no delivery event\)/],
	])('refuses %s as not a receipt', (_label, body, message) => {
		const result = parseReceipts(body);
		expect(result).toEqual({ error: 'not-a-receipt', message: expect.stringMatching(message) });
	});

	it('survives parsers that throw', () => {
		const brokenMatch: ReceiptParser = { ...fakeRoutee, matches: () => { throw new Error('boom'); } };
		expect(events(parseReceipts(webex(), { parsers: [brokenMatch, webexConnectReceipts] }))[0].provider).toBe('webexConnect');
		const brokenParse: ReceiptParser = { ...fakeRoutee, matches: () => true, parse: () => { throw new Error('bad shape'); } };
		expect(parseReceipts({ x: 1 }, { parsers: [brokenParse] })).toEqual({
			error: 'not-a-receipt',
			message: 'The body could not be read as a routee receipt: bad shape',
		});
	});

	it('every status of the event model is reachable from a Webex receipt or is unknown', () => {
		const codes = ['7407', '7519', '7411', '7412', '7410', '7402', '7401', '7406', '7409', '7208', '0000'];
		const statuses = codes.map((code) => events(parseReceipts(webex({ code, deliveryStatus: undefined, Description: undefined })))[0].status);
		expect(statuses).toEqual(['initiated', 'answered', 'agent-connected', 'agent-released', 'completed', 'busy', 'no-answer', 'rejected', 'failed', 'expired', 'unknown']);
	});
});

// ---------------------------------------------------------------------------------------------
// Filters

describe('filterEvents', () => {
	const list = [event({ status: 'initiated', final: false }), event({ status: 'answered', final: false }), event({ status: 'busy' }), event({ status: 'completed' })];

	it('emits everything by default and for an empty selection', () => {
		expect(filterEvents(list)).toHaveLength(4);
		expect(filterEvents(list, { statuses: [] })).toHaveLength(4);
	});

	it('keeps the selected statuses', () => {
		expect(filterEvents(list, { statuses: ['answered', 'completed'] }).map((e) => e.status)).toEqual(['answered', 'completed']);
	});

	it('keeps final events only, combined with statuses', () => {
		expect(filterEvents(list, { finalOnly: true }).map((e) => e.status)).toEqual(['busy', 'completed']);
		expect(filterEvents(list, { finalOnly: true, statuses: ['answered', 'busy'] }).map((e) => e.status)).toEqual(['busy']);
	});
});

// ---------------------------------------------------------------------------------------------
// Duplicates

describe('dedupeKey', () => {
	it('is the same for a retried receipt and differs when provider, message, number, status or time differ', () => {
		const base = dedupeKey(event());
		expect(dedupeKey(event({ receivedAt: '2026-05-01T10:01:06.000Z', raw: { retry: true }, description: 'other words' }))).toBe(base);
		for (const change of [
			{ provider: 'routee' as const },
			{ messageId: 'm-2' },
			// One Webex Connect message id covers every number of a request's `to` entry.
			{ to: '+447700900002' },
			{ correlationId: 'order-43' },
			{ status: 'failed' as const },
			{ providerStatus: 'RELEASED' },
			{ providerCode: '7409' },
			{ timestamp: '2026-05-01T10:00:06.000Z' },
		]) {
			expect(dedupeKey(event(change))).not.toBe(base);
		}
	});

	it('tells receipts without a message id apart by number, correlation id and callback data', () => {
		const a = event({ messageId: null, to: '+1', correlationId: 'a', callbackData: 'x' });
		expect(dedupeKey(a)).toBe(dedupeKey({ ...a }));
		expect(dedupeKey(a)).not.toBe(dedupeKey(event({ messageId: null, to: '+2', correlationId: 'a', callbackData: 'x' })));
		expect(dedupeKey(a)).not.toBe(dedupeKey(event({ messageId: null, to: '+1', correlationId: 'b', callbackData: 'x' })));
		expect(dedupeKey(a)).not.toBe(dedupeKey(event({ messageId: null, to: '+1', correlationId: 'a', callbackData: 'y' })));
	});
});

describe('dropDuplicates', () => {
	const t0 = new Date('2026-05-01T10:00:00Z');
	const at = (ms: number) => new Date(t0.getTime() + ms);

	it('drops repeats within one body and across calls through stored memory', () => {
		const first = dropDuplicates([event(), event({ messageId: 'm-2' }), event()], undefined, { now: t0 });
		expect(first.fresh.map((e) => e.messageId)).toEqual(['m-1', 'm-2']);
		expect(first.duplicates).toHaveLength(1);
		// Stored as JSON in n8n's static data and read back.
		const stored = JSON.parse(JSON.stringify(first.memory)) as unknown;
		const retry = dropDuplicates([event(), event({ messageId: 'm-3' })], stored, { now: at(60_000) });
		expect(retry.fresh.map((e) => e.messageId)).toEqual(['m-3']);
		expect(retry.duplicates.map((e) => e.messageId)).toEqual(['m-1']);
		expect(retry.memory.entries).toHaveLength(3);
	});

	it('forgets receipts older than the window', () => {
		const first = dropDuplicates([event()], undefined, { now: t0, windowMs: 60_000 });
		expect(dropDuplicates([event()], first.memory, { now: at(59_999), windowMs: 60_000 }).fresh).toHaveLength(0);
		const later = dropDuplicates([event()], first.memory, { now: at(60_000), windowMs: 60_000 });
		expect(later.fresh).toHaveLength(1);
		expect(later.memory.entries).toHaveLength(1);
		// Default window: 10 minutes, covering Webex Connect's three retries 60 s apart.
		const def = dropDuplicates([event()], undefined, { now: t0 });
		expect(dropDuplicates([event()], def.memory, { now: at(3 * 60_000) }).duplicates).toHaveLength(1);
		expect(dropDuplicates([event()], def.memory, { now: at(10 * 60_000) }).duplicates).toHaveLength(0);
	});

	it('keeps at most `capacity` entries, forgetting the oldest first', () => {
		const many = Array.from({ length: 5 }, (_, i) => event({ messageId: `m-${i}` }));
		const result = dropDuplicates(many, undefined, { now: t0, capacity: 3 });
		expect(result.fresh).toHaveLength(5);
		expect(result.memory.entries).toHaveLength(3);
		const again = dropDuplicates(many, result.memory, { now: at(1), capacity: 3 });
		// m-0 and m-1 were forgotten; m-2..m-4 are still remembered.
		expect(again.fresh.map((e) => e.messageId)).toEqual(['m-0', 'm-1']);
		expect(again.duplicates.map((e) => e.messageId)).toEqual(['m-2', 'm-3', 'm-4']);
	});

	it('bounds the default memory at 1000 small entries', () => {
		const many = Array.from({ length: 1200 }, (_, i) => event({ messageId: `m-${i}` }));
		const { memory } = dropDuplicates(many, undefined, { now: t0 });
		expect(memory.entries).toHaveLength(DEFAULT_DEDUPE_CAPACITY);
		expect(JSON.stringify(memory).length).toBeLessThan(40_000);
		expect(memory.entries[0][1]).toBe(t0.getTime());
	});

	it('does not change the stored memory and tolerates malformed memory', () => {
		const stored = { version: 1, entries: [['x', t0.getTime()]] };
		const copy = structuredClone(stored);
		dropDuplicates([event()], stored, { now: t0 });
		expect(stored).toEqual(copy);
		for (const garbage of [null, 'x', 42, { entries: 'no' }, { entries: [[1, 2], ['ok'], 'z', ['a', Number.NaN]] }]) {
			expect(readRecentReceipts(garbage).entries).toEqual([]);
			expect(dropDuplicates([event()], garbage, { now: t0 }).fresh).toHaveLength(1);
		}
	});

	it('prunes with sane defaults for nonsense limits', () => {
		const memory = { version: 1 as const, entries: [['a', t0.getTime()] as [string, number]] };
		expect(pruneRecentReceipts(memory, { now: t0, capacity: 0, windowMs: -1 }).entries).toHaveLength(1);
	});
});

describe('the packed memory (workflow static data)', () => {
	const t0 = new Date('2026-05-01T10:00:00Z');

	it('packs the entries into one string and reads them back, as well as the JSON form', () => {
		const many = Array.from({ length: 1000 }, (_, i) => event({ messageId: `m-${i}` }));
		const { memory } = dropDuplicates(many, undefined, { now: t0 });
		const packed = packRecentReceipts(memory);
		expect(packed).toEqual({ version: 2, entries: expect.stringMatching(/^[\w-]{16}:\d+(,[\w-]{16}:\d+)*$/) });
		expect(JSON.stringify(packed).length).toBeLessThan(32_000);
		expect(readRecentReceipts(JSON.parse(JSON.stringify(packed)))).toEqual(memory);
		expect(readRecentReceipts(memory)).toEqual(memory);
		expect(dropDuplicates(many.slice(0, 2), packed, { now: t0 }).duplicates).toHaveLength(2);
		expect(packRecentReceipts({ version: 1, entries: [] })).toEqual({ version: 2, entries: '' });
		expect(readRecentReceipts({ version: 2, entries: '' }).entries).toEqual([]);
	});

	it('skips what does not read as digest:time in a packed memory', () => {
		expect(readRecentReceipts({ version: 2, entries: 'a:1,b,:2,c:,d:x,e:NaN,f:1e400,g:3' }).entries).toEqual([
			['a', 1],
			['g', 3],
		]);
		expect(readRecentReceipts({ version: 2, entries: 42 }).entries).toEqual([]);
		expect(packRecentReceipts({ version: 1, entries: [['a,b', 1], ['', 2], ['c', 3]] })).toEqual({ version: 2, entries: 'c:3' });
	});
});

describe('ReceiptMemory (the trigger\'s memory, updated in place)', () => {
	const t0 = new Date('2026-05-01T10:00:00Z').getTime();

	/** A small deterministic pseudo-random sequence. */
	function random(seed: number): () => number {
		let state = seed;
		return () => {
			state = (state * 1103515245 + 12345) % 2147483648;
			return state / 2147483648;
		};
	}

	it('decides exactly as dropDuplicates over the merged stored memory, call after call', () => {
		for (const seed of [1, 2, 3, 4, 5]) {
			const next = random(seed);
			const options = { capacity: 1 + Math.floor(next() * 20), windowMs: 1000 + Math.floor(next() * 20_000) };
			const memory = new ReceiptMemory();
			let stored: unknown = undefined;
			let now = t0;
			for (let call = 0; call < 400; call++) {
				// Mostly forward, sometimes the same millisecond, now and then a clock set back.
				now += next() < 0.1 ? -Math.floor(next() * 3000) : Math.floor(next() * 800);
				const batch = Array.from({ length: 1 + Math.floor(next() * 3) }, () => event({ messageId: `m-${Math.floor(next() * 40)}` }));
				// Now and then another process's memory shows up in static data.
				const foreign =
					next() < 0.05
						? dropDuplicates([event({ messageId: `m-${Math.floor(next() * 40)}` })], undefined, { now: new Date(now - 500) }).memory
						: undefined;
				if (foreign) {
					memory.merge(packRecentReceipts(foreign));
					stored = mergeRecentReceipts(stored, foreign);
				}
				const expected = dropDuplicates(batch, mergeRecentReceipts(stored, undefined), { ...options, now: new Date(now) });
				const before = JSON.stringify(mergeRecentReceipts(stored, undefined));
				const actual = memory.remember(batch, { ...options, now: new Date(now) });
				expect(actual.fresh).toEqual(expected.fresh);
				expect(actual.duplicates).toEqual(expected.duplicates);
				expect(memory.toRecentReceipts()).toEqual(expected.memory);
				expect(actual.changed).toBe(JSON.stringify(expected.memory) !== before);
				stored = expected.memory;
			}
		}
	});

	it('takes in a stored memory of either form as mergeRecentReceipts does', () => {
		const memory = new ReceiptMemory();
		memory.remember([event({ messageId: 'a' }), event({ messageId: 'b' })], { now: new Date(t0 + 10) });
		const other = dropDuplicates([event({ messageId: 'b' }), event({ messageId: 'c' })], undefined, { now: new Date(t0 + 20) }).memory;
		const expected = mergeRecentReceipts(memory.toRecentReceipts(), other);
		memory.merge(packRecentReceipts(other));
		expect(memory.toRecentReceipts()).toEqual(expected);
		expect(memory.size).toBe(3);
		memory.merge(undefined);
		memory.merge('garbage');
		expect(memory.toRecentReceipts()).toEqual(expected);
	});

	it('gives receiveReceiptsInto the same answers as receiveReceipts', () => {
		const request = (body: unknown) => ({ headers: { 'content-type': 'application/json' }, query: {}, body });
		const options = { authenticity: { kind: 'none' as const }, finalOnly: true, receivedAt: new Date(t0) };
		const memory = new ReceiptMemory();
		let stored: unknown;
		for (const body of [webex(), webex(), [webex(), webex({ code: '7407', Description: 'Offered', deliveryStatus: 'OFFERED' })], {}, 'nonsense']) {
			const expected = receiveReceipts(request(body), stored, options);
			const actual = receiveReceiptsInto(request(body), memory, options);
			if (expected.status !== 200 || actual.status !== 200) {
				expect(actual).toEqual(expected);
				continue;
			}
			const { memory: expectedMemory, ...rest } = expected;
			const { memoryChanged, ...actualRest } = actual;
			expect(actualRest).toEqual(rest);
			expect(memory.toRecentReceipts()).toEqual(expectedMemory);
			expect(memoryChanged).toBe(JSON.stringify(expectedMemory) !== JSON.stringify(readRecentReceipts(stored)));
			stored = expectedMemory;
		}
		expect(receiveReceiptsInto(request(webex()), memory, { ...options, dedupe: false })).toMatchObject({ body: { emitted: 1, duplicates: 0 } });
	});
});

// ---------------------------------------------------------------------------------------------
// Signatures and secrets

describe('verifyHubSignature (Webex Connect x-hub-signature)', () => {
	const secret = 'hub-secret-7f3a';
	const raw = JSON.stringify(webex(), null, 2);
	const sha256 = createHmac('sha256', secret).update(raw).digest('hex');
	const sha512 = createHmac('sha512', secret).update(raw).digest('hex');

	it('computes the hex HMAC Webex sends', () => {
		expect(hubSignature(raw, secret)).toBe(sha256);
		expect(hubSignature(Buffer.from(raw), secret, 'sha512')).toBe(sha512);
	});

	it.each([
		['HMAC-SHA256', sha256],
		['HMAC-SHA512', sha512],
		['upper-case hex', sha256.toUpperCase()],
		['a sha256= prefix', `sha256=${sha256}`],
		['a SHA512= prefix', `SHA512=${sha512.toUpperCase()}`],
		['surrounding spaces', ` ${sha256} `],
		['a repeated header (first wins)', [sha256, 'junk']],
	])('accepts %s', (_label, header) => {
		expect(verifyHubSignature(Buffer.from(raw), header, secret)).toEqual({ ok: true });
	});

	it.each([
		['missing', undefined, /Missing x-hub-signature/],
		['empty', '', /Missing x-hub-signature/],
		['wrong', sha256.replace(/^./, sha256[0] === '0' ? '1' : '0'), /does not match/],
		['of another secret', createHmac('sha256', 'other').update(raw).digest('hex'), /does not match/],
		['of another body', createHmac('sha256', secret).update(raw + ' ').digest('hex'), /does not match/],
		['one digit short', sha256.slice(1), /Malformed/],
		['one digit long', `${sha256}0`, /Malformed/],
		['a sha512 digest under a sha256= prefix', `sha256=${sha512}`, /Malformed/],
		['not hex', 'z'.repeat(64), /Malformed/],
		['an unknown prefix', `md5=${sha256}`, /Malformed/],
	])('refuses a signature that is %s, without throwing', (_label, header, reason) => {
		const result = verifyHubSignature(Buffer.from(raw), header, secret);
		expect(result).toEqual({ ok: false, reason: expect.stringMatching(reason) });
		expect(JSON.stringify(result)).not.toContain(secret);
	});

	it('refuses when the raw body is unavailable', () => {
		expect(verifyHubSignature(undefined, sha256, secret).ok).toBe(false);
	});
});

describe('checkAuthenticity', () => {
	const secret = 's3cr3t-value-xyz';
	const request = (headers: Record<string, string | string[]> = {}, query: Record<string, unknown> = {}) => ({
		headers,
		query,
		rawBody: Buffer.from('{}'),
	});
	const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

	const cases: Array<[string, AuthenticityRule, ReturnType<typeof request>, boolean]> = [
		['none', { kind: 'none' }, request(), true],
		['header: valid', { kind: 'headerSecret', headerName: 'X-Receipt-Secret', secret }, request({ 'x-receipt-secret': secret }), true],
		['header: missing', { kind: 'headerSecret', headerName: 'X-Receipt-Secret', secret }, request(), false],
		['header: wrong', { kind: 'headerSecret', headerName: 'X-Receipt-Secret', secret }, request({ 'x-receipt-secret': secret.replace('x', 'y') }), false],
		['header: wrong length', { kind: 'headerSecret', headerName: 'X-Receipt-Secret', secret }, request({ 'x-receipt-secret': `${secret}!` }), false],
		['header: prefix only', { kind: 'headerSecret', headerName: 'X-Receipt-Secret', secret }, request({ 'x-receipt-secret': secret.slice(0, 4) }), false],
		['header: no secret configured', { kind: 'headerSecret', headerName: 'X-Receipt-Secret', secret: '' }, request({ 'x-receipt-secret': '' }), false],
		['query: valid', { kind: 'querySecret', parameter: 'token', secret }, request({}, { token: secret }), true],
		['query: repeated, first valid', { kind: 'querySecret', parameter: 'token', secret }, request({}, { token: [secret, 'x'] }), true],
		['query: missing', { kind: 'querySecret', parameter: 'token', secret }, request(), false],
		['query: wrong', { kind: 'querySecret', parameter: 'token', secret }, request({}, { token: 'nope' }), false],
		['query: object', { kind: 'querySecret', parameter: 'token', secret }, request({}, { token: { a: secret } }), false],
		['basic: valid', { kind: 'basicAuth', user: 'webex', password: secret }, request({ authorization: basic('webex', secret) }), true],
		['basic: password with colons', { kind: 'basicAuth', user: 'webex', password: 'a:b:c' }, request({ authorization: basic('webex', 'a:b:c') }), true],
		['basic: wrong password', { kind: 'basicAuth', user: 'webex', password: secret }, request({ authorization: basic('webex', 'nope') }), false],
		['basic: wrong user', { kind: 'basicAuth', user: 'webex', password: secret }, request({ authorization: basic('routee', secret) }), false],
		['basic: missing', { kind: 'basicAuth', user: 'webex', password: secret }, request(), false],
		['basic: bearer instead', { kind: 'basicAuth', user: 'webex', password: secret }, request({ authorization: `Bearer ${secret}` }), false],
		['basic: no colon', { kind: 'basicAuth', user: 'webex', password: secret }, request({ authorization: `Basic ${Buffer.from('webex').toString('base64')}` }), false],
		['hub: valid', { kind: 'hubSignature', secret }, request({ 'x-hub-signature': createHmac('sha256', secret).update('{}').digest('hex') }), true],
		['hub: missing', { kind: 'hubSignature', secret }, request(), false],
		['hub: no secret configured', { kind: 'hubSignature', secret: '' }, request({ 'x-hub-signature': createHmac('sha256', '').update('{}').digest('hex') }), false],
	];

	it.each(cases)('%s', (_label, rule, req, ok) => {
		const result = checkAuthenticity(req, rule);
		expect(result.ok).toBe(ok);
		if (!result.ok) {
			expect(result.reason).not.toContain(secret);
			expect(result.reason.length).toBeGreaterThan(5);
		}
	});

	it('compares safely whatever the lengths', () => {
		expect(safeEqual('abc', 'abc')).toBe(true);
		expect(safeEqual('abc', 'abcd')).toBe(false);
		expect(safeEqual('', 'x'.repeat(10_000))).toBe(false);
	});

	it('decodes Basic credentials', () => {
		expect(parseBasicAuth(basic('u', 'p:w'))).toEqual({ user: 'u', password: 'p:w' });
		expect(parseBasicAuth(['basic ' + Buffer.from('u:').toString('base64')])).toEqual({ user: 'u', password: '' });
		expect(parseBasicAuth(undefined)).toBeNull();
		expect(parseBasicAuth('Basic !!!')).toBeNull();
	});
});

// ---------------------------------------------------------------------------------------------
// The whole decision

describe('receiveReceipts', () => {
	const secret = 'hub-secret-xyz';
	const signed = (body: unknown) => {
		const raw = JSON.stringify(body);
		return {
			headers: { 'content-type': 'application/json', 'x-hub-signature': createHmac('sha256', secret).update(raw).digest('hex') },
			rawBody: Buffer.from(raw),
			body,
			contentType: 'application/json',
		};
	};
	const hub: AuthenticityRule = { kind: 'hubSignature', secret };

	it('checks authenticity before the body: a stranger learns nothing about receipts', () => {
		const outcome = receiveReceipts({ headers: {}, body: { hello: 'world' } }, undefined, { authenticity: hub });
		expect(outcome).toEqual({ status: 401, body: { error: 'unauthorized', message: 'Missing x-hub-signature header' } });
	});

	it('answers 400 for a body that is not a receipt', () => {
		const outcome = receiveReceipts(signed({ hello: 'world' }), undefined, { authenticity: hub });
		expect(outcome.status).toBe(400);
		expect(outcome.body).toEqual({ error: 'not-a-receipt', message: expect.stringContaining('not a voice receipt') });
	});

	it('counts received, emitted, duplicates and filtered, remembering filtered receipts too', () => {
		const body = [webex({ code: '7407', deliveryStatus: 'OFFERED' }), webex()];
		const first = receiveReceipts(signed(body), undefined, { authenticity: hub, finalOnly: true, receivedAt });
		expect(first).toMatchObject({ status: 200, body: { received: 2, emitted: 1, duplicates: 0, filtered: 1 } });
		if (first.status !== 200) throw new Error('expected 200');
		expect(first.events.map((e) => e.status)).toEqual(['completed']);
		const retry = receiveReceipts(signed(body), first.memory, { authenticity: hub, receivedAt });
		expect(retry).toMatchObject({ status: 200, body: { received: 2, emitted: 0, duplicates: 2, filtered: 0 }, events: [] });
	});

	it('keeps no memory when duplicates are not dropped', () => {
		const outcome = receiveReceipts(signed(webex()), undefined, { authenticity: hub, dedupe: false });
		expect(outcome).toMatchObject({ status: 200, body: { emitted: 1 } });
		expect('memory' in outcome).toBe(false);
	});
});
