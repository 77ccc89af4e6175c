import type { IDataObject } from 'n8n-workflow';

import { packRecentReceipts, ReceiptMemory, type PackedRecentReceipts } from '../core/receipts';

const STATIC_DATA_KEY = 'recentReceipts';
const LIVE_MEMORIES = 200;
/** Static data is a database write per request; the process memory is written there at most this often. */
const PERSIST_INTERVAL_MS = 5_000;
/** How many of its own recent writes to static data a trigger recognises when a request loads one. */
const OWN_WRITES = 4;

/**
 * The memory of recent receipts of each trigger (workflow and node), kept by this process.
 * n8n 2.41 writes static data back after each request from the copy it loaded before it, so
 * receipts arriving together would overwrite each other's memory there (last write wins). This
 * memory is read and updated without an await in between, and takes in what static data holds
 * (which keeps the memory across restarts, and another webhook process's in queue mode) unless
 * that is one of its own recent writes, which it already holds.
 */
export interface LiveMemory {
	memory: ReceiptMemory;
	/** When this process last wrote the memory to static data (ms). */
	persistedAt: number;
	/** The packed memories this process wrote to static data last, newest last. */
	written: string[];
}

const liveMemory = new Map<string, LiveMemory>();

/**
 * The process memory of one trigger (most recently used last, the least recently used forgotten
 * first), with what its static data holds taken in.
 */
export function liveMemoryFor(key: string, staticData: IDataObject): LiveMemory {
	const live = liveMemory.get(key) ?? { memory: new ReceiptMemory(), persistedAt: 0, written: [] };
	liveMemory.delete(key);
	liveMemory.set(key, live);
	if (liveMemory.size > LIVE_MEMORIES) liveMemory.delete(liveMemory.keys().next().value as string);
	takeInStored(live, staticData[STATIC_DATA_KEY]);
	return live;
}

/** Takes in the memory static data holds, unless it is one this process wrote (already held). */
function takeInStored(live: LiveMemory, stored: unknown): void {
	if (stored === undefined) return;
	const packed = stored as Partial<PackedRecentReceipts> | null;
	if (packed?.version === 2 && typeof packed.entries === 'string' && live.written.includes(packed.entries)) return;
	live.memory.merge(stored);
}

/**
 * Writes the memory to static data (a database write) at most every few seconds, and at once when
 * static data holds none yet; in between, the process holds it. A restart forgets at most the
 * receipts of those last seconds.
 */
export function persist(live: LiveMemory, staticData: IDataObject): void {
	const now = Date.now();
	if (staticData[STATIC_DATA_KEY] !== undefined && now - live.persistedAt < PERSIST_INTERVAL_MS) return;
	const packed = packRecentReceipts(live.memory);
	staticData[STATIC_DATA_KEY] = packed as unknown as IDataObject;
	live.persistedAt = now;
	live.written.push(packed.entries);
	if (live.written.length > OWN_WRITES) live.written.shift();
}
