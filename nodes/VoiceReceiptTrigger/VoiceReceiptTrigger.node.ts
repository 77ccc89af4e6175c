import {
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { CALL_STATUSES } from '../shared/events';
import {
	packRecentReceipts,
	ReceiptMemory,
	receiveReceiptsInto,
	type PackedRecentReceipts,
	type ReceiptProviderChoice,
} from '../shared/receipts';
import type { AuthenticityKind, AuthenticityRule } from '../shared/signature';
import { isValidTimeZone } from '../shared/time';
import { testVoiceReceiptWebhookCredential } from './credentialTest';

const CREDENTIAL = 'voiceReceiptWebhookApi';
const STATIC_DATA_KEY = 'recentReceipts';
const LIVE_MEMORIES = 200;
/** Static data is a database write per request; the process memory is written there at most this often. */
const PERSIST_INTERVAL_MS = 5_000;
/** How many of its own recent writes to static data a trigger recognises when a request loads one. */
const OWN_WRITES = 4;

/**
 * The memory of recent receipts of each trigger (workflow and node), kept by this process.
 * n8n 2.41 writes static data back after each request from the copy it loaded before it, so
 * receipts arriving together would overwrite each other's memory there (last write wins). This
 * memory is read and updated without an await in between, and takes in what static data holds
 * (which keeps the memory across restarts, and another webhook process's in queue mode) unless
 * that is one of its own recent writes, which it already holds.
 */
interface LiveMemory {
	memory: ReceiptMemory;
	/** When this process last wrote the memory to static data (ms). */
	persistedAt: number;
	/** The packed memories this process wrote to static data last, newest last. */
	written: string[];
}

const liveMemory = new Map<string, LiveMemory>();

/** The process memory of one trigger, most recently used last (the least recently used go first). */
function liveMemoryFor(key: string): LiveMemory {
	const live = liveMemory.get(key) ?? { memory: new ReceiptMemory(), persistedAt: 0, written: [] };
	liveMemory.delete(key);
	liveMemory.set(key, live);
	if (liveMemory.size > LIVE_MEMORIES) liveMemory.delete(liveMemory.keys().next().value as string);
	return live;
}

/** Takes in the memory static data holds, unless it is one this process wrote (already held). */
function takeInStored(live: LiveMemory, stored: unknown): void {
	if (stored === undefined) return;
	const packed = stored as Partial<PackedRecentReceipts> | null;
	if (packed?.version === 2 && typeof packed.entries === 'string' && live.written.includes(packed.entries)) return;
	live.memory.merge(stored);
}

/** The request as n8n 2.x hands it to a webhook (an express request; n8n has read the raw body). */
interface WebhookRequest {
	headers: Record<string, string | string[] | undefined>;
	query?: Record<string, unknown>;
	body?: unknown;
	rawBody?: Buffer;
	readRawBody?: () => Promise<void>;
}

/** Words a newcomer recognises for each status of the event model. */
const STATUS_LABELS: Record<(typeof CALL_STATUSES)[number], string> = {
	queued: 'Queued (Accepted by the Provider, Not Dialled Yet)',
	initiated: 'Initiated (Dialling)',
	ringing: 'Ringing',
	answered: 'Answered',
	'agent-connected': 'Agent Connected',
	'agent-released': 'Agent Released',
	completed: 'Completed (Final)',
	busy: 'Busy (Final)',
	'no-answer': 'No Answer (Final)',
	rejected: 'Rejected (Final)',
	failed: 'Failed (Final)',
	expired: 'Expired (Final)',
	unknown: 'Unknown (A Status This Package Does Not Know Yet)',
};

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
				displayOptions: { show: { authentication: ['headerSecret', 'querySecret', 'basicAuth', 'hubSignature'] } },
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
				options: [
					{
						name: 'Detect From Payload',
						value: 'auto',
						description: 'Recognise each receipt by its shape; one URL can serve every provider',
					},
					{
						name: 'InnoPaaS',
						value: 'innoPaas',
						description: 'Read every receipt as an InnoPaaS (Chuanglan 253) call record',
					},
					{
						name: 'Routee',
						value: 'routee',
						description: 'Read every receipt as a Routee voice callback',
					},
					{
						name: 'Webex Connect',
						value: 'webexConnect',
						description: 'Read every receipt as a Webex Connect (IMIconnect) delivery receipt',
					},
				],
				default: 'auto',
				description: 'Which provider sends the receipts to this URL',
			},
			{
				displayName: 'Authentication',
				name: 'authentication',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'Basic Auth',
						value: 'basicAuth',
						description:
							'The provider sends a user and password in the Authorization header (many accept them in the URL: https://user:password@…)',
					},
					{
						name: 'Header Secret',
						value: 'headerSecret',
						description: 'The provider sends the secret in a request header',
					},
					{
						name: 'None',
						value: 'none',
						description: 'Accept any request to this URL',
					},
					{
						name: 'Query Secret',
						value: 'querySecret',
						description: 'The secret is part of the URL you give the provider, e.g. …/voice-receipts?secret=…',
					},
					{
						name: 'Webex Connect Signature',
						value: 'hubSignature',
						description: 'Webex Connect signs each receipt with its hub secret (x-hub-signature header)',
					},
				],
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
				options: CALL_STATUSES.map((status) => ({ name: STATUS_LABELS[status], value: status })),
				default: [],
				description: 'Which call statuses start the workflow. Leave empty for every status.',
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
		const request = this.getRequestObject() as unknown as WebhookRequest;
		// n8n 2.x reads the raw body before calling the node; read it if a caller did not.
		if (request.rawBody === undefined && typeof request.readRawBody === 'function') await request.readRawBody();

		const options = this.getNodeParameter('options', {}) as {
			timeZone?: string;
			includeRaw?: boolean;
			duplicateWindowMinutes?: number;
			duplicateMemory?: number;
		};
		const timeZone = (options.timeZone ?? '').trim() || 'UTC';
		if (!isValidTimeZone(timeZone)) {
			throw new NodeOperationError(this.getNode(), `"${timeZone}" is not a time zone`, {
				description: 'Use an IANA time zone name such as UTC, Europe/London or Asia/Kolkata.',
			});
		}

		const authenticity = await authenticityRule.call(this);
		const dropDuplicates = this.getNodeParameter('dropDuplicates', true) as boolean;
		const staticData = this.getWorkflowStaticData('node');
		const stored = staticData[STATIC_DATA_KEY];
		// From here to the update below, nothing awaits: no other request can interleave.
		const live = dropDuplicates ? liveMemoryFor(`${this.getWorkflow().id ?? ''}:${this.getNode().id}`) : undefined;
		if (live) takeInStored(live, stored);
		const outcome = receiveReceiptsInto(
			{
				headers: request.headers,
				query: request.query,
				rawBody: request.rawBody,
				body: request.body,
				contentType: request.headers['content-type'],
			},
			live?.memory ?? new ReceiptMemory(),
			{
				authenticity,
				provider: this.getNodeParameter('provider', 'auto') as ReceiptProviderChoice,
				statuses: this.getNodeParameter('statuses', []) as string[],
				finalOnly: this.getNodeParameter('finalOnly', false) as boolean,
				dedupe: dropDuplicates
					? {
							capacity: options.duplicateMemory,
							windowMs: options.duplicateWindowMinutes === undefined ? undefined : options.duplicateWindowMinutes * 60000,
						}
					: false,
				timeZone,
				includeRaw: options.includeRaw === true,
			},
		);

		// n8n 2.41 saves workflow static data when the request is answered, but when a run starts
		// before that answer (its own "onReceived" answer waits for the run to be created) the
		// runner resets the change flag first and the memory of seen receipts would be lost. So
		// the node answers every request itself (noWebhookResponse), before any run starts.
		// The memory goes to static data (a database write) at most every few seconds, and at once
		// when static data holds none yet; in between, the process holds it. A restart forgets at
		// most the receipts of those last seconds.
		if (live && outcome.status === 200 && outcome.memoryChanged) {
			const now = Date.now();
			if (stored === undefined || now - live.persistedAt >= PERSIST_INTERVAL_MS) {
				const packed = packRecentReceipts(live.memory);
				staticData[STATIC_DATA_KEY] = packed as unknown as IDataObject;
				live.persistedAt = now;
				live.written.push(packed.entries);
				if (live.written.length > OWN_WRITES) live.written.shift();
			}
		}
		const response = this.getResponseObject();
		response.writeHead(outcome.status, { 'Content-Type': 'application/json; charset=utf-8' });
		response.end(JSON.stringify(outcome.body));

		// Without workflowData no run starts: not authentic (401), not a receipt (400), or every
		// receipt a duplicate or filtered out (200).
		if (outcome.status !== 200 || outcome.events.length === 0) return { noWebhookResponse: true };
		return {
			noWebhookResponse: true,
			workflowData: [this.helpers.returnJsonArray(outcome.events as unknown as IDataObject[])],
		};
	}
}

/** The rule for the selected Authentication option, with the credential's secrets. */
async function authenticityRule(this: IWebhookFunctions): Promise<AuthenticityRule> {
	const kind = this.getNodeParameter('authentication', 'none') as AuthenticityKind;
	if (kind === 'none') return { kind };
	const credential = await this.getCredentials<{ secret?: string; user?: string }>(CREDENTIAL);
	const secret = credential.secret ?? '';
	switch (kind) {
		case 'headerSecret':
			return { kind, secret, headerName: this.getNodeParameter('headerName', '') as string };
		case 'querySecret':
			return { kind, secret, parameter: this.getNodeParameter('queryParameter', '') as string };
		case 'basicAuth':
			return { kind, user: credential.user ?? '', password: secret };
		case 'hubSignature':
			return { kind, secret };
		default:
			throw new NodeOperationError(this.getNode(), `Unknown authentication "${String(kind)}"`);
	}
}
