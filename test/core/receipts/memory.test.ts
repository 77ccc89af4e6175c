import {
	DEFAULT_DEDUPE_CAPACITY,
	dedupeKey,
	dropDuplicates,
	eventIdOf,
	mergeRecentReceipts,
	packRecentReceipts,
	pruneRecentReceipts,
	readRecentReceipts,
	receiptDigest,
	ReceiptMemory,
} from '../../../nodes/core/receipts/memory';
import { callEvent } from '../../support/events';

describe('dedupeKey', () => {
	it('is the same for a retried receipt and differs when provider, message, number, status or time differ', () => {
		const base = dedupeKey(callEvent());
		expect(
			dedupeKey(
				callEvent({
					receivedAt: '2026-05-01T10:01:06.000Z',
					raw: { retry: true },
					description: 'other words',
				}),
			),
		).toBe(base);
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
			expect(dedupeKey(callEvent(change))).not.toBe(base);
		}
	});

	it('tells receipts without a message id apart by number, correlation id and callback data', () => {
		const a = callEvent({ messageId: null, to: '+1', correlationId: 'a', callbackData: 'x' });
		expect(dedupeKey(a)).toBe(dedupeKey({ ...a }));
		expect(dedupeKey(a)).not.toBe(
			dedupeKey(callEvent({ messageId: null, to: '+2', correlationId: 'a', callbackData: 'x' })),
		);
		expect(dedupeKey(a)).not.toBe(
			dedupeKey(callEvent({ messageId: null, to: '+1', correlationId: 'b', callbackData: 'x' })),
		);
		expect(dedupeKey(a)).not.toBe(
			dedupeKey(callEvent({ messageId: null, to: '+1', correlationId: 'a', callbackData: 'y' })),
		);
	});
});

describe('dropDuplicates', () => {
	const t0 = new Date('2026-05-01T10:00:00Z');
	const at = (ms: number) => new Date(t0.getTime() + ms);

	it('drops repeats within one body and across calls through stored memory', () => {
		const first = dropDuplicates(
			[callEvent(), callEvent({ messageId: 'm-2' }), callEvent()],
			undefined,
			{ now: t0 },
		);
		expect(first.fresh.map((e) => e.messageId)).toEqual(['m-1', 'm-2']);
		expect(first.duplicates).toHaveLength(1);
		// Stored as JSON in n8n's static data and read back.
		const stored = JSON.parse(JSON.stringify(first.memory)) as unknown;
		const retry = dropDuplicates([callEvent(), callEvent({ messageId: 'm-3' })], stored, {
			now: at(60_000),
		});
		expect(retry.fresh.map((e) => e.messageId)).toEqual(['m-3']);
		expect(retry.duplicates.map((e) => e.messageId)).toEqual(['m-1']);
		expect(retry.memory.entries).toHaveLength(3);
	});

	it('forgets receipts older than the window', () => {
		const first = dropDuplicates([callEvent()], undefined, { now: t0, windowMs: 60_000 });
		expect(
			dropDuplicates([callEvent()], first.memory, { now: at(59_999), windowMs: 60_000 }).fresh,
		).toHaveLength(0);
		const later = dropDuplicates([callEvent()], first.memory, {
			now: at(60_000),
			windowMs: 60_000,
		});
		expect(later.fresh).toHaveLength(1);
		expect(later.memory.entries).toHaveLength(1);
		// Default window: 10 minutes, covering Webex Connect's three retries 60 s apart.
		const def = dropDuplicates([callEvent()], undefined, { now: t0 });
		expect(
			dropDuplicates([callEvent()], def.memory, { now: at(3 * 60_000) }).duplicates,
		).toHaveLength(1);
		expect(
			dropDuplicates([callEvent()], def.memory, { now: at(10 * 60_000) }).duplicates,
		).toHaveLength(0);
	});

	it('keeps at most `capacity` entries, forgetting the oldest first', () => {
		const many = Array.from({ length: 5 }, (_, i) => callEvent({ messageId: `m-${i}` }));
		const result = dropDuplicates(many, undefined, { now: t0, capacity: 3 });
		expect(result.fresh).toHaveLength(5);
		expect(result.memory.entries).toHaveLength(3);
		const again = dropDuplicates(many, result.memory, { now: at(1), capacity: 3 });
		// m-0 and m-1 were forgotten; m-2..m-4 are still remembered.
		expect(again.fresh.map((e) => e.messageId)).toEqual(['m-0', 'm-1']);
		expect(again.duplicates.map((e) => e.messageId)).toEqual(['m-2', 'm-3', 'm-4']);
	});

	it('remembers every receipt of the window by default, whatever the count (sized by time, not by count)', () => {
		const many = Array.from({ length: 1200 }, (_, i) => callEvent({ messageId: `m-${i}` }));
		const { memory } = dropDuplicates(many, undefined, { now: t0 });
		expect(memory.entries).toHaveLength(1200);
		expect(memory.entries[0][1]).toBe(t0.getTime());
		expect(dropDuplicates(many, memory, { now: at(9 * 60_000) }).duplicates).toHaveLength(1200);
		// Only a guard against floods bounds the count.
		expect(DEFAULT_DEDUPE_CAPACITY).toBe(1_000_000);
	});

	it('does not change the stored memory and tolerates malformed memory', () => {
		const stored = { version: 1, entries: [['x', t0.getTime()]] };
		const copy = structuredClone(stored);
		dropDuplicates([callEvent()], stored, { now: t0 });
		expect(stored).toEqual(copy);
		for (const garbage of [
			null,
			'x',
			42,
			{ entries: 'no' },
			{ entries: [[1, 2], ['ok'], 'z', ['a', Number.NaN]] },
		]) {
			expect(readRecentReceipts(garbage).entries).toEqual([]);
			expect(dropDuplicates([callEvent()], garbage, { now: t0 }).fresh).toHaveLength(1);
		}
	});

	it('prunes with sane defaults for nonsense limits', () => {
		const memory = {
			version: 1 as const,
			entries: [[receiptDigest('a'), t0.getTime()] as [string, number]],
		};
		expect(
			pruneRecentReceipts(memory, { now: t0, capacity: 0, windowMs: -1 }).entries,
		).toHaveLength(1);
	});
});

