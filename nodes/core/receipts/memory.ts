/**
 * Duplicate detection: the memory of receipts seen within a time window, kept in place by a
 * long-lived process (`ReceiptMemory`, on a compact `DigestWindow`) and stored, bounded, as one
 * packed string in n8n's workflow static data. The JSON functions (`dropDuplicates`,
 * `readRecentReceipts`, …) are views of the same engine.
 */
import { createHash } from 'crypto';

import type { CallEvent } from '../events';
import { isRecord } from '../objects';
import { DigestWindow, digestText, digestWords } from './window';

/**
 * What makes two receipts the same delivery: provider, message id, status (ours and the
 * provider's word and code, so Offered and Accepted, both `initiated`, stay apart) and time
 * stamp, plus the number and correlation id: one Webex Connect message id can cover several
 * numbers, whose receipts may share a status and a millisecond. Providers retry with the very
 * same body, so a retry always yields the same key. Without a message id the callback data also
 * tells receipts apart.
 */
export function dedupeKey(event: CallEvent): string {
	return [
		event.provider,
		event.messageId ?? `~${event.callbackData ?? ''}`,
		event.to ?? '',
		event.correlationId ?? '',
		event.status,
		event.providerStatus ?? '',
		event.providerCode ?? '',
		event.timestamp ?? '',
	].join('|');
}

/** 96 bits of SHA-256, base64url: 16 characters. */
export function receiptDigest(key: string): string {
	return createHash('sha256').update(key, 'utf8').digest().subarray(0, 12).toString('base64url');
}

/** The event's id: the digest of its dedupe key (`eventId` when the event carries it already). */
export function eventIdOf(event: CallEvent & { eventId?: string }): string {
	return event.eventId ?? receiptDigest(dedupeKey(event));
}

/**
 * Most receipts one memory holds, whatever the window: a guard against a flood, far above what
 * n8n can take in 10 minutes (about 35 MB at most).
 */
export const DEFAULT_DEDUPE_CAPACITY = 1_000_000;
export const DEFAULT_DEDUPE_WINDOW_MS = 10 * 60 * 1000;

/** The memory as JSON: `[digest, seenAtMs]` pairs, oldest first. */
export interface RecentReceipts {
	version: 1;
	entries: Array<[string, number]>;
}

/**
 * The memory as the trigger keeps it in n8n's workflow static data: one string of
 * `digest:seenAtMs` pairs separated by commas, oldest first. One string, not many small arrays:
 * n8n wraps every object and array in static data in its own Proxy each time it builds the
 * workflow, and reads through those proxies are slow; a string costs neither.
 */
export interface PackedRecentReceipts {
	version: 2;
	entries: string;
}

export interface DedupeOptions {
	/** Most entries kept; the oldest go first. Default `DEFAULT_DEDUPE_CAPACITY`. */
	capacity?: number;
	/** Entries older than this are forgotten. Default 10 minutes (Webex retries 3 times, 60 s apart). */
	windowMs?: number;
	/** Default now. */
	now?: Date;
}

const isEntry = (entry: unknown): entry is [string, number] =>
	Array.isArray(entry) &&
	typeof entry[0] === 'string' &&
	typeof entry[1] === 'number' &&
	Number.isFinite(entry[1]);

/** The entries of the packed form; pairs that do not read as `digest:finite number` are skipped. */
function unpackEntries(packed: string): Array<[string, number]> {
	const entries: Array<[string, number]> = [];
	if (packed === '') return entries;
	for (const pair of packed.split(',')) {
		const colon = pair.lastIndexOf(':');
		if (colon <= 0) continue;
		const at = Number(pair.slice(colon + 1));
		if (pair.length > colon + 1 && Number.isFinite(at)) entries.push([pair.slice(0, colon), at]);
	}
	return entries;
}

/**
 * Reads stored memory, either form (`RecentReceipts` or `PackedRecentReceipts`), tolerating
 * absence or anything malformed (which starts afresh).
 */
