/** Small helpers for reading loosely shaped provider JSON. */

export type JsonRecord = Record<string, unknown>;

export const isRecord = (value: unknown): value is JsonRecord =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

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
		if (name in record) return record[name];
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
export const squash = (word: string | null): string => (word ?? '').toLowerCase().replace(/[^a-z]/g, '');

/** The first value of a header or parameter that may be repeated. */
export function single(value: string | string[] | undefined): string | undefined {
	return Array.isArray(value) ? value[0] : value;
}
