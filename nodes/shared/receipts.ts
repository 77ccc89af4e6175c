/**
 * Receipts of every provider as one event stream: body decoding (JSON, form-encoded, text),
 * provider detection over the registered parsers, filters, duplicate detection with a bounded
 * memory that fits in n8n's workflow static data, and the whole "request in, answer out"
 * decision of the Voice Receipt Trigger. Plain TypeScript, no n8n import: the node only reads its
 * parameters and the request, calls `receiveReceipts`, and writes what it returns.
 */
import { createHash } from 'crypto';

import { CALL_STATUSES, type CallEvent, type CallStatus, type ReceiptParseOptions, type ReceiptProvider } from './events';
import { isRecord, type JsonRecord } from './objects';
import { RECEIPT_PARSERS } from './providers';
import type { ReceiptParser } from './providers/types';
import { checkAuthenticity, type AuthenticityRule, type InboundRequest } from './signature';

// ---------------------------------------------------------------------------------------------
// Bodies

/** Keys that must never become object keys through bracket notation. */
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Sets an own property even for names like `__proto__` (no prototype change). */
function setOwn(target: JsonRecord, key: string, value: unknown): void {
	Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** `status[name]` → `['status', 'name']`; `to[]` → `['to', '']`; null when not bracket notation. */
function bracketPath(key: string): string[] | null {
	const match = /^([^[\]]+)((?:\[[^[\]]*\])+)$/.exec(key);
	if (!match) return null;
	const rest = [...match[2].matchAll(/\[([^[\]]*)\]/g)].map((part) => part[1]);
	return [match[1], ...rest];
}

/** Objects whose keys are exactly 0..n-1 become arrays (`to[0][msisdn]`). */
function arraysFromIndexes(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(arraysFromIndexes);
	if (!isRecord(value)) return value;
	const keys = Object.keys(value);
	const out: JsonRecord = {};
	for (const key of keys) setOwn(out, key, arraysFromIndexes(value[key]));
	const isList = keys.length > 0 && keys.every((key, index) => key === String(index));
	return isList ? keys.map((key) => out[key]) : out;
}

/**
 * Un-flattens form fields written in bracket notation (`status[name]=Completed` →
 * `{ status: { name: 'Completed' } }`), as PHP and `qs` write nested data into forms. n8n parses
 * form bodies with Node's `querystring`, which leaves such keys flat. A key that cannot be placed
 * (its parent is already a plain value) or names a prototype key is kept as it came.
 */
export function unflattenForm(fields: JsonRecord): JsonRecord {
	const out: JsonRecord = {};
	for (const [key, value] of Object.entries(fields)) {
		const path = bracketPath(key);
		if (path === null || path.some((part) => UNSAFE_KEYS.has(part))) {
			if (!(key in out)) setOwn(out, key, value);
			continue;
		}
		let node: JsonRecord = out;
		let placed = true;
		for (let depth = 0; depth < path.length - 1; depth++) {
			const part = path[depth];
			const next = Object.prototype.hasOwnProperty.call(node, part) ? node[part] : undefined;
			if (next === undefined) {
				const child: JsonRecord = {};
				setOwn(node, part, child);
				node = child;
			} else if (isRecord(next)) {
				node = next;
			} else {
				placed = false;
				break;
			}
		}
		const last = path[path.length - 1];
		if (!placed) {
			setOwn(out, key, value);
		} else if (last === '') {
			// `to[]=a&to[]=b`: querystring already gathered the values into an array.
			const index = Object.keys(node).length;
			for (const [offset, item] of (Array.isArray(value) ? value : [value]).entries()) {
				setOwn(node, String(index + offset), item);
			}
		} else {
			setOwn(node, last, value);
		}
	}
	return arraysFromIndexes(out) as JsonRecord;
}

/** `a=1&b=2` (no spaces, no braces) reads as a form body. */
const FORM_LIKE = /^[^=&{}[\]\s]+(?:\[[^\]]*\])*=[^&]*(?:&[^=&\s]+=[^&]*)*$/;

function parseFormText(text: string): JsonRecord {
	const fields: JsonRecord = {};
	for (const [key, value] of new URLSearchParams(text)) {
		const previous = Object.prototype.hasOwnProperty.call(fields, key) ? fields[key] : undefined;
		setOwn(fields, key, previous === undefined ? value : [...(Array.isArray(previous) ? previous : [previous]), value]);
	}
	return unflattenForm(fields);
}

