/**
 * Properties of planning a campaign with every provider's real checks, whatever its rows hold
 * (numbers of any shape, correlation ids and template variables of any shape, values whose
 * expression fails): planning never throws, and every row ends in exactly one place, a batch of at
 * most the batch size or a refusal that says why.
 */
import { readFileSync } from 'fs';
import { join } from 'path';

import { CampaignPlan, type CampaignInput } from '../../nodes/core/campaign';
import type { Recipient } from '../../nodes/core/adapter';
import { checkInput } from '../../nodes/core/validation';
import { PROVIDER_PATHS } from '../../nodes/providers/lists';
import { fc, RUNS, untrusted } from '../support/properties';

type Row = {
	number: unknown;
	correlationId: unknown;
	extra: unknown;
	fails: 'none' | 'number' | 'correlationId' | 'extra';
};

const numberLike = fc.oneof(
	{
		weight: 3,
		arbitrary: fc.constantFrom(
			'+447911123456',
			'+447911123457',
			'07911 123458',
			'+4928240462282024',
			'+33612345678',
			'+8613800138000',
			'+9991234567',
			'',
		),
	},
	{ weight: 2, arbitrary: untrusted() },
);
const row: fc.Arbitrary<Row> = fc.record({
	number: numberLike,
	correlationId: fc.oneof(fc.string({ maxLength: 60 }), untrusted()),
	extra: fc.oneof(
		fc.constant(undefined),
		fc.record({
			variables: fc.oneof(fc.array(fc.string({ maxLength: 6 }), { maxLength: 2 }), untrusted()),
		}),
		untrusted(),
	),
	fails: fc.constantFrom('none', 'none', 'none', 'number', 'correlationId', 'extra'),
});

const campaignFields = (pathId: string) => {
	const provider = pathId === 'imiconnectMessaging' ? 'webexConnect' : pathId;
	const fixture = JSON.parse(
		readFileSync(join(__dirname, '..', 'fixtures', provider, 'contract.json'), 'utf8'),
	);
	const { recipients: _recipients, ...campaign } = fixture.paths[pathId].campaign.input;
	return campaign as Record<string, unknown>;
};

describe.each(PROVIDER_PATHS.map((path) => [path.id, path] as const))(
	'planning a %s campaign (properties)',
	(id, path) => {
		const adapter = path.campaign;
		const campaign = campaignFields(id);

		it('never throws, and puts every row in exactly one batch or refusal', () => {
			fc.assert(
				fc.property(
					fc.array(row, { maxLength: 25 }),
					fc.integer({ min: 1, max: 5 }),
					fc.boolean(),
					fc.constantFrom(undefined, 'GB', 'XX'),
					(rows, batchSize, removeDuplicates, defaultCountry) => {
						const fail = (what: string) => {
							throw new Error(`expression failed for ${what}`);
						};
						const input: CampaignInput = {
							count: rows.length,
							number: (index) => (rows[index].fails === 'number' ? fail('to') : rows[index].number),
							correlationId: (index) =>
								rows[index].fails === 'correlationId'
									? fail('correlationId')
									: rows[index].correlationId,
							extra: (index) =>
								rows[index].fails === 'extra'
									? fail('variables')
									: (rows[index].extra as Record<string, unknown> | undefined),
						};
						const plan = new CampaignPlan<{ recipients: Recipient[] }>(input, {
							defaultCountry,
							removeDuplicates,
							batchSize,
							checkRecipient: (value) => checkInput(adapter.recipientSchema, value),
							batchKey: adapter.batchKey?.bind(adapter),
							checkGroup: (first) =>
								checkInput(adapter.schema, { ...campaign, recipients: [first] }),
						});
						const batches = plan.remainingBatches();
						const placed = new Array<number>(rows.length).fill(0);
						for (const batch of batches) {
							expect(batch.rows.length).toBeLessThanOrEqual(batchSize);
							expect(batch.call.recipients.map((recipient) => recipient.to)).toEqual(
								batch.rows.map(() => expect.stringMatching(/^\+[1-9]\d{6,14}$/)),
							);
							for (const index of batch.rows) placed[index]++;
							adapter.buildRequest(
								adapter.forBatch?.(batch.call, batch.batchIndex, batch.onlyBatch) ?? batch.call,
							);
						}
						plan.refused.forEach((refused, index) => {
							if (refused === undefined) return;
							placed[index]++;
							expect(['invalid', 'duplicate']).toContain(refused.status);
							expect(typeof refused.to).toBe('string');
							expect(refused.reason.length).toBeGreaterThan(5);
						});
						expect(placed).toEqual(rows.map(() => 1));
						// A row whose number cannot be read is refused with the reason; so is one whose other
						// fields cannot be read, once its number is good (else it is refused for the number).
						rows.forEach((generated, index) => {
							if (generated.fails === 'number')
								expect(plan.refused[index]).toMatchObject({
									status: 'invalid',
									reason: expect.stringContaining('to could not be read'),
								});
							if (generated.fails === 'correlationId' || generated.fails === 'extra')
								expect(placed[index] === 1 && plan.refused[index] !== undefined).toBe(true);
						});
					},
				),
				// Each run is a whole campaign of up to 25 rows: about 7,000 rows in all.
				{ numRuns: Math.ceil(RUNS * 0.3) },
			);
		});
	},
);
