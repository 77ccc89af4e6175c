/** Guardrails on Send Voice Campaign (n8n-core, simulator over HTTP): nothing outside them is dialled. */
import { NodeOperationError, type IDataObject, type INodeParameters } from 'n8n-workflow';

import { SendVoiceCampaign } from '../../../nodes/SendVoiceCampaign/SendVoiceCampaign.node';
import { runNode } from '../../harness';
import { rows } from '../../support/nodes';
import { useProviderAccounts } from '../../support/providerAccounts';

const accounts = useProviderAccounts('svc-guard');

const tts = {
	provider: 'webexConnect',
	to: '={{ $json.phone }}',
	from: '+14155550100',
	contentType: 'TTS',
	text: 'Your appointment is tomorrow at nine',
	ttsProcessor: 'Azure',
	language: 'en-GB',
	voice: 'SoniaNeural',
	voiceType: 'neural',
	gender: 'female',
	region: 'uksouth',
};

function campaign(
	guardrails: INodeParameters,
	items: IDataObject[],
	options: { continueOnFail?: boolean; settings?: INodeParameters } = {},
) {
	return runNode({
		node: new SendVoiceCampaign(),
		parameters: { ...tts, guardrails, defaultCountry: 'GB', campaign: options.settings ?? {} },
		items,
		credentials: accounts.credentials(),
		credentialTypes: accounts.credentialTypes(),
		continueOnFail: options.continueOnFail,
	});
}

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
});
