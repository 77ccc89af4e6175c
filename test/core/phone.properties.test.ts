/**
 * Properties of phone numbers: whatever a row holds, reading it never throws, and every number
 * accepted is valid E.164 (a plus, at most 15 digits) that libphonenumber-js itself calls valid
 * and writes the same way.
 */
import {
	getCountries,
	getCountryCallingCode,
	parsePhoneNumberFromString,
} from 'libphonenumber-js/max';

import { normaliseMsisdn, normaliseNumber, splitNumbers } from '../../nodes/core/phone';
import { fc, untrusted } from '../support/properties';

const E164 = /^\+[1-9]\d{6,14}$/;
const COUNTRIES = getCountries();

const digits = (min: number, max: number) => fc.stringMatching(new RegExp(`^\\d{${min},${max}}$`));
/** Separators people type, dropped by the reader. */
const separated = (number: string, cuts: number[]) => {
	let out = number;
	for (const cut of cuts)
		out = `${out.slice(0, cut)}${[' ', '-', '.', '(', ')'][cut % 5]}${out.slice(cut)}`;
	return out;
};

/** Numbers as people write them: international (+, 00), national, too short, too long, with separators. */
const writtenNumber = fc.oneof(
	fc
		.tuple(fc.constantFrom(...COUNTRIES), digits(4, 17))
		.map(([country, rest]) => `+${getCountryCallingCode(country)}${rest}`),
	fc
		.tuple(fc.constantFrom(...COUNTRIES), digits(4, 17))
		.map(([country, rest]) => `00${getCountryCallingCode(country)}${rest}`),
	// 16 digits in all: one too many for E.164, though some numbering plans allow it.
	fc.constantFrom(...COUNTRIES).chain((country) => {
		const code = getCountryCallingCode(country);
		return digits(16 - code.length, 16 - code.length).map((rest) => `+${code}${rest}`);
	}),
	digits(1, 20),
	digits(1, 20).map((rest) => `+${rest}`),
);

function expectValidE164(e164: string) {
	expect(e164).toMatch(E164);
	const parsed = parsePhoneNumberFromString(e164);
	expect(parsed?.isValid()).toBe(true);
	expect(parsed?.number).toBe(e164);
}

describe('phone numbers (properties)', () => {
	it('reads any value without throwing; what it accepts is valid E.164', () => {
		fc.assert(
			fc.property(
				untrusted(),
				fc.option(fc.constantFrom(...COUNTRIES, 'gb', 'XX', ''), { nil: undefined }),
				(value, country) => {
					const result = normaliseNumber(value, country);
					if (result.ok) expectValidE164(result.e164);
					else expect(result.reason.length).toBeGreaterThan(3);
					const msisdn = normaliseMsisdn(value);
					if (msisdn.ok) expect(msisdn.e164).toMatch(E164);
				},
			),
		);
	});

	it('accepts only numbers libphonenumber-js calls valid, in at most 15 digits', () => {
		fc.assert(
			fc.property(
				writtenNumber,
				fc.array(fc.nat({ max: 12 }), { maxLength: 3 }),
				fc.option(fc.constantFrom(...COUNTRIES), { nil: undefined }),
				(number, cuts, country) => {
					const result = normaliseNumber(separated(number, cuts), country);
					if (result.ok) expectValidE164(result.e164);
				},
			),
		);
	});

	it('takes the numbers of a "to" value of any shape apart without throwing: text trimmed, the rest as it is', () => {
		fc.assert(
			fc.property(untrusted(), (value) => {
				const parts = splitNumbers(value);
				expect(Array.isArray(parts)).toBe(true);
				for (const part of parts) {
					expect(part === undefined || part === null || part === '').toBe(false);
					if (typeof part === 'string') expect(part).toBe(part.trim());
				}
			}),
		);
	});
});
