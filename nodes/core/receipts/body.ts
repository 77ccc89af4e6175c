/**
 * Receipt bodies, whatever n8n made of them: JSON, form-encoded (bracket notation un-flattened) or
 * text. Plain TypeScript, no n8n import.
 */
import { isRecord, type JsonRecord } from '../objects';

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

