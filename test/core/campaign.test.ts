import { CampaignPlan, type CampaignInput, type PlanOptions } from '../../nodes/core/campaign';
import type { Recipient } from '../../nodes/core/adapter';
import { InputError, type ParseResult } from '../../nodes/core/validation';

type Call = { country: string; recipients: Recipient[] };

const ok = <T>(value: T): ParseResult<T> => ({ ok: true, value });
const fail = (message: string): ParseResult<never> => ({
	ok: false,
	error: new InputError('field', message),
});

/** Numbers +44 7911 100000, +44 7911 100001, …; `reads` counts how many rows were looked at. */
function input(numbers: string[]) {
	const counter = { reads: 0 };
	const source: CampaignInput = {
		count: numbers.length,
		number: (index) => {
			counter.reads++;
			return numbers[index];
		},
		correlationId: (index) => `row-${index}`,
	};
	return { source, counter };
}
const mobiles = (count: number, from = 0) =>
	Array.from({ length: count }, (_, i) => `+4479111${String(from + i).padStart(5, '0')}`);

function plan(numbers: string[], options: Partial<PlanOptions<Call>> = {}) {
	const { source, counter } = input(numbers);
	const campaign = new CampaignPlan<Call>(source, {
		removeDuplicates: true,
		batchSize: 3,
		checkRecipient: (value) => ok(value as Recipient),
		checkGroup: (first) => ok({ country: first.to.slice(0, 3), recipients: [first] }),
		...options,
	});
	return { campaign, counter };
}

