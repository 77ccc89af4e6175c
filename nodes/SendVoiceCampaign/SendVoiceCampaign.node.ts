import {
	NodeApiError,
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type JsonObject,
} from 'n8n-workflow';

import { credentialTest } from '../common/credentialTests';
import { deliveryOptionsProperty, readDeliveryPolicy } from '../common/deliveryOptions';
import { readForEachItem } from '../common/parameters';
import { rowsFor, type ProviderFailure, type RecipientRow } from '../common/results';
import { deliver, Pacer } from '../common/transport';
import { CampaignPlan, tally, type PlannedBatch, type RefusedRow } from '../shared/campaign';
import { campaignAdapter, type Recipient } from '../shared/providers';
import { checkInput } from '../shared/validation';
import { CAMPAIGN_FORMS } from './providers';

/** Execution id and item position: enough to match any receipt back to its input row. */
const DEFAULT_CORRELATION_ID = '={{ $execution.id }}-{{ $itemIndex }}';

interface CampaignSettings {
	removeDuplicates?: boolean;
	output?: 'recipients' | 'summary';
	dryRun?: boolean;
	concurrency?: number;
	batchSize?: number;
}

/** One output row of a campaign: the recipient row plus where it went. */
type CampaignRow = RecipientRow & { batchIndex: number | null; campaignId: string | null };

