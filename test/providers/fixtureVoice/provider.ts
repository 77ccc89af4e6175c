/**
 * A provider that exists only in the tests, shaped like the ones the contract must also fit
 * (Twilio's): one call per request in campaigns too, paced by a declared concurrency and rate;
 * an account id from the credential in the request path; receipts signed over the full URL the
 * provider called. Written against the core alone, like every provider's provider.ts.
 */
import { createHmac } from 'node:crypto';

import { z } from 'zod/v4';

import type { CallAdapter, ProviderResponse, ReceiptParser } from '../../../nodes/core/adapter';
import { errorOutcome, isSuccess, unreadableSuccess } from '../../../nodes/core/answers';
import type { CallbackSupport } from '../../../nodes/core/callback';
import { isFinalStatus, type CallStatus } from '../../../nodes/core/events';
import { field, isRecord, text } from '../../../nodes/core/objects';
import { defineProvider } from '../../../nodes/core/provider';
import { safeEqual, type AuthenticityMethod } from '../../../nodes/core/signature';
import { recipientSchema } from '../../../nodes/core/recipientSchema';
import { httpUrl, msisdn, optionalText, optionalTextRule } from '../../../nodes/core/validation';

export const FIXTURE_DEFAULT_URL = 'https://voice.fixture.example';

const recipient = recipientSchema({
	to: msisdn('to'),
	correlationId: optionalTextRule('correlationId'),
});
const schema = z.object({
	recipients: z
		.array(recipient)
		.min(1)
		.max(1, 'to has several numbers; Fixture Voice places one call per request'),
	text: optionalText('text'),
	statusCallback: httpUrl('statusCallback'),
});
export type FixtureCall = z.output<typeof schema>;

function parseResponse(call: FixtureCall, response: ProviderResponse) {
	const body = response.body;
	if (!isSuccess(response))
		return errorOutcome(response, text(field(body, 'code')), text(field(body, 'message')));
	const sid = text(field(body, 'sid'));
	if (sid === null)
		return unreadableSuccess('Fixture Voice', response, 'without a sid', 'the call');
	return {
		kind: 'accepted' as const,
		requestedAt: null,
		recipients: call.recipients.map((one) => ({
			to: one.to,
			status: 'queued' as const,
			messageId: sid,
			correlationId: one.correlationId ?? null,
			code: null,
			message: null,
		})),
	};
}

const adapter = (maxRecipientsPerRequest: number): CallAdapter<FixtureCall> => ({
	id: 'fixtureVoice',
	displayName: 'Fixture Voice',
	credentialType: 'fixtureVoiceApi',
	maxRecipientsPerRequest,
	concurrency: 2,
	callsPerSecond: 20,
	requestFields: ['accountId'],
	tokenAuth: false,
	schema,
	recipientSchema: recipient,
	baseUrl: (credentials) => (text(credentials.baseUrl) ?? FIXTURE_DEFAULT_URL).replace(/\/+$/, ''),
	buildRequest: (call, credentials = {}) => ({
		method: 'POST',
		path: `/accounts/${encodeURIComponent(text(credentials.accountId) ?? '')}/calls`,
		encoding: 'form',
		body: {
			To: call.recipients[0].to,
			...(call.text === undefined ? {} : { Say: call.text }),
			...(call.statusCallback === undefined ? {} : { StatusCallback: call.statusCallback }),
		},
	}),
	parseResponse,
});

const STATUSES: Record<string, CallStatus> = {
	queued: 'queued',
	ringing: 'ringing',
	'in-progress': 'answered',
	completed: 'completed',
	busy: 'busy',
	'no-answer': 'no-answer',
	failed: 'failed',
};

export const fixtureReceipts: ReceiptParser = {
	provider: 'fixtureVoice',
	matches: (body) => isRecord(body) && 'FixtureCallSid' in body && 'CallStatus' in body,
	parse(body, options = {}) {
		const word = text(field(body, 'CallStatus'));
		const status =
			(word !== null && Object.prototype.hasOwnProperty.call(STATUSES, word)
				? STATUSES[word]
				: undefined) ?? 'unknown';
		return [
			{
				provider: 'fixtureVoice',
				status,
				final: isFinalStatus(status),
				providerStatus: word,
				providerCode: null,
				description: null,
				messageId: text(field(body, 'FixtureCallSid')),
				campaignId: null,
				correlationId: null,
				callbackData: null,
				to: text(field(body, 'To')),
				from: null,
				timestamp: null,
				durationSeconds: null,
				price: null,
				receivedAt: (options.receivedAt ?? new Date()).toISOString(),
			},
		];
	},
};

/** Twilio's scheme: HMAC-SHA1 (base64) of the full URL followed by the form fields sorted by name. */
export function fixtureSignature(
	url: string,
	form: Record<string, string>,
	secret: string,
): string {
	const data = Object.keys(form)
		.sort()
		.reduce((all, key) => `${all}${key}${form[key]}`, url);
	return createHmac('sha1', secret).update(data, 'utf8').digest('base64');
}

export const fixtureSignatureMethod: AuthenticityMethod = {
	kind: 'fixtureSignature',
	name: 'Fixture Voice Signature',
	description: 'Fixture Voice signs the URL it called and the form it posted',
	verify(request, secret) {
		const given = request.headers['x-fixture-signature'];
		if (typeof given !== 'string' || given === '')
			return { ok: false, reason: 'Missing signature' };
		if (request.url === undefined) return { ok: false, reason: 'The request URL is unknown' };
		const raw = request.rawBody === undefined ? '' : request.rawBody.toString();
		const form = Object.fromEntries(new URLSearchParams(raw));
		return safeEqual(given, fixtureSignature(request.url, form, secret))
			? { ok: true }
			: { ok: false, reason: 'Wrong signature' };
	},
};

const wait: CallbackSupport = {
	field: 'statusCallback',
	withUrl: (input, url) => ({ ...input, statusCallback: url }),
	window: () => ({}),
};

export const fixtureVoiceProvider = defineProvider({
	id: 'fixtureVoice',
	displayName: 'Fixture Voice',
	credentialType: 'fixtureVoiceApi',
	paths: [
		{ id: 'fixtureVoice', name: 'Fixture Voice', call: adapter(1), campaign: adapter(1), wait },
	],
	receipts: fixtureReceipts,
	authenticity: [fixtureSignatureMethod],
});