function mediaType(contentType: string | string[] | undefined): string {
	const value = Array.isArray(contentType) ? contentType[0] : contentType;
	return (value ?? '').split(';')[0].trim().toLowerCase();
}

/**
 * The receipt payload of a request, whatever n8n made of it: n8n 2.x parses JSON (object or
 * array) and form bodies (flat keys, repeated keys as arrays), keeps text/plain as a string, and
 * leaves other content types unparsed. Form fields are un-flattened; text and unparsed bodies are
 * read from the raw body as JSON, else as form data. Returns undefined for an empty body.
 */
export function decodeReceiptBody(body: unknown, rawBody?: Buffer | string, contentType?: string | string[]): unknown {
	const type = mediaType(contentType);
	if (Array.isArray(body)) return body;
	if (isRecord(body) && Object.keys(body).length > 0) {
		return type === 'application/x-www-form-urlencoded' ? unflattenForm(body) : body;
	}
	const text = typeof body === 'string' ? body : rawBody === undefined ? '' : rawBody.toString();
	const trimmed = text.replace(/^\uFEFF/, '').trim();
	if (trimmed === '') return undefined;
	try {
		return JSON.parse(trimmed) as unknown;
	} catch {
		// Not JSON: maybe form data under another content type.
	}
	if (type === 'application/x-www-form-urlencoded' || FORM_LIKE.test(trimmed)) return parseFormText(trimmed);
	return trimmed;
}

// ---------------------------------------------------------------------------------------------
// Parsing

/** The trigger's `provider` option: detect from the payload, or one provider. */
export type ReceiptProviderChoice = 'auto' | ReceiptProvider;

export interface ParseReceiptsOptions extends ReceiptParseOptions {
	/** Default `auto`: each receipt goes to the first registered parser whose `matches` accepts it. */
	provider?: ReceiptProviderChoice;
	/** Default: the registry `RECEIPT_PARSERS` (every provider this package knows). */
	parsers?: readonly ReceiptParser[];
}

export type ParseReceiptsResult = { events: CallEvent[] } | { error: 'not-a-receipt'; message: string };

function safely<T>(fn: () => T, fallback: T): T {
	try {
		return fn();
	} catch {
		return fallback;
	}
}

/** The first parser that recognises one receipt, if any. */
export function detectReceiptParser(
	receipt: unknown,
	parsers: readonly ReceiptParser[] = RECEIPT_PARSERS,
): ReceiptParser | undefined {
	return parsers.find((parser) => safely(() => parser.matches(receipt), false));
}

function notAReceipt(message: string): ParseReceiptsResult {
	return { error: 'not-a-receipt', message };
}

function describeValue(value: unknown): string {
	if (value === undefined || value === null || value === '') return 'empty';
	if (typeof value === 'string') return 'text that is neither JSON nor form data';
	if (Array.isArray(value)) return value.length === 0 ? 'an empty array' : 'an array';
	if (isRecord(value)) return Object.keys(value).length === 0 ? 'an empty object' : 'an object';
	return `a ${typeof value}`;
}

/**
 * Turns a decoded body into events: one receipt, or an array of receipts (each detected on its
 * own, so one body may even mix providers). A receipt whose status no table knows becomes
 * `unknown` and always keeps its payload under `raw`; other events carry `raw` only when
 * `includeRaw` is set. A body that is not a receipt at all is an error, never an empty list.
 */
