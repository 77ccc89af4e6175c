/**
 * Calling Window examples worked out by hand: each US zone's 9 a.m., the two-zone area codes,
 * DST's skipped and repeated hours, a window crossing midnight, the last possible ring.
 * Every instant is given: no test reads the clock.
 */
import {
	currentOpening,
	fitsWindow,
	HORIZON_DAYS,
	isOpen,
	nextOpening,
	parseCallingWindow,
	zonesOfNumber,
	type CallingWindow,
} from '../../../nodes/core/callingWindow';

const window = (text: string): CallingWindow => {
	const parsed = parseCallingWindow(text);
	if (!parsed.ok) throw parsed.error;
	return parsed.value;
};
const zonesOf = (number: string) => {
	const result = zonesOfNumber(number);
	if (!result.ok) throw new Error(result.reason);
	return result.zones;
};
const opening = (start: string, end: string) => ({ start: new Date(start), end: new Date(end) });
const WEEKDAYS = window('Mon-Fri 09:00-20:00; Sat 10:00-18:00');
// Monday 1 June 2026, 08:00 in New York (EDT).
const MONDAY = new Date('2026-06-01T12:00:00Z');

describe('Calling Window openings', () => {
	it('opens at 9 a.m. in each US zone (a campaign started before New York wakes)', () => {
		const nineAm = {
			'+12125550100': '2026-06-01T13:00:00Z', // New York, EDT
			'+13125550100': '2026-06-01T14:00:00Z', // Chicago, CDT
			'+13035550100': '2026-06-01T15:00:00Z', // Denver, MDT
			'+14155550100': '2026-06-01T16:00:00Z', // Los Angeles, PDT
			'+16025550100': '2026-06-01T16:00:00Z', // Phoenix, MST all year
			// 907, Alaska: libphonenumber's map names Adak, Anchorage, Juneau and, for one exchange
			// (907-581), Honolulu, so the whole area code waits for Honolulu's 9 a.m.
			'+19075550100': '2026-06-01T19:00:00Z',
			'+18085550100': '2026-06-01T19:00:00Z', // Honolulu, HST
		};
		for (const [number, start] of Object.entries(nineAm))
			expect([number, nextOpening(WEEKDAYS, zonesOf(number), MONDAY)?.start]).toEqual([
				number,
				new Date(start),
			]);
	});

	it('gives a two-zone area code the part of the window allowed in both', () => {
		// 850: 09:00 Central (10:00 Eastern) to 20:00 Eastern (19:00 Central).
		expect(nextOpening(WEEKDAYS, zonesOf('+18502345678'), MONDAY)).toEqual(
			opening('2026-06-01T14:00:00Z', '2026-06-02T00:00:00Z'),
		);
		// 208 (Mountain and Pacific) and 541 (Pacific and Mountain): 09:00 Pacific to 20:00 Mountain.
		for (const number of ['+12083451234', '+15412345678'])
			expect(nextOpening(WEEKDAYS, zonesOf(number), MONDAY)).toEqual(
				opening('2026-06-01T16:00:00Z', '2026-06-02T02:00:00Z'),
			);
		// 915, Mountain only: the whole window.
		expect(nextOpening(WEEKDAYS, zonesOf('+19152345678'), MONDAY)).toEqual(
			opening('2026-06-01T15:00:00Z', '2026-06-02T02:00:00Z'),
		);
	});

	it('opens at the change when spring skips the start, and closes and reopens when autumn repeats the end', () => {
		// New York, Sunday 8 March 2026: 02:00 EST becomes 03:00 EDT at 07:00Z.
		expect(
			nextOpening(
				window('Sun 02:30-03:30'),
				['America/New_York'],
				new Date('2026-03-08T00:00:00Z'),
			),
		).toEqual(opening('2026-03-08T07:00:00Z', '2026-03-08T07:30:00Z'));
		// Sunday 1 November 2026: 01:00–02:00 happens twice (EDT, then EST from 06:00Z).
		const night = window('Sun 00:30-01:30');
		const zone = ['America/New_York'];
		expect(nextOpening(night, zone, new Date('2026-11-01T04:00:00Z'))).toEqual(
			opening('2026-11-01T04:30:00Z', '2026-11-01T05:30:00Z'),
		);
		expect(isOpen(night, zone, new Date('2026-11-01T05:45:00Z'))).toBe(false);
		expect(nextOpening(night, zone, new Date('2026-11-01T05:45:00Z'))).toEqual(
			opening('2026-11-01T06:00:00Z', '2026-11-01T06:30:00Z'),
		);
		// London, Sunday 29 March 2026 (BST from 01:00Z): 09:00 is 08:00Z, the day before 09:00Z.
		const daily = window('Daily 09:00-20:00');
		expect(nextOpening(daily, ['Europe/London'], new Date('2026-03-28T00:00:00Z'))?.start).toEqual(
			new Date('2026-03-28T09:00:00Z'),
		);
		expect(nextOpening(daily, ['Europe/London'], new Date('2026-03-28T20:00:00Z'))?.start).toEqual(
			new Date('2026-03-29T08:00:00Z'),
		);
	});

	it('runs a rule crossing midnight into the next day', () => {
		const late = window('Fri 22:00-02:00');
		const zone = ['Europe/London'];
		expect(nextOpening(late, zone, new Date('2026-06-05T12:00:00Z'))).toEqual(
			opening('2026-06-05T21:00:00Z', '2026-06-06T01:00:00Z'),
		);
		expect(isOpen(late, zone, new Date('2026-06-06T00:59:59Z'))).toBe(true);
		expect(isOpen(late, zone, new Date('2026-06-06T01:00:00Z'))).toBe(false);
		// Saturday's own 22:00 is not in the rule.
		expect(isOpen(late, zone, new Date('2026-06-06T21:30:00Z'))).toBe(false);
	});

	it('bounds the last ring: a redial an hour later must still fall inside the window', () => {
		const zone = ['Europe/London'];
		const at = new Date('2026-06-01T18:30:00Z'); // 19:30 BST, the window ends at 20:00
		expect(currentOpening(WEEKDAYS, zone, at)?.end).toEqual(new Date('2026-06-01T19:00:00Z'));
		expect(fitsWindow(WEEKDAYS, zone, at, 20 * 60_000)).toBe(true);
		expect(fitsWindow(WEEKDAYS, zone, at, 30 * 60_000)).toBe(false);
		expect(fitsWindow(WEEKDAYS, zone, at, 60 * 60_000)).toBe(false);
		expect(fitsWindow(WEEKDAYS, zone, new Date('2026-06-01T07:00:00Z'), 0)).toBe(false);
	});

	it('says when an always-open window is open until (the horizon), and refuses to guess without zones', () => {
		const always = window('Daily 00:00-24:00');
		expect(nextOpening(always, ['Asia/Tokyo', 'America/Adak'], MONDAY)).toEqual({
			start: MONDAY,
			end: new Date(MONDAY.getTime() + HORIZON_DAYS * 86_400_000),
		});
		expect(() => isOpen(always, [], MONDAY)).toThrow('no time zone given');
		expect(() => nextOpening(always, ['Mars/Olympus_Mons'], MONDAY)).toThrow(
			'time zone "Mars/Olympus_Mons" is unknown',
		);
	});

	it('finds no opening when a country’s zones never share the hours, and one when they do', () => {
		const us = zonesOfNumber('+18005550100');
		expect(us.ok && us.source).toBe('country');
		if (!us.ok) return;
		// Honolulu (UTC−10) to New York (UTC−5/−4): five or six hours apart.
		expect(nextOpening(window('Mon-Fri 09:00-13:00'), us.zones, MONDAY)).toBeNull();
		expect(nextOpening(WEEKDAYS, us.zones, MONDAY)).toEqual(
			// 09:00 in Honolulu (HST, UTC−10) to 20:00 in New York (EDT).
			opening('2026-06-01T19:00:00Z', '2026-06-02T00:00:00Z'),
		);
	});
});
