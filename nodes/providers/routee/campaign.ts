import { z } from 'zod/v4';

import { DEFAULT_RING_MARGIN_MS, isoSendTime } from '../../core/callingWindow/support';
import { compact, field, isRecord, text } from '../../core/objects';
import { dateTime, inTimeZone, timeZoneField } from '../../core/timeInput';
import {
	anyNumber,
	formatCount,
	optionalBoolean,
	optionalInteger,
	reject,
} from '../../core/validation';
import type { CallAdapter, ProviderResponse, RecipientOutcome } from '../../core/adapter';
import {
	ROUTEE,
	routeeBaseUrl,
	routeeCallback,
	routeeSender,
	readTracking,
	wavUrl,
} from './common';
import { routeeMessage, routeeRecipient } from './call';

/** Most entries of each of `to`, `contacts` and `groups` in one campaign. */
export const MAX_CAMPAIGN_LIST = 1000;
const NAME_CHARACTERS = /^[A-Za-z0-9 -]+$/;

/** A list of at most 1000 entries (numbers, contact ids or group names). */
const limitedList = <T extends z.ZodType>(name: string, entry: T) =>
	z.array(entry).superRefine((list, ctx) => {
		if (list.length > MAX_CAMPAIGN_LIST) {
			ctx.addIssue({
				code: 'custom',
				message: `${name} has ${formatCount(list.length)} entries; ${ROUTEE} allows at most ${formatCount(MAX_CAMPAIGN_LIST)} per campaign`,
			});
		}
	});

const idList = (name: string) =>
	limitedList(
		name,
		z.union([z.string(), anyNumber]).transform((value) => String(value).trim()),
	)
		.optional()
		.transform((list) => list?.filter((entry) => entry !== ''))
		.transform((list) => (list === undefined || list.length === 0 ? undefined : list));

/**
 * 2–30 characters: Latin letters, digits, spaces and "-". Seed 003's field list names it
 * `campaignName`, as every other entry of that list is the request's own field name.
 */
export const campaignName = z.string().transform((value, ctx) => {
	const name = value.trim();
	if (name === '')
		return reject(ctx, 'campaignName is required: give the campaign a name of 2 to 30 characters');
	if (name.length < 2 || name.length > 30) {
		return reject(
			ctx,
			`campaignName "${name}" is ${name.length} characters; ${ROUTEE} allows 2 to 30`,
		);
	}
	if (!NAME_CHARACTERS.test(name))
		return reject(
			ctx,
			`campaignName "${name}" may contain only Latin letters, digits, spaces and "-"`,
		);
	return name;
});

export const campaignSchema = z
	.object({
		from: routeeSender('from'),
		recipients: limitedList('to', routeeRecipient),
		contacts: idList('contacts'),
		groups: idList('groups'),
		campaignName,
		message: routeeMessage.optional(),
		fileURL: wavUrl('fileURL'),
		respectQuietHours: optionalBoolean('respectQuietHours'),
		scheduledDate: dateTime('scheduledDate'),
		/** The zone of a `scheduledDate` without one (the node passes the workflow's); default UTC. Not sent. */
		timeZone: timeZoneField,
		hangupDelay: optionalInteger('hangupDelay', 1),
		callback: routeeCallback('callback'),
		campaignCallback: routeeCallback('campaignCallback'),
		collectDtmfDigits: optionalBoolean('collectDtmfDigits'),
		collectDtmfAwaitSeconds: optionalInteger('collectDtmfAwaitSeconds', 1),
	})
	.superRefine((call, ctx) => {
		if (call.recipients.length === 0 && call.contacts === undefined && call.groups === undefined) {
			ctx.addIssue({
				code: 'custom',
				path: ['recipients'],
				message: 'to is required: give at least one number, contact or group to call',
			});
		}
		if ((call.message === undefined) === (call.fileURL === undefined)) {
			ctx.addIssue({
				code: 'custom',
				path: ['message'],
				message:
					call.message === undefined
						? 'message or fileURL is required: give a text to say or a .wav file to play'
						: `give either message or fileURL ("${call.fileURL}"), not both`,
			});
		}
		if (call.collectDtmfAwaitSeconds !== undefined && call.collectDtmfDigits !== true) {
			ctx.addIssue({
				code: 'custom',
				path: ['collectDtmfAwaitSeconds'],
				message: 'collectDtmfAwaitSeconds applies only when collectDtmfDigits is true',
			});
		}
	})
	.transform(inTimeZone('scheduledDate'));

