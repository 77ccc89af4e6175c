/**
 * The check across processes and its lock, on the test double of n8n's deduplication store
 * (test/harness/deduplication.ts: rows read and written back whole, last write wins, the first
 * write an INSERT). Processes are StoreCombiner / StoreLock instances sharing one store; the
 * timing assumption is scaled down (storeCallMs 20 ms) and the double's calls take up to 4 ms.
 */
import type { INode, Workflow } from 'n8n-workflow';

import {
	LockLostError,
	lockTiming,
	StoreCombiner,
	type ProcessedStore,
} from '../../../nodes/core/receipts/cluster';
import { eventIdOf } from '../../../nodes/core/receipts/memory';
import { StoreLock, type Held } from '../../../nodes/core/receipts/storeLock';
import { HarnessDeduplicationStore } from '../../harness/deduplication';
import { callEvent } from '../../support/events';

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const STORE_CALL_MS = 20;
const timing = lockTiming(STORE_CALL_MS);
const CAPACITY = 200;

/** The trigger's row (`node` scope) of n8n's store, as run.ts hands it to the core. */
function rowOf(store: HarnessDeduplicationStore, nodeId = 'trigger'): ProcessedStore {
	const context = {
		workflow: { id: 'wf-1' } as unknown as Workflow,
		node: { id: nodeId } as unknown as INode,
	};
	return {
		checkAndRecord: async (values, maxEntries) =>
			(await store.checkProcessedAndRecord(values, 'node', context, {
				mode: 'entries',
				maxEntries,
			})) as { new: string[]; processed: string[] },
		count: async () => await store.getProcessedDataCount('node', context, { mode: 'entries' }),
	};
}

function harnessStore(latencyMs = 4): HarnessDeduplicationStore {
	const store = new HarnessDeduplicationStore();
	store.latencyMs = latencyMs;
	return store;
}

const lockOn = (row: ProcessedStore) =>
	new StoreLock(row, {
		storeCallMs: STORE_CALL_MS,
		capacity: CAPACITY,
		sleep: delay,
		now: () => performance.now(),
		random: Math.random,
		newToken: () => `lock:${Math.random()}`,
	});

/** Who is deciding under the lock right now: more than one at a time is the failure. */
class Referee {
	inside = 0;
	most = 0;
	turns = 0;
	async hold(ms: number) {
		this.inside++;
		this.turns++;
		this.most = Math.max(this.most, this.inside);
		await delay(ms);
		this.inside--;
	}
}

const event = (messageId: string) => {
	const base = callEvent({ messageId });
	return { ...base, eventId: eventIdOf(base) };
};
const options = { maxEntries: CAPACITY / 2, storeCallMs: STORE_CALL_MS, sleep: delay };

describe('StoreCombiner (the check across processes)', () => {
	it('decides every copy of a receipt exactly once, when copies reach three processes at the same moment', async () => {
		const store = harnessStore(3);
		const processes = [0, 1, 2].map(() => new StoreCombiner(options));
		const receipts = Array.from({ length: 30 }, (_, i) => event(`m-${i}`));
		const runs = receipts.flatMap((receipt, i) =>
			processes.map((process, p) => process.decide(rowOf(store), [receipt], `run-${i}-${p}`)),
		);
		const verdicts = (await Promise.all(runs)).map(({ verdicts: [verdict] }) => verdict);
		expect(verdicts.filter((verdict) => verdict === 'new')).toHaveLength(30);
		expect(verdicts.filter((verdict) => verdict === 'duplicate')).toHaveLength(60);
		// And their copies later, wherever they go, stay duplicates.
		const later = await processes[1].decide(rowOf(store), receipts, 'run-later');
		expect(later.verdicts.every((verdict) => verdict === 'duplicate')).toBe(true);
	}, 30_000);

	it('passes the same events again in the same execution run again (its worker died), and only there', async () => {
		const store = harnessStore();
		const combiner = new StoreCombiner(options);
		const receipts = [event('r-1'), event('r-2')];
		expect((await combiner.decide(rowOf(store), receipts, 'exec-7')).verdicts).toEqual([
			'new',
			'new',
		]);
		expect((await combiner.decide(rowOf(store), receipts, 'exec-7')).verdicts).toEqual([
			'new',
			'new',
		]);
		expect((await combiner.decide(rowOf(store), receipts, 'exec-8')).verdicts).toEqual([
			'duplicate',
			'duplicate',
		]);
	}, 30_000);

	it('uses only the trigger’s own row: another node’s data, in either scope, is never touched', async () => {
		const store = harnessStore();
		const other = {
			workflow: { id: 'wf-1' } as unknown as Workflow,
			node: { id: 'dedupe' } as unknown as INode,
		};
		await store.checkProcessedAndRecord(['x', 'y'], 'workflow', other, { mode: 'entries' });
		await store.checkProcessedAndRecord(['z'], 'node', other, { mode: 'entries' });
		const before = new Map(store.rows);
		await new StoreCombiner(options).decide(rowOf(store), [event('o-1')], 'run-1');
		for (const [key, value] of before) expect(store.rows.get(key)).toBe(value);
		expect([...store.rows.keys()].filter((key) => !before.has(key))).toEqual(['wf-1|n:trigger']);
	}, 30_000);

	it('fails the runs when the store fails: an error is never taken as "held" or as a verdict', async () => {
		const store = harnessStore();
		store.failing = new Error('connection terminated');
		await expect(
			new StoreCombiner(options).decide(rowOf(store), [event('e-1')], 'run-1'),
		).rejects.toThrow('connection terminated');
		store.failing = undefined;
		expect(
			(await new StoreCombiner(options).decide(rowOf(store), [event('e-1')], 'run-2')).verdicts,
		).toEqual(['new']);
	}, 30_000);
});

