/**
 * Receipt bodies, whatever n8n made of them: JSON, form-encoded (bracket notation un-flattened) or
 * text. Plain TypeScript, no n8n import.
 */
import { isRecord, type JsonRecord } from '../objects';

/**
 * The most a receipt body may hold: nesting (bracket levels of a form key, or levels of JSON) and,
 * for form bodies, fields (repeated keys count once per value). Real receipts use a handful of
 * levels and a few dozen fields; a body beyond these is refused (400) before it is read further,
 * so it cannot exhaust the stack or the process.
 */
export const MAX_BODY_DEPTH = 32;
export const MAX_FORM_FIELDS = 10_000;

/**
 * The most one request may carry: its body's size (bytes, as received) and the receipts (events)
 * in it. Providers send one receipt or a small batch per request; a larger request is answered
 * 413 and nothing in it is recorded, so the sender can split it.
 */
export const MAX_RECEIPT_BODY_BYTES = 5 * 1024 * 1024;
export const MAX_RECEIPTS_PER_REQUEST = 5_000;

/** A body too deep or too large to be a receipt; the trigger answers `status` (400, or 413 for too large) with its message. */
export class ReceiptBodyError extends Error {
	constructor(
		message: string,
		readonly status: 400 | 413 = 400,
	) {
		super(message);
		this.name = 'ReceiptBodyError';
	}
}

/**
 * The answer to a body `decodeReceiptBody` refused: 413 when too large, else 400 (not a receipt),
 * with what was done about it.
 */
export function refusedBodyAnswer(
	error: unknown,
	done: string,
):
	| { status: 400; body: { error: 'not-a-receipt'; message: string } }
	| { status: 413; body: { error: 'too-large'; message: string } } {
	const message = `${(error as Error).message} ${done}`;
	return error instanceof ReceiptBodyError && error.status === 413
		? { status: 413, body: { error: 'too-large', message } }
		: { status: 400, body: { error: 'not-a-receipt', message } };
}

const mebibytes = (bytes: number) => `${bytes / 1024 / 1024} MiB`;

/** Why a request of `count` receipts is too many (the trigger answers 413), or null. */
export function receiptCountRefusal(count: number): string | null {
	if (count <= MAX_RECEIPTS_PER_REQUEST) return null;
	return `The request holds ${count.toLocaleString('en-US')} receipts; a request may carry at most ${MAX_RECEIPTS_PER_REQUEST.toLocaleString('en-US')}. Nothing was recorded: send them in smaller batches.`;
}

/**
 * The text the events of one request may hold in all (their string fields; raw is each event's own
 * entry). An envelope's fields (a Webex Connect callbackData) are copied onto each of its events, so
 * a small body of many entries could otherwise become events far larger than itself.
 */
export const MAX_EVENT_TEXT = 4 * MAX_RECEIPT_BODY_BYTES;

/** Why the events read from one request hold too much text (the trigger answers 413), or null. */
export function eventTextRefusal(events: readonly object[]): string | null {
	let characters = 0;
	for (const event of events) {
		for (const value of Object.values(event)) {
			if (typeof value === 'string') characters += value.length;
		}
		if (characters > MAX_EVENT_TEXT) {
			return `The receipts' events would hold more than ${MAX_EVENT_TEXT.toLocaleString('en-US')} characters of text (fields such as callbackData are repeated on each event of an envelope). Nothing was recorded: send them in smaller batches.`;
		}
	}
	return null;
}

/** The body's size in bytes: as received, or (no raw body) as JSON. */
function bodyBytes(body: unknown, rawBody: Buffer | string | undefined): number {
	if (Buffer.isBuffer(rawBody)) return rawBody.length;
	if (typeof rawBody === 'string') return Buffer.byteLength(rawBody);
	try {
		return Buffer.byteLength(typeof body === 'string' ? body : (JSON.stringify(body) ?? ''));
	} catch {
		return 0;
	}
}

