import type { CredentialFields, ProviderResponse } from '../../core/adapter';
import {
	errorOutcome,
	unreadableSuccess,
	type AmbiguousOutcome,
	type ErrorOutcome,
} from '../../core/answers';
import { hasOwn, text } from '../../core/objects';
import { recipientSchema } from '../../core/recipientSchema';
import { maxBytes, maxBytesRule, msisdn, optionalText } from '../../core/validation';

export const WEBEX_CONNECT = 'Webex Connect';
export const MAX_DESTINATIONS = 1000;
export const MAX_CORRELATION_ID_BYTES = 50;

/**
 * Where a tenant's API lives: the seven Webex Connect regions and the legacy IMIconnect hosts
 * older tenants still use. Keys are what the credential stores.
 */
export const WEBEX_CONNECT_HOSTS: Record<string, { name: string; url: string }> = {
	us: { name: 'US (Oregon)', url: 'https://api.us.webexconnect.io' },
	us1: { name: 'US (Azure)', url: 'https://api.us1.webexconnect.io' },
	ca: { name: 'Canada', url: 'https://api.ca.webexconnect.io' },
	eu: { name: 'Europe (Ireland)', url: 'https://api.eu.webexconnect.io' },
	uk: { name: 'UK (London)', url: 'https://api.uk.webexconnect.io' },
	in: { name: 'India (Mumbai)', url: 'https://api.in.webexconnect.io' },
	au: { name: 'Australia (Sydney)', url: 'https://api.au.webexconnect.io' },
	'imiconnect-emea': {
		name: 'Legacy IMIconnect EMEA (api.imiconnect.io)',
		url: 'https://api.imiconnect.io',
	},
	'imiconnect-us': {
		name: 'Legacy IMIconnect US (api-us.imiconnect.io)',
		url: 'https://api-us.imiconnect.io',
	},
	'imiconnect-us2': {
		name: 'Legacy IMIconnect US (api.imiconnect.us)',
		url: 'https://api.imiconnect.us',
	},
	'imiconnect-ca': {
		name: 'Legacy IMIconnect Canada (api.imiconnect.ca)',
		url: 'https://api.imiconnect.ca',
	},
	'imiconnect-eu': {
		name: 'Legacy IMIconnect EU (api.imiconnect.eu)',
		url: 'https://api.imiconnect.eu',
	},
	'imiconnect-in': {
		name: 'Legacy IMIconnect India (api.imiconnect.in)',
		url: 'https://api.imiconnect.in',
	},
	'imiconnect-com': {
		name: 'Legacy IMIconnect (api.imiconnect.com)',
		url: 'https://api.imiconnect.com',
	},
};

/** The credential's base URL override wins over its region. */
export function webexConnectBaseUrl(credentials: CredentialFields): string {
	const override = text(credentials.baseUrl);
	const region = text(credentials.region) ?? 'us';
	const url =
		override ??
		(hasOwn(WEBEX_CONNECT_HOSTS, region)
			? WEBEX_CONNECT_HOSTS[region].url
			: WEBEX_CONNECT_HOSTS.us.url);
	return url.replace(/\/+$/, '');
}

export const PRIORITIES = ['low', 'medium', 'high'] as const;
export const PRIORITY_NUMBER: Record<(typeof PRIORITIES)[number], number> = {
	low: 1,
	medium: 2,
	high: 3,
};

export const webexRecipient = recipientSchema({
	to: msisdn('to'),
	correlationId: maxBytesRule('correlationId', MAX_CORRELATION_ID_BYTES, WEBEX_CONNECT),
});

export const optionalCorrelationId = maxBytes(
	'correlationId',
	MAX_CORRELATION_ID_BYTES,
	WEBEX_CONNECT,
);
export const callbackData = optionalText('callbackData');

/** Webex Connect's own words for some statuses (the rest: answers.ts). */
const HTTP_MEANING: Record<number, string> = {
	401: 'authentication failed: the service key was not accepted, or the account is over quota',
	404: 'resource not found: check the base URL',
};

/** A refused request: the provider's own code and message when it sent them, else the HTTP meaning. */
export const webexErrorOutcome = (
	response: ProviderResponse,
	code: unknown,
	message: unknown,
): ErrorOutcome => errorOutcome(response, text(code), text(message), HTTP_MEANING);

export const webexUnreadableSuccess = (response: ProviderResponse): AmbiguousOutcome =>
	unreadableSuccess(
		WEBEX_CONNECT,
		response,
		'with a body that could not be read',
		'the calls',
		' (not JSON)',
	);
