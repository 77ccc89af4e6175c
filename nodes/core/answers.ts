/** Reading a provider's HTTP answer: what every adapter needs, written once. */
import type { ProviderOutcome, ProviderResponse } from './adapter';
import { isRecord } from './objects';

export type ErrorOutcome = Extract<ProviderOutcome, { kind: 'error' }>;
export type AmbiguousOutcome = Extract<ProviderOutcome, { kind: 'ambiguous' }>;

export const isSuccess = (response: ProviderResponse): boolean =>
	response.statusCode >= 200 && response.statusCode < 300;

/** What an HTTP status means when the provider's body does not say; a provider may word some its own way. */
const HTTP_MEANING: Readonly<Record<number, string>> = {
	400: 'bad request',
	401: 'authentication failed',
	403: 'forbidden',
	404: 'not found: check the base URL',
	405: 'method not allowed',
	409: 'conflict',
	429: 'rate limited: too many requests',
	500: 'internal server error',
	503: 'service unavailable',
};

export function httpMeaning(
	statusCode: number,
	own: Readonly<Record<number, string>> = {},
): string {
	return own[statusCode] ?? HTTP_MEANING[statusCode] ?? `HTTP ${statusCode} without an explanation`;
}

/** A refused request: the provider's code and message when it sent them, else the HTTP status and its meaning. */
export function errorOutcome(
	response: ProviderResponse,
	code: string | null,
	message: string | null,
	own?: Readonly<Record<number, string>>,
): ErrorOutcome {
	return {
		kind: 'error',
		httpStatus: response.statusCode,
		code: code ?? `HTTP ${response.statusCode}`,
		message: message ?? httpMeaning(response.statusCode, own),
	};
}

/**
 * A 2xx the adapter cannot read: the request may have been taken, so the recipients are "unknown"
 * and nothing is sent again. `lacks` says what was missing, `what` what may have been placed.
 */
export function unreadableSuccess(
	provider: string,
	response: ProviderResponse,
	lacks: string,
	what: string,
	notJson = ' (the body is not JSON)',
): AmbiguousOutcome {
	return {
		kind: 'ambiguous',
		message: `${provider} answered HTTP ${response.statusCode} ${lacks}${isRecord(response.body) ? '' : notJson}; ${what} may have been placed`,
	};
}
