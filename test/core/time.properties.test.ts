/**
 * Properties of reading times: never a crash, never a day the calendar does not have, never a time
 * moved to another one, and every result a valid ISO 8601 UTC stamp of four-digit years.
 * The oracles are independent of the code under test: Date.UTC read back field by field, and
 * Intl's own wall clock of a zone.
 */
import { readTime, toUtcIso } from '../../nodes/core/time';
import { COMPACT_TIME, toCompactLocal } from '../../nodes/providers/innoPaas/time';
import { fc, isIsoUtc, untrusted } from '../support/properties';

const ZONES = [
	'UTC',
	'Europe/Berlin',
	'Europe/London',
	'America/New_York',
	'America/Sao_Paulo',
	'Asia/Shanghai',
	'Asia/Kolkata',
	'Australia/Lord_Howe',
	'Pacific/Chatham',
	'Pacific/Kiritimati',
];
const zone = fc.constantFrom(...ZONES);
const pad = (value: number, length = 2) => String(value).padStart(length, '0');

/** Fields of a wall-clock time, often impossible ones (month 13, 31 April, 10:60). */
const wallClock = fc.record({
	year: fc.oneof(fc.integer({ min: 1970, max: 2100 }), fc.integer({ min: 0, max: 9999 })),
	month: fc.oneof(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 0, max: 19 })),
	day: fc.oneof(fc.integer({ min: 28, max: 31 }), fc.integer({ min: 0, max: 39 })),
	hour: fc.oneof(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 29 })),
	minute: fc.oneof(fc.integer({ min: 0, max: 59 }), fc.integer({ min: 0, max: 69 })),
	second: fc.oneof(fc.integer({ min: 0, max: 59 }), fc.integer({ min: 0, max: 69 })),
});
type WallClock = typeof wallClock extends fc.Arbitrary<infer T> ? T : never;

/** The three ways a wall-clock time is written without a zone. */
const written = (t: WallClock, form: number) => {
	const date = `${pad(t.year, 4)}-${pad(t.month)}-${pad(t.day)}`;
	const time = `${pad(t.hour)}:${pad(t.minute)}:${pad(t.second)}`;
	return form === 0
		? `${date}T${time}`
		: form === 1
			? `${date} ${time}`
			: `${date}${time}`.replace(/[-:]/g, '');
};

/** Whether the calendar has this time, by a Date set to it and read back (24:00:00, the end of a day, aside). */
const exists = (t: WallClock) => {
	const date = new Date(0);
	date.setUTCFullYear(t.year, t.month - 1, t.day);
	date.setUTCHours(t.hour, t.minute, t.second, 0);
	return (
		date.getUTCFullYear() === t.year &&
		date.getUTCMonth() === t.month - 1 &&
		date.getUTCDate() === t.day &&
		date.getUTCHours() === t.hour &&
		date.getUTCMinutes() === t.minute &&
		date.getUTCSeconds() === t.second
	);
};

/** Years whose every time, in every zone, lies within 1970–9999 in UTC. */
const safelyInRange = (t: WallClock) => t.year > 1970 && t.year < 9999;

const endOfDay = (t: WallClock) => t.hour === 24 && t.minute === 0 && t.second === 0;

const formatters = new Map<string, Intl.DateTimeFormat>();

/** A zone's wall clock at an instant, by Intl. */
function wallClockIn(ms: number, timeZone: string): WallClock {
	let formatter = formatters.get(timeZone);
	if (formatter === undefined) {
		formatter = new Intl.DateTimeFormat('en-US', {
			timeZone,
			hourCycle: 'h23',
			year: 'numeric',
			month: 'numeric',
			day: 'numeric',
			hour: 'numeric',
			minute: 'numeric',
			second: 'numeric',
		});
		formatters.set(timeZone, formatter);
	}
	const parts = formatter.formatToParts(new Date(ms));
	const get = (type: string) => Number(parts.find((part) => part.type === type)?.value);
	return {
		year: get('year'),
		month: get('month'),
		day: get('day'),
		hour: get('hour'),
		minute: get('minute'),
		second: get('second'),
	};
}

/** Whether a zone's clock ever shows this time: every offset of a zone lies within ±14 h, in quarter hours. */
function shownByClock(t: WallClock, timeZone: string): boolean {
	const naive = Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second);
	for (let quarter = -14 * 4; quarter <= 14 * 4; quarter++) {
		const clock = wallClockIn(naive - quarter * 15 * 60_000, timeZone);
		if (
			clock.year === t.year &&
			clock.month === t.month &&
			clock.day === t.day &&
			clock.hour === t.hour &&
			clock.minute === t.minute
		)
			return true;
	}
	return false;
}

