import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { MAX_BILL_URL, MAX_TRANS_DATA } from './common';

/** The approved voice template. */
export const innoPaasTemplateIdProperty: INodeProperties = {
	displayName: 'Template ID',
	name: 'templateId',
	type: 'string',
	default: '',
	required: true,
	description:
		'ID of a voice template created and approved in the InnoPaaS console: it holds what the person hears',
};

/** The template's variables: a list of values, mapped per item. */
export const innoPaasTemplateVariablesProperty: INodeProperties = {
	displayName: 'Template Variables',
	name: 'templateVariables',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true, sortable: true },
	placeholder: 'Add Variable',
	default: {},
	description:
		'Values for the template’s placeholders, in the order the template uses them; map each from the item with an expression. A value may not contain a comma, a vertical bar or a semicolon.',
	options: [
		{
			displayName: 'Variable',
			name: 'variable',
			values: [{ displayName: 'Value', name: 'value', type: 'string', default: '' }],
		},
	],
};

/** The item's template variables, in order. */
export function readTemplateVariables(context: IExecuteFunctions, itemIndex: number): unknown[] {
	const list = (context.getNodeParameter('templateVariables', itemIndex, {}) as IDataObject)
		.variable;
	return Array.isArray(list) ? (list as IDataObject[]).map((entry) => entry.value) : [];
}

/** Every optional batch-notify field, named as InnoPaaS names it, plus the task time zone. */
export const innoPaasOptions: INodeProperties[] = [
	{
		displayName: 'Bill URL',
		name: 'billUrl',
		type: 'string',
		default: '',
		placeholder: 'https://n8n.example.com/webhook/…/voice-receipts',
		description: `Where InnoPaaS posts the call record when the call has ended (at most ${MAX_BILL_URL} characters). Paste the production URL of a Voice Receipt Trigger.`,
	},
	{
		displayName: 'Country Code',
		name: 'countryCode',
		type: 'string',
		default: '',
		placeholder: 'GB',
		description:
			'Two-letter ISO code of the called number’s country, e.g. GB, DE, CN. Empty: worked out from the number’s calling code (+1 numbers count as US, so set CA or another +1 country yourself).',
	},
	{
		displayName: 'Display Number',
		name: 'displayNum',
		type: 'string',
		default: '',
		description:
			'The calling number the person sees, if your operator gave you one. Empty: InnoPaaS picks one.',
	},
	{
		displayName: 'Hangup SMS',
		name: 'smsHangupStatus',
		type: 'boolean',
		default: false,
		description: 'Whether to send an SMS after the call (needs Hangup SMS Template ID)',
	},
	{
		displayName: 'Hangup SMS Minimum Seconds',
		name: 'smsSendLimit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 10,
		description:
			'With "By Call Duration": send the SMS only when the call lasted at least this many seconds',
	},
	{
		displayName: 'Hangup SMS Template ID',
		name: 'smsTemplateId',
		type: 'string',
		default: '',
		description: 'ID of the approved SMS template sent after the call',
	},
	{
		displayName: 'Hangup SMS When',
		name: 'smsSendType',
		type: 'options',
		options: [
			{ name: 'Answered Calls', value: 0, description: 'Send the SMS when the person answered' },
			{ name: 'All Calls', value: 1, description: 'Send the SMS whatever happened' },
			{
				name: 'Unanswered Calls',
				value: 2,
				description: 'Send the SMS when the call was not connected',
			},
			{
				name: 'By Call Duration',
				value: 3,
				description: 'Send the SMS when the call lasted long enough',
			},
		],
		default: 0,
		description: 'Which calls get the hangup SMS',
	},
	{
		displayName: 'Max Redials',
		name: 'maxRecallCount',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 3 },
		default: 1,
		description:
			'How often InnoPaaS calls again when the call fails (0 to 3). InnoPaaS redials once unless told otherwise.',
	},
	{
		displayName: 'Redial If Not Answered',
		name: 'noAnswer',
		type: 'boolean',
		default: true,
		description: 'Whether to redial when the phone rang but nobody answered',
	},
	{
		displayName: 'Redial If Not Connected',
		name: 'noConnected',
		type: 'boolean',
		default: true,
		description:
			'Whether to redial when the call could not be put through (switched off, out of reach)',
	},
	{
		displayName: 'Redial Interval (Minutes)',
		name: 'recallInterval',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 60,
		description:
			'Minutes between redials; needed when Max Redials is 1 or more. All redials must fit in 3 days.',
	},
	{
		displayName: 'Send',
		name: 'sendType',
		type: 'options',
		options: [
			{ name: 'Immediately', value: 'immediate' },
			{
				name: 'Scheduled',
				value: 'scheduled',
				description: 'Between Task Start Time and Task End Time',
			},
		],
		default: 'immediate',
		description: 'Whether the call is placed now or within a time window',
	},
	{
		displayName: 'Speech Language',
		name: 'ttsVoice',
		type: 'string',
		default: '',
		placeholder: 'en-US',
		description:
			'Language the template is read in, e.g. en-US. Empty: the language of the number’s country. Not needed for recorded templates.',
	},
	{
		displayName: 'Task End Time',
		name: 'taskEndTime',
		type: 'dateTime',
		default: '',
		description: 'With Send: Scheduled, no call starts after this time',
	},
	{
		displayName: 'Task Name',
		name: 'taskName',
		type: 'string',
		default: '',
		description: 'A name for the task in the InnoPaaS console',
	},
	{
		displayName: 'Task Start Time',
		name: 'taskStartTime',
		type: 'dateTime',
		default: '',
		description: 'With Send: Scheduled, when calling starts: at most 8 days ahead',
	},
	{
		displayName: 'Task Time Zone',
		name: 'timeZone',
		type: 'string',
		default: '',
		placeholder: 'Asia/Shanghai',
		description:
			'IANA time zone of the task start and end times (InnoPaaS takes them as local times). Empty: the workflow’s time zone.',
	},
	{
		displayName: 'Trans Data',
		name: 'transData',
		type: 'string',
		default: '',
		description: `Any text (at most ${MAX_TRANS_DATA} characters) you want back in the call record, e.g. a CRM record ID`,
	},
];

/** The options as the adapter takes them; task times are read in the chosen zone or the workflow's. */
export function readInnoPaasOptions(context: IExecuteFunctions, options: IDataObject): IDataObject {
	return {
		...options,
		timeZone: (options.timeZone as string | undefined) || context.getTimezone(),
	};
}