export function parseReceipts(body: unknown, options: ParseReceiptsOptions = {}): ParseReceiptsResult {
	const parsers = options.parsers ?? RECEIPT_PARSERS;
	const choice = options.provider ?? 'auto';
	const known = parsers.map((parser) => parser.provider).join(', ') || 'none';

	if (!(isRecord(body) && Object.keys(body).length > 0) && !(Array.isArray(body) && body.length > 0)) {
		return notAReceipt(`The request body is ${describeValue(body)}, not a voice receipt. Expected a JSON or form-encoded receipt from one of: ${known}.`);
	}

	let fixed: ReceiptParser | undefined;
	if (choice !== 'auto') {
		fixed = parsers.find((parser) => parser.provider === choice);
		if (fixed === undefined) {
			return notAReceipt(`This version cannot read receipts of provider "${choice}" (it reads: ${known}). Set the trigger's Provider to detect from the payload.`);
		}
	}

	const receipts: unknown[] = Array.isArray(body) ? body : [body];
	const where = (index: number) => (Array.isArray(body) ? `Element ${index} of the body` : 'The body');
	const parseOptions: ReceiptParseOptions = {
		timeZone: options.timeZone,
		receivedAt: options.receivedAt ?? new Date(),
		includeRaw: true,
	};
	const events: CallEvent[] = [];
	for (const [index, receipt] of receipts.entries()) {
		const parser = fixed ?? detectReceiptParser(receipt, parsers);
		if (parser === undefined) {
			return notAReceipt(`${where(index)} is not a voice receipt of any known provider (${known}). Nothing was recorded.`);
		}
		let parsed: CallEvent[];
		try {
			parsed = parser.parse(receipt, parseOptions);
		} catch (error) {
			return notAReceipt(`${where(index)} could not be read as a ${parser.provider} receipt: ${(error as Error).message}`);
		}
		if (parsed.length === 0) {
			return notAReceipt(`${where(index)} is not a ${parser.provider} receipt (it holds no delivery event). Nothing was recorded.`);
		}
		for (const event of parsed) {
			const { raw, ...rest } = event;
			const keep = options.includeRaw === true || rest.status === 'unknown';
			events.push(keep ? { ...rest, raw: raw ?? receipt } : rest);
		}
	}
	return { events };
}

// ---------------------------------------------------------------------------------------------
// Filters

export interface EventFilter {
	/** Statuses to emit; empty or absent emits every status. */
	statuses?: readonly string[];
	/** Emit only events after which nothing more happens to the call. */
	finalOnly?: boolean;
}

export function isCallStatus(value: unknown): value is CallStatus {
	return typeof value === 'string' && (CALL_STATUSES as readonly string[]).includes(value);
}

export function filterEvents(events: readonly CallEvent[], filter: EventFilter = {}): CallEvent[] {
	const wanted = filter.statuses && filter.statuses.length > 0 ? new Set(filter.statuses) : undefined;
	return events.filter((event) => (wanted === undefined || wanted.has(event.status)) && (!filter.finalOnly || event.final));
}

// ---------------------------------------------------------------------------------------------
// Duplicates

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

