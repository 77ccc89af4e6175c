/** Small helpers for reading loosely shaped provider JSON. */

export type JsonRecord = Record<string, unknown>;

export const isRecord = (value: unknown): value is JsonRecord =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/** Whether `record` has `key` as its own property: never a prototype's (`constructor`, `__proto__`). */
export const hasOwn = (record: object, key: PropertyKey): boolean =>
	Object.prototype.hasOwnProperty.call(record, key);

/** `record[key]` when it is the record's own property; undefined otherwise, or when `record` is no object. */
export const ownValue = (record: unknown, key: string): unknown =>
	typeof record === 'object' && record !== null && hasOwn(record, key)
		? (record as Record<string, unknown>)[key]
		: undefined;

/** A lookup table keyed by provider words: a Map, so no word can reach a prototype's properties. */
export const table = <V>(entries: Record<string, V>): ReadonlyMap<string, V> =>
	new Map(Object.entries(entries));

/**
 * Any value as it can be shown in a message, without ever throwing: text and numbers as they are;
 * anything else (an object, a list, an object whose `toString` is not a function) by what it is.
 */
export function shown(value: unknown): string {
	if (typeof value === 'string') return value;
	if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
		return String(value);
	if (value === null) return 'null';
	if (value === undefined) return '';
	return kindOf(value);
}

/** What a value is, in words: "a list", "an object", "a number", … */
export function kindOf(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'a list';
	if (value instanceof Date) return 'a date';
	switch (typeof value) {
		case 'object':
			return 'an object';
		case 'undefined':
			return 'nothing';
		default:
			return `a ${typeof value}`;
	}
}

/** Drops keys whose value is undefined, so optional fields are left out of provider bodies. */
export function compact<T extends JsonRecord>(value: T): Partial<T> {
	const present: JsonRecord = {};
	for (const key in value) if (value[key] !== undefined) present[key] = value[key];
	return present as Partial<T>;
}

/**
 * Reads the first of `names` present in `record`, ignoring key case: providers drift between
 * `correlationId` and `correlationid`, `Description` and `description`.
 */
export function field(record: unknown, ...names: string[]): unknown {
	if (!isRecord(record)) return undefined;
	for (const name of names) {
		if (hasOwn(record, name)) return record[name];
	}
	const wanted = new Set(names.map((name) => name.toLowerCase()));
	const key = Object.keys(record).find((candidate) => wanted.has(candidate.toLowerCase()));
	return key === undefined ? undefined : record[key];
}

/** A provider value as a trimmed string: numbers become strings, empty or absent becomes null. */
export function text(value: unknown): string | null {
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	if (typeof value !== 'string') return null;
	const trimmed = value.trim();
	return trimmed === '' ? null : trimmed;
}

/** A provider value as a number (numbers may arrive as strings), or null. */
export function numeric(value: unknown): number | null {
	if (typeof value === 'number') return Number.isFinite(value) ? value : null;
	const parsed = typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
	return Number.isFinite(parsed) ? parsed : null;
}

/** A provider's status word compared without case, spaces or punctuation ("No Answer" = "no_answer"). */
export const squash = (word: string | null): string =>
	(word ?? '').toLowerCase().replace(/[^a-z]/g, '');

/** The first value of a header or parameter that may be repeated. */
export function single(value: string | string[] | undefined): string | undefined {
	return Array.isArray(value) ? value[0] : value;
}
