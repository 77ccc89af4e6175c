/** Reading a Calling Window: text and fixed-collection rules, and errors naming field, rule, value and limit. */
import {
	formatCallingWindow,
	MAX_RULES,
	parseCallingWindow,
} from '../../../nodes/core/callingWindow';
import { fc, untrusted } from '../../support/properties';
import { windowText, type TestRule } from './wallClock';

const message = (value: unknown) => {
	const result = parseCallingWindow(value);
	if (result.ok) throw new Error('expected a refusal');
	expect(result.error.field).toBe('Calling Window');
	return result.error.message;
};

describe('Calling Window rules', () => {
	it('reads text and fixed-collection rules alike, day ranges wrapping the week, midnight as 24:00', () => {
		const text = parseCallingWindow('Mon-Fri 09:00-20:00; sat 10:00 - 18:00\nFri-Mon 22:00-02:00');
		const records = parseCallingWindow([
			{ days: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'], from: '09:00', to: '20:00' },
			{ days: 'Saturday', from: '10:00', to: '18:00' },
			{ days: 'Fri-Mon', from: '22:00', to: '02:00' },
		]);
		expect(text).toEqual(records);
		expect(text.ok && text.value.rules).toEqual([
			{ days: [1, 2, 3, 4, 5], start: 540, end: 1200 },
			{ days: [6], start: 600, end: 1080 },
			{ days: [1, 5, 6, 7], start: 1320, end: 120 },
		]);
		expect(parseCallingWindow('Daily 00:00-24:00')).toEqual({
			ok: true,
			value: { rules: [{ days: [1, 2, 3, 4, 5, 6, 7], start: 0, end: 1440 }] },
		});
		// "until midnight" written 00:00 is the end of the day, as 24:00.
		expect(parseCallingWindow('Sun 20:00-00:00')).toEqual(parseCallingWindow('Sun 20:00-24:00'));
	});

	it('names the rule, the value and the limit of each mistake', () => {
		expect(message('Mun 09:00-20:00')).toBe(
			'Calling Window rule 1 ("Mun 09:00-20:00"): "Mun" is not a day: expected Mon, Tue, Wed, Thu, Fri, Sat or Sun',
		);
		expect(message('Mon-Fri 09:00-20:00; Sat 25:00-18:00')).toBe(
			'Calling Window rule 2 ("Sat 25:00-18:00"): start "25:00" is not a time of day: expected HH:MM from 00:00 to 23:59',
		);
		expect(message('Mon 09:00-24:01')).toMatch(
			/end "24:01" is not a time of day: expected HH:MM from 00:00 to 24:00/,
		);
		expect(message('Mon 09:00-09:00')).toMatch(
			/start and end are both 09:00: a rule must be open for some time/,
		);
		expect(message('9 to 5')).toBe(
			'Calling Window rule 1 ("9 to 5"): is not a rule: expected days and hours, e.g. Mon-Fri 09:00-20:00',
		);
		expect(message('')).toBe('Calling Window has no rule: add one, e.g. Mon-Fri 09:00-20:00');
		expect(message(Array(MAX_RULES + 1).fill('Mon 09:00-10:00'))).toBe(
			`Calling Window has ${MAX_RULES + 1} rules; at most ${MAX_RULES} are allowed`,
		);
		expect(message([{ days: [], from: '09:00', to: '10:00' }])).toMatch(
			/rule 1: days .* name no day/,
		);
		expect(message([{ days: ['Mon'], from: 9, to: '10:00' }])).toMatch(
			/rule 1: start "9" is not a time of day/,
		);
		expect(message({ rules: [] })).toMatch(/^Calling Window is an object: expected rules/);
	});

	it('reads back what it writes, for any rules', () => {
		const rule: fc.Arbitrary<TestRule> = fc
			.record({
				days: fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1 }),
				start: fc.integer({ min: 0, max: 1439 }),
				end: fc.integer({ min: 1, max: 1440 }),
			})
			.filter(({ start, end }) => start !== end)
			.map((value) => ({ ...value, days: [...value.days].sort() }));
		fc.assert(
			fc.property(fc.array(rule, { minLength: 1, maxLength: 5 }), (rules) => {
				const parsed = parseCallingWindow(windowText(rules));
				if (!parsed.ok) throw parsed.error;
				expect(parsed.value.rules).toEqual(rules);
				expect(parseCallingWindow(formatCallingWindow(parsed.value))).toEqual(parsed);
			}),
		);
	});

	it('never throws on untrusted input: a window or an error naming the field', () => {
		fc.assert(
			fc.property(untrusted(['days', 'from', 'to']), (value) => {
				const result = parseCallingWindow(value);
				if (!result.ok) expect(result.error.message).toMatch(/^Calling Window /);
			}),
		);
	});
});
