/**
 * Reading and writing points in time, strictly: a date the calendar does not have (30 February,
 * 10:60) or a wall-clock time a zone skips is refused, never moved to another day. Calendar and
 * zone rules are luxon's (supplied by n8n at run time); this file only decides which shapes of
 * text are read: ISO 8601 with or without a zone and UNIX time stamps in seconds or milliseconds,
 * plus the wall-clock shapes a caller adds (a provider's own, in its folder). Everything leaves
 * this package as ISO 8601 in UTC.
 */
import { DateTime, FixedOffsetZone, type Zone } from 'luxon';

/** The span of time this package reads and writes: four-digit years, from the UNIX epoch on. */
export const EARLIEST_MS = Date.UTC(1970, 0, 1);
export const LATEST_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

const EPOCH = /^\d{9,13}(?:\.\d+)?$/;
const LOCAL_ISO = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?$/;
/**
 * A provider's own shape of wall-clock time: a pattern whose groups are, in order, year, month,
 * day, hour, minute and optionally second and fraction of a second (read in the given zone).
 */
export type WallClockShape = RegExp;
/** Providers write offsets as +hh:mm, +h:mm and +hhmm. */
const ZONED_ISO =
	/^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(?:(Z)|([+-])(\d{1,2}):?(\d{2}))$/i;

/**
 * A point in time read from a value, or why it could not be read. `reason` completes a sentence
 * that starts with the value: `"2026-02-30T09:00:00Z" is not a real date: February 2026 has no day 30`.
 */
export type TimeReading =
	| { ok: true; ms: number }
	/** `unreadable`: no shape of time this package reads; `impossible`: a date or time that does not exist. */
	| { ok: false; problem: 'unreadable' | 'impossible'; reason: string };

const MONTHS = [
	'January',
	'February',
	'March',
	'April',
	'May',
	'June',
	'July',
	'August',
	'September',
	'October',
	'November',
	'December',
];

const impossible = (reason: string): TimeReading => ({
	ok: false,
	problem: 'impossible',
	reason: `is not a real date: ${reason}`,
});
const unreadable: TimeReading = {
	ok: false,
	problem: 'unreadable',
	reason: 'is not a date: use ISO 8601 (2026-12-01T09:00:00Z) or a UNIX time stamp',
};

const pad = (value: number, length = 2) => String(value).padStart(length, '0');

/** Zones by name: luxon parses a zone name each time it is given one as text. */
const zones = new Map<string, Zone>();

function zoneNamed(name: string): Zone | null {
	let zone = zones.get(name);
	if (zone === undefined) {
		// IANA names only, as Intl knows them (luxon would also take "local" or "UTC+3").
		try {
			new Intl.DateTimeFormat('en-US', { timeZone: name });
		} catch {
			return null;
		}
		const probe = DateTime.fromMillis(0, { zone: name });
		if (!probe.isValid) return null;
		zone = probe.zone;
		zones.set(name, zone);
	}
	return zone;
}

export function isValidTimeZone(zone: string): boolean {
	return typeof zone === 'string' && zone.trim() !== '' && zoneNamed(zone) !== null;
}

interface WallClock {
	year: number;
	month: number;
	day: number;
	hour: number;
	minute: number;
	second: number;
	millisecond: number;
}

/** Why a wall-clock reading names no real moment, in words; null when the calendar has it. */
function calendarProblem(time: WallClock): string | null {
	const { year, month, day, hour, minute, second } = time;
	if (month < 1 || month > 12) return `there is no month ${pad(month)}`;
	const days = DateTime.utc(year, month).daysInMonth ?? 31;
	if (day < 1 || day > days) return `${MONTHS[month - 1]} ${year} has no day ${day}`;
	// 24:00:00 is the end of a day in ISO 8601 (the next day's 00:00); 24:30 is no time at all.
	if (hour > 24 || (hour === 24 && (minute > 0 || second > 0 || time.millisecond > 0)))
		return `there is no hour ${pad(hour)}`;
	if (minute > 59) return `there is no minute ${pad(minute)}`;
	if (second > 59) return `there is no second ${pad(second)}`;
	return null;
}

function inRange(ms: number): TimeReading {
	if (!Number.isFinite(ms) || ms < EARLIEST_MS || ms > LATEST_MS) {
		return {
			ok: false,
			problem: 'impossible',
			reason: 'is out of range: times from the year 1970 to 9999 (UTC) are read',
		};
	}
	return { ok: true, ms };
}

/** A wall-clock time in `zone` as an instant; a time the zone skips (clocks going forward) is refused. */
function fromWallClock(time: WallClock, zone: Zone, zoneName: string): TimeReading {
	const endOfDay =
		time.hour === 24 && time.minute === 0 && time.second === 0 && time.millisecond === 0;
	const read = DateTime.fromObject(endOfDay ? Object.assign({}, time, { hour: 0 }) : time, {
		zone,
	});
	// luxon refuses what the calendar does not have; the reason is then told in words.
	if (!read.isValid)
		return impossible(
			calendarProblem(time) ?? read.invalidExplanation ?? 'that time does not exist',
		);
	const instant = endOfDay ? read.plus({ days: 1 }) : read;
	if (!endOfDay && (read.hour !== time.hour || read.minute !== time.minute)) {
		return {
			ok: false,
			problem: 'impossible',
			reason: `is not a real time: ${pad(time.hour)}:${pad(time.minute)} does not exist in ${zoneName} on ${time.year}-${pad(time.month)}-${pad(time.day)} (the clocks skip it)`,
		};
	}
	return inRange(instant.toMillis());
}

