import { normaliseMsisdn, normaliseNumber, splitNumbers } from '../../nodes/core/phone';

describe('normaliseMsisdn', () => {
	it.each([
		['+44 7700 900001', '+447700900001'],
		['+1 (415) 555-0100', '+14155550100'],
		['0044.7700.900001', '+447700900001'],
		['+33/1 23 45 67 89', '+33123456789'],
	])('%s becomes %s', (input, e164) => {
		expect(normaliseMsisdn(input)).toEqual({ ok: true, e164 });
	});

	it.each([
		['', 'is empty'],
		['07700 900001', 'has no country code'],
		['+0447700900001', 'not a valid international number'],
		['+1234567890123456', 'not a valid international number'],
		['+44 7700 CALLME', 'not a valid international number'],
	])('refuses %j: %s', (input, reason) => {
		const result = normaliseMsisdn(input);
		expect(result.ok).toBe(false);
		expect(!result.ok && result.reason).toContain(reason);
	});

	it('splits lists of numbers', () => {
		expect(splitNumbers('+441, +442;+443\n +444 ,')).toEqual(['+441', '+442', '+443', '+444']);
		expect(splitNumbers(['+441', ' +442 '])).toEqual(['+441', '+442']);
		expect(splitNumbers(447700900001)).toEqual(['447700900001']);
		expect(splitNumbers(undefined)).toEqual([]);
	});

	it('takes apart a "to" of any shape without a TypeError: what is not text stays as it is, for the schema to name', () => {
		// String() of these threw "Cannot convert object to primitive value".
		const noText = { toString: 1 };
		const bare = Object.create(null) as object;
		expect(splitNumbers(noText)).toEqual([noText]);
		expect(splitNumbers(bare)).toEqual([bare]);
		expect(splitNumbers(['+441', noText, [[]], null, ' '])).toEqual(['+441', noText, [[]]]);
		expect(splitNumbers(true)).toEqual(['true']);
	});
});

describe('normaliseNumber (libphonenumber, with a default country)', () => {
	it.each([
		['020 7946 0018', 'GB', '+442079460018'],
		['(415) 555-0100', 'US', '+14155550100'],
		['+33 1 23 45 67 89', 'GB', '+33123456789'],
		['0033 1 23 45 67 89', undefined, '+33123456789'],
		['07911 123456', 'gb', '+447911123456'],
	])('%s in %s is %s', (input, country, e164) => {
		expect(normaliseNumber(input, country)).toEqual({ ok: true, e164 });
	});

	it.each([
		['020 7946 0018', undefined, 'has no country code'],
		['12', 'GB', 'is not a'],
		['+44 20 7946', undefined, 'is not a valid number'],
		['555-0100', 'XX', 'default country "XX" is not an ISO 3166-1 alpha-2 code'],
		['  ', 'GB', 'is empty'],
		// libphonenumber-js calls this German number of 16 digits valid; E.164 allows 15.
		[
			'+4928240462282024',
			undefined,
			'has 16 digits; an international number (E.164) has at most 15',
		],
		['0049 2824 0462 2820 24', undefined, 'has 16 digits'],
		[{ toString: 1 }, 'GB', 'is not a phone number: it is an object'],
		[['+447911123456'], 'GB', 'is not a phone number: it is a list'],
	])('refuses %j in %s: %s', (input, country, reason) => {
		const result = normaliseNumber(input, country);
		expect(!result.ok && result.reason).toContain(reason);
	});
});

describe('a bracketed trunk zero ("+44 (0)20 …")', () => {
	it.each([
		['+44 (0)20 7946 0018', '+442079460018'],
		['+44(0)20-7946-0018', '+442079460018'],
		['0044 (0) 20 7946 0018', '+442079460018'],
		['+49 (0)30 901820', '+4930901820'],
	])('drops it from %s: %s, never +440…', (input, e164) => {
		expect(normaliseMsisdn(input)).toEqual({ ok: true, e164 });
		expect(normaliseNumber(input)).toEqual({ ok: true, e164 });
	});

	it('refuses what is left when it is not a valid number, with the reason', () => {
		expect(normaliseNumber('+44 (0)')).toEqual({ ok: false, reason: 'is not a phone number' });
		// Only right after the country code: elsewhere "(0)" is not a trunk zero and stays.
		expect(normaliseMsisdn('+44 20 (0)7946 0018')).toEqual({ ok: true, e164: '+4420079460018' });
	});
});
