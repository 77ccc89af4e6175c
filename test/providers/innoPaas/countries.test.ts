import {
	callingCodeOf,
	callingCodeOfCountry,
	countryOfNumber,
} from '../../../nodes/providers/innoPaas/countries';

describe('calling codes → countries', () => {
	it.each([
		['+14155550100', 'US'],
		['+16135550100', 'US'],
		['+79161234567', 'RU'],
		['+77011234567', 'KZ'],
		['+447700900001', 'GB'],
		['+8613800138000', 'CN'],
		['+85291234567', 'HK'],
		['+306900000001', 'GR'],
		['+2348012345678', 'NG'],
		['+9715012345678', 'AE'],
		['+5511912345678', 'BR'],
	])('%s is %s', (number, country) => {
		expect(countryOfNumber(number)).toBe(country);
	});

	it('knows no country for an unassigned code, and finds calling codes both ways', () => {
		expect(countryOfNumber('+9991234567')).toBeNull();
		expect(callingCodeOf('+85291234567')).toBe('852');
		expect(callingCodeOfCountry('ca')).toBe('1');
		expect(callingCodeOfCountry('KZ')).toBe('7');
		expect(callingCodeOfCountry('ZZ')).toBeUndefined();
	});
});
