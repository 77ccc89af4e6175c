import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { splitNumbers } from '../../shared/phone';
import { PRIORITIES } from '../../shared/providers/webexConnect/common';

/** `to`: one or several numbers of one item. */
export const toProperty: INodeProperties = {
	displayName: 'To',
	name: 'to',
	type: 'string',
	default: '',
	required: true,
	placeholder: '+442079460001, +442079460002',
	description:
		'The number(s) to call, in international format with the country code. Separate several numbers with commas, or map an array from a previous node. Spaces, dashes, dots and brackets are ignored; a leading 00 counts as +.',
};

/** The item's `to` numbers, each with the item's correlation id. */
export function readRecipients(context: IExecuteFunctions, itemIndex: number, correlationId: unknown) {
	return splitNumbers(context.getNodeParameter('to', itemIndex)).map((to) => ({ to, correlationId }));
}

/** Fields both Webex Connect APIs take, named as Make Call names them. */
export const webexCommonOptions: INodeProperties[] = [
	{
		displayName: 'Callback Data',
		name: 'callbackData',
		type: 'string',
		default: '',
		description: 'Any text you want back in every receipt of this call, e.g. a CRM record ID',
	},
	{
		displayName: 'Correlation ID',
		name: 'correlationId',
		type: 'string',
		default: '',
		description:
			'Your own reference for this call, returned in the answer and in every receipt (at most 50 bytes). Use it to match receipts to your records.',
	},
	{
		displayName: 'Notify URL',
		name: 'notifyUrl',
		type: 'string',
		default: '',
		placeholder: 'https://n8n.example.com/webhook/…/voice-receipts',
		description:
			'Where Webex Connect posts the call receipts. Paste the production URL of a Voice Receipt Trigger to turn them into events.',
	},
	{
		displayName: 'Priority',
		name: 'priority',
		type: 'options',
		options: PRIORITIES.map((value) => ({ name: value[0].toUpperCase() + value.slice(1), value })),
		default: 'medium',
		description: 'Delivery priority among your account’s messages',
	},
];
