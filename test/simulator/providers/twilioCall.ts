/**
 * The parameters of Twilio's "create a call" (`POST /2010-04-01/Accounts/{AccountSid}/Calls.json`)
 * checked as Twilio documents them (twilio/twilio-oai spec/json/twilio_api_v2010.json, and
 * providers.md §6). twilio.ts lists the choices made where the documents are silent.
 */
import { E164, isHttpUrl } from '../validation';

import type { SimResponse } from '../types';

export const TWILIO_MAX_TWIML = 4000;
export const TWILIO_MAX_TIMEOUT = 600;
export const TWILIO_EVENTS = ['initiated', 'ringing', 'answered', 'completed'] as const;
export type TwilioEvent = (typeof TWILIO_EVENTS)[number];
export type MachineDetection = 'Enable' | 'DetectMessageEnd';

/** Every parameter Twilio documents for this endpoint; anything else is ignored (a warning). */
const KNOWN = new Set([
	'To',
	'From',
	'Method',
	'FallbackUrl',
	'FallbackMethod',
	'StatusCallback',
	'StatusCallbackEvent',
	'StatusCallbackMethod',
	'SendDigits',
	'Timeout',
	'Record',
	'RecordingChannels',
	'RecordingStatusCallback',
	'RecordingStatusCallbackMethod',
	'SipAuthUsername',
	'SipAuthPassword',
	'MachineDetection',
	'MachineDetectionTimeout',
	'RecordingStatusCallbackEvent',
	'Trim',
	'CallerId',
	'MachineDetectionSpeechThreshold',
	'MachineDetectionSpeechEndThreshold',
	'MachineDetectionSilenceTimeout',
	'AsyncAmd',
	'AsyncAmdStatusCallback',
	'AsyncAmdStatusCallbackMethod',
	'Byoc',
	'CallReason',
	'CallToken',
	'RecordingTrack',
	'TimeLimit',
	'ClientNotificationUrl',
	'Url',
	'Twiml',
	'ApplicationSid',
]);

/** A refusal in Twilio's words: HTTP status, Twilio error code, message. */
export class TwilioRejection extends Error {
	constructor(
		readonly status: number,
		readonly code: number,
		readonly reason: string,
	) {
		super(`${code}: ${reason}`);
	}
}

/** Twilio's error body: `{ code, message, more_info, status }`. */
export function twilioError(error: TwilioRejection, warnings: string[] = []): SimResponse {
	return {
		status: error.status,
		body: JSON.stringify({
			code: error.code,
			message: error.reason,
			more_info: `https://www.twilio.com/docs/errors/${error.code}`,
			status: error.status,
		}),
		code: String(error.code),
		reason: error.reason,
		warnings,
	};
}

const bad = (code: number, reason: string) => new TwilioRejection(400, code, reason);

export interface CallParameters {
	to: string;
	from: string;
	/** What the call runs: inline TwiML, a TwiML URL or an application (which then owns the callbacks). */
	instructions: 'twiml' | 'url' | 'application';
	statusCallback?: string;
	events: TwilioEvent[];
	timeout: number;
	machineDetection?: MachineDetection;
	asyncAmd: boolean;
	asyncAmdStatusCallback?: string;
}

