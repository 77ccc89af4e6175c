/**
 * The trigger's check across processes, inside the run: n8n's own deduplication store (the table
 * behind the Remove Duplicates node) decides which events are new for the whole cluster, under
 * the lock of storeLock.ts, in the trigger's own row (`node` scope). n8n-free.
 *
 * Each event passed on is recorded twice: its id, and its id tagged with the run that passed it.
 * n8n runs an execution again when the worker running it died (a stalled queue job); the run
 * again finds its own tags and passes the same events on, instead of losing them as duplicates.
 *
 * Runs of one trigger in one process share the lock (`StoreCombiner`): while it holds the lock,
 * the process decides every run waiting in it, so the lock changes hands once per burst, not once
 * per receipt; a turn ends when nothing has come for `lingerMs` (or, under a steady stream, after
 * `maxHoldMs`).
 */
import { randomUUID } from 'crypto';

import {
	StoreLock,
	type AcquireStats,
	type Held,
	type LockOptions,
	type ProcessedStore,
} from './storeLock';

export type { ProcessedStore } from './storeLock';
export { LockLostError, lockTiming } from './storeLock';

export interface ClusterCheckOptions {
	/** Most receipts the trigger's row keeps (two entries each; the oldest go first). */
	maxEntries: number;
	sleep(ms: number): Promise<void>;
	/** Longest a store call may take (the lock's timing assumption). Default 1,000 ms. */
	storeCallMs?: number;
	/** A monotonic clock; default performance.now. */
	now?: () => number;
	random?: () => number;
	newToken?: () => string;
}

export const DEFAULT_STORE_CALL_MS = 1000;

export type ClusterVerdict = 'new' | 'duplicate';

export interface ClusterBatchStats extends AcquireStats {
	/** Events decided in this lock turn's batch (of every run waiting in this process). */
	events: number;
}

/** One run's events and who it is (the execution id: the same when n8n runs it again). */
export interface RunEvents<T extends { eventId: string }> {
	runId: string;
	events: T[];
}

export const runTag = (eventId: string, runId: string) => `${eventId}@${runId}`;

/**
 * Decides a batch, in order, under the lock: an event is new unless its id was recorded before
 * (by another run: its tag is not this run's) or earlier in the batch. Out-of-order events are not
 * decided here: the queue can start the runs of two receipts in another order than they arrived
 * in, and the store keeps no time, so a run cannot tell a late event from one whose run merely
 * started late (see the README).
 */
export async function decideUnderLock<T extends { eventId: string }>(
	lock: StoreLock,
	held: Held,
	runs: ReadonlyArray<RunEvents<T>>,
): Promise<ClusterVerdict[][]> {
	const values = new Set<string>();
	for (const run of runs) {
		for (const { eventId } of run.events) values.add(eventId).add(runTag(eventId, run.runId));
	}
	if (values.size === 0) return runs.map(() => []);
	const before = await lock.record(held, [...values]);
	const passed = new Set<string>();
	return runs.map((run) =>
		run.events.map(({ eventId }): ClusterVerdict => {
			if (passed.has(eventId)) return 'duplicate';
			if (before.has(eventId) && !before.has(runTag(eventId, run.runId))) return 'duplicate';
			passed.add(eventId);
			return 'new';
		}),
	);
}

interface Waiting<T extends { eventId: string }> extends RunEvents<T> {
	store: ProcessedStore;
	resolve(result: { verdicts: ClusterVerdict[]; stats: ClusterBatchStats }): void;
	reject(error: unknown): void;
}

/** One per trigger per process: runs hand in their events and get verdicts. */
export class StoreCombiner<T extends { eventId: string }> {
	private waiting: Array<Waiting<T>> = [];
	private draining = false;
	private readonly lockOptions: Omit<LockOptions, 'capacity'>;

	constructor(private readonly options: ClusterCheckOptions) {
		this.lockOptions = {
			storeCallMs: options.storeCallMs ?? DEFAULT_STORE_CALL_MS,
			sleep: options.sleep,
			now: options.now ?? (() => performance.now()),
			random: options.random ?? Math.random,
			newToken: options.newToken ?? (() => `lock:${randomUUID()}`),
		};
	}

	decide(
		store: ProcessedStore,
		events: T[],
		runId: string,
	): Promise<{ verdicts: ClusterVerdict[]; stats: ClusterBatchStats }> {
		return new Promise((resolve, reject) => {
			this.waiting.push({ store, events, runId, resolve, reject });
			if (!this.draining) void this.drain();
		});
	}

	private async drain(): Promise<void> {
		this.draining = true;
		try {
			while (this.waiting.length > 0) await this.turn(this.waiting[0].store);
		} finally {
			this.draining = false;
		}
	}

	/** One lock turn: take the lock, decide what waits (and what comes meanwhile), hand it on. */
	private async turn(store: ProcessedStore): Promise<void> {
		// Every run of this trigger has the same row; any waiting run's helpers will do.
		const lock = new StoreLock(store, {
			...this.lockOptions,
			capacity: 2 * this.options.maxEntries,
		});
		let taken: Awaited<ReturnType<StoreLock['acquire']>>;
		try {
			taken = await lock.acquire();
		} catch (error) {
			// A store error is not "held": the runs fail, with their events, for the operator to retry.
			for (const entry of this.waiting.splice(0)) entry.reject(error);
			return;
		}
		const { held } = taken;
		let { stats } = taken;
		const { now } = this.lockOptions;
		let idleSince = now();
		while (now() - held.takenAt < lock.timing.maxHoldMs) {
			if (this.waiting.length === 0) {
				// Runs come in bursts: a turn costs at least 7.5 Δ, so wait a little for the next ones.
				if (now() - idleSince >= lock.timing.lingerMs) break;
				await this.lockOptions.sleep(lock.timing.pollMs);
				continue;
			}
			const batch = this.waiting.splice(0);
			try {
				await lock.beatIfDue(held);
				const verdicts = await decideUnderLock(lock, held, batch);
				const batchStats = { ...stats, events: verdicts.flat().length };
				batch.forEach((entry, index) =>
					entry.resolve({ verdicts: verdicts[index], stats: batchStats }),
				);
				// The lock was taken (and perhaps broken) once: later batches of the turn waited for nothing.
				stats = { lockAttempts: 0, lockWaitMs: 0, staleLocksBroken: 0 };
			} catch (error) {
				// The store failed or the turn ran out of time while holding: these runs fail, and the
				// lock is left to be broken as stale (its state is unknown).
				for (const entry of batch) entry.reject(error);
				return;
			}
			idleSince = now();
		}
		// Decided already: a failed release only leaves the lock to be broken as stale.
		await lock.release(held).catch(() => undefined);
	}
}