function wallClock(parts: ReadonlyArray<string | undefined>): WallClock {
	const [year, month, day, hour, minute, second, fraction] = parts;
	return {
		year: Number(year),
		month: Number(month),
		day: Number(day),
		hour: Number(hour),
		minute: Number(minute),
		second: Number(second ?? 0),
		// Milliseconds: finer digits are dropped, as before.
		millisecond: Number((fraction ?? '0').padEnd(3, '0').slice(0, 3)),
	};
}

/**
 * Reads a point in time: ISO 8601 with a zone (`Z`, `+hh:mm`, `+h:mm`, `+hhmm`), ISO 8601 without
 * one (`2026-12-01T09:00:00`, `2026-12-01 09:00`) or one of `shapes` read in `zone`, or a UNIX
 * time stamp in seconds (9–10 digits) or milliseconds (11–13 digits); a Date or a luxon DateTime
 * as the instant it is. Anything else is unreadable. Never throws.
 */
export function readTime(
	value: unknown,
	zone = 'UTC',
	shapes: readonly WallClockShape[] = [],
): TimeReading {
	// A Date, or a luxon DateTime (what n8n's date expressions give), is an instant already.
	if (value instanceof Date) return inRange(value.getTime());
	if (isDateTimeLike(value)) {
		const iso = isoOf(value);
		return iso === null ? impossible('an invalid DateTime') : readTime(iso, zone, shapes);
	}
	if (typeof value !== 'string' && (typeof value !== 'number' || !Number.isFinite(value)))
		return unreadable;
	const text = typeof value === 'number' ? String(value) : value.trim();
	if (EPOCH.test(text)) {
		const whole = text.split('.')[0];
		const epoch = Number(text);
		return inRange(Math.trunc(whole.length > 10 ? epoch : epoch * 1000));
	}
	const local =
		LOCAL_ISO.exec(text) ??
		shapes.reduce<RegExpExecArray | null>((found, shape) => found ?? shape.exec(text), null);
	if (local) {
		const named = zoneNamed(zone);
		if (named === null)
			return {
				ok: false,
				problem: 'unreadable',
				reason: `cannot be read: "${zone}" is not a time zone`,
			};
		return fromWallClock(wallClock(local.slice(1, 8)), named, zone);
	}
	const zoned = ZONED_ISO.exec(text);
	if (zoned) {
		const [, , , , , , , , utc, sign, hours, minutes] = zoned;
		const offset = utc ? 0 : (sign === '-' ? -1 : 1) * (Number(hours) * 60 + Number(minutes));
		if (!utc && (Number(hours) > 23 || Number(minutes) > 59))
			return impossible(`there is no UTC offset ${sign}${hours}:${minutes}`);
		return fromWallClock(wallClock(zoned.slice(1, 8)), FixedOffsetZone.instance(offset), 'UTC');
	}
	return unreadable;
}

/**
 * A luxon DateTime, from n8n's expressions ($now, DateTime.…), known by its `toISO` method: n8n's
 * luxon need not be the one this package loads, and JSON (items, receipts) never has methods.
 */
export function isDateTimeLike(value: unknown): value is { toISO(): unknown } {
	return (
		typeof value === 'object' &&
		value !== null &&
		!(value instanceof Date) &&
		typeof (value as { toISO?: unknown }).toISO === 'function'
	);
}

/** The ISO text of a DateTime, or null (an invalid DateTime, or one whose toISO fails). */
export function isoOf(value: { toISO(): unknown }): string | null {
	try {
		const iso = value.toISO();
		return typeof iso === 'string' ? iso : null;
	} catch {
		return null;
	}
}

/** `readTime` as ISO 8601 in UTC, or null when the value is no time or an impossible one. */
export function toUtcIso(
	value: unknown,
	zone = 'UTC',
	shapes: readonly WallClockShape[] = [],
): string | null {
	const reading = readTime(value, zone, shapes);
	return reading.ok ? new Date(reading.ms).toISOString() : null;
}

/**
 * A provider's time stamp as the event model's `timestamp`: ISO 8601 in UTC, or null when there
 * is none. `unreadable` says a stamp was given but names no real time (30 February, 10:60, year
 * 0000): the event then keeps the provider's payload under `raw`, so the stamp is not lost.
 */
export function receiptTime(
	stamp: string | null,
	zone: string | undefined,
	shapes: readonly WallClockShape[] = [],
): { timestamp: string | null; unreadable: boolean } {
	if (stamp === null) return { timestamp: null, unreadable: false };
	const timestamp = toUtcIso(stamp, zone, shapes);
	return { timestamp, unreadable: timestamp === null };
}

/** Formats an instant as wall-clock time in `zone` (UTC when `zone` is none), in luxon's `format`. */
export function formatInZone(instant: Date, zone: string, format: string): string {
	return DateTime.fromMillis(instant.getTime(), { zone: zoneNamed(zone) ?? 'UTC' }).toFormat(
		format,
	);
}
