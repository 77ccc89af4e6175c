/**
 * Twilio Programmable Voice: what every part of the provider shares (providers.md §6). Plain
 * TypeScript, no n8n import, no I/O.
 */
import type { CredentialFields, ProviderResponse } from '../../core/adapter';
import { httpMeaning, type ErrorOutcome } from '../../core/answers';
import { field, text } from '../../core/objects';

export const TWILIO = 'Twilio';
export const TWILIO_API_URL = 'https://api.twilio.com';
export const TWILIO_API_VERSION = '2010-04-01';

/**
 * The credential's Calls per Second: the account's rate of placing calls (Twilio's default is 1;
 * Twilio raises it per account). Send Voice Campaign paces its requests to it; calls sent faster
 * are queued by Twilio and ring later. At most 100: beyond that Twilio's answers, not the pace,
 * set the speed of 5 requests in flight.
 */
export const CALLS_PER_SECOND_FIELD = {
	name: 'callsPerSecond',
	displayName: 'Calls per Second',
	min: 0.1,
	max: 100,
} as const;

/** `AC` and 32 hex digits: an Account SID. `SK…` is an API key, `CA…` a call. */
export const ACCOUNT_SID = /^AC[0-9a-fA-F]{32}$/;
export const API_KEY_SID = /^SK[0-9a-fA-F]{32}$/;
export const CALL_SID = /^CA[0-9a-fA-F]{32}$/;

/** The API host: the credential's base URL (the simulator, a proxy) or api.twilio.com. */
export function twilioBaseUrl(credentials: CredentialFields): string {
	return (text(credentials.baseUrl) ?? TWILIO_API_URL).replace(/\/+$/, '');
}

/**
 * The Account SID of a credential, checked: it goes into every path, so a wrong one must be told
 * apart from a wrong Auth Token (Twilio answers 404 for the first, 401 for the second).
 */
export function accountSidProblem(value: unknown): string | undefined {
	const sid = text(value);
	if (sid === null)
		return 'The Account SID is empty: copy it from the Twilio Console (it starts with AC)';
	if (API_KEY_SID.test(sid))
		return `The Account SID "${sid}" is an API key SID (SK…): put it under API Key SID and the Account SID (AC…) here`;
	if (!ACCOUNT_SID.test(sid))
		return `The Account SID "${sid}" is not one: an Account SID is AC followed by 32 hexadecimal digits (34 characters)`;
	return undefined;
}

/** Path of "create a call" for an account (the SID must pass accountSidProblem first). */
export const callsPath = (accountSid: string) =>
	`/${TWILIO_API_VERSION}/Accounts/${encodeURIComponent(accountSid)}/Calls.json`;

/** Path of the account itself: what the credential test reads. */
export const accountPath = (accountSid: string) =>
	`/${TWILIO_API_VERSION}/Accounts/${encodeURIComponent(accountSid)}.json`;

/** Twilio's own words for some statuses (the rest: answers.ts). */
const HTTP_MEANING: Readonly<Record<number, string>> = {
	401: `authentication failed: ${TWILIO} did not accept the Account SID and Auth Token, or the API key SID and secret`,
	404: `not found: check the Account SID (an API key works only with its own account's SID) and the base URL`,
	429: `too many concurrent requests: ${TWILIO} asks to retry later`,
};

/**
 * A refused request: Twilio's `{ code, message, more_info, status }`, the reference page added to
 * the message so a user can read what the code means; without such a body, the HTTP meaning.
 */
export function twilioErrorOutcome(response: ProviderResponse): ErrorOutcome {
	const body = response.body;
	const code = text(field(body, 'code'));
	const message = text(field(body, 'message'));
	const moreInfo = text(field(body, 'more_info'));
	const base = message ?? httpMeaning(response.statusCode, HTTP_MEANING);
	return {
		kind: 'error',
		httpStatus: response.statusCode,
		code: code ?? `HTTP ${response.statusCode}`,
		message: moreInfo !== null && /^https:\/\//.test(moreInfo) ? `${base} (${moreInfo})` : base,
	};
}
