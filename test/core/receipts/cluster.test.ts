import {
	acquireLock,
	decideUnderLock,
	LOCK_VALUE,
	StoreCombiner,
	type ProcessedStore,
} from '../../../nodes/core/receipts/cluster';
import { eventIdOf } from '../../../nodes/core/receipts/memory';
import { callEvent } from '../../support/events';

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * n8n's deduplication store as the trigger sees it: one row per scope, read and then written back
 * whole after `latencyMs` (an UPDATE: overlapping calls lose writes, a deleted row stays deleted),
 * created by the first call (a concurrent second creation fails on the primary key).
 */
function fakeStore(latencyMs = 0): ProcessedStore & { rows: Map<string, string[]>; calls: number } {
	const rows = new Map<string, string[]>();
	const store = {
		rows,
		calls: 0,
		async checkAndRecord(values: string[], scope: string, maxEntries: number) {
			store.calls++;
			const before = rows.get(scope);
			const snapshot = before ? [...before] : undefined;
			await delay(latencyMs);
			if (snapshot === undefined) {
				if (rows.has(scope)) throw new Error('duplicate key value violates unique constraint');
				rows.set(scope, values.slice(-maxEntries));
				return { new: values, processed: [] };
			}
			const known = new Set(snapshot);
			const result = { new: [] as string[], processed: [] as string[] };
			for (const value of values) {
				if (known.has(value)) result.processed.push(value);
				else {
					result.new.push(value);
					snapshot.push(value);
				}
			}
			// An UPDATE: a row deleted meanwhile stays deleted.
			if (rows.has(scope)) rows.set(scope, snapshot.slice(-maxEntries));
			return result;
		},
		async clear(scope: string) {
			store.calls++;
			rows.delete(scope);
		},
	};
	return store as ProcessedStore & typeof store;
}

const event = (messageId: string, extra: Parameters<typeof callEvent>[0] = {}) => {
	const base = callEvent({ messageId, ...extra });
	return { ...base, eventId: eventIdOf(base) };
};
const options = { maxEntries: 1000 };

describe('decideUnderLock', () => {
	it('passes on what the store has not recorded, once, in order, and records it', async () => {
		const store = fakeStore();
		expect(await decideUnderLock(store, [event('a'), event('b'), event('a')], options)).toEqual([
			'new',
			'new',
			'duplicate',
		]);
		expect(await decideUnderLock(store, [event('b'), event('c')], options)).toEqual([
			'duplicate',
			'new',
		]);
		expect(store.rows.get('node')).toHaveLength(3);
	});
});

describe("the lock on n8n's store", () => {
	it('is taken by one of two concurrent takers: the second waits for the release', async () => {
		const store = fakeStore(5);
		const order: string[] = [];
		const take = async (name: string) => {
			await acquireLock(store, { ...options, sleep: delay });
			order.push(`${name} in`);
			await delay(20);
			order.push(`${name} out`);
			await store.clear('workflow');
		};
		await Promise.all([take('a'), take('b'), take('c')]);
		for (let i = 0; i < order.length; i += 2)
			expect(order[i].split(' ')[0]).toBe(order[i + 1].split(' ')[0]);
		expect(store.rows.has('workflow')).toBe(false);
	});

	it('breaks a lock left by a process that died while holding it', async () => {
		const store = fakeStore();
		store.rows.set('workflow', [LOCK_VALUE]);
		let clock = 0;
		const stats = await acquireLock(store, {
			...options,
			staleLockMs: 1000,
			now: () => clock,
			sleep: async (ms) => void (clock += ms * 10),
		});
		expect(stats.staleLocksBroken).toBe(1);
		expect(stats.lockAttempts).toBeGreaterThan(2);
	});
});

describe('StoreCombiner (the runs of one trigger in one process)', () => {
	it('decides every copy of a receipt exactly once, even when many copies arrive at the same time on several processes', async () => {
		// The store loses overlapping writes; without the lock, copies and records would be lost.
		const store = fakeStore(3);
		const processes = [0, 1, 2].map(() => new StoreCombiner({ ...options, sleep: delay }));
		const receipts = Array.from({ length: 60 }, (_, i) => event(`m-${i}`));
		const runs = receipts.flatMap((receipt) =>
			processes.map((process) => process.decide(store, [receipt])),
		);
		const verdicts = (await Promise.all(runs)).map(({ verdicts: [verdict] }) => verdict);
		expect(verdicts.filter((verdict) => verdict === 'new')).toHaveLength(60);
		expect(verdicts.filter((verdict) => verdict === 'duplicate')).toHaveLength(120);
		expect(new Set(store.rows.get('node'))).toEqual(
			new Set(receipts.map((receipt) => receipt.eventId)),
		);
	});

	it('decides the runs waiting in one process in one lock turn', async () => {
		const store = fakeStore(2);
		const combiner = new StoreCombiner({ ...options, sleep: delay });
		const results = await Promise.all(
			Array.from({ length: 20 }, (_, i) => combiner.decide(store, [event(`n-${i}`)])),
		);
		// The first run takes a turn alone; the 19 that came while it held the lock share the next.
		expect(results.map(({ stats }) => stats.events).sort((a, b) => a - b)).toEqual([
			1,
			...Array(19).fill(19),
		]);
		expect(store.calls).toBeLessThan(12);
	});

	it('fails the waiting runs when the store fails, and releases the lock', async () => {
		const store = fakeStore();
		const failing: ProcessedStore = {
			...store,
			checkAndRecord: async (values, scope, maxEntries) => {
				if (scope === 'node') throw new Error('database gone');
				return await store.checkAndRecord(values, scope, maxEntries);
			},
		};
		await expect(
			new StoreCombiner({ ...options, sleep: delay }).decide(failing, [event('x')]),
		).rejects.toThrow('database gone');
		expect(store.rows.has('workflow')).toBe(false);
	});
});

describe("why the lock: n8n's store used directly by concurrent runs", () => {
	it('loses records and lets copies through (what Remove Duplicates does in queue mode)', async () => {
		const store = fakeStore(3);
		// The row exists (the very first concurrent calls would instead fail on its primary key).
		store.rows.set('node', []);
		const receipts = Array.from({ length: 40 }, (_, i) => `m-${i}`);
		// Every receipt reaches two processes at once, each checking the store itself.
		const results = await Promise.all(
			receipts.flatMap((id) => [
				store.checkAndRecord([id], 'node', 1000),
				store.checkAndRecord([id], 'node', 1000),
			]),
		);
		const passed = results.filter((result) => result.new.length === 1).length;
		expect(passed).toBeGreaterThan(40);
		expect(store.rows.get('node')!.length).toBeLessThan(40);
	});
});
