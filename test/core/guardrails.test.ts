import {
	callLimitRefusal,
	destinationRefusal,
	GuardrailError,
	parseAllowedDestinations,
	readCallLimit,
	RunGuard,
} from '../../nodes/core/guardrails';
import { countryOfE164 } from '../../nodes/core/phone';
import { InputError } from '../../nodes/core/validation';

const rule = (text: string) => {
	const parsed = parseAllowedDestinations(text);
	if (!parsed.ok) throw new Error(parsed.message);
	return parsed.rule;
};

describe('Allowed Destinations', () => {
	it('reads country codes and prefixes in any separator and case; empty means any', () => {
		expect(rule('GB, ie;+1 800\n0049-30,  +44 ')).toEqual({
			countries: ['GB', 'IE'],
			prefixes: ['+1800', '+4930', '+44'],
			text: 'GB, IE, +1800, +4930, +44',
		});
		expect(rule('')).toBeNull();
		expect(rule('  ,; ')).toBeNull();
		expect(parseAllowedDestinations(undefined)).toEqual({ ok: true, rule: null });
		expect(rule('gb, GB')).toEqual({ countries: ['GB'], prefixes: [], text: 'GB' });
	});

	it('refuses what is neither, naming the entry', () => {
		expect(parseAllowedDestinations('GB, UK')).toEqual({
			ok: false,
			message: expect.stringContaining('"UK" is not an ISO 3166-1 alpha-2 country code'),
		});
		expect(parseAllowedDestinations('GB IE')).toEqual({
			ok: false,
			message: expect.stringContaining('"GBIE" is neither'),
		});
		expect(parseAllowedDestinations('Britain')).toEqual({
			ok: false,
			message: expect.stringContaining('"Britain" is neither a country code'),
		});
		expect(parseAllowedDestinations('+0044')).toEqual({
			ok: false,
			message: expect.stringContaining('"+0044"'),
		});
	});

	it('lets a number through by its country (libphonenumber-js) or its prefix', () => {
		const gb = rule('GB, +1800');
		expect(destinationRefusal('+442079460123', gb)).toBeNull();
		// An unassigned UK range (Ofcom's drama numbers) counts as the calling code's main country.
		expect(destinationRefusal('+447700900001', gb)).toBeNull();
		expect(destinationRefusal('+18005550100', gb)).toBeNull();
		expect(destinationRefusal('+442079460123', null)).toBeNull();
	});

	it('refuses any other number with a message naming the number, its country and the rule', () => {
		const gb = rule('GB, +1800');
		expect(destinationRefusal('+33123456789', gb)).toBe(
			'Not dialled: +33123456789 is a number in France (FR), and Allowed Destinations permits only GB, +1800. This call is outside the destinations the workflow owner allows; do not retry it with the same number.',
		);
		// +1 is shared: a Canadian number is not a US one, nor an 800 number.
		expect(destinationRefusal('+16135550100', rule('US'))).toContain('is a number in Canada (CA)');
		// A premium-rate number outside the prefixes.
		expect(destinationRefusal('+19005550100', rule('+1800'))).toContain(
			'+19005550100 is a number in United States (US)',
		);
		expect(destinationRefusal('+80012345678', gb)).toContain(
			'+80012345678 is a number of no country',
		);
	});
});

describe('Max Calls per Run', () => {
	it('reads empty or 0 as no limit and refuses anything but a whole number', () => {
		expect(readCallLimit(undefined)).toEqual({ ok: true, max: null });
		expect(readCallLimit(0)).toEqual({ ok: true, max: null });
		expect(readCallLimit(5)).toEqual({ ok: true, max: 5 });
		expect(readCallLimit('3')).toEqual({ ok: true, max: 3 });
		expect(readCallLimit(2.5)).toEqual({
			ok: false,
			message: expect.stringContaining('"2.5" is not a whole number'),
		});
		expect(readCallLimit(-1).ok).toBe(false);
	});

	it('says how many calls, how many already placed, and the limit', () => {
		expect(callLimitRefusal(3, 0, 3)).toBeNull();
		expect(callLimitRefusal(4, 0, 3)).toBe(
			'Not dialled: this would place 4 more calls, and Max Calls per Run allows at most 3 per workflow execution. Nobody was called by this request; the limit protects against placing too many real, paid calls.',
		);
		expect(callLimitRefusal(1, 3, 3)).toContain(
			'this would place 1 more call after the 3 already placed by this node in this execution',
		);
		expect(callLimitRefusal(1000, 0, null)).toBeNull();
	});
});

describe('RunGuard', () => {
	it('admits allowed calls, counts them (telling the node), and refuses with a GuardrailError (an InputError)', () => {
		const counts: number[] = [];
		const guard = new RunGuard(rule('GB'), 3, 1, (placed) => counts.push(placed));
		guard.admit(['+442079460123']);
		guard.admit(['+442079460124']);
		expect(guard.callsPlaced).toBe(3);
		expect(counts).toEqual([2, 3]);
		let overLimit: unknown;
		try {
			guard.admit(['+442079460125']);
		} catch (error) {
			overLimit = error;
		}
		expect(overLimit).toBeInstanceOf(GuardrailError);
		expect(overLimit).toBeInstanceOf(InputError);
		expect(() => new RunGuard(rule('GB'), null).admit(['+33123456789'])).toThrow(
			'+33123456789 is a number in France (FR)',
		);
		expect(guard.callsPlaced).toBe(3);
	});

	it('refuses a whole run up front when it would go over, and records calls checked elsewhere', () => {
		const guard = new RunGuard(null, 10, 8);
		expect(guard.refuseRun(2)).toBeNull();
		expect(guard.refuseRun(3)).toContain('after the 8 already placed');
		guard.record(2);
		guard.record(0);
		expect(guard.callsPlaced).toBe(10);
	});
});

describe('countryOfE164', () => {
	it.each([
		['+442079460123', 'GB'],
		['+447700900001', 'GB'],
		['+14155550100', 'US'],
		['+16135550100', 'CA'],
		['+302101234567', 'GR'],
		['+8613000000000', 'CN'],
		['+80012345678', null],
		['not a number', null],
	])('%s → %s', (number, country) => expect(countryOfE164(number)).toBe(country));
});
