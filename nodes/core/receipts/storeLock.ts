/**
 * A lock on n8n's deduplication store, for the trigger's check across processes. n8n-free: the
 * store comes in as two functions.
 *
 * What the store guarantees (packages/cli/src/deduplication/deduplication-helper.ts, mode
 * `entries`): one row per workflow and node (`node` scope), holding a list of value hashes.
 * `checkProcessedAndRecord` reads the row, appends the values it did not hold, drops the oldest
 * beyond `maxEntries` (none when it is not given) and writes the whole row back; the first call
 * INSERTs the row, so of two concurrent first calls one fails on the primary key. There is no
 * compare-and-set: of two overlapping calls the last write wins. `getProcessedDataCount` only
 * reads: how many values the row holds. The `workflow` scope is shared with every other node of
 * the workflow, so it is never used, and nothing is ever cleared.
 *
 * The lock is Fischer's timed mutual exclusion, with the row's count as its register:
 * - the count is odd while the lock is held, even while it is free, and every change of hands adds
 *   to it (a token to take the lock, a mark to release it, two entries to show a holder is alive),
 *   so a count never comes back while a waiter watches it;
 * - to take the lock, a run reads an even count c, writes its token, waits `settleMs` (longer than
 *   a read and a write can take, so every token written by a run that also saw c has landed), and
 *   holds the lock if the count is c + 1 and its token is in the row;
 * - the holder's own writes keep the count as it is (`maxEntries` = the count), or add an even
 *   number (padding, beats), so the parity holds for the whole turn;
 * - a waiter breaks the lock only after it has seen the same odd count for `staleMs`: the holder
 *   changes it every `beatMs`, and stops writing (the run fails) once it could not have done so in
 *   time. Breakers write the same mark (`break:<count>`), so two of them make one change.
 *
 * Timing assumptions (the README's "Running at scale"): every store call lands within
 * `storeCallMs` of being issued, pauses of the process included; clocks of the processes run at
 * the same rate. A run that lost the race may still read its token back (a write that leaves the
 * count as it is, but the row as that run read it): the holder therefore writes nothing until no
 * such write can still land (`stragglerMs` after its token).
 */

/** What n8n's deduplication helpers do for the trigger node, in the `node` scope, mode `entries`. */
export interface ProcessedStore {
	/** Which values the row held; appends the others, keeping at most `maxEntries` (all: undefined). */
	checkAndRecord(
		values: string[],
		maxEntries?: number,
	): Promise<{ new: string[]; processed: string[] }>;
	/** How many values the row holds (0 when there is none); writes nothing. */
	count(): Promise<number>;
}

export interface LockOptions {
	/** Longest a store call may take, from being issued to its write landing. */
	storeCallMs: number;
	/** Entries the row is kept at (padding fills a new row up to it). */
	capacity: number;
	sleep(ms: number): Promise<void>;
	/** A monotonic clock in ms. */
	now(): number;
	random(): number;
	/** A value no other run writes. */
	newToken(): string;
}

/**
 * The lock's intervals, all from `storeCallMs` (Δ), the longest a store call takes from being
 * issued to returning (its read and its write both inside). A run that saw the count even at the
 * same time as the taker has its token landed within 2 Δ of that reading: the taker waits longer
 * (`settleMs`) before it looks. Such a run may then still read its token back: its last write lands
 * within 7.5 Δ of the taker's token (`stragglerMs`), before which the taker writes nothing.
 */
export function lockTiming(storeCallMs: number) {
	const settleMs = 2.5 * storeCallMs;
	const stragglerMs = settleMs + 5 * storeCallMs;
	return {
		settleMs,
		stragglerMs,
		beatMs: 8 * storeCallMs,
		staleMs: 30 * storeCallMs,
		/** A holder issues no write later than this after its last change of the count. */
		writeDeadlineMs: 28 * storeCallMs,
		pollMs: Math.max(1, storeCallMs / 8),
		/** How long a holder keeps the lock with nothing to decide, for runs about to come. */
		lingerMs: 2 * storeCallMs,
		/** Longest turn while runs keep coming, so that other processes get the lock too. */
		maxHoldMs: stragglerMs + 20 * storeCallMs,
	};
}

/** The holder could not keep the lock within the timing assumptions: its decisions are void. */
export class LockLostError extends Error {}

/** A taken lock. */
export interface Held {
	token: string;
	/** The row's count as the holder keeps it (odd). */
	count: number;
	/** When the token write was issued. */
	takenAt: number;
	/** When the holder's last change of the count was issued. */
	changedAt: number;
	beats: number;
}

