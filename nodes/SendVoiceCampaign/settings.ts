import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { defaultCountryProperty } from '../providers/formParts';

/** Execution id and item position: enough to match any receipt back to its input row. */
export const DEFAULT_CORRELATION_ID = '={{ $execution.id }}-{{ $itemIndex }}';

/** Who is called: the fields read from every item, whatever the provider. */
export const recipientProperties: INodeProperties[] = [
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
	defaultCountryProperty,
];

export interface CampaignSettings {
	removeDuplicates?: boolean;
	output?: 'recipients' | 'summary';
	dryRun?: boolean;
	concurrency?: number;
	batchSize?: number;
}

export const readCampaignSettings = (context: IExecuteFunctions): CampaignSettings =>
	context.getNodeParameter('campaign', 0, {}) as CampaignSettings;

/** How the campaign runs: batches, concurrency, dry run, output shape, duplicates. */
export const campaignSettingsProperty: INodeProperties = {
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
				{
					name: 'One Item per Recipient',
					value: 'recipients',
					description: 'In input order, each with its status',
				},
				{
					name: 'One Summary Item',
					value: 'summary',
					description: 'Totals per status, provider IDs and the campaign ID',
				},
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
};
