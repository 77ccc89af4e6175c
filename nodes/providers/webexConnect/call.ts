import { z } from 'zod/v4';

import type { CallAdapter, ProviderResponse } from '../../core/adapter';
import { isSuccess } from '../../core/answers';
import { DEFAULT_RING_MARGIN_MS, isoSendTime } from '../../core/callingWindow/support';
import { compact, field, isRecord, text } from '../../core/objects';
import { dateTime, inTimeZone, timeZoneField } from '../../core/timeInput';
import {
	httpUrl,
	maxChars,
	msisdn,
	oneOf,
	optionalText,
	recipientList,
	requiredText,
} from '../../core/validation';
import {
	callbackData,
	MAX_DESTINATIONS,
	optionalCorrelationId,
	PRIORITIES,
	PRIORITY_NUMBER,
	WEBEX_CONNECT,
	webexConnectBaseUrl,
	webexErrorOutcome,
	webexRecipient,
	webexUnreadableSuccess,
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

export const makeCallSchema = z
	.object({
		from: msisdn('from'),
		recipients: recipientList(webexRecipient, MAX_DESTINATIONS, WEBEX_CONNECT),
		priority: oneOf('priority', PRIORITIES).optional(),
		callbackData,
		notifyUrl: httpUrl('notifyUrl'),
		requestedReceipts: z.array(oneOf('requestedReceipts', REQUESTED_RECEIPTS)).optional(),
		sendAt: dateTime('sendAt'),
		/** The zone of a `sendAt` without one (the node passes the workflow's); default UTC. Not sent. */
		timeZone: timeZoneField,
		content: z.discriminatedUnion('type', [ttsContent, mediaContent]),
	})
	.transform(inTimeZone('sendAt'));

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
	// Schedule: `sendAt`, per request (so per batch of one opening); no documented horizon.
	window: { ringMarginMs: DEFAULT_RING_MARGIN_MS, sendTime: isoSendTime<MakeCall>('sendAt') },
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
		if (!isSuccess(response))
			return webexErrorOutcome(response, field(body, 'code'), field(body, 'message'));
		const messageId = text(field(body, 'messageId'));
		const word = text(field(body, 'status'));
		// Neither an id nor a status: nothing says whether the calls were placed.
		if (!isRecord(body) || (messageId === null && word === null))
			return webexUnreadableSuccess(response);
		// The documented answer is one object for the whole request: its status applies to every number.
		const status = word?.toLowerCase() === 'rejected' ? 'rejected' : 'queued';
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
		/** The zone of an `expiry` without one (the node passes the workflow's); default UTC. Not sent. */
		timeZone: timeZoneField,
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
	})
	.transform(inTimeZone('expiry'));

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
				channels: {
					voice: compact({ callflowid: call.callflowid, media: call.media, cli: call.cli }),
				},
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
		const requestLevel =
			first !== undefined &&
			(!perDestination || REQUEST_LEVEL_CODES.has(text(field(first, 'code')) ?? ''));
		if (!isSuccess(response) || requestLevel) {
			return webexErrorOutcome(
				response,
				field(first, 'code'),
				field(first, 'description', 'message'),
			);
		}
		if (!perDestination) return webexUnreadableSuccess(response);
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
					correlationId:
						text(field(entry, 'correlationid')) ??
						recipient.correlationId ??
						call.correlationId ??
						null,
					code,
					message: text(field(entry, 'description')),
				};
			}),
		};
	},
};
