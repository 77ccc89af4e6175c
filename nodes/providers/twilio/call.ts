/**
 * Twilio "create a call" (`POST /2010-04-01/Accounts/{AccountSid}/Calls.json`, form-encoded): one
 * call per request, for Make Voice Call and, one recipient at a time, Send Voice Campaign. What
 * the call does is TwiML: the node writes `<Say>` / `<Play>` itself, every value XML-escaped
 * (twiml.ts), or passes the user's own TwiML or TwiML URL (refused under guardrails: see forms.ts).
 */
import { z } from 'zod/v4';

import type { CallAdapter, CredentialFields, ProviderResponse } from '../../core/adapter';
import { isSuccess, unreadableSuccess } from '../../core/answers';
import { compact, field, isRecord, text } from '../../core/objects';
import { recipientSchema } from '../../core/recipientSchema';
import {
	formatCount,
	httpUrl,
	InputError,
	msisdn,
	oneOf,
	optionalBoolean,
	optionalInteger,
	optionalText,
	optionalTextRule,
	reject,
	requiredText,
	singleRecipient,
} from '../../core/validation';
import { callsPath, TWILIO, twilioBaseUrl, twilioErrorOutcome } from './common';
import { rfc2822ToIso } from './receipts';
import { buildTwiml, MAX_TWIML } from './twiml';

/** Twilio's longest ring time (`Timeout`, seconds); its default is 60. */
export const MAX_RING_SECONDS = 600;
/** Twilio's longest call (`TimeLimit`, seconds): 24 hours. */
export const MAX_TIME_LIMIT = 86_400;
/** Twilio's `TimeLimit` when none is sent: 4 hours. */
export const DEFAULT_TIME_LIMIT = 14_400;
/** Twilio's bounds of `MachineDetectionTimeout` (seconds); its default is 30. */
export const MACHINE_DETECTION_TIMEOUT = [3, 59] as const;
export const MACHINE_DETECTION = ['Enable', 'DetectMessageEnd'] as const;
export const STATUS_CALLBACK_EVENTS = ['initiated', 'ringing', 'answered', 'completed'] as const;
export const TWIML_URL_METHODS = ['POST', 'GET'] as const;
/** Twilio's default calls per second for an account: calls beyond it are queued, not refused. */
export const TWILIO_CALLS_PER_SECOND = 1;

/** A number to call: E.164 only. A SIP or Client address is refused before it reaches any check. */
const twilioTo = z
	.transform((value: unknown, ctx) => {
		const address = typeof value === 'string' ? value.trim() : '';
		if (/^(sip|client):/i.test(address))
			return reject(
				ctx,
				`to "${address}" is a Twilio ${address.slice(0, address.indexOf(':')).toUpperCase()} address: this node calls phone numbers only (E.164, e.g. +14155550100), because no guardrail, Default Country or calling window can judge such an address`,
			);
		return value;
	})
	.pipe(msisdn('to'));

const recipientFields = { to: twilioTo, correlationId: optionalTextRule('correlationId') };
export const twilioRecipient = recipientSchema(recipientFields);

/**
 * What the person hears, as the request carries it: TwiML the node wrote or was given, or a TwiML
 * URL. The same shape as that input, so that checking it again (a campaign checks each recipient,
 * then the call with its first) changes nothing.
 */
export type TwilioContent =
	| { type: 'twiml'; twiml: string }
	| { type: 'url'; url: string; method?: 'POST' | 'GET' };

const required = <T extends z.ZodType>(name: string, schema: T) =>
	schema.refine((value) => value !== undefined, { message: `${name} is required` });

/** TwiML from verbs; twiml.ts refuses what it cannot write with a message naming the field. */
function twimlOf(ctx: z.core.ParsePayload, verbs: Parameters<typeof buildTwiml>[0]) {
	try {
		return { type: 'twiml' as const, twiml: buildTwiml(verbs) };
	} catch (error) {
		// twiml.ts throws InputError only, naming the field: the issue goes there (content.voice).
		const [path, message] =
			error instanceof InputError ? [[error.field], error.message] : [[], String(error)];
		ctx.issues.push({ code: 'custom', message, path, input: ctx.value });
		return z.NEVER;
	}
}

/** The content of a call: Say a text, Play an audio URL, your own TwiML, or a TwiML URL. */
export const twilioContent = z
	.discriminatedUnion('type', [
		z.object({
			type: z.literal('say'),
			text: requiredText('text'),
			voice: optionalText('voice'),
			language: optionalText('language'),
		}),
		z.object({ type: z.literal('play'), url: required('url', httpUrl('url')) }),
		z.object({ type: z.literal('twiml'), twiml: requiredText('twiml') }),
		z.object({
			type: z.literal('url'),
			url: required('url', httpUrl('url')),
			method: oneOf('method', TWIML_URL_METHODS).optional(),
		}),
	])
	.transform((content, ctx): TwilioContent => {
		switch (content.type) {
			case 'say':
				return twimlOf(ctx, [
					{
						say: content.text,
						voice: content.voice,
						language: content.language,
						field: 'text',
					},
				]);
			case 'play':
				return twimlOf(ctx, [{ play: content.url!, field: 'url' }]);
			case 'twiml':
				if (content.twiml.length > MAX_TWIML)
					return reject(
						ctx,
						`twiml has ${formatCount(content.twiml.length)} characters; ${TWILIO} takes at most ${formatCount(MAX_TWIML)}`,
					);
				if (!/^(<\?xml[^>]*\?>\s*)?<Response[\s>/]/.test(content.twiml))
					return reject(ctx, 'twiml must be a TwiML document: <Response>…</Response>');
				return { type: 'twiml', twiml: content.twiml };
			case 'url':
				return content.method === undefined
					? { type: 'url', url: content.url! }
					: { type: 'url', url: content.url!, method: content.method };
		}
	});