export function emptyRecentReceipts(): RecentReceipts {
	return { version: 1, entries: [] };
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

/** Forgets entries older than the window and keeps at most `capacity`, newest last. */
export function pruneRecentReceipts(memory: RecentReceipts, options: DedupeOptions = {}): RecentReceipts {
	const { capacity, windowMs, now } = limits(options);
	const live = memory.entries.filter(([, at]) => now - at < windowMs);
	return { version: 1, entries: live.slice(Math.max(0, live.length - capacity)) };
}

export interface DedupeResult {
	fresh: CallEvent[];
	duplicates: CallEvent[];
	/** The memory to store back (a new object; the input is not changed). */
	memory: RecentReceipts;
}

/**
 * Splits events into fresh ones and duplicates of receipts seen within the window (or earlier in
 * the same list), and remembers the fresh ones.
 */
export function dropDuplicates(events: readonly CallEvent[], stored: unknown, options: DedupeOptions = {}): DedupeResult {
	const { now } = limits(options);
	const memory = pruneRecentReceipts(readRecentReceipts(stored), options);
	const seen = new Set(memory.entries.map(([digest]) => digest));
	const fresh: CallEvent[] = [];
	const duplicates: CallEvent[] = [];
	for (const event of events) {
		const digest = receiptDigest(dedupeKey(event));
		if (seen.has(digest)) {
			duplicates.push(event);
			continue;
		}
		seen.add(digest);
		memory.entries.push([digest, now]);
		fresh.push(event);
	}
	return { fresh, duplicates, memory: pruneRecentReceipts(memory, options) };
}

/**
 * The duplicate memory a long-lived process keeps and updates in place: what `dropDuplicates`
 * does with a stored memory, without rebuilding the memory from JSON on every call. The same
 * decisions as `dropDuplicates` over the memory as `mergeRecentReceipts` would read it.
 */
export class ReceiptMemory {
	/** Digest → when first seen (ms), in list order: oldest first, as `RecentReceipts.entries`. */
	private seen = new Map<string, number>();
	/** Whether the list is in time order (a clock set back can break it until the next call). */
	private ordered = true;
	/** Time of the last entry in the list. */
	private lastAt = -Infinity;

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

	/** `pruneRecentReceipts`, in place; says whether anything was forgotten. */
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
	 * `dropDuplicates` in place: splits events into fresh ones and duplicates, remembers the fresh
	 * ones and forgets what falls out of the window or the capacity. `changed` says whether the
	 * memory differs from before the call.
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

// ---------------------------------------------------------------------------------------------
// The trigger's decision

export interface ReceiptRequest extends InboundRequest {
	/** The body as n8n parsed it (`req.body`). */
	body: unknown;
	contentType?: string | string[];
}

export interface ReceiveOptions extends EventFilter {
	authenticity: AuthenticityRule;
	provider?: ReceiptProviderChoice;
	/** Drop receipts seen recently (default on); false turns it off. */
	dedupe?: false | Omit<DedupeOptions, 'now'>;
	timeZone?: string;
	includeRaw?: boolean;
	receivedAt?: Date;
	parsers?: readonly ReceiptParser[];
}

/** What the trigger answers when it accepts a request. */
export interface ReceiptSummary {
	/** Receipts in the body. */
	received: number;
	/** Events handed to the workflow. */
	emitted: number;
	/** Receipts dropped as repeats of ones seen recently. */
	duplicates: number;
	/** Receipts dropped by the status / final-only filters. */
	filtered: number;
}

export type ReceiveOutcome =
	| { status: 401; body: { error: 'unauthorized'; message: string } }
	| { status: 400; body: { error: 'not-a-receipt'; message: string } }
	| {
			status: 200;
			body: ReceiptSummary;
			/** The events to start a run with; none means no run. */
			events: CallEvent[];
			/** The duplicate memory to store back; absent when duplicates are not dropped. */
			memory?: RecentReceipts;
	  };

/**
 * The whole decision for one request: authenticity first (401, nothing parsed or remembered),
 * then the body (400 when it is not a receipt), then duplicates (remembered before filtering, so
 * a retried receipt stays a duplicate whatever the filters), then the filters.
 */
export function receiveReceipts(request: ReceiptRequest, storedMemory: unknown, options: ReceiveOptions): ReceiveOutcome {
	let memory: RecentReceipts | undefined;
	const outcome = decide(request, options, (events, now) => {
		const deduped = dropDuplicates(events, storedMemory, { ...options.dedupe, now });
		memory = deduped.memory;
		return deduped;
	});
	return outcome.status === 200 && memory ? { ...outcome, memory } : outcome;
}

/**
 * `receiveReceipts` for a process that keeps its duplicate memory: the same decision, with
 * `memory` updated in place instead of read from and returned as JSON. `memoryChanged` says
 * whether the memory differs from before (receipts remembered or forgotten).
 */
export function receiveReceiptsInto(
	request: ReceiptRequest,
	memory: ReceiptMemory,
	options: ReceiveOptions,
): Exclude<ReceiveOutcome, { status: 200 }> | (Extract<ReceiveOutcome, { status: 200 }> & { memoryChanged: boolean }) {
	let memoryChanged = false;
	const outcome = decide(request, options, (events, now) => {
		const deduped = memory.remember(events, { ...options.dedupe, now });
		memoryChanged = deduped.changed;
		return deduped;
	});
	return outcome.status === 200 ? { ...outcome, memoryChanged } : outcome;
}

type Deduplicate = (events: CallEvent[], now: Date) => { fresh: CallEvent[]; duplicates: CallEvent[] };

function decide(request: ReceiptRequest, options: ReceiveOptions, deduplicate: Deduplicate): ReceiveOutcome {
	const authenticity = checkAuthenticity(request, options.authenticity);
	if (!authenticity.ok) return { status: 401, body: { error: 'unauthorized', message: authenticity.reason } };

	const receivedAt = options.receivedAt ?? new Date();
	const parsed = parseReceipts(decodeReceiptBody(request.body, request.rawBody, request.contentType), {
		provider: options.provider,
		parsers: options.parsers,
		timeZone: options.timeZone,
		includeRaw: options.includeRaw,
		receivedAt,
	});
	if ('error' in parsed) return { status: 400, body: { error: parsed.error, message: parsed.message } };

	let candidates = parsed.events;
	let duplicates = 0;
	if (options.dedupe !== false) {
		const deduped = deduplicate(parsed.events, receivedAt);
		candidates = deduped.fresh;
		duplicates = deduped.duplicates.length;
	}
	const events = filterEvents(candidates, options);
	return {
		status: 200,
		body: {
			received: parsed.events.length,
			emitted: events.length,
			duplicates,
			filtered: candidates.length - events.length,
		},
		events,
	};
}
