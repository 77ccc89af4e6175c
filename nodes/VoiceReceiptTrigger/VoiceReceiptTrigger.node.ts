import {
	NodeConnectionTypes,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { testVoiceReceiptWebhookCredential } from './credentialTest';
import { receive } from './receive';
import { AUTHENTICATION_OPTIONS, PROVIDER_OPTIONS, STATUS_OPTIONS, WITH_CREDENTIAL } from './triggerOptions';

export class VoiceReceiptTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Voice Receipt Trigger',
		name: 'voiceReceiptTrigger',
		icon: { light: 'file:../../icons/receipt.svg', dark: 'file:../../icons/receipt.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["provider"] === "auto" ? "Any provider" : $parameter["provider"]}}',
		description:
			'Starts the workflow when a voice provider reports on a call: Webex Connect, Routee and InnoPaaS receipts as one kind of event',
		defaults: { name: 'Voice Receipt Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				// A literal (not CREDENTIAL): n8n's linter reads it to check the credential is tested.
				name: 'voiceReceiptWebhookApi',
				required: true,
				testedBy: 'voiceReceiptWebhookApiTest',
				displayOptions: { show: { authentication: WITH_CREDENTIAL } },
			},
		],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				// The node answers every request itself, at once (Webex Connect waits only 10 s).
				responseMode: 'onReceived',
				path: 'voice-receipts',
			},
		],
		properties: [
			{
				displayName:
					'Paste the Production URL above where your calls are placed: the Notify URL option (Webex Connect), Callback (Routee) or Bill URL (InnoPaaS) of Make Voice Call and Send Voice Campaign, typed or from an expression. These providers take the URL with each call, so activating the workflow registers nothing with them; receipts reach the Test URL only while you listen for a test event.',
				name: 'urlNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Provider',
				name: 'provider',
				type: 'options',
				noDataExpression: true,
				options: PROVIDER_OPTIONS,
				default: 'auto',
				description: 'Which provider sends the receipts to this URL',
			},
			{
				displayName: 'Authentication',
				name: 'authentication',
				type: 'options',
				noDataExpression: true,
				options: AUTHENTICATION_OPTIONS,
				default: 'none',
				description:
					'How a request proves it comes from your provider. Requests that fail are answered 401 and start no run.',
			},
			{
				displayName: 'Header Name',
				name: 'headerName',
				type: 'string',
				default: 'X-Receipt-Secret',
				required: true,
				displayOptions: { show: { authentication: ['headerSecret'] } },
				description: 'The request header that must hold the secret of the credential',
			},
			{
				displayName: 'Query Parameter',
				name: 'queryParameter',
				type: 'string',
				default: 'secret',
				required: true,
				displayOptions: { show: { authentication: ['querySecret'] } },
				description:
					'The URL query parameter that must hold the secret of the credential. Add it to the URL you give the provider, as in …/voice-receipts?secret=your-secret.',
			},
			{
				displayName: 'Statuses',
				name: 'statuses',
				type: 'multiOptions',
				options: STATUS_OPTIONS,
				default: [],
				description: 'Which call statuses start the workflow. Leave empty for every status.',
				hint: 'Empty means every status starts the workflow',
			},
			{
				displayName: 'Final Events Only',
				name: 'finalOnly',
				type: 'boolean',
				default: false,
				description:
					'Whether to start the workflow only for events after which nothing more happens to the call (completed, busy, no answer, rejected, failed, expired)',
			},
			{
				displayName: 'Drop Duplicates',
				name: 'dropDuplicates',
				type: 'boolean',
				default: true,
				description:
					'Whether to ignore a receipt identical (provider, message ID, status, time stamp) to one received recently. Providers retry deliveries; Webex Connect up to three times, 60 s apart. Remembered only while the workflow is active.',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Duplicate Memory Size',
						name: 'duplicateMemory',
						type: 'number',
						typeOptions: { minValue: 1, maxValue: 10000 },
						default: 1000,
						description: 'How many recent receipts to remember for spotting duplicates; the oldest are forgotten first',
					},
					{
						displayName: 'Duplicate Window (Minutes)',
						name: 'duplicateWindowMinutes',
						type: 'number',
						typeOptions: { minValue: 1 },
						default: 10,
						description: 'How long a receipt is remembered for spotting duplicates',
					},
					{
						displayName: 'Include Raw Payload',
						name: 'includeRaw',
						type: 'boolean',
						default: false,
						description:
							'Whether to add the provider\'s own payload to each event under "raw". Events with an unknown status always carry it.',
					},
					{
						displayName: 'Time Zone',
						name: 'timeZone',
						type: 'string',
						default: 'UTC',
						placeholder: 'Europe/London',
						description:
							'IANA time zone for provider time stamps that carry none (Webex Connect sends its tenant\'s local time). Event time stamps are always given in UTC.',
					},
				],
			},
		],
	};

	methods = {
		credentialTest: { voiceReceiptWebhookApiTest: testVoiceReceiptWebhookCredential },
	};

	/**
	 * These providers take the callback URL with each request (Make Voice Call's notifyUrl, a
	 * Routee callback, an InnoPaaS billUrl): there is no subscription to create, check or delete
	 * on their side. Activation therefore only registers the URL inside n8n.
	 */
	webhookMethods = {
		default: {
			async checkExists(): Promise<boolean> {
				// Nothing to look up remotely; reporting "exists" means n8n never calls create().
				return true;
			},
			async create(): Promise<boolean> {
				return true;
			},
			async delete(): Promise<boolean> {
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receive.call(this);
	}
}
