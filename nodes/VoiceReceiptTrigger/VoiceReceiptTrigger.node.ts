import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type IHookFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { PROVIDER_NAMES, RECEIPT_URL_FIELDS } from '../common/providerTexts';
import { authenticationProperty, refuseWeakSecret } from './authentication';
import { testVoiceReceiptWebhookCredential } from './credentialTest';
import { receive } from './receive';
import { takeEvents } from './run';
import {
	DEFAULT_STORE_ENTRIES,
	PROVIDER_OPTIONS,
	signatureCredentials,
	STATUS_OPTIONS,
	WITH_CREDENTIAL,
} from './triggerOptions';

export class VoiceReceiptTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Voice Receipt Trigger',
		name: 'voiceReceiptTrigger',
		icon: { light: 'file:../../icons/receipt.svg', dark: 'file:../../icons/receipt.dark.svg' },
		group: ['trigger'],
		// 1.1: Authentication defaults to Query Secret and a Maximum Receipt Age applies by default
		// (1 keeps None and no age limit, so saved nodes keep theirs).
		version: [1, 1.1],
		defaultVersion: 1.1,
		subtitle: '={{$parameter["provider"] === "auto" ? "Any provider" : $parameter["provider"]}}',
		description: `Starts the workflow when a voice provider reports on a call: ${PROVIDER_NAMES} receipts as one kind of event`,
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
				// A request that starts a run is answered by n8n once the run exists, with the trigger's
				// summary (`webhookResponse`: an empty responseData makes n8n send it); the trigger answers
				// the others itself.
				responseMode: 'onReceived',
				responseData: '',
				path: 'voice-receipts',
			},
		],
		properties: [
			{
				// n8n's editor shows the webhook URLs in a section at the top of this panel, closed at first.
				displayName: `Open "Webhook URLs" at the top of this panel, choose Production URL, and paste it where your calls are placed: ${RECEIPT_URL_FIELDS} in Make Voice Call and Send Voice Campaign, typed or from an expression. These providers take the URL with each call, so activating the workflow registers nothing with them; receipts reach the Test URL only while you listen for a test event.`,
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
			authenticationProperty('none', 1),
			authenticationProperty('querySecret', { _cnd: { gte: 1.1 } }),
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
					'Whether to ignore a receipt identical (provider, message ID, status, time stamp) to one received within the duplicate window. Providers retry deliveries; Webex Connect up to three times, 60 s apart. Each n8n process remembers what it received; with several webhook processes (queue mode) also turn on Options → Check Across Processes.',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Check Across Processes',
						name: 'checkAcrossProcesses',
						type: 'boolean',
						default: false,
						description:
							"Whether each run also checks its events against n8n's own deduplication store (its database), so that a receipt delivered to two webhook processes (queue mode) starts the rest of the workflow once. Costs a few database queries per receipt.",
					},
					{
						displayName: 'Cross-Process Memory Size',
						name: 'acrossProcessesMemory',
						type: 'number',
						typeOptions: { minValue: 100, maxValue: 200000 },
						default: DEFAULT_STORE_ENTRIES,
						description:
							"With Check Across Processes: how many receipt IDs n8n's store keeps for this trigger (the oldest go first). Make it at least the receipts your instance takes in 4 minutes, the time over which providers retry; each ID costs about 27 bytes read and written per batch.",
					},
					{
						displayName: 'Cross-Process Store Call Limit (Ms)',
						name: 'storeCallLimitMs',
						type: 'number',
						typeOptions: { minValue: 10 },
						default: 1000,
						description:
							"With Check Across Processes: the longest a query to n8n's database may take, pauses included. The lock that makes the check exact relies on it: raise it if your database can be slower; each lock turn lasts at least 7.5 times this.",
					},
					{
						displayName: 'Drop Out-of-Order Events',
						name: 'dropOutOfOrder',
						type: 'boolean',
						default: false,
						description:
							'Whether to drop an event of a call whose final event (completed, busy, no answer, rejected, failed, expired) this n8n process already received, such as a ringing receipt delivered late, and, where the provider numbers its events (Twilio), an event numbered below one already taken. Dropped events are counted as outOfOrder in the answer.',
					},
					{
						displayName: 'Duplicate Memory Limit',
						name: 'duplicateMemory',
						type: 'number',
						typeOptions: { minValue: 1, maxValue: 1000000 },
						default: 1000000,
						description:
							'Most receipts remembered for spotting duplicates (the oldest are forgotten first). By default every receipt of the duplicate window is remembered: 100,000 receipts take about 3.5 MB.',
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
						displayName: 'Maximum Receipt Age (Minutes)',
						name: 'maxReceiptAgeMinutes',
						type: 'number',
						typeOptions: { minValue: 0 },
						default: 10,
						description:
							'Receipts whose time stamp is older than this are answered 200 and counted as stale, and start nothing: a replayed receipt is then either remembered as a duplicate or too old. Without this option, version 1.1 uses the Duplicate Window; 0 turns the check off.',
					},
					{
						displayName: 'Time Zone',
						name: 'timeZone',
						type: 'string',
						default: 'UTC',
						placeholder: 'Europe/London',
						description:
							"IANA time zone for provider time stamps that carry none (Webex Connect sends its tenant's local time). Event time stamps are always given in UTC.",
					},
				],
			},
		],
	};

	methods = {
		credentialTest: { voiceReceiptWebhookApiTest: testVoiceReceiptWebhookCredential },
	};

	constructor() {
		// A provider's own credential where its signature reads the secret there (Twilio's Auth
		// Token). Added here: n8n's linter reads the list above element by element, and a spread
		// of the registry's list there breaks it.
		this.description.credentials!.push(...signatureCredentials('authentication'));
	}

	/**
	 * These providers take the callback URL with each request (Make Voice Call's notifyUrl, a
	 * Routee callback, an InnoPaaS billUrl): there is no subscription to create, check or delete
	 * on their side. Activation therefore only registers the URL inside n8n.
	 */
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				// Called on every activation (and on n8n's start): a guessable secret never goes live.
				await refuseWeakSecret(this);
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

	/** The trigger's step in the run it started: keeps its memory in static data and, when asked, checks n8n's store. */
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await takeEvents.call(this);
	}
}