describe("the lock on n8n's store (Fischer's timed mutual exclusion)", () => {
	it('is held by one run at a time among five processes taking it again and again', async () => {
		const store = harnessStore(4);
		const referee = new Referee();
		await Promise.all(
			[0, 1, 2, 3, 4].map(async () => {
				const lock = lockOn(rowOf(store));
				for (let turn = 0; turn < 3; turn++) {
					const { held } = await lock.acquire();
					await referee.hold(5);
					await lock.release(held);
				}
			}),
		);
		expect(referee.turns).toBe(15);
		expect(referee.most).toBe(1);
		expect((await rowOf(store).count()) % 2).toBe(0);
	}, 60_000);

	it('is broken after a dead holder left it: the same count for the stale interval', async () => {
		const store = harnessStore();
		const dead = lockOn(rowOf(store));
		await dead.acquire(); // ... and never released: its process died.
		const { stats } = await lockOn(rowOf(store)).acquire();
		expect(stats.staleLocksBroken).toBe(1);
	}, 30_000);

	it('lets only one of two breakers hold it', async () => {
		const store = harnessStore();
		await lockOn(rowOf(store)).acquire(); // a dead holder
		const referee = new Referee();
		const broken = await Promise.all(
			[0, 1].map(async () => {
				const lock = lockOn(rowOf(store));
				const { held, stats } = await lock.acquire();
				await referee.hold(timing.settleMs * 2);
				await lock.release(held);
				return stats.staleLocksBroken;
			}),
		);
		expect(referee.most).toBe(1);
		expect(referee.turns).toBe(2);
		// Both may have broken it; they wrote the same mark, one change of the count.
		expect(broken.reduce((sum, n) => sum + n, 0)).toBeGreaterThanOrEqual(1);
		expect((await rowOf(store).count()) % 2).toBe(0);
	}, 30_000);

	it('is not broken while a slow holder keeps it alive, however long it holds', async () => {
		const store = harnessStore();
		const referee = new Referee();
		const slow = lockOn(rowOf(store));
		const { held } = await slow.acquire();
		const waiter = (async () => {
			const lock = lockOn(rowOf(store));
			const taken = await lock.acquire();
			await referee.hold(1);
			await lock.release(taken.held);
			return taken.stats;
		})();
		referee.inside++;
		// Three stale intervals, beating as a live holder does.
		const until = performance.now() + 3 * timing.staleMs;
		while (performance.now() < until) {
			await slow.beatIfDue(held);
			await delay(timing.pollMs * 4);
		}
		await slow.record(held, ['still-mine']);
		referee.inside--;
		await slow.release(held);
		expect((await waiter).staleLocksBroken).toBe(0);
		expect(referee.most).toBe(1);
	}, 30_000);

	it('a holder that stalled past its deadline decides nothing once it wakes: the lock may have been broken', async () => {
		const store = harnessStore();
		const stalled = lockOn(rowOf(store));
		const { held } = await stalled.acquire();
		const waiter = lockOn(rowOf(store)).acquire();
		await delay(timing.staleMs + 10 * STORE_CALL_MS); // frozen (a long pause), no beat
		const { stats } = await waiter;
		expect(stats.staleLocksBroken).toBe(1);
		await expect(stalled.record(held as Held, ['late'])).rejects.toBeInstanceOf(LockLostError);
	}, 30_000);

	it('answers a store error by failing, never by taking or waiting', async () => {
		const store = harnessStore();
		store.failing = new Error('too many clients');
		await expect(lockOn(rowOf(store)).acquire()).rejects.toThrow('too many clients');
	});
});

describe("why the lock: n8n's store used directly by concurrent runs", () => {
	it('loses records and lets copies through (what Remove Duplicates does in queue mode)', async () => {
		const store = harnessStore(3);
		const row = rowOf(store);
		// The row exists (the very first concurrent calls would instead fail on its primary key).
		await row.checkAndRecord(['seed']);
		const receipts = Array.from({ length: 40 }, (_, i) => `m-${i}`);
		// Every receipt reaches two processes at once, each checking the store itself.
		const results = await Promise.all(
			receipts.flatMap((id) => [row.checkAndRecord([id], 1000), row.checkAndRecord([id], 1000)]),
		);
		expect(results.filter((result) => result.new.length === 1).length).toBeGreaterThan(40);
		expect(await row.count()).toBeLessThan(41);
	});
});
