/** Guardrails on Send Voice Campaign (n8n-core, simulator over HTTP): nothing outside them is dialled. */
import { NodeOperationError, type IDataObject, type INodeParameters } from 'n8n-workflow';

import { SendVoiceCampaign } from '../../../nodes/SendVoiceCampaign/SendVoiceCampaign.node';
import { runAtOnce } from '../../harness';
import { nodeRunner, webexTts, type RunOptions } from '../../support/nodeRunner';
import { rows } from '../../support/nodes';
import { useProviderAccounts } from '../../support/providerAccounts';

const accounts = useProviderAccounts('svc-guard');

const tts = webexTts('Your appointment is tomorrow at nine');
const campaignRun = nodeRunner(() => new SendVoiceCampaign(), accounts, tts);

function campaign(
	guardrails: INodeParameters,
	items: IDataObject[],
	options: RunOptions & { settings?: INodeParameters; parameters?: INodeParameters } = {},
) {
	return campaignRun(
		{ ...options.parameters, guardrails, defaultCountry: 'GB', campaign: options.settings ?? {} },
		items,
		options,
	);
}

const routee = {
	provider: 'routee',
	from: '306912345678',
	name: 'Reminders',
	type: 'SAY',
	text: 'Your parcel arrives tomorrow',
	language: 'en-GB',
	gender: 'female',
};

const people = [
	{ phone: '+447911000001' },
	{ phone: '+33612345678' },
	{ phone: '020 7946 0123' },
	{ phone: '+19005550100' },
];