/** The call's own settings, the same for Make Voice Call and each call of a campaign. */
const settings = {
	/** A Twilio number of the account or a verified caller ID (what the person sees). */
	from: msisdn('from'),
	statusCallback: httpUrl('statusCallback'),
	statusCallbackEvents: z.array(oneOf('statusCallbackEvents', STATUS_CALLBACK_EVENTS)).optional(),
	timeout: optionalInteger('timeout', 1, MAX_RING_SECONDS, TWILIO),
	record: optionalBoolean('record'),
	machineDetection: oneOf('machineDetection', MACHINE_DETECTION).optional(),
	machineDetectionTimeout: optionalInteger(
		'machineDetectionTimeout',
		MACHINE_DETECTION_TIMEOUT[0],
		MACHINE_DETECTION_TIMEOUT[1],
		TWILIO,
	),
	sendDigits: optionalText('sendDigits').refine(
		(digits) => digits === undefined || /^[0-9#*wW]{1,32}$/.test(digits),
		{ message: 'sendDigits may hold only 0-9, #, * and w (a half-second pause), at most 32' },
	),
	timeLimit: optionalInteger('timeLimit', 1, MAX_TIME_LIMIT, TWILIO),
};

/** Twilio ignores machine detection on a call that sends digits: say so rather than drop it silently. */
const detectionWithDigits = (call: { machineDetection?: string; sendDigits?: string }) =>
	call.machineDetection === undefined || call.sendDigits === undefined;
const DETECTION_WITH_DIGITS = {
	message: `machineDetection cannot be used with sendDigits: ${TWILIO} ignores machine detection on a call that sends digits`,
	path: ['machineDetection'],
};

export const callSchema = z
	.object({
		...settings,
		recipients: singleRecipient(twilioRecipient, TWILIO),
		content: twilioContent,
	})
	.refine(detectionWithDigits, DETECTION_WITH_DIGITS);
export type TwilioCall = z.output<typeof callSchema>;

/** A campaign's recipient brings its own content: the text is an expression read per row. */
export const campaignRecipient = recipientSchema({ ...recipientFields, content: twilioContent });
export const campaignSchema = z
	.object({ ...settings, recipients: singleRecipient(campaignRecipient, TWILIO) })
	.refine(detectionWithDigits, DETECTION_WITH_DIGITS);
export type TwilioCampaignCall = z.output<typeof campaignSchema>;

type Settings = z.output<z.ZodObject<typeof settings>>;

/**
 * The form parameters of one call. `StatusCallbackEvent` is a list: the transport sends it as the
 * field repeated once per event, the only form Twilio reads.
 */
export function callParameters(
	call: Settings,
	to: string,
	content: TwilioContent,
): Record<string, unknown> {
	const callback = call.statusCallback;
	return compact({
		To: to,
		From: call.from,
		...(content.type === 'twiml'
			? { Twiml: content.twiml }
			: { Url: content.url, Method: content.method }),
		StatusCallback: callback,
		StatusCallbackMethod: callback === undefined ? undefined : 'POST',
		StatusCallbackEvent:
			callback === undefined ? undefined : [...new Set(call.statusCallbackEvents ?? ['completed'])],
		Timeout: call.timeout,
		Record: call.record,
		MachineDetection: call.machineDetection,
		MachineDetectionTimeout: call.machineDetectionTimeout,
		SendDigits: call.sendDigits,
		TimeLimit: call.timeLimit,
	});
}

/** The request for one call below the account's path (the Account SID is a `requestFields` value). */
export function callRequest(
	parameters: Record<string, unknown>,
	credentials: CredentialFields = {},
) {
	return {
		method: 'POST' as const,
		path: callsPath(text(credentials.accountSid) ?? ''),
		encoding: 'form' as const,
		body: parameters,
	};
}

/** Twilio's 201 with the call resource: its `sid` (CA…) is the call's id in every status callback. */
export function readCall(
	call: { recipients: Array<{ to: string; correlationId?: string }> },
	response: ProviderResponse,
) {
	if (!isSuccess(response)) return twilioErrorOutcome(response);
	const sid = text(field(response.body, 'sid'));
	if (!isRecord(response.body) || sid === null)
		return unreadableSuccess(TWILIO, response, 'without a call SID', 'the call');
	const created = text(field(response.body, 'date_created'));
	return {
		kind: 'accepted' as const,
		requestedAt: created === null ? null : rfc2822ToIso(created),
		recipients: call.recipients.map((recipient) => ({
			to: recipient.to,
			status: 'queued' as const,
			messageId: sid,
			correlationId: recipient.correlationId ?? null,
			code: null,
			message: null,
		})),
	};
}

/** What every Twilio adapter declares: one call per request, the Account SID in the path. */
export const twilioAdapterBase = {
	id: 'twilio',
	displayName: TWILIO,
	credentialType: 'twilioVoiceApi',
	maxRecipientsPerRequest: 1,
	requestFields: ['accountSid'],
	tokenAuth: false,
	baseUrl: twilioBaseUrl,
} as const;

/** Make Voice Call through Twilio: one call per item. */
export const twilioCall: CallAdapter<TwilioCall> = {
	...twilioAdapterBase,
	schema: callSchema,
	recipientSchema: twilioRecipient,
	buildRequest: (call, credentials) =>
		callRequest(callParameters(call, call.recipients[0].to, call.content), credentials),
	parseResponse: readCall,
};