describe('the packed memory (workflow static data)', () => {
	const t0 = new Date('2026-05-01T10:00:00Z');

	it('packs the entries into one string and reads them back, as well as the JSON form', () => {
		const many = Array.from({ length: 1000 }, (_, i) => callEvent({ messageId: `m-${i}` }));
		const { memory } = dropDuplicates(many, undefined, { now: t0 });
		const packed = packRecentReceipts(memory);
		expect(packed).toEqual({
			version: 2,
			entries: expect.stringMatching(/^[\w-]{16}:\d+(,[\w-]{16}:\d+)*$/),
		});
		expect(JSON.stringify(packed).length).toBeLessThan(32_000);
		expect(readRecentReceipts(JSON.parse(JSON.stringify(packed)))).toEqual(memory);
		expect(readRecentReceipts(memory)).toEqual(memory);
		expect(dropDuplicates(many.slice(0, 2), packed, { now: t0 }).duplicates).toHaveLength(2);
		expect(packRecentReceipts({ version: 1, entries: [] })).toEqual({ version: 2, entries: '' });
		expect(readRecentReceipts({ version: 2, entries: '' }).entries).toEqual([]);
	});

	it('skips what does not read as digest:time in a packed memory', () => {
		expect(
			readRecentReceipts({ version: 2, entries: 'a:1,b,:2,c:,d:x,e:NaN,f:1e400,g:3' }).entries,
		).toEqual([
			['a', 1],
			['g', 3],
		]);
		expect(readRecentReceipts({ version: 2, entries: 42 }).entries).toEqual([]);
		expect(
			packRecentReceipts({
				version: 1,
				entries: [
					['a,b', 1],
					['', 2],
					['c', 3],
				],
			}),
		).toEqual({ version: 2, entries: 'c:3' });
	});
});