describe('Send Voice Campaign guardrails', () => {
	it('Allowed Destinations: rows elsewhere are blocked with the reason; the others are called in one batch', async () => {
		const result = await campaign({ allowedDestinations: 'GB' }, people);
		expect(result.error).toBeUndefined();
		expect(rows(result).map((row) => [row.to, row.status])).toEqual([
			['+447911000001', 'queued'],
			['+33612345678', 'blocked'],
			['+442079460123', 'queued'],
			['+19005550100', 'blocked'],
		]);
		expect(rows(result)[3].message).toContain(
			'+19005550100 is a number in United States (US), and Allowed Destinations permits only GB',
		);
		expect(Object.keys(accounts.simulator.dialCounts()).sort()).toEqual([
			'+442079460123',
			'+447911000001',
		]);
	});

	it('a dry run shows the blocked rows too', async () => {
		const result = await campaign({ allowedDestinations: '+44' }, people, {
			settings: { dryRun: true },
		});
		const blocked = rows(result).filter((row) => row.status === 'blocked');
		expect(blocked.map((row) => row.to)).toEqual(['+33612345678', '+19005550100']);
		expect(accounts.simulator.requests).toHaveLength(0);
	});

	it('Max Calls per Run: a list longer than the limit is refused before anyone is dialled', async () => {
		const refused = await campaign({ maxCallsPerRun: 3 }, people);
		expect(refused.error).toBeInstanceOf(NodeOperationError);
		expect(refused.error?.message).toContain(
			'this would place 4 more calls, and Max Calls per Run allows at most 3 per workflow execution',
		);
		expect(accounts.simulator.requests).toHaveLength(0);

		const blocked = await campaign({ maxCallsPerRun: 3 }, people, {
			continueOnFail: true,
			settings: { output: 'summary' },
		});
		expect(rows(blocked)).toEqual([
			expect.objectContaining({ total: 4, statuses: { blocked: 4 } }),
		]);
		expect(accounts.simulator.requests).toHaveLength(0);

		const within = await campaign({ maxCallsPerRun: 4 }, people);
		expect(rows(within).map((row) => row.status)).toEqual(['queued', 'queued', 'queued', 'queued']);
	});

	it('two runs at once in one execution (an agent’s parallel tool calls) share Max Calls per Run: limit 1, one call', async () => {
		const [first, second] = await runAtOnce({
			node: new SendVoiceCampaign(),
			parameters: { ...tts, defaultCountry: 'GB', guardrails: { maxCallsPerRun: 1 } },
			credentials: accounts.credentials(),
			credentialTypes: accounts.credentialTypes(),
			runs: [[{ phone: '+447911000001' }], [{ phone: '+447911000002' }]],
		});
		expect(first.error).toBeUndefined();
		expect(first.output?.[0].map((item) => item.json.status)).toEqual(['queued']);
		expect(second.error?.message).toContain(
			'this would place 1 more call after the 1 already placed by this node in this execution, and Max Calls per Run allows at most 1',
		);
		expect(accounts.simulator.dialCounts()).toEqual({ '+447911000001': 1 });
	});

	it('gives back the calls of rows that were not placed: a later run in the execution may use them', async () => {
		const runs = await runAtOnce({
			node: new SendVoiceCampaign(),
			parameters: { ...tts, defaultCountry: 'GB', guardrails: { maxCallsPerRun: 2 } },
			credentials: accounts.credentials(),
			credentialTypes: accounts.credentialTypes(),
			runs: [
				[{ phone: '+447911000001' }, { phone: 'not a number' }],
				[{ phone: '+447911000002' }],
				[{ phone: '+447911000003' }],
			],
			oneAfterAnother: true,
		});
		expect(runs.map((run) => run.output?.[0].map((item) => item.json.status))).toEqual([
			['queued', 'invalid'],
			['queued'],
			undefined,
		]);
		expect(runs[2].error?.message).toContain('after the 2 already placed');
		expect(accounts.simulator.dialCounts()).toEqual({ '+447911000001': 1, '+447911000002': 1 });
	});

	it('Routee Contacts and Groups are refused while a guardrail is set: their numbers cannot be checked or counted', async () => {
		const audience = { options: { contacts: 'c-1, c-2, c-3', groups: 'customers, vip' } };
		const refused = await campaign(
			{ allowedDestinations: 'GB', maxCallsPerRun: 1 },
			[{ phone: '+447911000001' }],
			{ parameters: { ...routee, ...audience } },
		);
		expect(refused.error).toBeInstanceOf(NodeOperationError);
		expect(refused.error?.message).toContain(
			'Not dialled: this campaign also calls 3 Routee contacts and 2 Routee groups, whose numbers the provider looks up itself',
		);
		const blocked = await campaign({ maxCallsPerRun: 5 }, [{ phone: '+447911000001' }], {
			parameters: { ...routee, options: { groups: 'vip' } },
			continueOnFail: true,
		});
		expect(rows(blocked).map((row) => [row.status, row.message])).toEqual([
			['blocked', expect.stringContaining('1 Routee group,')],
		]);
		expect(accounts.simulator.requests.filter((r) => r.path === '/voice/campaign')).toHaveLength(0);

		// Without guardrails they go out as before.
		const open = await campaign({}, [{ phone: '+447911000001' }], {
			parameters: { ...routee, ...audience },
		});
		expect(open.error).toBeUndefined();
		expect(accounts.simulator.requests.filter((r) => r.path === '/voice/campaign')).toHaveLength(1);
	});

	describe('as an AI agent tool', () => {
		const tool = 'n8n-nodes-outbound-voice.sendVoiceCampaignTool';

		it.each([
			['no guardrails', {}],
			['no limit', { allowedDestinations: 'GB', maxCallsPerRun: 0 }],
			[
				'destinations filled in by the model',
				{ allowedDestinations: "={{ $fromAI('where') }}", maxCallsPerRun: 3 },
			],
		])(
			'refuses to run with %s, saying how to set them; nobody is dialled',
			async (_case, guardrails) => {
				const result = await campaign(guardrails, [{ phone: '+447911000001' }], { type: tool });
				expect(result.error).toBeInstanceOf(NodeOperationError);
				expect(result.error?.message).toContain(
					"as an AI agent's tool this node places calls only within guardrails the workflow owner fixed",
				);
				expect(result.error?.message).toContain(
					'add Guardrails → Allowed Destinations and Max Calls per Run',
				);
				expect(accounts.simulator.requests).toHaveLength(0);
			},
		);

		it('runs with guardrails the owner fixed', async () => {
			const result = await campaign(
				{ allowedDestinations: 'GB', maxCallsPerRun: 3 },
				[{ phone: '+447911000001' }],
				{ type: tool },
			);
			expect(rows(result).map((row) => row.status)).toEqual(['queued']);
		});
	});
});
