/** Do-Not-Call Numbers on Send Voice Campaign (n8n-core, simulator over HTTP): listed numbers are never dialled. */
import { NodeOperationError, type IDataObject, type INodeParameters } from 'n8n-workflow';

import { SendVoiceCampaign } from '../../../nodes/SendVoiceCampaign/SendVoiceCampaign.node';
import { nodeRunner, webexTts } from '../../support/nodeRunner';
import { expectRefusedInput, rows } from '../../support/nodes';
import { useProviderAccounts } from '../../support/providerAccounts';

const accounts = useProviderAccounts('svc-dnc');

const campaignRun = nodeRunner(
	() => new SendVoiceCampaign(),
	accounts,
	webexTts('Your appointment is tomorrow at nine'),
);

function campaign(
	compliance: INodeParameters,
	items: IDataObject[],
	options: { settings?: INodeParameters; guardrails?: INodeParameters; type?: string } = {},
) {
	return campaignRun(
		{
			compliance,
			guardrails: options.guardrails ?? {},
			defaultCountry: 'GB',
			campaign: options.settings ?? {},
		},
		items,
		{ type: options.type },
	);
}

const people = [
	{ phone: '+447911000001' },
	{ phone: '07911 000002' },
	{ phone: 'not a number' },
	{ phone: '+447911000003' },
	{ phone: '+447911000001' },
];

describe('Send Voice Campaign: Do-Not-Call Numbers', () => {
	it('a listed recipient (national or E.164, in the list or the input) is suppressed and never dialled; every input is in exactly one row', async () => {
		const result = await campaign(
			{ doNotCall: '020 7946 0999, +447911000002\n07911 000003' },
			people,
		);
		expect(result.error).toBeUndefined();
		expect(rows(result).map((row) => [row.to, row.status])).toEqual([
			['+447911000001', 'queued'],
			['+447911000002', 'suppressed'],
			['not a number', 'invalid'],
			['+447911000003', 'suppressed'],
			['+447911000001', 'duplicate'],
		]);
		expect(rows(result)[1].message).toBe('+447911000002 is on the Do-Not-Call list: not dialled.');
		expect(result.items.map((item) => item.pairedItem)).toEqual(
			people.map((_, item) => ({ item })),
		);
		expect(Object.keys(accounts.simulator.dialCounts())).toEqual(['+447911000001']);
	});

	it('a list given by expression is read once, from the first item', async () => {
		const result = await campaign({ doNotCall: '={{ $json.optOuts ?? [] }}' }, [
			{ phone: '+447911000001', optOuts: ['+447911000002'] },
			{ phone: '+447911000002', optOuts: ['+447911000001'] },
		]);
		expect(rows(result).map((row) => row.status)).toEqual(['queued', 'suppressed']);
		expect(Object.keys(accounts.simulator.dialCounts())).toEqual(['+447911000001']);
	});

	it('the summary counts suppressed rows apart, and they do not count toward Max Calls per Run', async () => {
		const result = await campaign(
			{ doNotCall: '+447911000002, +447911000003' },
			[{ phone: '+447911000001' }, { phone: '+447911000002' }, { phone: '+447911000003' }],
			{ guardrails: { maxCallsPerRun: 1 }, settings: { output: 'summary' } },
		);
		expect(result.error).toBeUndefined();
		expect(rows(result)).toEqual([
			expect.objectContaining({
				total: 3,
				statuses: { queued: 1, suppressed: 2 },
				suppressed: 2,
				outsideWindow: 0,
			}),
		]);
		expect(Object.keys(accounts.simulator.dialCounts())).toEqual(['+447911000001']);
	});

	it('an entry that cannot be read refuses the run with its value; nobody is dialled', async () => {
		const result = await campaign({ doNotCall: '+447911000002, call me maybe' }, people);
		expectRefusedInput(result, 'entry 2 "call me maybe"', accounts.simulator);
		expect(result.error?.message).toContain('so nobody was called');
	});

	it('a list filled in by an AI model ($fromAI) is refused before anyone is dialled', async () => {
		const result = await campaign(
			{ doNotCall: "={{ $fromAI('optOuts', 'numbers not to call') }}" },
			[{ phone: '+447911000001' }],
			{
				type: 'n8n-nodes-outbound-voice.sendVoiceCampaignTool',
				guardrails: { allowedDestinations: 'GB', maxCallsPerRun: 3 },
			},
		);
		expect(result.error).toBeInstanceOf(NodeOperationError);
		expect(result.error?.message).toContain(
			'Do-Not-Call Numbers are set by the workflow owner, not by the model',
		);
		expect(accounts.simulator.requests).toHaveLength(0);
	});
});
