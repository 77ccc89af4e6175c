/** Do-Not-Call Numbers on Make Voice Call (n8n-core, simulator over HTTP): listed numbers are never dialled. */
import { NodeOperationError } from 'n8n-workflow';

import { MakeVoiceCall } from '../../../nodes/MakeVoiceCall/MakeVoiceCall.node';
import { groupRunner, nodeRunner, webexTts } from '../../support/nodeRunner';
import { rows } from '../../support/nodes';
import { useProviderAccounts } from '../../support/providerAccounts';

const accounts = useProviderAccounts('mvc-dnc');

const call = groupRunner(
	nodeRunner(
		() => new MakeVoiceCall(),
		accounts,
		{ ...webexTts('Your glasses are ready'), defaultCountry: 'GB' },
		{ receiptSecret: 'dnc-secret-51' },
	),
	'compliance',
);

describe('Make Voice Call: Do-Not-Call Numbers', () => {
	it('a listed number gets a suppressed row and is left out of the request; the others are called', async () => {
		const result = await call({ doNotCall: '07911 000002' }, [
			{ phone: '+447911000001' },
			{ phone: '+447911000002' },
			{ phone: '+447911000001, 07911000002' },
		]);
		expect(result.error).toBeUndefined();
		expect(rows(result).map((row) => [row.to, row.status])).toEqual([
			['+447911000001', 'queued'],
			['+447911000002', 'suppressed'],
			['+447911000001', 'queued'],
			['+447911000002', 'suppressed'],
		]);
		expect(rows(result)[1].message).toBe('+447911000002 is on the Do-Not-Call list: not dialled.');
		expect(result.items.map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
			{ item: 2 },
		]);
		expect(accounts.simulator.dialCounts()).toEqual({ '+447911000001': 2 });
	});

	it('suppressed numbers do not count toward Max Calls per Run', async () => {
		const result = await call(
			{ doNotCall: '+447911000002, +447911000003' },
			[{ phone: '+447911000002' }, { phone: '+447911000001' }, { phone: '+447911000003' }],
			{ parameters: { guardrails: { maxCallsPerRun: 1 } } },
		);
		expect(result.error).toBeUndefined();
		expect(rows(result).map((row) => row.status)).toEqual(['suppressed', 'queued', 'suppressed']);
		expect(accounts.simulator.dialCounts()).toEqual({ '+447911000001': 1 });
	});

	it('an unreadable entry refuses the run with its value', async () => {
		const result = await call({ doNotCall: '["+447911000002", {"phone": "x"}]' }, [
			{ phone: '+447911000001' },
		]);
		expect(result.error).toBeInstanceOf(NodeOperationError);
		expect(result.error?.message).toContain('Do-Not-Call Numbers has 1 entry that cannot be read');
		expect(accounts.simulator.requests).toHaveLength(0);
	});

	it('the tool variant refuses a list filled in by the model', async () => {
		const result = await call({ doNotCall: "={{ $fromAI('skip', 'numbers to skip') }}" }, [{}], {
			type: 'n8n-nodes-outbound-voice.makeVoiceCallTool',
			parameters: {
				to: '+447911000001',
				guardrails: { allowedDestinations: 'GB', maxCallsPerRun: 2 },
			},
		});
		expect(result.error).toBeInstanceOf(NodeOperationError);
		expect(result.error?.message).toContain('not by the model');
		expect(accounts.simulator.requests).toHaveLength(0);
	});

	it('Call and Wait for Outcome refuses a listed number before dialling', async () => {
		const result = await call({ doNotCall: '+447911000001' }, [{}], {
			parameters: { operation: 'sendAndWait', to: '+447911000001' },
			mode: 'webhook',
			continueOnFail: true,
		});
		expect(rows(result)).toEqual([
			expect.objectContaining({
				call: expect.objectContaining({ status: 'suppressed', to: '+447911000001' }),
			}),
		]);
		expect(accounts.simulator.requests).toHaveLength(0);
	});
});
