/** Do-Not-Call Numbers: read once, normalised once, unreadable entries refused with their values. */
import { MAX_DO_NOT_CALL, readDoNotCallList } from '../../../nodes/core/callingWindow';
import { fc, untrusted } from '../../support/properties';

const list = (value: unknown, country?: string) => {
	const result = readDoNotCallList(value, country);
	if (!result.ok) throw result.error;
	return result.value;
};

describe('Do-Not-Call Numbers', () => {
	it('lists numbers in any written form, national ones read in the default country', () => {
		const numbers = list(
			['+44 20 7946 0123', '020 7946 0018', '+49 1511 2345678', '0044 7911 123456'],
			'GB',
		);
		expect(numbers.size).toBe(4);
		for (const number of ['+442079460123', '+442079460018', '+4915112345678', '+447911123456'])
			expect(numbers.has(number)).toBe(true);
		expect(numbers.has('+442079460124')).toBe(false);
		expect(list('+14155550100, +14155550101\n+14155550100').size).toBe(2);
		expect(list(undefined).has('+14155550100')).toBe(false);
		expect(list('').size).toBe(0);
	});

	it('refuses the run for an entry it cannot read, showing the value (never skipped)', () => {
		const result = readDoNotCallList([
			'+442079460123',
			'12ab',
			{ phone: '+442079460018' },
			'020 7946 0018',
		]);
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.error.field).toBe('Do-Not-Call Numbers');
		expect(result.error.message).toMatch(
			/^Do-Not-Call Numbers has 3 entries that cannot be read as a phone number, so nobody was called: entry 2 "12ab" .*; entry 3 an object is not a phone number: it is an object; entry 4 "020 7946 0018" has no country code/,
		);
		const many = readDoNotCallList(['a', 'b', 'c', 'd', 'e']);
		expect(!many.ok && many.error.message).toMatch(/entry 3 "c" [^;]*\(and 2 more\)/);
		const object = readDoNotCallList({ phone: '+442079460123' });
		expect(!object.ok && object.error.message).toMatch(
			/^Do-Not-Call Numbers is an object: expected a list/,
		);
		const bad = readDoNotCallList(['020 7946 0018'], 'XX');
		expect(!bad.ok && bad.error.message).toMatch(
			/default country "XX" is not an ISO 3166-1 alpha-2 code/,
		);
	});

	it('holds 100,000 numbers as a set: a lookup is one hash probe, not a scan', () => {
		const numbers = Array.from(
			{ length: 100_000 },
			(_, index) => `+1415${String(2000000 + index)}`,
		);
		const listed = list(numbers);
		expect(listed.size).toBe(100_000);
		expect(listed.has(numbers[99_999])).toBe(true);
		expect(listed.has('+14159999999')).toBe(false);
		expect(MAX_DO_NOT_CALL).toBe(1_000_000);
	});

	it('finds every listed number however it was written, and never throws on untrusted input', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 2_000_000, max: 9_999_999 }),
				fc.constantFrom('', ' ', '-', '.'),
				(line, separator) => {
					const national = `(415)${separator}${String(line).slice(0, 3)}${separator}${String(line).slice(3)}`;
					expect(list([national], 'US').has(`+1415${line}`)).toBe(true);
				},
			),
		);
		fc.assert(
			fc.property(untrusted(), (value) => {
				const result = readDoNotCallList(value, 'US');
				if (!result.ok) expect(result.error.message).toMatch(/^Do-Not-Call Numbers /);
			}),
		);
	});
});
