import { z } from 'zod/v4';

import { compact, field, isRecord, text } from '../../objects';
import { dateTime, httpUrl, oneOf, optionalText, recipientList } from '../../validation';
import type { CallAdapter, ProviderResponse } from '../types';
import {
	callbackData,
	isSuccess,
	MAX_DESTINATIONS,
	optionalCorrelationId,
	PRIORITIES,
	PRIORITY_NUMBER,
	unreadableSuccess,
	WEBEX_CONNECT,
	webexConnectBaseUrl,
	webexErrorOutcome,
	webexRecipient,
} from './common';

const QUEUED = '1001';
/** Codes that concern the whole request, never a single destination. */
const REQUEST_LEVEL_CODES = new Set(['7000', '7001', '7002', '7006', '7007', '7009']);

export const messagingV1Schema = z
	.object({
		callflowid: optionalText('callflowid'),
		media: optionalText('media'),
		cli: optionalText('cli'),
		recipients: recipientList(webexRecipient, MAX_DESTINATIONS, WEBEX_CONNECT),
		correlationId: optionalCorrelationId,
		priority: oneOf('priority', PRIORITIES).optional(),
		callbackData,
		notifyUrl: httpUrl('notifyUrl'),
		expiry: dateTime('expiry'),
	})
	.superRefine((call, ctx) => {
		if ((call.callflowid === undefined) === (call.media === undefined)) {
			ctx.addIssue({
				code: 'custom',
				path: ['callflowid'],
				message:
					call.callflowid === undefined
						? 'callflowid or media is required: give the IVR call flow id or the media prompt id'
						: `give either callflowid ("${call.callflowid}") or media ("${call.media}"), not both`,
			});
		}
	});

export type MessagingV1Call = z.output<typeof messagingV1Schema>;

/** The legacy IMIconnect Messaging API (v1) on the voice channel: an IVR call flow or a media prompt. */
export const imiconnectMessagingV1: CallAdapter<MessagingV1Call> = {
	id: 'imiconnectMessaging',
	displayName: 'IMIconnect Messaging API v1',
	credentialType: 'webexConnectApi',
	maxRecipientsPerRequest: MAX_DESTINATIONS,
	tokenAuth: false,
	schema: messagingV1Schema,
	recipientSchema: webexRecipient,
	baseUrl: webexConnectBaseUrl,

	buildRequest(call) {
		return {
			method: 'POST',
			path: '/resources/v1/messaging',
			encoding: 'json',
			body: compact({
				correlationid: call.correlationId,
				notifyurl: call.notifyUrl,
				callbackData: call.callbackData,
				expiry: call.expiry,
				priority: call.priority === undefined ? undefined : String(PRIORITY_NUMBER[call.priority]),
				deliverychannel: 'voice',
				channels: { voice: compact({ callflowid: call.callflowid, media: call.media, cli: call.cli }) },
				// One destination per number: each gets its own transid in the answer.
				destination: call.recipients.map((recipient) =>
					compact({ msisdn: [recipient.to], correlationid: recipient.correlationId }),
				),
			}),
		};
	},

	parseResponse(call, response: ProviderResponse) {
		const entries = field(response.body, 'response');
		const list = Array.isArray(entries) ? entries.filter(isRecord) : [];
		const perDestination = list.length === call.recipients.length;
		const first = list[0];
		// A request-level failure (bad key, bad JSON) comes back as a single entry with its code.
		const requestLevel = first !== undefined && (!perDestination || REQUEST_LEVEL_CODES.has(text(field(first, 'code')) ?? ''));
		if (!isSuccess(response) || requestLevel) {
			return webexErrorOutcome(response, field(first, 'code'), field(first, 'description', 'message'));
		}
		if (!perDestination) return unreadableSuccess(response);
		return {
			kind: 'accepted',
			requestedAt: null,
			recipients: call.recipients.map((recipient, index) => {
				const entry = list[index];
				const code = text(field(entry, 'code'));
				return {
					to: recipient.to,
					status: code === QUEUED ? 'queued' : 'rejected',
					messageId: text(field(entry, 'transid')),
					correlationId: text(field(entry, 'correlationid')) ?? recipient.correlationId ?? call.correlationId ?? null,
					code,
					message: text(field(entry, 'description')),
				};
			}),
		};
	},
};