export class SendVoiceCampaign implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Send Voice Campaign',
		name: 'sendVoiceCampaign',
		icon: { light: 'file:../../icons/campaign.svg', dark: 'file:../../icons/campaign.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: `={{ "Campaign via " + ${JSON.stringify(Object.fromEntries(CAMPAIGN_FORMS.map((form) => [form.provider, form.name])))}[$parameter["provider"]] }}`,
		description: 'Call every input item as one voice campaign, batched to the provider’s limits, with a result per recipient',
		defaults: { name: 'Send Voice Campaign' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		// Listed here, not imported: n8n's linter finds credential tests only in the node's own text.
		credentials: [
			{
				name: 'webexConnectApi',
				required: true,
				testedBy: 'webexConnectApiTest',
				displayOptions: { show: { provider: ['webexConnect', 'imiconnectMessaging'] } },
			},
			{ name: 'routeeApi', required: true, displayOptions: { show: { provider: ['routee'] } } },
			{
				name: 'innoPaasApi',
				required: true,
				testedBy: 'innoPaasApiTest',
				displayOptions: { show: { provider: ['innoPaas'] } },
			},
		],
		properties: [
			{
				displayName: 'Provider',
				name: 'provider',
				type: 'options',
				noDataExpression: true,
				options: CAMPAIGN_FORMS.map((form) => ({ name: form.name, value: form.provider, description: form.description })),
				default: 'webexConnect',
				description: 'Which voice API runs the campaign',
			},
			{
				displayName: 'To',
				name: 'to',
				type: 'string',
				default: '={{ $json.phone }}',
				required: true,
				description:
					'The number to call for each input item, usually an expression that reads a column of the item, such as phone. National numbers are read in the default country.',
			},
			{
				displayName: 'Correlation ID',
				name: 'correlationId',
				type: 'string',
				default: DEFAULT_CORRELATION_ID,
				description:
					'Your reference for each recipient, returned in the output and in every receipt, so a receipt can be matched back to its input row. The default is the execution ID and the item’s position.',
			},
			{
				displayName: 'Default Country',
				name: 'defaultCountry',
				type: 'string',
				default: '',
				placeholder: 'GB',
				description:
					'Two-letter country code (ISO 3166-1 alpha-2) used to read numbers written without a country code, such as "020 7946 0018". Leave empty when every number starts with + or 00.',
			},
			...CAMPAIGN_FORMS.flatMap((form) => form.properties),
			{
				displayName: 'Campaign Settings',
				name: 'campaign',
				type: 'collection',
				placeholder: 'Add Setting',
				default: {},
				options: [
					{
						displayName: 'Batch Size',
						name: 'batchSize',
						type: 'number',
						typeOptions: { minValue: 1, maxValue: 1000 },
						default: 1000,
						description: 'Recipients per request; the provider allows at most 1,000',
					},
					{
						displayName: 'Concurrent Requests',
						name: 'concurrency',
						type: 'number',
						typeOptions: { minValue: 1, maxValue: 16 },
						default: 4,
						description: 'How many batches are sent at the same time',
					},
					{
						displayName: 'Dry Run',
						name: 'dryRun',
						type: 'boolean',
						default: false,
						description:
							'Whether to only validate and output the exact requests that would be sent, without calling anyone (these are paid services)',
					},
					{
						displayName: 'Output',
						name: 'output',
						type: 'options',
						options: [
							{ name: 'One Item per Recipient', value: 'recipients', description: 'In input order, each with its status' },
							{ name: 'One Summary Item', value: 'summary', description: 'Totals per status, provider IDs and the campaign ID' },
						],
						default: 'recipients',
					},
					{
						displayName: 'Remove Duplicate Numbers',
						name: 'removeDuplicates',
						type: 'boolean',
						default: true,
						description:
							'Whether to call a number only once when several rows have it; the later rows are reported as "duplicate"',
					},
				],
			},
			deliveryOptionsProperty,
		],
	};

	methods = { credentialTest };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		if (items.length === 0) return [[]];
		const provider = this.getNodeParameter('provider', 0) as string;
		const adapter = campaignAdapter(provider);
		const form = CAMPAIGN_FORMS.find((candidate) => candidate.provider === provider)!;
		const settings = this.getNodeParameter('campaign', 0, {}) as CampaignSettings;
		const requestedAt = new Date().toISOString();

		const numbers = readForEachItem(this, 'to');
		const executionId = this.getExecutionId();
		const correlationIds = readForEachItem(this, 'correlationId', {
			[DEFAULT_CORRELATION_ID]: (itemIndex) => `${executionId}-${itemIndex}`,
		});
		const campaign = form.read(this, 0);
		const readRecipient = form.readRecipient;
		const plan = new CampaignPlan(
			{
				count: items.length,
				number: (index) => numbers[index],
				correlationId: (index) => correlationIds[index],
				extra: readRecipient && ((index) => readRecipient(this, index)),
			},
			{
				defaultCountry: this.getNodeParameter('defaultCountry', 0, '') as string,
				removeDuplicates: settings.removeDuplicates ?? true,
				batchSize: Math.min(settings.batchSize ?? adapter.maxRecipientsPerRequest, adapter.maxRecipientsPerRequest),
				checkRecipient: (value) => checkInput(adapter.recipientSchema, value),
				batchKey: adapter.batchKey?.bind(adapter),
				// A group's own derived fields (an InnoPaaS country) are checked with its first recipient.
				checkGroup: (first) => checkInput(adapter.schema, { ...campaign, recipients: [first] }),
			},
		);
		const requestFor = (batch: PlannedBatch<Recipients>) => adapter.forBatch?.(batch.call, batch.batchIndex, batch.onlyBatch) ?? batch.call;
		const credentials = await this.getCredentials(adapter.credentialType, 0);
		const baseUrl = adapter.baseUrl(credentials);

		if (settings.dryRun) {
			const dryRun = plan.remainingBatches().map((batch) => {
				const call = requestFor(batch);
				const request = adapter.buildRequest(call);
				return {
					json: { dryRun: true, batchIndex: batch.batchIndex, recipients: call.recipients.length, request: { method: request.method, url: `${baseUrl}${request.path}`, encoding: request.encoding, body: request.body } } as IDataObject,
					pairedItem: batch.rows.map((item) => ({ item })),
				};
			});
			throwOnCampaignError(this, plan);
			const refused = plan.refused.flatMap((row, index) => (row === undefined ? [] : [{ json: refusedRow(provider, row, requestedAt), pairedItem: { item: index } }]));
			return [[...dryRun, ...refused]];
		}

		// Batches are planned as senders become free: the first requests go out while later rows
		// are still being checked.
		const policy = { ...readDeliveryPolicy(this, 0), pacer: new Pacer(adapter.minIntervalMs) };
		const concurrency = settings.concurrency ?? form.defaultConcurrency;
		const sent = new Array<CampaignRow | undefined>(items.length);
		const failures: ProviderFailure[] = [];
		let accepted = 0;
		const sender = async () => {
			for (let batch = plan.nextBatch(); batch !== undefined; batch = plan.nextBatch()) {
				const call = requestFor(batch);
				const delivery = await deliver(this, adapter, baseUrl, adapter.buildRequest(call), policy);
				const result = rowsFor(adapter, call, delivery, requestedAt);
				if (result.failure === null) accepted++;
				else failures.push(result.failure);
				// A batch the provider refused is "rejected"; one that never reached it stays "failed".
				const refusedByProvider = result.failure !== null && result.failure.httpStatus !== 0;
				const { batchIndex } = batch;
				result.rows.forEach((row, position) => {
					if (refusedByProvider) row.status = 'rejected';
					sent[batch.rows[position]] = Object.assign(row, { batchIndex, campaignId: result.campaignId });
				});
			}
		};
		await Promise.all(Array.from({ length: concurrency }, sender));
		throwOnCampaignError(this, plan);

		if (accepted === 0 && failures.length > 0 && !this.continueOnFail()) {
			const [failure] = failures;
			throw new NodeApiError(this.getNode(), { code: failure.code, message: failure.message } as JsonObject, {
				httpCode: failure.httpStatus ? String(failure.httpStatus) : undefined,
				message: `${adapter.displayName} refused every batch of the campaign: ${failure.message} (code ${failure.code})`,
				description: 'Nobody was called.',
			});
		}
		const rows = Array.from(sent, (row, index) => row ?? refusedRow(provider, plan.refused[index]!, requestedAt));
		return [output(rows, settings)];
	}
}