export function readRecentReceipts(stored: unknown): RecentReceipts {
	if (isRecord(stored) && stored.version === 2 && typeof stored.entries === 'string') {
		return { version: 1, entries: unpackEntries(stored.entries) };
	}
	const entries = isRecord(stored) && Array.isArray(stored.entries) ? stored.entries : [];
	return { version: 1, entries: entries.filter(isEntry).map(([digest, at]) => [digest, at]) };
}

/** The memory in its static-data form (see `PackedRecentReceipts`). */
export function packRecentReceipts(memory: RecentReceipts | ReceiptMemory): PackedRecentReceipts {
	const entries = memory instanceof ReceiptMemory ? memory.entries() : memory.entries;
	const pairs: string[] = [];
	for (const [digest, at] of entries) {
		// Digests are base64url; anything with a separator can only be foreign data.
		if (digest.includes(',') || digest === '') continue;
		pairs.push(`${digest}:${at}`);
	}
	return { version: 2, entries: pairs.join(',') };
}

function limits(options: DedupeOptions): { capacity: number; windowMs: number; now: number } {
	const capacity = Math.floor(options.capacity ?? DEFAULT_DEDUPE_CAPACITY);
	const windowMs = options.windowMs ?? DEFAULT_DEDUPE_WINDOW_MS;
	return {
		capacity: Number.isFinite(capacity) && capacity > 0 ? capacity : DEFAULT_DEDUPE_CAPACITY,
		windowMs: Number.isFinite(windowMs) && windowMs > 0 ? windowMs : DEFAULT_DEDUPE_WINDOW_MS,
		now: (options.now ?? new Date()).getTime(),
	};
}

/** Both memories in one: each receipt once, with the later time it was seen, oldest first. */
export function mergeRecentReceipts(first: unknown, second: unknown): RecentReceipts {
	const seen = new Map<string, number>();
	for (const [digest, at] of [
		...readRecentReceipts(first).entries,
		...readRecentReceipts(second).entries,
	]) {
		seen.set(digest, Math.max(at, seen.get(digest) ?? at));
	}
	return { version: 1, entries: [...seen.entries()].sort((a, b) => a[1] - b[1]) };
}

export interface DedupeResult {
	fresh: CallEvent[];
	duplicates: CallEvent[];
	/** The memory to store back (a new object; the input is not changed). */
	memory: RecentReceipts;
}

/** Forgets entries older than the window and keeps at most `capacity`, newest last. */
export function pruneRecentReceipts(
	memory: RecentReceipts,
	options: DedupeOptions = {},
): RecentReceipts {
	const engine = ReceiptMemory.from(memory);
	engine.remember([], options);
	return engine.toRecentReceipts();
}

/**
 * Splits events into fresh ones and duplicates of receipts seen within the window (or earlier in
 * the same list), and remembers the fresh ones: `ReceiptMemory.remember` on a stored memory.
 */
export function dropDuplicates(
	events: readonly CallEvent[],
	stored: unknown,
	options: DedupeOptions = {},
): DedupeResult {
	const engine = ReceiptMemory.from(stored);
	const { fresh, duplicates } = engine.remember(events, options);
	return { fresh, duplicates, memory: engine.toRecentReceipts() };
}

/**
 * The duplicate memory, the one engine: every receipt seen within the window, whatever the rate
 * (up to `capacity`). A long-lived process keeps it and updates it in place; the JSON functions
 * above build one from a stored memory for each call. Digests that are not the package's (16
 * base64url characters) cannot match a receipt and are not taken in.
 */
export class ReceiptMemory {
	private window = new DigestWindow();
	/** Whether the entries are in time order (a clock set back can break it until the next call). */
	private ordered = true;
	/** Time of the newest entry. */
	private lastAt = -Infinity;

