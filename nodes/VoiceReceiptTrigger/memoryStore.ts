import type { IDataObject } from 'n8n-workflow';

import {
	EndedCalls,
	ReceiptMemory,
	StoreCombiner,
	type ClusterCheckOptions,
	type PackedRecentReceipts,
} from '../core/receipts';
import type { ReceiptEvent } from '../core/events';

const STATIC_DATA_KEY = 'recentReceipts';
const LIVE_MEMORIES = 200;
/** Static data is a database write; the process memory is written there at most this often. */
const PERSIST_INTERVAL_MS = 5_000;
/**
 * How many of the newest receipts static data keeps. n8n loads static data with the workflow on
 * every request, so it holds what a restart needs (the receipts of the last moments, whose
 * deliveries a provider may still retry), not the whole window the process remembers.
 */
export const PERSISTED_RECEIPTS = 1000;
/** How many of its own recent writes to static data a trigger recognises when a request loads one. */
const OWN_WRITES = 4;

/**
 * The memory of one trigger (workflow and node) in this process: every receipt of the duplicate
 * window, and the calls that ended. n8n 2.41 writes static data back after each request from the
 * copy it loaded before it, so receipts arriving together would overwrite each other's memory
 * there (last write wins). This memory is read and updated without an await in between, and takes
 * in what static data holds (what a restart left, or another process wrote) unless it has
 * already taken that in or wrote it itself.
 */
export interface LiveMemory {
	memory: ReceiptMemory;
	ended: EndedCalls;
	/** When this process last wrote the memory to static data (ms). */
	persistedAt: number;
	/** The packed memories this process wrote to static data last, newest last. */
	written: string[];
	/** The last stored memory taken in. */
	taken?: string;
	/** Receipts taken by requests whose run n8n is still creating (answered 503 if they come again). */
	inProgress: Set<string>;
}

const liveMemory = new Map<string, LiveMemory>();

/** The key of a trigger's memory: workflow and node ids. */
export const memoryKey = (workflowId: string | undefined, nodeId: string) =>
	`${workflowId ?? ''}:${nodeId}`;

/**
 * The process memory of one trigger (most recently used last, the least recently used forgotten
 * first), with what its static data holds taken in.
 */
export function liveMemoryFor(key: string, staticData: IDataObject): LiveMemory {
	const live = liveMemory.get(key) ?? {
		memory: new ReceiptMemory(),
		ended: new EndedCalls(),
		persistedAt: 0,
		written: [],
		inProgress: new Set<string>(),
	};
	liveMemory.delete(key);
	liveMemory.set(key, live);
	if (liveMemory.size > LIVE_MEMORIES) liveMemory.delete(liveMemory.keys().next().value as string);
	takeInStored(live, staticData[STATIC_DATA_KEY]);
	return live;
}

/** Takes in the memory static data holds, unless this process wrote it or took it in already. */
function takeInStored(live: LiveMemory, stored: unknown): void {
	if (stored === undefined) return;
	const packed = stored as Partial<PackedRecentReceipts> | null;
	if (packed?.version === 2 && typeof packed.entries === 'string') {
		if (live.written.includes(packed.entries) || live.taken === packed.entries) return;
		live.taken = packed.entries;
	}
	live.memory.merge(stored);
}

/**
 * Writes the newest receipts of the memory to static data at most every few seconds, and at once
 * when static data holds none yet; in between, the process holds them. A restart forgets at most
 * the receipts of those last seconds.
 */
export function persist(live: LiveMemory, staticData: IDataObject): void {
	const now = Date.now();
	if (staticData[STATIC_DATA_KEY] !== undefined && now - live.persistedAt < PERSIST_INTERVAL_MS)
		return;
	const packed = live.memory.packNewest(PERSISTED_RECEIPTS);
	staticData[STATIC_DATA_KEY] = packed as unknown as IDataObject;
	live.persistedAt = now;
	live.written.push(packed.entries);
	if (live.written.length > OWN_WRITES) live.written.shift();
}

/**
 * From a run of the trigger: n8n saves the static data a run changed, but not what the webhook
 * step changed when that request started a run (see receive.ts). A run in the process that took
 * the request (n8n's regular mode) writes the memory; a worker in queue mode holds none and writes
 * nothing.
 */
export function persistFromRun(key: string, staticData: IDataObject): boolean {
	const live = liveMemory.get(key);
	if (live === undefined) return false;
	persist(live, staticData);
	return true;
}

const combiners = new Map<string, StoreCombiner<ReceiptEvent>>();

/** The lock turns of one trigger in this process (see core/receipts/cluster.ts). */
export function combinerFor(
	key: string,
	options: ClusterCheckOptions,
): StoreCombiner<ReceiptEvent> {
	let combiner = combiners.get(key);
	if (combiner === undefined) {
		combiner = new StoreCombiner<ReceiptEvent>(options);
		combiners.set(key, combiner);
		if (combiners.size > LIVE_MEMORIES) combiners.delete(combiners.keys().next().value as string);
	}
	return combiner;
}