export type RouteeCampaign = z.output<typeof campaignSchema>;

/** Numbers named by an `errors[].property`: one, a list, or several in one text. */
function invalidNumbers(
	body: unknown,
): Map<string, { code: string | null; message: string | null }> {
	const found = new Map<string, { code: string | null; message: string | null }>();
	const errors = field(body, 'errors');
	for (const entry of (Array.isArray(errors) ? errors : []).filter(isRecord)) {
		const property = field(entry, 'property');
		// A number, several in one text, or a list of them; anything else names no number.
		const numbers = (
			Array.isArray(property)
				? property
				: typeof property === 'string'
					? property.split(/[\s,;]+/)
					: [property]
		)
			.map((value: unknown) =>
				typeof value === 'string' || typeof value === 'number'
					? String(value).replace(/[^\d]/g, '')
					: '',
			)
			.filter((value) => value !== '');
		for (const number of numbers) {
			found.set(number, {
				code: text(field(entry, 'code')),
				message: text(field(entry, 'developerMessage', 'message')),
			});
		}
	}
	return found;
}

/**
 * Routee "Send a Voice Campaign": up to 1000 numbers, contacts and groups each, one message or
 * .wav file for all. For a Send Voice Campaign node; Make Voice Call uses the conversation API.
 * The answer carries the campaign's `trackingId` (the outcome's campaignId), its `state` and
 * `statuses`, but no per-number message ids (those come with the callbacks). Numbers it lists in
 * `errors[]` (`property` = the number) were refused and are not called; the rest are queued.
 */
export const routeeCampaign: CallAdapter<RouteeCampaign> = {
	id: 'routee',
	displayName: ROUTEE,
	credentialType: 'routeeApi',
	maxRecipientsPerRequest: MAX_CAMPAIGN_LIST,
	tokenAuth: true,
	tokenRefreshStatuses: [401, 403],
	schema: campaignSchema,
	recipientSchema: routeeRecipient,
	// Schedule: `scheduledDate` (UTC), per campaign (so per batch of one opening). Routee's own pace
	// within a campaign is undocumented: the margin is a minute, as for every path (see README).
	window: {
		ringMarginMs: DEFAULT_RING_MARGIN_MS,
		sendTime: isoSendTime<RouteeCampaign>('scheduledDate'),
	},
	baseUrl: routeeBaseUrl,

	forBatch(call, batchIndex, onlyBatch) {
		if (onlyBatch) return call;
		// Names must be unique (409 otherwise): "Promo" becomes "Promo 1", "Promo 2", … within 30 characters.
		const suffix = ` ${batchIndex + 1}`;
		const name = `${call.campaignName.slice(0, 30 - suffix.length).trimEnd()}${suffix}`;
		// Contacts and groups belong to the first request only, so nobody is called once per batch.
		return batchIndex === 0
			? { ...call, campaignName: name }
			: { ...call, campaignName: name, contacts: undefined, groups: undefined };
	},

	buildRequest(call) {
		return {
			method: 'POST',
			path: '/voice/campaign',
			encoding: 'json',
			body: compact({
				from: call.from,
				to:
					call.recipients.length > 0 ? call.recipients.map((recipient) => recipient.to) : undefined,
				contacts: call.contacts,
				groups: call.groups,
				campaignName: call.campaignName,
				message: call.message === undefined ? undefined : compact({ ...call.message }),
				fileURL: call.fileURL,
				respectQuietHours: call.respectQuietHours,
				scheduledDate: call.scheduledDate,
				hangupDelay: call.hangupDelay,
				callback: call.callback,
				campaignCallback: call.campaignCallback,
				collectDtmfDigits: call.collectDtmfDigits,
				collectDtmfAwaitSeconds: call.collectDtmfAwaitSeconds,
			}),
		};
	},

	parseResponse(call, response: ProviderResponse) {
		const answer = readTracking(response, 'the campaign');
		if (!('trackingId' in answer)) return answer;
		const { trackingId, requestedAt, body } = answer;
		const refused = invalidNumbers(body);
		return {
			kind: 'accepted',
			requestedAt,
			campaignId: trackingId,
			recipients: call.recipients.map((recipient): RecipientOutcome => {
				const error = refused.get(recipient.to.slice(1));
				return {
					to: recipient.to,
					status: error ? 'rejected' : 'queued',
					messageId: null,
					correlationId: recipient.correlationId ?? null,
					code: error?.code ?? null,
					message: error ? (error.message ?? 'refused by Routee') : text(field(body, 'state')),
				};
			}),
		};
	},
};
