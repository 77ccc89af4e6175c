/**
 * Properties of the Calling Window over zones and instants, DST days (US, EU, Australia, Lord Howe's
 * half hour) and windows crossing midnight, against an oracle that reads each zone's wall clock
 * from Intl: the module works with luxon offsets and wall-clock arithmetic instead.
 */
import {
	fitsWindow,
	HORIZON_DAYS,
	isOpen,
	nextOpening,
	parseCallingWindow,
	type CallingWindow,
} from '../../../nodes/core/callingWindow';
import { fc, RUNS } from '../../support/properties';
import { allowedIn, windowText, type TestRule } from './wallClock';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const ZONES = [
	'America/New_York',
	'America/Los_Angeles',
	'America/Phoenix',
	'America/St_Johns',
	'Pacific/Honolulu',
	'Europe/London',
	'Europe/Berlin',
	'Australia/Sydney',
	'Australia/Lord_Howe',
	'Asia/Kolkata',
	'Asia/Tokyo',
	'Pacific/Chatham',
];

/** DST changes: US (2026-03-08, 2026-11-01), EU (2026-03-29, 2026-10-25), Australia (2026-04-05, 2026-10-04). */
const DST_CHANGES = [
	'2026-03-08T07:00:00Z',
	'2026-11-01T06:00:00Z',
	'2026-03-29T01:00:00Z',
	'2026-10-25T01:00:00Z',
	'2026-04-04T16:00:00Z',
	'2026-10-03T16:00:00Z',
	'2027-03-14T07:00:00Z',
	'2027-10-31T01:00:00Z',
].map((stamp) => Date.parse(stamp));

/** Minutes of the day, often around the hours DST skips or repeats (01:00–03:30). */
const minuteOfDay = fc.oneof(
	fc.integer({ min: 0, max: 1439 }),
	fc.integer({ min: 2, max: 7 }).map((half) => half * 30),
	fc.constantFrom(0, 540, 1200, 1320),
);

const rule: fc.Arbitrary<TestRule> = fc
	.record({
		days: fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }),
		start: minuteOfDay,
		end: fc.oneof(minuteOfDay, fc.constant(1440)),
	})
	.filter(({ start, end }) => start !== end)
	.map(({ days, start, end }) => ({ days: [...days].sort(), start, end }));

const windowArb = fc.array(rule, { minLength: 1, maxLength: 3 }).map((rules) => {
	const parsed = parseCallingWindow(windowText(rules));
	if (!parsed.ok) throw parsed.error;
	return { rules, window: parsed.value };
});

/** Instants near a DST change (most), or anywhere in 2000–2040. */
const instant = fc.oneof(
	{
		weight: 3,
		arbitrary: fc
			.tuple(
				fc.constantFrom(...DST_CHANGES),
				fc.integer({ min: -48 * 60, max: 48 * 60 }),
				fc.integer({ min: 0, max: 59_999 }),
			)
			.map(([change, minutes, ms]) => change + minutes * MINUTE + ms),
	},
	{
		weight: 1,
		arbitrary: fc.integer({ min: Date.parse('2000-01-01'), max: Date.parse('2040-01-01') }),
	},
);

const zoneSet = fc.uniqueArray(fc.constantFrom(...ZONES), { minLength: 1, maxLength: 3 });

/** Points from `from` to `to` (excluded): every `step`, at most `limit` of them, and the ms before `to`. */
function points(from: number, to: number, step: number, limit = 300): number[] {
	const stride = Math.max(step, Math.ceil((to - from) / limit));
	const out: number[] = [];
	for (let at = from; at < to; at += stride) out.push(at);
	if (to - 1 > from) out.push(to - 1);
	return out;
}

describe('Calling Window over zones and instants', () => {
	it('is open exactly when every zone’s wall clock (by Intl) is inside a rule', () => {
		fc.assert(
			fc.property(windowArb, zoneSet, instant, ({ rules, window }, zones, at) => {
				expect(isOpen(window, zones, new Date(at))).toBe(allowedIn(rules, at, zones));
			}),
		);
	});

	it('finds the next opening: open all through it, closed from now until it starts and right after it ends', () => {
		fc.assert(
			fc.property(windowArb, zoneSet, instant, ({ rules, window }, zones, at) => {
				const opening = nextOpening(window, zones, new Date(at));
				if (opening === null) {
					for (const point of points(at, at + HORIZON_DAYS * DAY, 6 * HOUR, 600))
						expect([new Date(point), allowedIn(rules, point, zones)]).toEqual([
							new Date(point),
							false,
						]);
					return;
				}
				const [start, end] = [opening.start.getTime(), opening.end.getTime()];
				expect(start).toBeGreaterThanOrEqual(at);
				expect(end).toBeGreaterThan(start);
				expect(start === at).toBe(isOpen(window, zones, new Date(at)));
				for (const point of points(at, start, 10 * MINUTE))
					expect(allowedIn(rules, point, zones)).toBe(false);
				for (const point of points(start, end, 10 * MINUTE))
					expect(allowedIn(rules, point, zones)).toBe(true);
				if (end < at + HORIZON_DAYS * DAY) expect(allowedIn(rules, end, zones)).toBe(false);
			}),
			{ numRuns: Math.min(RUNS, 200) },
		);
	});

	it('says a call fits only when the window stays open in every zone until its last possible ring', () => {
		fc.assert(
			fc.property(
				windowArb,
				zoneSet,
				instant,
				fc.integer({ min: 0, max: 6 * 60 }),
				({ rules, window }, zones, at, minutes) => {
					const duration = minutes * MINUTE;
					const fits = fitsWindow(window, zones, new Date(at), duration);
					const sampled = points(at, at + duration + 1, 5 * MINUTE).every((point) =>
						allowedIn(rules, point, zones),
					);
					if (fits) expect(sampled).toBe(true);
					else if (sampled && allowedIn(rules, at + duration, zones)) {
						// Closed between two samples: the opening containing `at` ends before the last ring.
						const opening = nextOpening(window, zones, new Date(at));
						expect(
							opening === null ||
								opening.start.getTime() > at ||
								opening.end.getTime() <= at + duration,
						).toBe(true);
					}
				},
			),
			{ numRuns: Math.min(RUNS, 200) },
		);
	});

	it('never opens where the hours cannot overlap: 09:00 for L hours in New York and Tokyo opens iff L ≥ 11 (in winter only at 11)', () => {
		const tokyoAndNewYork = ['America/New_York', 'Asia/Tokyo'];
		fc.assert(
			fc.property(fc.integer({ min: 1, max: 14 }), instant, (hours, at) => {
				const parsed = parseCallingWindow(`Mon-Sun 09:00-${String(9 + hours).padStart(2, '0')}:00`);
				if (!parsed.ok) throw parsed.error;
				const window: CallingWindow = parsed.value;
				const opening = nextOpening(window, tokyoAndNewYork, new Date(at));
				expect(opening === null).toBe(hours <= 10);
				// At 11 hours only New York's standard time (UTC−5) meets Tokyo's day.
				if (opening && hours === 11)
					expect(
						new Intl.DateTimeFormat('en-US', {
							timeZone: 'America/New_York',
							timeZoneName: 'short',
						}).format(opening.start),
					).toMatch(/EST/);
			}),
			{ numRuns: Math.min(RUNS, 60) },
		);
	});
});
