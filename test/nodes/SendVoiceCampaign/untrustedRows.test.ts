/**
 * Send Voice Campaign with rows of every kind, on every provider path: an object where the number
 * belongs, an expression that fails for one row (number, correlation id, template variables). A
 * bad row is that row's `invalid` result with its reason; the campaign never fails or half-sends
 * for it. Campaign fields that cannot be read stop everything before anything is sent.
 */
import { NodeOperationError, type IDataObject, type INodeParameters } from 'n8n-workflow';

import { SendVoiceCampaign } from '../../../nodes/SendVoiceCampaign/SendVoiceCampaign.node';
import { runNode } from '../../harness';
import { rows } from '../../support/nodes';
import { useProviderAccounts } from '../../support/providerAccounts';

const accounts = useProviderAccounts('rows');

/** For a row with `broken`, the expression fails: it names a node that does not exist. */
const failingFor = (field: string) =>
	`={{ $json.broken ? $("No Such Node").item.json.x : $json.${field} }}`;

const PATHS = [
	{
		id: 'webexConnect',
		path: '/v2/messages',
		parameters: {
			provider: 'webexConnect',
			from: '+14155550100',
			contentType: 'media',
			mediaId: '1561',
		},
	},
	{
		id: 'imiconnectMessaging',
		path: '/resources/v1/messaging',
		parameters: {
			provider: 'imiconnectMessaging',
			voiceContent: 'callflowid',
			callflowid: 'flow-7',
		},
	},
	{
		id: 'routee',
		path: '/voice/campaign',
		parameters: {
			provider: 'routee',
			from: '306912345678',
			name: 'Reminders',
			type: 'SAY',
			text: 'Hello',
			language: 'en-GB',
		},
	},
	{
		id: 'innoPaas',
		path: '/open/int-voice/batch-notify',
		parameters: { provider: 'innoPaas', templateId: 'tpl-1' },
	},
] as const;

function campaign(parameters: INodeParameters, items: IDataObject[], continueOnFail = false) {
	return runNode({
		node: new SendVoiceCampaign(),
		parameters,
		items,
		credentials: accounts.credentials(),
		credentialTypes: accounts.credentialTypes(),
		continueOnFail,
	});
}

const requestsTo = (path: string) =>
	accounts.simulator.requests.filter((request) => request.path === path);

describe.each(PATHS)(
	'Send Voice Campaign through $id: a bad row is that row’s',
	({ path, parameters }) => {
		const items: IDataObject[] = [
			{ phone: '+447911000001', ref: 'a' },
			{ phone: { toString: 1 }, ref: 'b' },
			{ phone: '+447911000002', broken: true },
			{ phone: Object.create(null) as object, ref: 'd' },
			{ phone: '+447911000003', ref: 'e' },
		];

		it.each([
			['a plain column mapping (read straight from the items)', '={{ $json.phone }}'],
			['an expression evaluated per item', failingFor('phone')],
		])(
			'with %s for the number: invalid rows with reasons, one request for the rest',
			async (_how, to) => {
				const result = await campaign({ ...parameters, to }, items);
				expect(result.error).toBeUndefined();
				const out = rows(result);
				const brokenRow = to.includes('No Such Node')
					? ['invalid', '']
					: ['queued', '+447911000002'];
				expect(out.map((row) => [row.status, row.to])).toEqual([
					['queued', '+447911000001'],
					['invalid', ''],
					brokenRow,
					['invalid', ''],
					['queued', '+447911000003'],
				]);
				expect(out[1].message).toBe('to must be a phone number, not an object');
				if (to.includes('No Such Node'))
					expect(out[2].message).toMatch(/^to could not be read for this row: /);
				expect(result.items.map((item) => item.pairedItem)).toEqual(
					[0, 1, 2, 3, 4].map((item) => ({ item })),
				);
				expect(requestsTo(path)).toHaveLength(1);
				expect(Object.values(accounts.simulator.dialCounts()).every((count) => count === 1)).toBe(
					true,
				);
			},
		);

		it('refuses a row whose correlation id cannot be read, and calls the others', async () => {
			const result = await campaign(
				{ ...parameters, to: '={{ $json.phone }}', correlationId: failingFor('ref') },
				items,
			);
			const out = rows(result);
			expect(out.map((row) => row.status)).toEqual([
				'queued',
				'invalid',
				'invalid',
				'invalid',
				'queued',
			]);
			expect(out[2].message).toMatch(/^correlationId could not be read for this row: /);
			expect(out[0].correlationId).toBe('a');
			expect(requestsTo(path)).toHaveLength(1);
		});

		it('stops before sending anything when the campaign’s own fields cannot be read (item 0 names it)', async () => {
			const brokenFirst = [{ phone: '+447911000001', broken: true }, ...items.slice(4)];
			const field =
				parameters.provider === 'innoPaas'
					? 'templateId'
					: parameters.provider === 'imiconnectMessaging'
						? 'callflowid'
						: 'from';
			const result = await campaign(
				{ ...parameters, to: '={{ $json.phone }}', [field]: failingFor('phone') },
				brokenFirst,
			);
			expect(result.error).toBeInstanceOf(NodeOperationError);
			expect(result.error?.message).toMatch(/^The campaign’s fields could not be read: /);
			expect((result.error as NodeOperationError).context.itemIndex).toBe(0);
			expect(
				accounts.simulator.requests.filter((request) => request.path !== '/oauth/token'),
			).toHaveLength(0);

			const continued = await campaign(
				{ ...parameters, to: '={{ $json.phone }}', [field]: failingFor('phone') },
				brokenFirst,
				true,
			);
			expect(rows(continued).map((row) => [row.status, row.message])).toEqual([
				['invalid', expect.stringMatching(/^The campaign’s fields could not be read: /)],
				['invalid', expect.stringMatching(/^The campaign’s fields could not be read: /)],
			]);
			expect(accounts.simulator.dialCounts()).toEqual({});
		});
	},
);