describe('reading times (properties)', () => {
	it('never throws, whatever the value and zone, and reads only four-digit years from 1970', () => {
		fc.assert(
			fc.property(untrusted(), fc.oneof(zone, fc.string()), (value, timeZone) => {
				const reading = readTime(value, timeZone);
				if (reading.ok) expect(isIsoUtc(new Date(reading.ms).toISOString())).toBe(true);
				else
					expect(reading.reason).toMatch(
						/^is (not a date|not a real (date|time)|out of range|cannot be read)/,
					);
				const iso = toUtcIso(value, timeZone);
				expect(iso === null || isIsoUtc(iso)).toBe(true);
			}),
		);
	});

	it('reads a zone-less UTC time exactly as written, and refuses one the calendar does not have', () => {
		fc.assert(
			fc.property(wallClock, fc.integer({ min: 0, max: 2 }), (time, form) => {
				// Form 2 is InnoPaaS's `yyyyMMddHHmmss`, a shape the caller hands the core.
				const iso = toUtcIso(written(time, form), 'UTC', [COMPACT_TIME]);
				if (exists(time) && time.year >= 1970) {
					expect(iso).toBe(
						`${pad(time.year, 4)}-${pad(time.month)}-${pad(time.day)}T${pad(time.hour)}:${pad(time.minute)}:${pad(time.second)}.000Z`,
					);
				} else if (!endOfDay(time)) {
					expect(iso).toBeNull();
				}
			}),
		);
	});

	it('reads a time with an offset as that offset says, or refuses it; never another day', () => {
		const offset = fc.record({
			sign: fc.constantFrom('+', '-'),
			hours: fc.integer({ min: 0, max: 14 }),
			minutes: fc.constantFrom(0, 30, 45),
		});
		fc.assert(
			fc.property(wallClock, offset, (time, { sign, hours, minutes }) => {
				const text = `${written(time, 0)}${sign}${pad(hours)}:${pad(minutes)}`;
				const iso = toUtcIso(text);
				if (!exists(time)) {
					if (!endOfDay(time)) expect(iso).toBeNull();
					return;
				}
				if (!safelyInRange(time)) return; // at the edges, out of the years read (1970–9999 in UTC) is refused
				expect(iso).not.toBeNull();
				const shift = (sign === '+' ? 1 : -1) * (hours * 60 + minutes) * 60_000;
				const local = new Date(Date.parse(iso!) + shift);
				expect([
					local.getUTCFullYear(),
					local.getUTCMonth() + 1,
					local.getUTCDate(),
					local.getUTCHours(),
					local.getUTCMinutes(),
				]).toEqual([time.year, time.month, time.day, time.hour, time.minute]);
			}),
		);
	});

	it('reads a zone-less time in a zone as that zone’s wall clock shows it, or refuses it', () => {
		fc.assert(
			fc.property(wallClock, zone, (time, timeZone) => {
				const iso = toUtcIso(written(time, 0), timeZone);
				if (!exists(time)) {
					if (!endOfDay(time)) expect(iso).toBeNull();
					return;
				}
				// Refused: before 1970 or after 9999 in UTC, or a time the zone skips (clocks going forward).
				if (iso === null) {
					// Refused only at the edges of the years read, or for a time the zone's clock skips.
					if (safelyInRange(time)) expect(shownByClock(time, timeZone)).toBe(false);
					return;
				}
				expect(wallClockIn(Date.parse(iso), timeZone)).toEqual(time);
				// And back: the compact wall-clock form InnoPaaS takes is the same time.
				expect(toCompactLocal(new Date(iso), timeZone)).toBe(written(time, 2));
			}),
		);
	});

	it('reads UNIX time stamps of 9 to 13 digits, in seconds or milliseconds, as the same instant', () => {
		fc.assert(
			fc.property(fc.integer({ min: 100_000_000, max: 9_999_999_999_999 }), (stamp) => {
				const digits = String(stamp).length;
				const ms = digits > 10 ? stamp : stamp * 1000;
				expect(toUtcIso(stamp)).toBe(new Date(ms).toISOString());
				expect(toUtcIso(String(stamp))).toBe(new Date(ms).toISOString());
			}),
		);
	});
});
