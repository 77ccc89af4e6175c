/** The test-only provider's n8n side: its forms, a picker and its credential (see provider.ts). */
import type { ICredentialType, INodeProperties } from 'n8n-workflow';

import { splitNumbers } from '../../../nodes/core/phone';
import type { CallForm, CampaignForm } from '../../../nodes/providers/formParts';
import { withNodeParts } from '../../../nodes/providers/types';
import { fixtureVoiceProvider } from './provider';

const say: INodeProperties = {
	displayName: 'Say',
	name: 'fixtureSay',
	type: 'string',
	default: '',
	description: 'What the person hears',
};

const callForm: CallForm = {
	description: 'One call per item through Fixture Voice',
	properties: [{ displayName: 'To', name: 'to', type: 'string', default: '', required: true }, say],
	read: (context, itemIndex) => ({
		recipients: splitNumbers(context.getNodeParameter('to', itemIndex)).map((to) => ({ to })),
		text: context.getNodeParameter('fixtureSay', itemIndex, ''),
	}),
};

const campaignForm: CampaignForm = {
	description: 'One call per recipient through Fixture Voice, paced',
	defaultConcurrency: 5,
	properties: [say],
	read: (context, itemIndex) => ({ text: context.getNodeParameter('fixtureSay', itemIndex, '') }),
};

export const fixtureVoice = withNodeParts(fixtureVoiceProvider, {
	forms: { fixtureVoice: { call: callForm, campaign: campaignForm } },
	receiptsDescription: 'Read every receipt as a Fixture Voice status callback',
	receiptUrlField: 'Status Callback',
	loadOptions: {
		fixtureVoices: async () => [{ name: 'Fixture Voice One', value: 'one' }],
	},
});

/** Its credential: an account id (not secret, part of the request path) and a token (secret). */
export class FixtureVoiceApi implements ICredentialType {
	name = 'fixtureVoiceApi';
	displayName = 'Fixture Voice API';
	properties: INodeProperties[] = [
		{ displayName: 'Account ID', name: 'accountId', type: 'string', default: '' },
		{
			displayName: 'Auth Token',
			name: 'authToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
		},
		{ displayName: 'Base URL', name: 'baseUrl', type: 'string', default: '' },
	];
	authenticate = {
		type: 'generic' as const,
		properties: { headers: { Authorization: '=Bearer {{$credentials.authToken}}' } },
	};
	test = { request: { baseURL: '={{$credentials.baseUrl}}', url: '/me' } };
}