describe('Send Voice Campaign: rows and times of one provider', () => {
	it.each(['constructor', 'toString'])(
		'takes a Correlation ID that reads "%s" as that text, not as a property of Object',
		async (correlationId) => {
			const result = await campaign(
				{ ...PATHS[0].parameters, to: '={{ $json.phone }}', correlationId },
				[{ phone: '+447911000001' }, { phone: '+447911000002' }],
			);
			expect(rows(result).map((row) => [row.status, row.correlationId])).toEqual([
				['queued', correlationId],
				['queued', correlationId],
			]);
		},
	);

	it('InnoPaaS: a row whose template variables cannot be read is invalid; the campaign goes on', async () => {
		const result = await campaign(
			{
				...PATHS[3].parameters,
				to: '={{ $json.phone }}',
				templateVariables: { variable: [{ value: failingFor('name') }] },
			},
			[
				{ phone: '+447911000001', name: 'Ada' },
				{ phone: '+447911000002', broken: true },
				{ phone: '+447911000003', name: 'Grace' },
			],
		);
		expect(rows(result).map((row) => row.status)).toEqual(['queued', 'invalid', 'queued']);
		expect(rows(result)[1].message).toMatch(/^a field of this row could not be read: /);
		expect((requestsTo(PATHS[3].path)[0].body as IDataObject).mobile).toBe(
			'447911000001,Ada;447911000003,Grace',
		);
	});

	it('InnoPaaS: a first row of a country without a known calling code is refused alone; the campaign is not', async () => {
		// The first group's check was the campaign's: the whole campaign failed for one row.
		const result = await campaign({ ...PATHS[3].parameters, to: '={{ $json.phone }}' }, [
			{ phone: '+88216123456' },
			{ phone: '+447911000001' },
		]);
		expect(result.error).toBeUndefined();
		expect(rows(result).map((row) => row.status)).toEqual(['invalid', 'queued']);
		expect(rows(result)[0].message).toContain('countryCode is required for to "+88216123456"');
	});

	it('Routee: a Scheduled Date without a zone is the workflow’s wall-clock time; an impossible one is refused', async () => {
		const scheduled = {
			...PATHS[2].parameters,
			to: '={{ $json.phone }}',
			options: { scheduledDate: '2027-01-15T09:00:00' },
		};
		const result = await runNode({
			node: new SendVoiceCampaign(),
			parameters: scheduled,
			items: [{ phone: '+306900000001' }],
			credentials: accounts.credentials(),
			credentialTypes: accounts.credentialTypes(),
			settings: { timezone: 'Europe/Athens' },
		});
		expect(rows(result)[0].status).toBe('queued');
		expect((requestsTo(PATHS[2].path)[0].body as IDataObject).scheduledDate).toBe(
			'2027-01-15T07:00:00.000Z',
		);

		accounts.simulator.reset();
		const impossible = await campaign(
			{ ...scheduled, options: { scheduledDate: '2027-02-29T09:00:00Z' } },
			[{ phone: '+306900000001' }],
		);
		expect(impossible.error?.message).toBe(
			'scheduledDate "2027-02-29T09:00:00Z" is not a real date: February 2027 has no day 29',
		);
		expect(requestsTo(PATHS[2].path)).toHaveLength(0);
	});
});
