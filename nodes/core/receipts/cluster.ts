/**
 * The trigger's check across processes, inside the run: n8n's own deduplication store (the database
 * table behind the Remove Duplicates node, `helpers.checkProcessedAndRecord`) decides which events
 * are new for the whole cluster. n8n-free: the store comes in as functions.
 *
 * That store keeps one row per workflow and scope and rewrites it whole on every call, with no
 * version check: two calls that overlap lose one's writes (last write wins). So every decision
 * here is taken under a lock, and the lock is the one atomic step the store offers: creating the
 * workflow-scope row, whose primary key (workflow, context) lets only one of two concurrent
 * creators succeed. Holding the lock means having created that row with the lock value; releasing
 * it deletes the row. Under the lock, checks and writes of the node-scope row are serialised
 * across every worker: nothing is lost, and of two copies of a receipt only the first is new, even
 * when they arrive in the same millisecond.
 *
 * Runs of one trigger in one process share a lock turn (`StoreCombiner`): the events of every run
 * waiting in that process are decided together, so the lock changes hands once per batch, not once
 * per receipt.
 */
/** What n8n's deduplication helpers do, for one trigger node (mode `entries`). */
export interface ProcessedStore {
	/** Which values were recorded before; records the new ones (the oldest go past `maxEntries`). */
	checkAndRecord(
		values: string[],
		scope: 'node' | 'workflow',
		maxEntries: number,
	): Promise<{ new: string[]; processed: string[] }>;
	/** Deletes the scope's row. */
	clear(scope: 'workflow'): Promise<void>;
}

export interface ClusterCheckOptions {
	/** Most receipt ids the node-scope row keeps (n8n drops the oldest). */
	maxEntries: number;
	sleep(ms: number): Promise<void>;
	/** Default Date.now. */
	now?: () => number;
	/** A lock held this long is taken to belong to a process that died, and broken. Default 15 s. */
	staleLockMs?: number;
}

export type ClusterVerdict = 'new' | 'duplicate';

export interface ClusterBatchStats {
	/** Events decided in this lock turn (of every run waiting in this process). */
	events: number;
	/** Attempts to take the lock, and time spent waiting for it. */
	lockAttempts: number;
	lockWaitMs: number;
	/** Locks broken as stale (should stay 0). */
	staleLocksBroken: number;
}

/** The value of the lock row; the node-scope row holds receipt ids. */
export const LOCK_VALUE = 'voice-receipt-trigger-lock';

/** Takes the lock: creates the workflow-scope row holding only the lock value. */
export async function acquireLock(
	store: ProcessedStore,
	options: ClusterCheckOptions,
): Promise<Omit<ClusterBatchStats, 'events'>> {
	const now = options.now ?? Date.now;
	const started = now();
	let heldSince = started;
	let staleLocksBroken = 0;
	for (let attempt = 1; ; attempt++) {
		let taken = false;
		try {
			taken = (await store.checkAndRecord([LOCK_VALUE], 'workflow', 1)).new.length === 1;
		} catch {
			// Another process created the row at the same moment (unique key): the lock is held.
			taken = false;
		}
		if (taken) return { lockAttempts: attempt, lockWaitMs: now() - started, staleLocksBroken };
		if (now() - heldSince > (options.staleLockMs ?? 15_000)) {
			await store.clear('workflow');
			staleLocksBroken++;
			heldSince = now();
			continue;
		}
		// A turn takes a few milliseconds; wait about that long, spread so waiters do not collide.
		await options.sleep(2 + Math.floor(Math.random() * Math.min(20, 2 * attempt)));
	}
}

/**
 * Decides a batch, in order, under the lock: an event is new unless its id was recorded before (or
 * earlier in the batch). Out-of-order events are not decided here: the queue can start the runs of
 * two receipts in another order than they arrived in, and the store keeps no time, so a run cannot
 * tell a late event from one whose run merely started late (see the README).
 */
export async function decideUnderLock(
	store: ProcessedStore,
	events: ReadonlyArray<{ eventId: string }>,
	options: Pick<ClusterCheckOptions, 'maxEntries'>,
): Promise<ClusterVerdict[]> {
	const values = [...new Set(events.map((event) => event.eventId))];
	if (values.length === 0) return [];
	const recorded = await store.checkAndRecord(values, 'node', options.maxEntries);
	const before = new Set(recorded.processed);
	const seen = new Set<string>();
	return events.map((event): ClusterVerdict => {
		if (before.has(event.eventId) || seen.has(event.eventId)) return 'duplicate';
		seen.add(event.eventId);
		return 'new';
	});
}

interface Waiting<T> {
	store: ProcessedStore;
	events: T[];
	resolve(result: { verdicts: ClusterVerdict[]; stats: ClusterBatchStats }): void;
	reject(error: unknown): void;
}

/**
 * One per trigger per process: runs hand in their events and get verdicts; whoever is waiting when
 * the lock comes free is decided in the same turn.
 */
export class StoreCombiner<T extends { eventId: string }> {
	private waiting: Array<Waiting<T>> = [];
	private draining = false;

	constructor(private readonly options: ClusterCheckOptions) {}

	decide(
		store: ProcessedStore,
		events: T[],
	): Promise<{ verdicts: ClusterVerdict[]; stats: ClusterBatchStats }> {
		return new Promise((resolve, reject) => {
			this.waiting.push({ store, events, resolve, reject });
			if (!this.draining) void this.drain();
		});
	}

	private async drain(): Promise<void> {
		this.draining = true;
		try {
			while (this.waiting.length > 0) {
				const batch = this.waiting.splice(0);
				// Every run of this trigger has the same store; any waiting run's helpers will do.
				const store = batch[0].store;
				try {
					const lock = await acquireLock(store, this.options);
					let verdicts: ClusterVerdict[];
					try {
						verdicts = await decideUnderLock(
							store,
							batch.flatMap((entry) => entry.events),
							this.options,
						);
					} finally {
						await store.clear('workflow');
					}
					const stats = { ...lock, events: verdicts.length };
					let offset = 0;
					for (const entry of batch) {
						entry.resolve({
							verdicts: verdicts.slice(offset, offset + entry.events.length),
							stats,
						});
						offset += entry.events.length;
					}
				} catch (error) {
					for (const entry of batch) entry.reject(error);
				}
			}
		} finally {
			this.draining = false;
		}
	}
}
