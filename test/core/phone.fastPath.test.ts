import examples from 'libphonenumber-js/examples.mobile.json';
import {
	getCountries,
	getCountryCallingCode,
	parsePhoneNumberFromString,
	type CountryCode,
} from 'libphonenumber-js/max';

import { isValidE164, normaliseNumber } from '../../nodes/core/phone';

/** libphonenumber's own answer, by its general parser: the E.164 form of a valid number, else null. */
function reference(number: string): string | null {
	const parsed = parsePhoneNumberFromString(number);
	return parsed?.isValid() ? parsed.number : null;
}

/** A small deterministic generator, so a failure names a number that can be tried again. */
function generator(seed: number) {
	let state = seed;
	return (below: number) => {
		state = (state * 1103515245 + 12345) % 2147483648;
		return state % below;
	};
}

/**
 * Every country's example mobile number with its last digits changed, shortened and lengthened,
 * and written with a national prefix after the country code (+44 0 7…), which libphonenumber strips.
 */
function numbersOfEveryCountry(perCountry: number): string[] {
	const random = generator(42);
	const numbers: string[] = [];
	for (const country of getCountries()) {
		const example = (examples as Partial<Record<CountryCode, string>>)[country];
		const callingCode = getCountryCallingCode(country);
		const national = example ?? '2345678';
		for (let i = 0; i < perCountry; i++) {
			const keep = Math.max(1, national.length - 1 - random(4));
			let digits = national.slice(0, keep);
			const length = national.length + (random(5) === 0 ? random(3) - 1 : 0);
			while (digits.length < length) digits += String(random(10));
			const prefix = random(6) === 0 ? ['0', '1', '8', '06'][random(4)] : '';
			const number = `+${callingCode}${prefix}${digits}`;
			if (/^\+[1-9]\d{6,14}$/.test(number)) numbers.push(number);
		}
	}
	return numbers;
}

describe('the quick check for E.164 numbers', () => {
	const numbers = numbersOfEveryCountry(150);

	it('accepts only numbers libphonenumber calls valid, unchanged', () => {
		const wrong = numbers.filter((number) => isValidE164(number) && reference(number) !== number);
		expect(wrong).toEqual([]);
	});

	it('gives the same answer and reason as libphonenumber for every number', () => {
		const differing = numbers.filter((number) => {
			const result = normaliseNumber(number);
			const expected = reference(number);
			return result.ok ? result.e164 !== expected : expected !== null;
		});
		expect(differing).toEqual([]);
	});

	it('answers most valid numbers by itself', () => {
		const valid = numbers.filter((number) => reference(number) === number);
		const quick = valid.filter((number) => isValidE164(number));
		expect(valid.length).toBeGreaterThan(numbers.length / 3);
		expect(quick.length / valid.length).toBeGreaterThan(0.9);
	});

	it.each([
		['+447912345678', true],
		['+16135550123', true], // +1 is shared: Canada, by its area code
		['+390612345678', true], // Italy keeps the leading 0
		['+4479123456789', false], // one digit too many: the general parser gives the reason
		['+80012345678', false], // non-geographic: left to the general parser
	])('%s → %s', (number, accepted) => {
		expect(isValidE164(number)).toBe(accepted);
	});

	it('keeps the reasons for invalid numbers', () => {
		expect(normaliseNumber('+4479123456789')).toEqual({
			ok: false,
			reason: 'is not a valid number',
		});
		expect(normaliseNumber('+80012345678')).toEqual({ ok: true, e164: '+80012345678' });
	});
});