type Recipients = { recipients: Recipient[] };

/** The campaign's own fields were wrong: nothing was sent. Unless Continue On Fail, that is an error. */
function throwOnCampaignError(context: IExecuteFunctions, plan: CampaignPlan<Recipients>) {
	if (plan.campaignError !== null && !context.continueOnFail()) {
		throw new NodeOperationError(context.getNode(), plan.campaignError.message, { itemIndex: 0, description: 'Nothing was sent.' });
	}
}

function refusedRow(provider: string, row: RefusedRow, requestedAt: string): CampaignRow {
	return {
		provider,
		status: row.status,
		messageId: null,
		correlationId: null,
		to: row.to,
		code: null,
		message: row.reason,
		requestedAt,
		batchIndex: null,
		campaignId: null,
	};
}

/** Rows in input order, or one summary item whose totals reconcile with the input count. */
function output(rows: CampaignRow[], settings: CampaignSettings): INodeExecutionData[] {
	if (settings.output !== 'summary') {
		return rows.map((json, index) => ({ json, pairedItem: { item: index } }));
	}
	const campaignIds = [...new Set(rows.map((row) => row.campaignId).filter((id): id is string => id !== null))];
	const messageIds = [...new Set(rows.map((row) => row.messageId).filter((id): id is string => id !== null))];
	return [
		{
			json: {
				provider: rows[0]?.provider ?? null,
				total: rows.length,
				statuses: tally(rows.map((row) => row.status)),
				batches: new Set(rows.map((row) => row.batchIndex).filter((batch) => batch !== null)).size,
				campaignId: campaignIds[0] ?? null,
				campaignIds,
				messageIds,
			},
			pairedItem: rows.map((_, index) => ({ item: index })),
		},
	];
}
