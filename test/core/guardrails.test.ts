import {
	callLimitRefusal,
	destinationRefusal,
	GuardrailError,
	parseAllowedDestinations,
	filledByModel,
	ownCount,
	readCallLimit,
	Reservation,
	RunGuard,
	toolGuardrailsRefusal,
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
	it('admits allowed calls, counts them in the shared count, and refuses with a GuardrailError (an InputError)', () => {
		const count = ownCount(1);
		const guard = new RunGuard(rule('GB'), 3, count);
		guard.admit(['+442079460123']);
		guard.admit(['+442079460124']);
		expect(guard.callsPlaced).toBe(3);
		expect(count.read()).toBe(3);
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

	it('reserves in one step against a count other runs share, and gives back only what it is told', () => {
		const shared = ownCount(8);
		const first = new RunGuard(null, 10, shared);
		const second = new RunGuard(null, 10, shared);
		expect(first.reserve(2)).toBeNull();
		// The other run sees the reservation at once: nothing of the limit is left.
		expect(second.reserve(1)).toContain('after the 10 already placed');
		first.release(1);
		expect(second.reserve(1)).toBeNull();
		expect(shared.read()).toBe(10);
		first.release(50);
		expect(shared.read()).toBe(0);
	});
});

describe('Reservation', () => {
	it('holds every part up front; settles placed calls, gives back the rest and what never went out', () => {
		const count = ownCount();
		const guard = new RunGuard(rule('GB'), 5, count);
		const reservation = Reservation.take(guard, [1, 2, 1]) as Reservation;
		expect(count.read()).toBe(4);
		// Another run of the node meanwhile: only 1 call is left to it.
		expect(Reservation.take(new RunGuard(null, 5, count), [2])).toContain(
			'this would place 2 more calls after the 4 already placed',
		);
		reservation.admit(0, ['+442079460001']);
		reservation.settle(0, 1); // queued: stays counted
		expect(() => reservation.admit(1, ['+33123456789'])).toThrow(GuardrailError);
		expect(count.read()).toBe(2); // the refused item gave its 2 back
		reservation.admit(2, ['+442079460002', '+442079460003']); // one more than planned
		expect(count.read()).toBe(3);
		reservation.keep(2); // unknown: both stay counted
		reservation.close();
		expect(count.read()).toBe(3);
	});

	it('with nothing reserved, each part reserves while the limit allows; a part never sent is given back at close', () => {
		const count = ownCount();
		const guard = new RunGuard(null, 2, count);
		const reservation = Reservation.none(guard, 3);
		reservation.admit(0, ['+442079460001']);
		reservation.admit(1, ['+442079460002']);
		expect(() => reservation.admit(2, ['+442079460003'])).toThrow(
			'after the 2 already placed by this node in this execution',
		);
		reservation.close();
		expect(count.read()).toBe(0);
	});
});

describe('AI agent tools', () => {
	it('need Allowed Destinations and Max Calls per Run fixed by the owner, not filled in by the model', () => {
		expect(toolGuardrailsRefusal({}, rule('GB'), 3)).toBeNull();
		expect(toolGuardrailsRefusal({}, null, null)).toContain(
			'Allowed Destinations (the countries or prefixes it may call, such as GB) and Max Calls per Run (a number of at least 1, such as 3) are not set',
		);
		expect(toolGuardrailsRefusal({}, rule('GB'), null)).toContain(
			'and Max Calls per Run (a number of at least 1, such as 3) is not set',
		);
		expect(
			toolGuardrailsRefusal({ maxCallsPerRun: "={{ $fromAI('limit') }}" }, rule('GB'), 50),
		).toContain('Max Calls per Run');
		expect(
			toolGuardrailsRefusal(
				{ allowedDestinations: '={{ $fromai("where", "", "string") }}' },
				rule('GB'),
				3,
			),
		).toContain('Allowed Destinations');
		expect(filledByModel('={{ $json.limit }}')).toBe(false);
		expect(filledByModel(3)).toBe(false);
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
