import { z } from 'zod/v4';

import { compact } from '../../core/objects';
import {
	maxChars,
	msisdn,
	oneOf,
	optionalInteger,
	optionalTextRule,
	singleRecipient,
} from '../../core/validation';
import { recipientSchema } from '../../core/recipientSchema';
import type { CallAdapter, ProviderResponse } from '../../core/adapter';
import {
	MAX_ROUTEE_TEXT,
	ROUTEE,
	ROUTEE_GENDERS,
	ROUTEE_LANGUAGES,
	routeeBaseUrl,
	routeeCallback,
	routeeSender,
	readTracking,
	wavUrl,
} from './common';

/** The most digits a COLLECT verb gathers (Routee's default and, here, its maximum). */
export const MAX_COLLECT_DIGITS = 30;

/** Routee documents one request per second for /voice/conversation. */
export const CONVERSATION_MIN_INTERVAL_MS = 1000;

export const routeeRecipient = recipientSchema({
	to: msisdn('to'),
	correlationId: optionalTextRule('correlationId'),
});

/** A text-to-speech message: SAY verb content, and a campaign's `message`. */
export const routeeMessage = z.object({
	text: maxChars('text', MAX_ROUTEE_TEXT, ROUTEE),
	gender: oneOf('gender', ROUTEE_GENDERS).optional(),
	language: oneOf('language', ROUTEE_LANGUAGES),
});

const sayContent = routeeMessage.extend({ type: z.literal('SAY') });
const playContent = z.object({
	type: z.literal('PLAY'),
	fileURL: wavUrl('fileURL').refine((value) => value !== undefined, {
		message: 'fileURL is required',
	}),
});

export const conversationSchema = z.object({
	from: routeeSender('from'),
	recipients: singleRecipient(routeeRecipient, ROUTEE),
	content: z.discriminatedUnion('type', [sayContent, playContent]),
	callback: routeeCallback('callback'),
	/** Seconds to wait for the call to be answered; Routee's default is the network's own timeout. */
	hangupDelay: optionalInteger('hangupDelay', 1),
	/** Collect the keys the person presses (a COLLECT verb after the message). */
	collect: z
		.object({ maxDigits: optionalInteger('maxDigits', 1, MAX_COLLECT_DIGITS, ROUTEE) })
		.optional(),
});

export type RouteeConversation = z.output<typeof conversationSchema>;

/**
 * Routee "Perform a voice conversation": one call per request, its dial plan a single verb (and,
 * to collect keypad digits, a COLLECT verb after it).
 * SAY carries `message { text, gender, language }`; PLAY carries `fileURL` (the field name of
 * Routee's dial plan reference, docs.routee.net "Dialplan Verbs"; the campaign API uses the same
 * name). The answer's `trackingId` identifies the conversation; its callbacks carry it as
 * `conversationTrackingId`.
 */
export const routeeConversation: CallAdapter<RouteeConversation> = {
	id: 'routee',
	displayName: ROUTEE,
	credentialType: 'routeeApi',
	maxRecipientsPerRequest: 1,
	tokenAuth: true,
	// Routee: "once you get an HTTP response with a status code of 401 or 403 ... issue a new token".
	tokenRefreshStatuses: [401, 403],
	minIntervalMs: CONVERSATION_MIN_INTERVAL_MS,
	schema: conversationSchema,
	recipientSchema: routeeRecipient,
	baseUrl: routeeBaseUrl,

	buildRequest(call) {
		const { content } = call;
		const verb =
			content.type === 'SAY'
				? {
						type: 'SAY',
						message: compact({
							text: content.text,
							gender: content.gender,
							language: content.language,
						}),
					}
				: { type: 'PLAY', fileURL: content.fileURL };
		return {
			method: 'POST',
			path: '/voice/conversation',
			encoding: 'json',
			body: compact({
				from: call.from,
				to: { phone: call.recipients[0].to },
				// COLLECT without an eventUrl: Routee gathers the keys pressed and reports them with the call.
				dialPlan: {
					verbs:
						call.collect === undefined
							? [verb]
							: [verb, compact({ type: 'COLLECT', maxDigits: call.collect.maxDigits })],
				},
				callback: call.callback,
				hangupDelay: call.hangupDelay,
			}),
		};
	},

	parseResponse(call, response: ProviderResponse) {
		// Routee's reference names the id `trackingId`; its callbacks call the same id `conversationTrackingId`.
		const answer = readTracking(response, 'the call', ['trackingId', 'conversationTrackingId']);
		if (!('trackingId' in answer)) return answer;
		const { trackingId, requestedAt } = answer;
		return {
			kind: 'accepted',
			requestedAt,
			recipients: call.recipients.map((recipient) => ({
				to: recipient.to,
				status: 'queued',
				messageId: trackingId,
				correlationId: recipient.correlationId ?? null,
				code: null,
				message: null,
			})),
		};
	},
};
