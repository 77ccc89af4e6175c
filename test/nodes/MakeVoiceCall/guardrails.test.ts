/** Guardrails on Make Voice Call (n8n-core, simulator over HTTP): nothing outside them is dialled. */
import { NodeOperationError } from 'n8n-workflow';

import { MakeVoiceCall } from '../../../nodes/MakeVoiceCall/MakeVoiceCall.node';
import { runAtOnce, runWorkflow, SOURCE_NODE_NAME, SOURCE_NODE_TYPE } from '../../harness';
import { groupRunner, nodeRunner, webexTts } from '../../support/nodeRunner';
import { rows } from '../../support/nodes';
import { useProviderAccounts } from '../../support/providerAccounts';

const accounts = useProviderAccounts('mvc-guard');

const tts = webexTts('Your glasses are ready');
const call = groupRunner(
	nodeRunner(() => new MakeVoiceCall(), accounts, tts),
	'guardrails',
);

describe('Make Voice Call guardrails', () => {
	it('without guardrails calls any number, as before', async () => {
		const result = await call({}, [{ phone: '+33123456789' }, { phone: '+16135550100' }]);
		expect(rows(result).map((row) => row.status)).toEqual(['queued', 'queued']);
	});

	it('Allowed Destinations: a number elsewhere is refused with the number and the rule, and nothing is sent for it', async () => {
		const refused = await call({ allowedDestinations: 'GB, +1800' }, [
			{ phone: '+33 1 23 45 67 89' },
		]);
		expect(refused.error).toBeInstanceOf(NodeOperationError);
		expect(refused.error?.message).toBe(
			'Not dialled: +33123456789 is a number in France (FR), and Allowed Destinations permits only GB, +1800. This call is outside the destinations the workflow owner allows; do not retry it with the same number.',
		);
		expect((refused.error as NodeOperationError).context.itemIndex).toBe(0);
		expect(accounts.simulator.requests).toHaveLength(0);

		const mixed = await call(
			{ allowedDestinations: 'GB, +1800' },
			[{ phone: '+442079460123' }, { phone: '+33123456789' }, { phone: '+18005550100' }],
			{ continueOnFail: true },
		);
		expect(rows(mixed).map((row) => [row.to, row.status])).toEqual([
			['+442079460123', 'queued'],
			['+33123456789', 'blocked'],
			['+18005550100', 'queued'],
		]);
		expect(rows(mixed)[1].message).toContain('Allowed Destinations permits only GB, +1800');
		expect(Object.keys(accounts.simulator.dialCounts()).sort()).toEqual([
			'+18005550100',
			'+442079460123',
		]);
	});

	it('Max Calls per Run: a run over the limit is refused before anyone is dialled; with Continue On Fail the calls over it are blocked', async () => {
		const items = [{ phone: '+442079460121' }, { phone: '+442079460122, +442079460123' }];
		const refused = await call({ maxCallsPerRun: 2 }, items);
		expect(refused.error?.message).toContain(
			'this would place 3 more calls, and Max Calls per Run allows at most 2 per workflow execution',
		);
		expect(accounts.simulator.requests).toHaveLength(0);

		const partly = await call(
			{ maxCallsPerRun: 2 },
			[{ phone: '+442079460121' }, { phone: '+442079460122' }, { phone: '+442079460123' }],
			{ continueOnFail: true },
		);
		expect(rows(partly).map((row) => row.status)).toEqual(['queued', 'queued', 'blocked']);
		expect(rows(partly)[2].message).toContain(
			'after the 2 already placed by this node in this execution',
		);
		expect(accounts.simulator.dialCounts()).toEqual({ '+442079460121': 1, '+442079460122': 1 });
	});

	it('counts every run of the node in one execution (a loop, an agent calling again): the third run is refused', async () => {
		const type = 'n8n-nodes-outbound-voice.makeVoiceCall';
		// The node's output feeds it again: one call per run until the guardrail stops it.
		const result = await runWorkflow({
			nodeTypes: { [type]: new MakeVoiceCall() },
			nodes: [
				{ name: SOURCE_NODE_NAME, type: SOURCE_NODE_TYPE },
				{
					name: 'Call',
					type,
					parameters: { ...tts, to: '+442079460123', guardrails: { maxCallsPerRun: 2 } },
				},
			],
			connections: {
				[SOURCE_NODE_NAME]: { main: [[{ node: 'Call', type: 'main', index: 0 }]] },
				Call: { main: [[{ node: 'Call', type: 'main', index: 0 }]] },
			},
			credentials: accounts.credentials(),
			credentialTypes: accounts.credentialTypes(),
		});
		expect(result.runData.Call).toHaveLength(3);
		expect(result.error?.message).toBe(
			'Not dialled: this would place 1 more call after the 2 already placed by this node in this execution, and Max Calls per Run allows at most 2 per workflow execution. Nobody was called by this request; the limit protects against placing too many real, paid calls.',
		);
		expect(accounts.simulator.dialCount('+442079460123')).toBe(2);
	});

	it('as an AI agent tool, the refusal is the message the model gets', async () => {
		const result = await call({ allowedDestinations: 'GB', maxCallsPerRun: 3 }, [{}], {
			type: 'n8n-nodes-outbound-voice.makeVoiceCallTool',
			parameters: { to: '+19005550100' },
		});
		expect(result.error?.message).toContain(
			'+19005550100 is a number in United States (US), and Allowed Destinations permits only GB',
		);
		expect(accounts.simulator.requests).toHaveLength(0);
	});

	it('refuses a setting it cannot read before anyone is dialled', async () => {
		const result = await call({ allowedDestinations: 'England' }, [{ phone: '+442079460123' }]);
		expect(result.error?.message).toContain(
			'Allowed Destinations: "England" is neither a country code',
		);
		expect(accounts.simulator.requests).toHaveLength(0);
	});

	it('as an AI agent tool (any version), refuses to run unless the owner fixed both guardrails', async () => {
		const tool = 'n8n-nodes-outbound-voice.makeVoiceCallTool';
		for (const guardrails of [
			{},
			{ allowedDestinations: 'GB' },
			{
				allowedDestinations: 'GB',
				maxCallsPerRun: "={{ $fromAI('most', 'How many calls', 'number') }}",
			},
		]) {
			const result = await call(guardrails, [{}], {
				type: tool,
				parameters: { to: '+442079460123' },
			});
			expect(result.error).toBeInstanceOf(NodeOperationError);
			expect(result.error?.message).toContain(
				'Max Calls per Run (a number of at least 1, such as 3)',
			);
		}
		const open = await call({}, [{}], { type: tool, parameters: { to: '+442079460123' } });
		expect(open.error?.message).toContain(
			'Allowed Destinations (the countries or prefixes it may call, such as GB) and Max Calls per Run',
		);
		expect(accounts.simulator.requests).toHaveLength(0);
		// The same node outside an agent keeps its guardrails optional.
		const plain = await call({}, [{ phone: '+442079460123' }]);
		expect(rows(plain).map((row) => row.status)).toEqual(['queued']);
	});

	it('two runs at once in one execution share Max Calls per Run: limit 2, two calls of three', async () => {
		const [first, second] = await runAtOnce({
			node: new MakeVoiceCall(),
			type: 'n8n-nodes-outbound-voice.makeVoiceCallTool',
			parameters: { ...tts, guardrails: { allowedDestinations: 'GB', maxCallsPerRun: 2 } },
			credentials: accounts.credentials(),
			credentialTypes: accounts.credentialTypes(),
			runs: [
				[{ phone: '+442079460121' }, { phone: '+442079460122' }],
				[{ phone: '+442079460123' }],
			],
		});
		expect(first.output?.[0].map((item) => item.json.status)).toEqual(['queued', 'queued']);
		expect(second.error?.message).toContain(
			'this would place 1 more call after the 2 already placed by this node in this execution',
		);
		expect(accounts.simulator.dialCounts()).toEqual({ '+442079460121': 1, '+442079460122': 1 });
	});
});