	/** A memory holding what a stored memory holds (either form; anything malformed is skipped). */
	static from(stored: unknown): ReceiptMemory {
		const memory = new ReceiptMemory();
		memory.merge(stored);
		return memory;
	}

	get size(): number {
		return this.window.size;
	}

	/** Bytes of memory the entries take. */
	get bytes(): number {
		return this.window.bytes;
	}

	/** `[eventId, seenAtMs]`, oldest first. */
	*entries(): IterableIterator<[string, number]> {
		for (const [w0, w1, w2, at] of this.window.entries()) yield [digestText(w0, w1, w2), at];
	}

	toRecentReceipts(): RecentReceipts {
		return { version: 1, entries: [...this.entries()] };
	}

	/** The newest `limit` entries in their static-data form: what a restart takes back. */
	packNewest(limit: number): PackedRecentReceipts {
		const entries = [...this.entries()];
		return packRecentReceipts({
			version: 1,
			entries: entries.slice(Math.max(0, entries.length - limit)),
		});
	}

	/** Whether a receipt of this id is remembered. */
	has(eventId: string): boolean {
		const words = digestWords(eventId);
		return words !== undefined && this.window.has(...words);
	}

	/** Takes in a stored memory (either form), exactly as `mergeRecentReceipts(this, stored)`. */
	merge(stored: unknown): void {
		const incoming = readRecentReceipts(stored).entries;
		// Usually what comes in is newer than everything held: append it.
		let last = this.lastAt;
		const appendable =
			this.ordered &&
			incoming.every(([digest, at]) => {
				const words = digestWords(digest);
				if (words === undefined) return true;
				if (this.window.has(...words)) return false;
				if (at < last) return false;
				last = at;
				return true;
			}) &&
			new Set(incoming.map(([digest]) => digest)).size === incoming.length;
		if (!appendable) {
			this.replace(mergeRecentReceipts(this.toRecentReceipts(), stored).entries);
			return;
		}
		for (const [digest, at] of incoming) this.append(digest, at);
	}

	/** Forgets these receipts (by `eventId`), wherever they are: their next delivery is fresh. */
	forget(eventIds: Iterable<string>): void {
		for (const eventId of eventIds) {
			const words = digestWords(eventId);
			if (words !== undefined) this.window.remove(...words);
		}
	}

	private append(digest: string, at: number): boolean {
		const words = digestWords(digest);
		if (words === undefined || !this.window.add(...words, at)) return false;
		if (at < this.lastAt) this.ordered = false;
		this.lastAt = at;
		return true;
	}

	private replace(entries: Array<[string, number]>): void {
		this.window.clear();
		this.ordered = true;
		this.lastAt = -Infinity;
		for (const [digest, at] of entries) this.append(digest, at);
	}

	/**
	 * Splits events into fresh ones and duplicates, remembers the fresh ones and forgets what falls
	 * out of the window or the capacity. `changed` says whether the memory differs from before.
	 */
	remember(
		events: readonly CallEvent[],
		options: DedupeOptions = {},
	): Omit<DedupeResult, 'memory'> & { changed: boolean } {
		const { capacity, windowMs, now } = limits(options);
		// As mergeRecentReceipts reads it: in time order (a stable sort). Not a change: the same
		// entries, which every reader sorts alike.
		if (!this.ordered)
			this.replace(mergeRecentReceipts(this.toRecentReceipts(), undefined).entries);
		let changed = this.window.dropOldest((at) => now - at >= windowMs, capacity) > 0;
		if (this.window.size === 0) this.lastAt = -Infinity;
		const fresh: CallEvent[] = [];
		const duplicates: CallEvent[] = [];
		for (const event of events) {
			if (this.append(eventIdOf(event), now)) {
				fresh.push(event);
				changed = true;
			} else {
				duplicates.push(event);
			}
		}
		this.window.dropOldest(() => false, capacity);
		return { fresh, duplicates, changed };
	}
}
