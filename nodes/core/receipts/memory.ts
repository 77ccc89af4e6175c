/**
 * Duplicate detection: the bounded memory of receipts seen recently, kept in place by a long-lived
 * process (`ReceiptMemory`) and stored as one packed string in n8n's workflow static data. The
 * JSON functions (`dropDuplicates`, `readRecentReceipts`, …) are views of the same engine.
 */
import { createHash } from 'crypto';

import type { CallEvent } from '../events';
import { isRecord } from '../objects';

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

export const DEFAULT_DEDUPE_CAPACITY = 1000;
export const DEFAULT_DEDUPE_WINDOW_MS = 10 * 60 * 1000;

/**
 * The bounded memory of receipts seen recently: `[digest, seenAtMs]` pairs, oldest first.
 * Digests (96 bits of SHA-256 of the key, base64url) keep a full memory of 1000 entries small.
 */
export interface RecentReceipts {
	version: 1;
	entries: Array<[string, number]>;
}

/**
 * The same memory as the trigger keeps it in n8n's workflow static data: one string of
 * `digest:seenAtMs` pairs separated by commas, oldest first. One string, not 1000 small arrays:
 * n8n wraps every object and array in static data in its own Proxy each time it builds the
 * workflow (on every webhook request and every execution), and reads through those proxies are
 * slow; a string costs neither. `readRecentReceipts` reads both forms.
 */
export interface PackedRecentReceipts {
	version: 2;
	entries: string;
}

export interface DedupeOptions {
	/** Most entries kept; the oldest go first. Default 1000. */
	capacity?: number;
	/** Entries older than this are forgotten. Default 10 minutes (Webex retries 3 times, 60 s apart). */
	windowMs?: number;
	/** Default now. */
	now?: Date;
}

const isEntry = (entry: unknown): entry is [string, number] =>
	Array.isArray(entry) && typeof entry[0] === 'string' && typeof entry[1] === 'number' && Number.isFinite(entry[1]);

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
	let packed = '';
	for (const [digest, at] of entries) {
		// Digests are base64url; anything with a separator can only be foreign data.
		if (digest.includes(',') || digest === '') continue;
		packed += `${packed === '' ? '' : ','}${digest}:${at}`;
	}
	return { version: 2, entries: packed };
}

export function receiptDigest(key: string): string {
	return createHash('sha256').update(key, 'utf8').digest().subarray(0, 12).toString('base64url');
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
	for (const [digest, at] of [...readRecentReceipts(first).entries, ...readRecentReceipts(second).entries]) {
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
export function pruneRecentReceipts(memory: RecentReceipts, options: DedupeOptions = {}): RecentReceipts {
	const engine = ReceiptMemory.from(memory);
	engine.remember([], options);
	return engine.toRecentReceipts();
}

/**
 * Splits events into fresh ones and duplicates of receipts seen within the window (or earlier in
 * the same list), and remembers the fresh ones: `ReceiptMemory.remember` on a stored memory.
 */
export function dropDuplicates(events: readonly CallEvent[], stored: unknown, options: DedupeOptions = {}): DedupeResult {
	const engine = ReceiptMemory.from(stored);
	const { fresh, duplicates } = engine.remember(events, options);
	return { fresh, duplicates, memory: engine.toRecentReceipts() };
}

/**
 * The duplicate memory, the one engine: a long-lived process keeps it and updates it in place; the
 * JSON functions above build one from a stored memory for each call.
 */
export class ReceiptMemory {
	/** Digest → when first seen (ms), in list order: oldest first, as `RecentReceipts.entries`. */
	private seen = new Map<string, number>();
	/** Whether the list is in time order (a clock set back can break it until the next call). */
	private ordered = true;
	/** Time of the last entry in the list. */
	private lastAt = -Infinity;

	/** A memory holding what a stored memory holds (either form; anything malformed is skipped). */
	static from(stored: unknown): ReceiptMemory {
		const memory = new ReceiptMemory();
		memory.merge(stored);
		return memory;
	}

	get size(): number {
		return this.seen.size;
	}

	entries(): IterableIterator<[string, number]> {
		return this.seen.entries();
	}

	toRecentReceipts(): RecentReceipts {
		return { version: 1, entries: [...this.seen.entries()] };
	}

	/** Takes in a stored memory (either form), exactly as `mergeRecentReceipts(this, stored)`. */
	merge(stored: unknown): void {
		this.replace(mergeRecentReceipts(this.toRecentReceipts(), stored).entries);
	}

	private replace(entries: Array<[string, number]>): void {
		this.seen = new Map(entries);
		this.ordered = true;
		this.lastAt = entries.length > 0 ? entries[entries.length - 1][1] : -Infinity;
	}

	/** Forgets what is out of the window or over the capacity, in place; says whether anything was. */
	private prune(capacity: number, windowMs: number, now: number): boolean {
		let forgot = false;
		// In time order, the entries within the window are a tail of the list.
		for (const [digest, at] of this.seen) {
			if (now - at < windowMs) break;
			this.seen.delete(digest);
			forgot = true;
		}
		for (const digest of this.seen.keys()) {
			if (this.seen.size <= capacity) break;
			this.seen.delete(digest);
			forgot = true;
		}
		if (this.seen.size === 0) this.lastAt = -Infinity;
		return forgot;
	}

	/**
	 * Splits events into fresh ones and duplicates, remembers the fresh ones and forgets what falls
	 * out of the window or the capacity. `changed` says whether the memory differs from before.
	 */
	remember(events: readonly CallEvent[], options: DedupeOptions = {}): Omit<DedupeResult, 'memory'> & { changed: boolean } {
		const { capacity, windowMs, now } = limits(options);
		let changed = false;
		if (!this.ordered) {
			// As mergeRecentReceipts reads it: in time order (a stable sort). Not a change: the same
			// entries, which every reader sorts alike.
			this.replace([...this.seen.entries()].sort((a, b) => a[1] - b[1]));
		}
		if (this.prune(capacity, windowMs, now)) changed = true;
		const fresh: CallEvent[] = [];
		const duplicates: CallEvent[] = [];
		for (const event of events) {
			const digest = receiptDigest(dedupeKey(event));
			if (this.seen.has(digest)) {
				duplicates.push(event);
				continue;
			}
			this.seen.set(digest, now);
			if (now < this.lastAt) this.ordered = false;
			this.lastAt = now;
			fresh.push(event);
			changed = true;
		}
		for (const digest of this.seen.keys()) {
			if (this.seen.size <= capacity) break;
			this.seen.delete(digest);
		}
		return { fresh, duplicates, changed };
	}
}

