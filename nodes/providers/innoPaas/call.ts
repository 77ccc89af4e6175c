import type { CallAdapter } from '../../core/adapter';
import { NOTIFY_ENDPOINT, parseNotify } from './common';
import { innoPaasCallSchema, innoPaasSingleRecipient, type InnoPaasCall } from './schema';
import { innoPaasWindow } from './window';

/**
 * InnoPaaS / Chuanglan 253 international voice notification for one number (Make Voice Call):
 * `batch-notify` with a single `mobile` entry, form-encoded. The credential adds appId and appKey
 * to the form body.
 */
export const innoPaasCall: CallAdapter<InnoPaasCall> = {
	...NOTIFY_ENDPOINT,
	maxRecipientsPerRequest: 1,
	schema: innoPaasCallSchema,
	recipientSchema: innoPaasSingleRecipient,
	window: innoPaasWindow(),
	parseResponse: (call, response) => parseNotify(call, response, false),
};
