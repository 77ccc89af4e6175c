/**
 * Time conversions without a date library: receipts carry zone-less stamps, epoch numbers, or
 * InnoPaaS's compact `yyyyMMddHHmmss`, and all leave this package as ISO 8601 in UTC.
 */

const ZONED = /(Z|[+-]\d{1,2}(:?\d{2})?)$/i;
const LOCAL_ISO = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/;

/** Formatters by zone: building an Intl.DateTimeFormat costs far more than using one. */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
	let formatter = formatters.get(zone);
	if (formatter === undefined) {
		formatter = new Intl.DateTimeFormat('en-US', {
			timeZone: zone,
			hourCycle: 'h23',
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			second: '2-digit',
		});
		formatters.set(zone, formatter);
	}
	return formatter;
}

/** Offset of `zone` from UTC at the given instant, in minutes. */
function zoneOffsetMinutes(instant: number, zone: string): number {
	if (zone === 'UTC' || zone === 'Etc/UTC') return 0;
	const parts = formatterFor(zone).formatToParts(new Date(instant));
	const get = (type: string) => Number(parts.find((part) => part.type === type)?.value);
	const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
	return Math.round((asUtc - Math.floor(instant / 1000) * 1000) / 60000);
}

/** Wall-clock time in `zone` to a UTC instant (ms). */
function wallClockToUtc(fields: number[], zone: string): number {
	const [year, month, day, hour, minute, second, ms] = fields;
	const naive = Date.UTC(year, month - 1, day, hour, minute, second, ms);
	// Two passes settle the offset around daylight-saving changes.
	let utc = naive - zoneOffsetMinutes(naive, zone) * 60000;
	utc = naive - zoneOffsetMinutes(utc, zone) * 60000;
	return utc;
}

export function isValidTimeZone(zone: string): boolean {
	try {
		formatterFor(zone);
		return true;
	} catch {
		return false;
	}
}

/**
 * ISO 8601 (with or without a zone), `yyyyMMddHHmmss`, or a UNIX time stamp in seconds or
 * milliseconds, to ISO 8601 UTC. Zone-less values are read in `zone`. Returns null when unparseable.
 */
export function toUtcIso(value: string | number, zone = 'UTC'): string | null {
	const text = typeof value === 'number' ? String(value) : value.trim();
	if (/^\d{9,13}(\.\d+)?$/.test(text)) {
		const epoch = Number(text);
		return new Date(text.split('.')[0].length > 10 ? epoch : epoch * 1000).toISOString();
	}
	const local = LOCAL_ISO.exec(text) ?? COMPACT.exec(text);
	if (local) {
		const fraction = (local[7] ?? '0').padEnd(3, '0').slice(0, 3);
		const fields = [...local.slice(1, 7).map((part) => Number(part ?? 0)), Number(fraction)];
		const instant = wallClockToUtc(fields, zone);
		return Number.isNaN(instant) ? null : new Date(instant).toISOString();
	}
	if (ZONED.test(text) && /^\d{4}-\d{2}-\d{2}T/.test(text)) {
		// Date.parse wants +hh:mm; the providers also write +h:mm and +hhmm.
		const offset = text.replace(/([+-])(\d{1,2}):?(\d{2})$/, (_m, sign: string, h: string, m: string) => `${sign}${h.padStart(2, '0')}:${m}`);
		const instant = Date.parse(offset);
		return Number.isNaN(instant) ? null : new Date(instant).toISOString();
	}
	return null;
}

/** Formats an instant as `yyyyMMddHHmmss` wall-clock time in `zone` (InnoPaaS task times). */
export function toCompactLocal(instant: Date, zone: string): string {
	const shifted = new Date(instant.getTime() + zoneOffsetMinutes(instant.getTime(), zone) * 60000);
	return shifted.toISOString().replace(/[-:T]/g, '').slice(0, 14);
}