/** Reads the form (only form-encoded parameters count, as with Twilio) and checks every value. */
export function readCallParameters(
	rawBody: string,
	contentType: string | undefined,
	/** Collects what Twilio would ignore, even when the request is then refused. */
	warnings: string[],
): CallParameters {
	const isForm = /^application\/x-www-form-urlencoded\s*(;|$)/i.test(contentType ?? '');
	if (!isForm && rawBody !== '')
		warnings.push(`content-type ${contentType ?? '(none)'}: Twilio reads form-encoded bodies only`);
	const form = new URLSearchParams(isForm ? rawBody : '');
	for (const name of new Set(form.keys())) {
		if (!KNOWN.has(name)) warnings.push(`${name} is not a documented parameter; Twilio ignores it`);
		else if (name !== 'StatusCallbackEvent' && form.getAll(name).length > 1)
			warnings.push(`${name} was sent ${form.getAll(name).length} times; the first value counts`);
	}
	const one = (name: string): string | undefined => form.get(name) ?? undefined;

	const to = one('To');
	if (to === undefined || to === '') throw bad(21201, "No 'To' number is specified");
	const toIsNumber = !/^(sip|client):/i.test(to);
	if (toIsNumber) checkNumber(to);
	const from = one('From');
	if (from === undefined || from === '') throw bad(21213, "No 'From' number is specified");
	if (toIsNumber ? !E164.test(from) : !E164.test(from) && !/^client:\S+$/.test(from))
		throw bad(21212, `Invalid 'From' Phone Number: ${from}`);

	const twiml = one('Twiml');
	const url = one('Url');
	const application = one('ApplicationSid');
	if (application !== undefined && !/^AP[0-9a-fA-F]{32}$/.test(application))
		throw bad(21218, `Invalid ApplicationSid: ${application}`);
	if (url !== undefined && !isHttpUrl(url)) throw bad(21205, `Url is not a valid URL: ${url}`);
	if (twiml === undefined && url === undefined && application === undefined)
		throw bad(21205, 'A Url, Twiml or ApplicationSid parameter is required');
	if (twiml !== undefined && twiml.length > TWILIO_MAX_TWIML)
		throw bad(
			32018,
			`Twiml size exceeded maximum allowed value of ${TWILIO_MAX_TWIML} characters (${twiml.length} sent)`,
		);
	if (twiml !== undefined && (url !== undefined || application !== undefined))
		warnings.push('Twiml is ignored: Url or ApplicationSid was given too');
	if (url !== undefined && application !== undefined)
		warnings.push('Url is ignored: ApplicationSid was given too');
	methodOf(one('Method'), 'Method');
	if (twiml !== undefined && !/^\s*(<\?xml[^>]*\?>\s*)?<Response[\s>/]/.test(twiml))
		warnings.push('Twiml does not start with <Response>: the call would fail when answered');

	const statusCallback = urlOf(one('StatusCallback'), 21609, 'StatusCallback');
	methodOf(one('StatusCallbackMethod'), 'StatusCallbackMethod');
	const events = form.getAll('StatusCallbackEvent').map((event) => {
		// One event per parameter: a value such as "initiated,completed" is refused (see twilio.ts).
		if (!(TWILIO_EVENTS as readonly string[]).includes(event))
			throw bad(21626, `Invalid 'StatusCallbackEvent': ${JSON.stringify(event)}`);
		return event as TwilioEvent;
	});
	if (events.length > 0 && statusCallback === undefined)
		warnings.push('StatusCallbackEvent is ignored without StatusCallback');

	const timeout = integer(one('Timeout'), 'Timeout', 1, TWILIO_MAX_TIMEOUT) ?? 60;
	integer(one('TimeLimit'), 'TimeLimit', 1, 86_400);
	integer(one('MachineDetectionTimeout'), 'MachineDetectionTimeout', 3, 59);
	flag(one('Record'), 'Record');
	const asyncAmd = flag(one('AsyncAmd'), 'AsyncAmd') ?? false;
	const asyncAmdStatusCallback = urlOf(
		one('AsyncAmdStatusCallback'),
		21609,
		'AsyncAmdStatusCallback',
	);
	methodOf(one('AsyncAmdStatusCallbackMethod'), 'AsyncAmdStatusCallbackMethod');
	const trim = one('Trim');
	if (trim !== undefined && trim !== 'trim-silence' && trim !== 'do-not-trim')
		throw bad(20001, `Trim must be trim-silence or do-not-trim, not ${JSON.stringify(trim)}`);
	const digits = one('SendDigits');
	if (digits !== undefined && !/^[0-9A-D#*wW]{1,32}$/.test(digits))
		throw bad(
			20001,
			`SendDigits must be at most 32 of 0-9 A-D # * w W, not ${JSON.stringify(digits)}`,
		);
	let machineDetection = one('MachineDetection') as MachineDetection | undefined;
	if (machineDetection !== undefined && !['Enable', 'DetectMessageEnd'].includes(machineDetection))
		throw bad(
			20001,
			`MachineDetection must be Enable or DetectMessageEnd, not ${JSON.stringify(machineDetection)}`,
		);
	if (machineDetection !== undefined && digits !== undefined) {
		warnings.push('MachineDetection is ignored: SendDigits was given too');
		machineDetection = undefined;
	}
	if (asyncAmd && machineDetection === undefined)
		warnings.push('AsyncAmd is ignored without MachineDetection');

	const instructions = application ? 'application' : url ? 'url' : 'twiml';
	if (instructions === 'application' && statusCallback !== undefined)
		warnings.push("StatusCallback is ignored: the application's own callback settings apply");
	return {
		to,
		from,
		instructions,
		statusCallback: instructions === 'application' ? undefined : statusCallback,
		events: events.length > 0 ? [...new Set(events)] : ['completed'],
		timeout,
		machineDetection,
		asyncAmd: asyncAmd && machineDetection !== undefined,
		asyncAmdStatusCallback,
	};
}

/**
 * A `To` phone number: E.164 with "+" (21211 when it is no phone number at all, 13223 when it
 * has the shape of one but not E.164's: a leading 0 or the wrong number of digits).
 */
function checkNumber(to: string): void {
	if (E164.test(to)) return;
	if (/^\+\d+$/.test(to)) throw bad(13223, `Invalid phone number format: ${to}`);
	throw bad(21211, `Invalid 'To' Phone Number: ${to}`);
}

function urlOf(value: string | undefined, code: number, name: string): string | undefined {
	if (value === undefined) return undefined;
	if (!isHttpUrl(value)) throw bad(code, `Invalid ${name} URL: ${value}`);
	return value;
}

/** GET and POST are Twilio's; GET callbacks (query parameters) are not simulated. */
function methodOf(value: string | undefined, name: string): void {
	if (value === undefined || value === 'POST') return;
	if (value === 'GET' && name !== 'Method')
		throw bad(20001, `${name} GET is not simulated: leave it out or send POST`);
	if (value !== 'GET')
		throw bad(20001, `${name} must be GET or POST, not ${JSON.stringify(value)}`);
}

function integer(
	value: string | undefined,
	name: string,
	min: number,
	max: number,
): number | undefined {
	if (value === undefined) return undefined;
	const number = /^\d+$/.test(value) ? Number(value) : Number.NaN;
	if (!(number >= min && number <= max))
		throw bad(
			20001,
			`${name} must be a whole number from ${min} to ${max}, not ${JSON.stringify(value)}`,
		);
	return number;
}

function flag(value: string | undefined, name: string): boolean | undefined {
	if (value === undefined) return undefined;
	if (value !== 'true' && value !== 'false')
		throw bad(20001, `${name} must be true or false, not ${JSON.stringify(value)}`);
	return value === 'true';
}