describe("ReceiptMemory (the trigger's memory, updated in place)", () => {
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
			const options = {
				capacity: 1 + Math.floor(next() * 20),
				windowMs: 1000 + Math.floor(next() * 20_000),
			};
			const memory = new ReceiptMemory();
			let stored: unknown = undefined;
			let now = t0;
			for (let call = 0; call < 400; call++) {
				// Mostly forward, sometimes the same millisecond, now and then a clock set back.
				now += next() < 0.1 ? -Math.floor(next() * 3000) : Math.floor(next() * 800);
				const batch = Array.from({ length: 1 + Math.floor(next() * 3) }, () =>
					callEvent({ messageId: `m-${Math.floor(next() * 40)}` }),
				);
				// Now and then another process's memory shows up in static data.
				const foreign =
					next() < 0.05
						? dropDuplicates(
								[callEvent({ messageId: `m-${Math.floor(next() * 40)}` })],
								undefined,
								{ now: new Date(now - 500) },
							).memory
						: undefined;
				if (foreign) {
					memory.merge(packRecentReceipts(foreign));
					stored = mergeRecentReceipts(stored, foreign);
				}
				const expected = dropDuplicates(batch, mergeRecentReceipts(stored, undefined), {
					...options,
					now: new Date(now),
				});
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
		memory.remember([callEvent({ messageId: 'a' }), callEvent({ messageId: 'b' })], {
			now: new Date(t0 + 10),
		});
		const other = dropDuplicates(
			[callEvent({ messageId: 'b' }), callEvent({ messageId: 'c' })],
			undefined,
			{ now: new Date(t0 + 20) },
		).memory;
		const expected = mergeRecentReceipts(memory.toRecentReceipts(), other);
		memory.merge(packRecentReceipts(other));
		expect(memory.toRecentReceipts()).toEqual(expected);
		expect(memory.size).toBe(3);
		memory.merge(undefined);
		memory.merge('garbage');
		expect(memory.toRecentReceipts()).toEqual(expected);
	});
});

describe('ReceiptMemory at campaign volume', () => {
	const t0 = new Date('2026-05-01T10:00:00Z').getTime();

	it('remembers 100,000 receipts within the window in a few megabytes, forgets them after it, and takes a receipt back on request', () => {
		const memory = new ReceiptMemory();
		const events = Array.from({ length: 100_000 }, (_, i) => callEvent({ messageId: `m-${i}` }));
		// 100,000 receipts over 9 minutes: about 185 per second.
		for (let i = 0; i < events.length; i += 100)
			memory.remember(events.slice(i, i + 100), { now: new Date(t0 + i * 5.4) });
		expect(memory.size).toBe(100_000);
		expect(memory.bytes).toBeLessThan(4 * 1024 * 1024);
		const retried = memory.remember([events[0], events[50_000], events[99_999]], {
			now: new Date(t0 + 9.5 * 60_000),
		});
		expect(retried.duplicates).toHaveLength(3);
		// Ten minutes after the first ones were seen, those are forgotten, the rest still held.
		const later = memory.remember([events[0], events[99_999]], {
			now: new Date(t0 + 10 * 60_000 + 1),
		});
		expect(later.fresh).toEqual([events[0]]);
		expect(later.duplicates).toEqual([events[99_999]]);
		memory.forget([eventIdOf(events[99_999]), 'not-a-digest']);
		expect(memory.has(eventIdOf(events[99_999]))).toBe(false);
		expect(
			memory.remember([events[99_999]], { now: new Date(t0 + 10 * 60_000 + 2) }).fresh,
		).toHaveLength(1);
	});

	it('keeps the newest receipts for static data, bounded', () => {
		const memory = new ReceiptMemory();
		memory.remember(
			Array.from({ length: 5000 }, (_, i) => callEvent({ messageId: `m-${i}` })),
			{ now: new Date(t0) },
		);
		const packed = memory.packNewest(1000);
		const entries = readRecentReceipts(packed).entries;
		expect(entries).toHaveLength(1000);
		expect(entries[999][0]).toBe(eventIdOf(callEvent({ messageId: 'm-4999' })));
		expect(JSON.stringify(packed).length).toBeLessThan(32_000);
	});
});