/** Keys that must never become object keys through bracket notation. */
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Sets an own property even for names like `__proto__` (no prototype change). */
function setOwn(target: JsonRecord, key: string, value: unknown): void {
	Object.defineProperty(target, key, {
		value,
		enumerable: true,
		writable: true,
		configurable: true,
	});
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
	const entries = Object.entries(fields);
	const count = entries.reduce(
		(sum, [, value]) => sum + (Array.isArray(value) ? Math.max(value.length, 1) : 1),
		0,
	);
	if (count > MAX_FORM_FIELDS) {
		throw new ReceiptBodyError(
			`The form body has ${count.toLocaleString('en-US')} fields; a receipt has at most ${MAX_FORM_FIELDS.toLocaleString('en-US')}.`,
		);
	}
	for (const [key, value] of entries) {
		const path = bracketPath(key);
		if (path !== null && path.length > MAX_BODY_DEPTH) {
			throw new ReceiptBodyError(
				`A form field nests ${path.length.toLocaleString('en-US')} levels deep; a receipt nests at most ${MAX_BODY_DEPTH}.`,
			);
		}
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
	let count = 0;
	for (const [key, value] of new URLSearchParams(text)) {
		if (++count > MAX_FORM_FIELDS) {
			throw new ReceiptBodyError(
				`The form body has more than ${MAX_FORM_FIELDS.toLocaleString('en-US')} fields; a receipt has at most ${MAX_FORM_FIELDS.toLocaleString('en-US')}.`,
			);
		}
		const previous = Object.prototype.hasOwnProperty.call(fields, key) ? fields[key] : undefined;
		setOwn(
			fields,
			key,
			previous === undefined
				? value
				: [...(Array.isArray(previous) ? previous : [previous]), value],
		);
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
 * read from the raw body as JSON, else as form data. Returns undefined for an empty body. A body
 * larger than MAX_RECEIPT_BODY_BYTES (status 413), nested deeper than MAX_BODY_DEPTH, or a form of
 * more than MAX_FORM_FIELDS fields throws a ReceiptBodyError (and nothing else is thrown).
 */
export function decodeReceiptBody(
	body: unknown,
	rawBody?: Buffer | string,
	contentType?: string | string[],
): unknown {
	const bytes = bodyBytes(body, rawBody);
	if (bytes > MAX_RECEIPT_BODY_BYTES) {
		throw new ReceiptBodyError(
			`The body has ${bytes.toLocaleString('en-US')} bytes; a request may carry at most ${MAX_RECEIPT_BODY_BYTES.toLocaleString('en-US')} (${mebibytes(MAX_RECEIPT_BODY_BYTES)}). Send the receipts in smaller batches.`,
			413,
		);
	}
	return withinDepth(decode(body, rawBody, contentType));
}

function decode(
	body: unknown,
	rawBody?: Buffer | string,
	contentType?: string | string[],
): unknown {
	const type = mediaType(contentType);
	if (Array.isArray(body)) return body;
	if (isRecord(body) && Object.keys(body).length > 0) {
		return type === 'application/x-www-form-urlencoded' ? unflattenForm(body) : body;
	}
	const text =
		typeof body === 'string'
			? body
			: typeof rawBody === 'string' || Buffer.isBuffer(rawBody)
				? rawBody.toString()
				: '';
	const trimmed = text.replace(/^\uFEFF/, '').trim();
	if (trimmed === '') return undefined;
	try {
		return JSON.parse(trimmed) as unknown;
	} catch {
		// Not JSON: maybe form data under another content type.
	}
	if (type === 'application/x-www-form-urlencoded' || FORM_LIKE.test(trimmed))
		return parseFormText(trimmed);
	return trimmed;
}

/** The body, when it nests at most MAX_BODY_DEPTH levels (walked without recursion); else a ReceiptBodyError. */
function withinDepth(body: unknown): unknown {
	const pending: Array<[unknown, number]> = [[body, 0]];
	while (pending.length > 0) {
		const [value, depth] = pending.pop()!;
		if (typeof value !== 'object' || value === null) continue;
		if (depth >= MAX_BODY_DEPTH)
			throw new ReceiptBodyError(
				`The body nests more than ${MAX_BODY_DEPTH} levels deep; a receipt nests far less.`,
			);
		for (const child of Array.isArray(value) ? value : Object.values(value)) {
			if (typeof child === 'object' && child !== null) pending.push([child, depth + 1]);
		}
	}
	return body;
}
