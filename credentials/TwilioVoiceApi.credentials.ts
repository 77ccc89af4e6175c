import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import { CALLS_PER_SECOND_FIELD } from '../nodes/providers/twilio/common';

/**
 * Twilio Programmable Voice: the Account SID with its Auth Token, or with an API key (SID and
 * secret). Named `twilioVoiceApi`, not `twilioApi`: that is n8n's own Twilio credential type, and a
 * community package must not define a type of the same name. The Auth Token is also what Twilio
 * signs its callbacks with, so the Voice Receipt Trigger's "Twilio Signature" reads it from here.
 */
export class TwilioVoiceApi implements ICredentialType {
	name = 'twilioVoiceApi';

	displayName = 'Twilio Voice API';

	icon = { light: 'file:../icons/twilio.svg', dark: 'file:../icons/twilio.dark.svg' } as const;

	documentationUrl =
		'https://github.com/n8n-nodes-outbound-voice/n8n-nodes-outbound-voice#twilio-voice-api';

	properties: INodeProperties[] = [
		{
			displayName: 'Account SID',
			name: 'accountSid',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'AC0123456789abcdef0123456789abcdef',
			description: 'Your account ID: "AC" and 32 characters, on the Twilio Console\'s start page',
		},
		{
			displayName: 'Authenticate With',
			name: 'authType',
			type: 'options',
			options: [
				{
					name: 'Auth Token',
					value: 'authToken',
					description: "The account's Auth Token, next to the Account SID in the Console",
				},
				{
					name: 'API Key',
					value: 'apiKey',
					description:
						'An API key of the account (Console → Account → API keys), which you can revoke alone',
				},
			],
			default: 'authToken',
		},
		{
			displayName: 'Auth Token',
			name: 'authToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			displayOptions: { show: { authType: ['authToken'] } },
			description: 'Places calls, and checks the signature of the callbacks Twilio sends',
		},
		{
			displayName: 'API Key SID',
			name: 'apiKeySid',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'SK0123456789abcdef0123456789abcdef',
			displayOptions: { show: { authType: ['apiKey'] } },
			description: 'The key\'s SID: "SK" and 32 characters',
		},
		{
			displayName: 'API Key Secret',
			name: 'apiKeySecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			displayOptions: { show: { authType: ['apiKey'] } },
			description: 'The secret Twilio showed once, when the key was made',
		},
		{
			displayName: 'Auth Token (for Callback Signatures)',
			name: 'authToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			displayOptions: { show: { authType: ['apiKey'] } },
			description:
				'Optional. Twilio signs its callbacks with the Auth Token, not with API keys: give it to check them with the Voice Receipt Trigger\'s "Twilio Signature"',
		},
		{
			displayName: CALLS_PER_SECOND_FIELD.displayName,
			name: CALLS_PER_SECOND_FIELD.name,
			type: 'number',
			typeOptions: {
				minValue: CALLS_PER_SECOND_FIELD.min,
				maxValue: CALLS_PER_SECOND_FIELD.max,
				numberPrecision: 1,
			},
			default: 1,
			description: `How many calls your Twilio account may start per second (its CPS): 1 unless it was raised in the Twilio Console (Voice → Settings → General → Calls per Second). Send Voice Campaign starts calls at this pace: 10,000 calls take about 2 h 47 min at 1 per second, 33 min at 5. Set it no higher than your account's: Twilio queues the calls beyond its CPS, so they ring later than the node's output says, maybe outside your calling window. ${CALLS_PER_SECOND_FIELD.min} to ${CALLS_PER_SECOND_FIELD.max}.`,
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'https://sandbox.example.com',
			description:
				'Optional. When set, requests go here instead of https://api.twilio.com: for a sandbox or a proxy.',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			auth: {
				username:
					'={{ $credentials.authType === "apiKey" ? $credentials.apiKeySid : $credentials.accountSid }}',
				password:
					'={{ $credentials.authType === "apiKey" ? $credentials.apiKeySecret : $credentials.authToken }}',
			},
		},
	};

	/** Reads the account: proves the SID and the secret belong together, and changes nothing. */
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{ ($credentials.baseUrl || "https://api.twilio.com").replace(/\\/+$/, "") }}',
			url: '=/2010-04-01/Accounts/{{ encodeURIComponent($credentials.accountSid.trim()) }}.json',
			method: 'GET',
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'Twilio did not accept these credentials (code 20003): check the Auth Token or the API key SID and secret',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message:
						'Twilio knows no such account for these credentials (code 20404): check the Account SID',
				},
			},
		],
	};
}