describe('CampaignPlan', () => {
	it('hands out a full batch once the next row is read, before the rest of the input', () => {
		const { campaign, counter } = plan(mobiles(10));
		const first = campaign.nextBatch()!;
		expect(first).toMatchObject({ batchIndex: 0, rows: [0, 1, 2], onlyBatch: false });
		expect(first.call.recipients.map((r) => r.to)).toEqual(mobiles(3));
		expect(first.call.recipients[0].correlationId).toBe('row-0');
		expect(counter.reads).toBe(4);
		const rest = campaign.remainingBatches();
		expect(rest.map((batch) => batch.rows)).toEqual([[3, 4, 5], [6, 7, 8], [9]]);
		expect(counter.reads).toBe(10);
		expect(campaign.nextBatch()).toBeUndefined();
	});

	it('marks a single batch as the only one', () => {
		const { campaign } = plan(mobiles(3));
		expect(campaign.remainingBatches()).toMatchObject([
			{ batchIndex: 0, rows: [0, 1, 2], onlyBatch: true },
		]);
	});

	it('refuses invalid numbers and duplicates with their reasons, and batches the rest', () => {
		const numbers = ['+447911100000', 'call me', '+44 7911 100000', '+447911100001'];
		const { campaign } = plan(numbers);
		expect(campaign.remainingBatches().map((batch) => batch.rows)).toEqual([[0, 3]]);
		expect(campaign.refused).toEqual([
			undefined,
			{
				status: 'invalid',
				to: 'call me',
				reason:
					'to "call me" has no country code: write it in international form or set a default country',
			},
			{
				status: 'duplicate',
				to: '+447911100000',
				reason: 'same number as input row 1; called once',
			},
			undefined,
		]);
	});

	it('keeps duplicates when asked to', () => {
		const { campaign } = plan(['+447911100000', '+447911100000'], { removeDuplicates: false });
		expect(campaign.remainingBatches().map((batch) => batch.rows)).toEqual([[0, 1]]);
	});

	it('refuses a recipient its check refuses, and does not count it as the first of its number', () => {
		const { campaign } = plan(['+447911100000', '+447911100000'], {
			checkRecipient: (value) =>
				(value as Recipient).correlationId === 'row-0'
					? fail('correlationId is too long')
					: ok(value as Recipient),
		});
		expect(campaign.remainingBatches().map((batch) => batch.rows)).toEqual([[1]]);
		expect(campaign.refused[0]).toEqual({
			status: 'invalid',
			to: '+447911100000',
			reason: 'correlationId is too long',
		});
	});

	it('never puts recipients of different groups into one batch, and numbers batches as they are handed out', () => {
		const numbers = [
			'+447911100000',
			'+14155550100',
			'+447911100001',
			'+14155550101',
			'+447911100002',
			'+447911100003',
			'+14155550102',
		];
		const { campaign } = plan(numbers, { batchKey: (recipient) => recipient.to.slice(0, 2) });
		const batches = campaign.remainingBatches();
		expect(batches.map((batch) => [batch.batchIndex, batch.rows, batch.call.country])).toEqual([
			[0, [0, 2, 4], '+44'],
			[1, [5], '+44'],
			[2, [1, 3, 6], '+14'],
		]);
		expect(batches.every((batch) => !batch.onlyBatch)).toBe(true);
	});

	it('refuses the rows of a group whose check fails and still hands out the others', () => {
		const numbers = ['+447911100000', '+14155550100', '+447911100001'];
		const { campaign } = plan(numbers, {
			batchKey: (recipient) => recipient.to.slice(0, 2),
			checkGroup: (first) =>
				first.to.startsWith('+1')
					? fail('country US is not served')
					: ok({ country: 'GB', recipients: [first] }),
		});
		expect(campaign.remainingBatches().map((batch) => batch.rows)).toEqual([[0, 2]]);
		expect(campaign.refused[1]).toEqual({
			status: 'invalid',
			to: '+14155550100',
			reason: 'country US is not served',
		});
		expect(campaign.campaignError).toBeNull();
	});

	it('hands out nothing when the campaign’s own fields fail, and refuses every row that would have been called', () => {
		const { campaign } = plan(['+447911100000', 'nope', '+447911100001'], {
			checkGroup: () => fail('text is required'),
		});
		expect(campaign.nextBatch()).toBeUndefined();
		expect(campaign.campaignError?.message).toBe('text is required');
		expect(campaign.refused.map((row) => row?.reason)).toEqual([
			'text is required',
			'to "nope" has no country code: write it in international form or set a default country',
			'text is required',
		]);
	});

	it('refuses a row whose values cannot be read, or whose number is no text, and plans the others', () => {
		const source: CampaignInput = {
			count: 5,
			number: (index) => {
				if (index === 1) throw new Error('Referenced node doesn’t exist');
				return [mobiles(1)[0], null, { toString: 1 }, Object.create(null), mobiles(1, 7)[0]][index];
			},
			correlationId: (index) => `row-${index}`,
			extra: (index) => {
				if (index === 4) throw new Error('bad variables');
				return undefined;
			},
		};
		const campaign = new CampaignPlan<Call>(source, {
			removeDuplicates: true,
			batchSize: 3,
			checkRecipient: (value) => ok(value as Recipient),
			checkGroup: (first) => ok({ country: 'GB', recipients: [first] }),
		});
		expect(campaign.remainingBatches().map((batch) => batch.rows)).toEqual([[0]]);
		expect(campaign.refused).toEqual([
			undefined,
			{
				status: 'invalid',
				to: '',
				reason: 'to could not be read for this row: Referenced node doesn’t exist',
			},
			{ status: 'invalid', to: '', reason: 'to must be a phone number, not an object' },
			{ status: 'invalid', to: '', reason: 'to must be a phone number, not an object' },
			{
				status: 'invalid',
				to: mobiles(1, 7)[0],
				reason: 'a field of this row could not be read: bad variables',
			},
		]);
	});

	it('takes a first group refused for its own recipients (their country) as that group’s, not the campaign’s', () => {
		const { campaign } = plan(['+88216123456', '+447911100000'], {
			batchKey: (recipient) => recipient.to.slice(0, 3),
			checkGroup: (first) =>
				first.to.startsWith('+88')
					? {
							ok: false,
							error: new InputError('recipients', 'countryCode is required for to "+88216123456"'),
						}
					: ok({ country: 'GB', recipients: [first] }),
		});
		expect(campaign.remainingBatches().map((batch) => batch.rows)).toEqual([[1]]);
		expect(campaign.campaignError).toBeNull();
		expect(campaign.refused[0]?.reason).toContain('countryCode is required');
	});
});