export interface AcquireStats {
	lockAttempts: number;
	lockWaitMs: number;
	/** Locks broken as stale (a holder that died or stalled; should stay 0). */
	staleLocksBroken: number;
}

const isUniqueViolation = (error: unknown) =>
	/duplicate key|unique constraint|UNIQUE|ER_DUP_ENTRY|SQLITE_CONSTRAINT/i.test(
		String((error as Error)?.message ?? error),
	);

export class StoreLock {
	readonly timing: ReturnType<typeof lockTiming>;

	constructor(
		private readonly store: ProcessedStore,
		private readonly options: LockOptions,
	) {
		this.timing = lockTiming(options.storeCallMs);
	}

	/** Waits for the lock and takes it. Store errors go to the caller: they are never "held". */
	async acquire(): Promise<{ held: Held; stats: AcquireStats }> {
		const { now, sleep, random } = this.options;
		const started = now();
		const stats: AcquireStats = { lockAttempts: 0, lockWaitMs: 0, staleLocksBroken: 0 };
		let watched: { count: number; since: number } | undefined;
		for (;;) {
			const count = await this.store.count();
			if (count % 2 === 1) {
				// Held (or left by a run that died): wait, and break it only if it never changes.
				if (watched?.count !== count) watched = { count, since: now() };
				else if (now() - watched.since >= this.timing.staleMs) {
					await this.store.checkAndRecord([`break:${count}`]);
					stats.staleLocksBroken++;
					watched = undefined;
					continue;
				}
				await sleep(this.timing.pollMs * (1 + random()));
				continue;
			}
			watched = undefined;
			stats.lockAttempts++;
			const token = this.options.newToken();
			const takenAt = now();
			const wrote = await this.store.checkAndRecord([token]).then(
				() => true,
				// Two runs created the row at once: the other one's INSERT won. Any other error goes on.
				async (error: unknown) =>
					count === 0 && isUniqueViolation(error) ? false : await Promise.reject(error),
			);
			if (!wrote) continue;
			await sleep(this.timing.settleMs);
			const settled = (await this.store.count()) === count + 1;
			// The read-back keeps the count: were the token lost, it comes back and the oldest goes.
			if (settled && (await this.store.checkAndRecord([token], count + 1)).new.length === 0) {
				const held: Held = { token, count: count + 1, takenAt, changedAt: takenAt, beats: 0 };
				await sleep(Math.max(0, takenAt + this.timing.stragglerMs - now()));
				await this.fill(held);
				stats.lockWaitMs = now() - started;
				return { held, stats };
			}
			await sleep(this.timing.pollMs * (1 + 4 * random()));
		}
	}

	/** Records `values` under the lock (the count stays): which of them the row held before. */
	async record(held: Held, values: string[]): Promise<Set<string>> {
		this.checkInTime(held);
		const result = await this.store.checkAndRecord(values, held.count);
		return new Set(result.processed);
	}

	/** Shows the holder is alive (two entries: the count changes, its parity does not). */
	async beatIfDue(held: Held): Promise<void> {
		const { now } = this.options;
		if (now() - held.changedAt < this.timing.beatMs) return;
		this.checkInTime(held);
		const issued = now();
		held.beats++;
		await this.store.checkAndRecord([
			`beat:${held.token}:${held.beats}:a`,
			`beat:${held.token}:${held.beats}:b`,
		]);
		held.count += 2;
		held.changedAt = issued;
	}

	/** Hands the lock on: one mark, the count becomes even. */
	async release(held: Held): Promise<void> {
		// Bounded: far above the capacity, the oldest values (and lock marks) go, an even number of them.
		const excess = held.count - this.options.capacity - 1;
		if (excess > 2000) {
			this.checkInTime(held);
			held.count -= excess - (excess % 2);
			await this.store.checkAndRecord([], held.count);
		}
		this.checkInTime(held);
		await this.store.checkAndRecord([`free:${held.token}`]);
	}

	/** A new row (or one smaller than the capacity) is filled up with an even number of pads. */
	private async fill(held: Held): Promise<void> {
		const missing = this.options.capacity - held.count;
		if (missing <= 0) return;
		const pads = Array.from(
			{ length: missing + (missing % 2) },
			(_, i) => `pad:${held.token}:${i}`,
		);
		this.checkInTime(held);
		await this.store.checkAndRecord(pads);
		held.count += pads.length;
	}

	private checkInTime(held: Held): void {
		if (this.options.now() - held.changedAt > this.timing.writeDeadlineMs)
			throw new LockLostError(
				`This run held the lock on n8n's deduplication store too long without renewing it (${Math.round(this.timing.writeDeadlineMs)} ms): another run may have broken it, so nothing was decided.`,
			);
	}
}
