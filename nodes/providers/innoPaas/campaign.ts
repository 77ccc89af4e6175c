import type { CallAdapter } from '../../core/adapter';
import { MAX_NUMBERS, NOTIFY_ENDPOINT, parseNotify } from './common';
import { callingCodeOf } from './countries';
import { innoPaasBatchSchema, innoPaasRecipient, type InnoPaasBatch } from './schema';
import { innoPaasWindow } from './window';

/**
 * The single call's endpoint for up to 1000 numbers, each with its own template variables
 * (recipient `variables`), for a Send Voice Campaign node. All numbers share one `countryCode`.
 * The answer's one `callId` is the outcome's campaignId and every row's messageId.
 */
export const innoPaasBatch: CallAdapter<InnoPaasBatch> = {
	...NOTIFY_ENDPOINT,
	maxRecipientsPerRequest: MAX_NUMBERS,
	schema: innoPaasBatchSchema,
	recipientSchema: innoPaasRecipient,
	// One countryCode per request: numbers of different calling codes go in different requests.
	batchKey: (recipient) => callingCodeOf(recipient.to) ?? recipient.to,
	window: innoPaasWindow(),
	parseResponse: (call, response) => parseNotify(call, response, true),
};
