import { z } from 'zod/v4';

import { compact, field, isRecord, text } from '../../objects';
import { dateTime, httpUrl, maxChars, msisdn, oneOf, recipientList, requiredText } from '../../validation';
import type { CallAdapter, ProviderResponse } from '../types';
import {
	callbackData,
	isSuccess,
	MAX_DESTINATIONS,
	PRIORITIES,
	PRIORITY_NUMBER,
	unreadableSuccess,
	WEBEX_CONNECT,
	webexConnectBaseUrl,
	webexErrorOutcome,
	webexRecipient,
} from './common';

/** Events a Make Call request can ask receipts for (lower case, as in the official sample). */
export const REQUESTED_RECEIPTS = [
	'offered',
	'accepted',
	'answered',
	'released',
	'rejected',
	'disconnected',
	'dropped',
	'trombone connected',
	'trombone released',
	'message expired',
] as const;

export const MAX_TTS_TEXT = 2000;

const ttsContent = z.object({
	type: z.literal('TTS'),
	ttsProcessor: oneOf('ttsProcessor', ['Azure']),
	language: requiredText('language'),
	voice: requiredText('voice'),
	region: requiredText('region'),
	text: maxChars('text', MAX_TTS_TEXT, WEBEX_CONNECT),
	voiceType: oneOf('voiceType', ['standard', 'neural']),
	gender: oneOf('gender', ['male', 'female', 'neutral']),
});

const mediaContent = z.object({
	type: z.literal('media'),
	mediaId: requiredText('mediaId'),
});

export const makeCallSchema = z.object({
	from: msisdn('from'),
	recipients: recipientList(webexRecipient, MAX_DESTINATIONS, WEBEX_CONNECT),
	priority: oneOf('priority', PRIORITIES).optional(),
	callbackData,
	notifyUrl: httpUrl('notifyUrl'),
	requestedReceipts: z.array(oneOf('requestedReceipts', REQUESTED_RECEIPTS)).optional(),
	sendAt: dateTime('sendAt'),
	content: z.discriminatedUnion('type', [ttsContent, mediaContent]),
});

export type MakeCall = z.output<typeof makeCallSchema>;

/** Webex Connect "Make Call": Send Message API v2 on the voice channel. */
export const webexConnectMakeCall: CallAdapter<MakeCall> = {
	id: 'webexConnect',
	displayName: WEBEX_CONNECT,
	credentialType: 'webexConnectApi',
	maxRecipientsPerRequest: MAX_DESTINATIONS,
	tokenAuth: false,
	schema: makeCallSchema,
	recipientSchema: webexRecipient,
	baseUrl: webexConnectBaseUrl,

	buildRequest(call) {
		return {
			method: 'POST',
			path: '/v2/messages',
			encoding: 'json',
			body: compact({
				channel: 'voice',
				from: call.from,
				// One entry per number, so each keeps its own correlation id.
				to: call.recipients.map(({ to, correlationId }) =>
					correlationId === undefined ? { msisdn: [to] } : { msisdn: [to], correlationId },
				),
				priority: call.priority === undefined ? undefined : PRIORITY_NUMBER[call.priority],
				callbackData: call.callbackData,
				notifyUrl: call.notifyUrl,
				requestedReceipts: call.requestedReceipts,
				sendAt: call.sendAt,
				content: call.content,
			}),
		};
	},

	parseResponse(call, response: ProviderResponse) {
		const body = response.body;
		if (!isSuccess(response)) return webexErrorOutcome(response, field(body, 'code'), field(body, 'message'));
		if (!isRecord(body)) return unreadableSuccess(response);
		// The documented answer is one object for the whole request: its status applies to every number.
		const status = text(field(body, 'status'))?.toLowerCase() === 'rejected' ? 'rejected' : 'queued';
		const messageId = text(field(body, 'messageId'));
		const correlationId = text(field(body, 'correlationId'));
		const code = text(field(body, 'code'));
		const message = text(field(body, 'message'));
		return {
			kind: 'accepted',
			requestedAt: text(field(body, 'requestTimestamp')),
			recipients: call.recipients.map((recipient) => ({
				to: recipient.to,
				status,
				messageId,
				correlationId: recipient.correlationId ?? correlationId,
				code,
				message,
			})),
		};
	},
};
