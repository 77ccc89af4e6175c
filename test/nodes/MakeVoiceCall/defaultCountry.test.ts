/** Make Voice Call's Default Country: national numbers read with libphonenumber-js, for every provider. */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { MakeVoiceCall } from '../../../nodes/MakeVoiceCall/MakeVoiceCall.node';
import { nodeRunner } from '../../support/nodeRunner';
import { expectRefusedInput, rows } from '../../support/nodes';
import { useProviderAccounts } from '../../support/providerAccounts';

const accounts = useProviderAccounts('country');

const tts = {
	provider: 'webexConnect',
	from: '+14155550100',
	contentType: 'TTS',
	text: 'Your order has shipped',
	language: 'en-GB',
	voice: 'SoniaNeural',
	region: 'uksouth',
};

const run = nodeRunner(() => new MakeVoiceCall(), accounts, {});
const call = (parameters: INodeParameters, items: IDataObject[] = [{}], continueOnFail = false) =>
	run(parameters, items, { continueOnFail });

describe('Make Voice Call: Default Country (n8n-core, simulator over HTTP)', () => {
	it('reads national numbers in the default country, several per item for Webex Connect', async () => {
		const result = await call({
			...tts,
			to: '020 7946 0125; +44 20 7946 0126',
			defaultCountry: 'gb',
		});
		expect(result.error).toBeUndefined();
		expect(rows(result).map((row) => [row.to, row.status])).toEqual([
			['+442079460125', 'queued'],
			['+442079460126', 'queued'],
		]);
		const sent = (
			accounts.simulator.requests[0].body as { to: Array<{ msisdn: string[] }> }
		).to.flatMap((entry) => entry.msisdn);
		expect(sent).toEqual(['+442079460125', '+442079460126']);
	});

	it('reads the default country per item, from an expression', async () => {
		const result = await call(
			{ ...tts, to: '={{ $json.phone }}', defaultCountry: '={{ $json.country }}' },
			[
				{ phone: '(415) 555-0100', country: 'US' },
				{ phone: '06 12 34 56 78', country: 'FR' },
			],
		);
		expect(rows(result).map((row) => row.to)).toEqual(['+14155550100', '+33612345678']);
	});

	it.each([
		[
			'routee',
			{
				provider: 'routee',
				from: '306912345678',
				type: 'SAY',
				text: 'Hello',
				language: 'en-GB',
				gender: 'female',
			},
			'/voice/conversation',
		],
		['innoPaas', { provider: 'innoPaas', templateId: 'tpl-1' }, '/open/int-voice/batch-notify'],
		[
			'imiconnectMessaging',
			{ provider: 'imiconnectMessaging', voiceContent: 'media', media: 'prompt-1' },
			'/resources/v1/messaging',
		],
	])('reads a national number for %s too', async (_provider, parameters, path) => {
		const result = await call({
			...parameters,
			to: '020 7946 0127',
			defaultCountry: 'GB',
		} as INodeParameters);
		expect(result.error).toBeUndefined();
		expect(rows(result)[0]).toMatchObject({ to: '+442079460127', status: 'queued' });
		expect(accounts.simulator.requests.filter((request) => request.path === path)).toHaveLength(1);
	});

	it('keeps numbers as typed without a default country, as before', async () => {
		const result = await call({ ...tts, to: '0044 20 7946 0128' });
		expect(rows(result)[0]).toMatchObject({ to: '+442079460128', status: 'queued' });
	});

	describe('refuses, with the reason, before anything is sent', () => {
		it.each([
			[
				{ to: '020 7946 0125' },
				'to "020 7946 0125" has no country code: write it in international form (e.g. +442079460123) or set Default Country',
			],
			[
				{ to: '020 7946 012', defaultCountry: 'GB' },
				'to "020 7946 012" is not a valid number in GB',
			],
			[{ to: 'call me', defaultCountry: 'GB' }, 'to "call me" is not a phone number'],
			[
				{ to: '020 7946 0125', defaultCountry: 'UK' },
				'to "020 7946 0125" cannot be read: default country "UK" is not an ISO 3166-1 alpha-2 code',
			],
		])('%#: %s', async (parameters, message) => {
			expectRefusedInput(await call({ ...tts, ...parameters }), message, accounts.simulator);
		});

		it('with Continue On Fail, an invalid row with the reason for each number of the item, the next item still called', async () => {
			const result = await call(
				{ ...tts, to: '={{ $json.phone }}', defaultCountry: 'GB' },
				[{ phone: '020 7946 0125, 999' }, { phone: '020 7946 0129' }],
				true,
			);
			expect(rows(result).map((row) => [row.to, row.status])).toEqual([
				['020 7946 0125', 'invalid'],
				['999', 'invalid'],
				['+442079460129', 'queued'],
			]);
			expect(rows(result)[0].message).toBe('to "999" is not a valid number in GB');
			expect(accounts.simulator.requests).toHaveLength(1);
		});
	});
});
