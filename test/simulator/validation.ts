/** Small value checks shared by the provider files. */

/** E.164 with the leading '+': country code never starts with 0, 7 to 15 digits in all. */
export const E164 = /^\+[1-9]\d{6,14}$/;

export function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function byteLength(text: string): number {
	return Buffer.byteLength(text, 'utf8');
}

export function isJsonContentType(header: string | undefined): boolean {
	return header !== undefined && /^application\/json\s*(;|$)/i.test(header);
}

export function isHttpUrl(value: unknown): boolean {
	if (typeof value !== 'string') return false;
	try {
		const url = new URL(value);
		return url.protocol === 'http:' || url.protocol === 'https:';
	} catch {
		return false;
	}
}

const ISO_DATE_TIME =
	/^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)(Z|[+-]\d{1,2}:\d{2}|[+-]\d{4})?$/;

/**
 * Parses an ISO 8601 date-time. `requireZone` rejects local times. Offsets may have a one-digit
 * hour (`+5:30`) because IMIconnect's own example writes them so. Returns undefined when invalid.
 */
export function parseIsoDateTime(value: unknown, requireZone: boolean): Date | undefined {
	if (typeof value !== 'string') return undefined;
	const match = ISO_DATE_TIME.exec(value);
	if (!match) return undefined;
	const [, local, zone] = match;
	if (zone === undefined && requireZone) return undefined;
	// Date.parse wants fractions of at most 3 digits and offsets as ±HH:MM.
	const trimmedLocal = local.replace(/(\.\d{3})\d+$/, '$1');
	let normalisedZone = zone ?? 'Z';
	if (normalisedZone !== 'Z') {
		const sign = normalisedZone[0];
		const digits = normalisedZone.slice(1).replace(':', '').padStart(4, '0');
		normalisedZone = `${sign}${digits.slice(0, 2)}:${digits.slice(2)}`;
	}
	const time = Date.parse(`${trimmedLocal}${normalisedZone}`);
	return Number.isNaN(time) ? undefined : new Date(time);
}
