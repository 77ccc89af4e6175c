import { z } from 'zod/v4';

import { recipientSchema } from '../../nodes/core/recipientSchema';
import { checkInput, maxBytesRule, msisdn, optionalTextRule } from '../../nodes/core/validation';

const recipient = recipientSchema({
	to: msisdn('to'),
	correlationId: maxBytesRule('correlationId', 10, 'The provider'),
	label: z.string().min(2),
});

describe('recipientSchema', () => {
	it('checks a whole recipient as a zod object: every field, its own message, unknown keys dropped', () => {
		expect(
			checkInput(recipient, { to: '+44 20 7946 0123', correlationId: 7, label: 'ab', extra: 1 }),
		).toEqual({ ok: true, value: { to: '+442079460123', correlationId: '7', label: 'ab' } });
		const refused = checkInput(recipient, { to: '020 7946 0123', label: 'ab' });
		expect(refused.ok || [refused.error.field, refused.error.message]).toEqual([
			'to',
			'to "020 7946 0123" has no country code: write it in international form, e.g. +442079460123',
		]);
	});

	it("checks a plan's recipient by its rules, with the schema's value and key order, `to` taken as it is", () => {
		const planned = recipient.checkPlanned({
			correlationId: ' c-1 ',
			label: 'ab',
			extra: 1,
			to: '+442079460123',
		});
		expect(planned).toEqual({
			ok: true,
			value: { to: '+442079460123', correlationId: 'c-1', label: 'ab' },
		});
		expect(planned.ok && Object.keys(planned.value)).toEqual(['to', 'correlationId', 'label']);
	});

	it('tells a refused field in the words of the schema: field, value and limit', () => {
		const cases = [
			{ to: '+442079460123', correlationId: 'c'.repeat(11), label: 'ab' },
			{ to: '+442079460123', correlationId: { id: 1 }, label: 'ab' },
			{ to: '+442079460123', label: 'a' },
			{ to: '+442079460123' },
		];
		for (const value of cases)
			expect(recipient.checkPlanned(value)).toEqual(checkInput(recipient, value));
		const tooLong = recipient.checkPlanned(cases[0]);
		expect(tooLong.ok || [tooLong.error.field, tooLong.error.message]).toEqual([
			'correlationId',
			`correlationId "${'c'.repeat(11)}" is 11 bytes; The provider allows at most 10`,
		]);
	});

	it('keeps optional text rules as they were: numbers as text, blanks as not given', () => {
		const text = optionalTextRule('correlationId');
		expect([text(12), text('  '), text(null), text(' a ')]).toEqual([
			'12',
			undefined,
			undefined,
			'a',
		]);
	});
});
