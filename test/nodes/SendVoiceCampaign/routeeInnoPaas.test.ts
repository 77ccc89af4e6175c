import { NodeOperationError, type IDataObject, type INodeParameters } from 'n8n-workflow';

import { SendVoiceCampaign } from '../../../nodes/SendVoiceCampaign/SendVoiceCampaign.node';
import type { NodeRunResult } from '../../harness';
import { nodeRunner } from '../../support/nodeRunner';
import { contacts, expectNoSecrets, rows } from '../../support/nodes';
import { useProviderAccounts } from '../../support/providerAccounts';

const accounts = useProviderAccounts('svc-routee-inno');

const campaignRun = nodeRunner(() => new SendVoiceCampaign(), accounts, {
	to: '={{ $json.phone }}',
});
const campaign = (parameters: INodeParameters, items: IDataObject[]) =>
	campaignRun(parameters, items);

const bodies = (path: string) =>
	accounts.simulator.requests
		.filter((request) => request.path === path)
		.map((request) => request.body as IDataObject);

const expectSecretsAbsent = (result: NodeRunResult) => expectNoSecrets(result, accounts.secrets);

describe('Send Voice Campaign through Routee (n8n-core, simulator over HTTP)', () => {
	const routee = {
		provider: 'routee',
		from: '306912345678',
		name: 'Delivery reminders',
		type: 'SAY',
		text: 'Your parcel arrives tomorrow',
		language: 'en-GB',
		gender: 'female',
		options: {
			respectQuietHours: true,
			hangupDelay: 25,
			collectDtmfDigits: true,
			collectDtmfAwaitSeconds: 4,
			contacts: 'c-1, c-2',
			groups: 'vip',
			callback: {
				settings: {
					url: 'https://n8n.example.com/webhook/r/voice-receipts',
					strategy: 'OnCompletion',
				},
			},
		},
	};

	it('splits 1,001 numbers into two uniquely named campaigns; contacts and groups go with the first only', async () => {
		const result = await campaign(routee, contacts(1001));
		expect(result.error).toBeUndefined();
		const sent = bodies('/voice/campaign');
		expect(
			sent.map((body) => [
				body.campaignName,
				(body.to as string[]).length,
				body.contacts,
				body.groups,
			]),
		).toEqual([
			['Delivery reminders 1', 1000, ['c-1', 'c-2'], ['vip']],
			['Delivery reminders 2', 1, undefined, undefined],
		]);
		expect(sent[0]).toMatchObject({
			from: '306912345678',
			message: { text: 'Your parcel arrives tomorrow', language: 'en-GB', gender: 'female' },
			respectQuietHours: true,
			hangupDelay: 25,
			collectDtmfDigits: true,
			collectDtmfAwaitSeconds: 4,
			callback: {
				url: 'https://n8n.example.com/webhook/r/voice-receipts',
				strategy: 'OnCompletion',
			},
		});
		const out = rows(result);
		expect(out).toHaveLength(1001);
		expect(out.every((row) => row.status === 'queued' && row.messageId === null)).toBe(true);
		expect(new Set(out.map((row) => row.campaignId)).size).toBe(2);
		expect(Object.values(accounts.simulator.dialCounts()).every((count) => count === 1)).toBe(true);
		expectSecretsAbsent(result);
	});

	it('keeps a single campaign under its own name and plays a .wav file', async () => {
		const result = await campaign(
			{ ...routee, type: 'PLAY', fileURL: 'https://cdn.example.com/reminder.wav', options: {} },
			contacts(3),
		);
		expect(rows(result).map((row) => row.status)).toEqual(['queued', 'queued', 'queued']);
		expect(bodies('/voice/campaign')).toEqual([
			expect.objectContaining({
				campaignName: 'Delivery reminders',
				fileURL: 'https://cdn.example.com/reminder.wav',
			}),
		]);
	});

	it('refuses a campaign name Routee would refuse, before sending', async () => {
		const result = await campaign({ ...routee, name: 'Réduction €5' }, contacts(2));
		expect(result.error).toBeInstanceOf(NodeOperationError);
		expect(result.error?.message).toBe(
			'campaignName "Réduction €5" may contain only Latin letters, digits, spaces and "-"',
		);
		expect(accounts.simulator.requests).toHaveLength(0);
	});
});

describe('Send Voice Campaign through InnoPaaS (n8n-core, simulator over HTTP)', () => {
	const innoPaas = {
		provider: 'innoPaas',
		templateId: 'tpl-42',
		templateVariables: {
			variable: [{ value: '={{ $json.name }}' }, { value: '={{ $json.slot }}' }],
		},
		options: {
			maxRecallCount: 2,
			recallInterval: 30,
			noAnswer: true,
			noConnected: false,
			transData: 'batch-7',
		},
	};

	it('sends one request per country, each number with its own template variables, without "+"', async () => {
		const result = await campaign(innoPaas, [
			{ phone: '+447911000001', name: 'Ada', slot: '9am' },
			{ phone: '+8613812345678', name: 'Li', slot: '10am' },
			{ phone: '+447911000002', name: 'Grace', slot: '11am' },
			{ phone: '+447911000003', name: 'Bad, Name', slot: '1pm' },
		]);
		expect(result.error).toBeUndefined();
		const sent = bodies('/open/int-voice/batch-notify');
		expect(sent.map((body) => [body.countryCode, body.mobile])).toEqual([
			['GB', '447911000001,Ada|9am;447911000002,Grace|11am'],
			['CN', '8613812345678,Li|10am'],
		]);
		expect(sent[0]).toMatchObject({
			templateId: 'tpl-42',
			maxRecallCount: '2',
			recallInterval: '30',
			noAnswer: 'true',
			noConnected: 'false',
			transData: 'batch-7',
		});
		const out = rows(result);
		expect(out.map((row) => row.status)).toEqual(['queued', 'queued', 'queued', 'invalid']);
		expect(out[3].message).toContain('contains ","');
		expect(out[0].campaignId).toBe(out[2].campaignId);
		expect(out[0].campaignId).not.toBe(out[1].campaignId);
		expect(Object.values(accounts.simulator.dialCounts())).toEqual([1, 1, 1]);
		expectSecretsAbsent(result);
	});

	it('marks the recipients of a country without a known calling code invalid and still calls the rest', async () => {
		const result = await campaign({ ...innoPaas, templateVariables: {} }, [
			{ phone: '+447911000001' },
			{ phone: '+88216123456' },
		]);
		expect(rows(result).map((row) => row.status)).toEqual(['queued', 'invalid']);
		expect(rows(result)[1].message).toContain('countryCode is required for to "+88216123456"');
	});
});
