import { z } from 'zod/v4';

import type { CredentialFields, ProviderResponse } from '../../core/adapter';
import {
	httpMeaning,
	isSuccess,
	unreadableSuccess,
	type AmbiguousOutcome,
	type ErrorOutcome,
} from '../../core/answers';
import { field, isRecord, text } from '../../core/objects';
import { toUtcIso } from '../../core/time';
import { httpUrl, oneOf, optionalText, reject } from '../../core/validation';

export const ROUTEE = 'Routee';
export const ROUTEE_API_URL = 'https://connect.routee.net';
export const ROUTEE_AUTH_URL = 'https://auth.routee.net';

/** Text-to-speech languages Routee documents for SAY verbs and campaign messages. */
export const ROUTEE_LANGUAGES = [
	'en-US',
	'en-GB',
	'de-DE',
	'fr-FR',
	'it-IT',
	'es-ES',
	'es-LA',
	'pt-BR',
	'el-GR',
	'bg-BG',
	'pl-PL',
	'hu-HU',
	'sv-SE',
	'ru-RU',
] as const;

export const ROUTEE_GENDERS = ['female', 'male'] as const;
export const CALLBACK_STRATEGIES = ['OnChange', 'OnCompletion'] as const;

/** Longest text-to-speech text (characters). */
export const MAX_ROUTEE_TEXT = 1000;
/** Longest numeric sender (digits). */
export const MAX_SENDER_DIGITS = 16;

/** The API host: the credential's base URL (a sandbox, a proxy) or connect.routee.net. */
export function routeeBaseUrl(credentials: CredentialFields): string {
	return (text(credentials.baseUrl) ?? ROUTEE_API_URL).replace(/\/+$/, '');
}

/** Where tokens come from: `${baseUrl}/oauth/token` when a base URL is set, else auth.routee.net. */
export function routeeTokenUrl(credentials: CredentialFields): string {
	const override = text(credentials.baseUrl);
	return `${(override ?? ROUTEE_AUTH_URL).replace(/\/+$/, '')}/oauth/token`;
}

/**
 * What a cached token is keyed by: the Base URL as set ("routee" without one: Routee's own hosts).
 * ROUTEE_TOKEN_KEY_EXPRESSION computes the same in the credential's n8n expression.
 */
export const routeeTokenKey = (credentials: CredentialFields): string =>
	text(credentials.baseUrl) ?? 'routee';
export const ROUTEE_TOKEN_KEY_EXPRESSION =
	'(String($credentials.baseUrl ?? "").trim() || "routee")';

/**
 * Routee voice senders are numeric (the caller ID): digits, at most 16. A leading + is kept, and
 * spaces, dashes, dots and brackets are dropped.
 */
export const routeeSender = (name: string) =>
	z.unknown().transform((value, ctx) => {
		// Text or a number (not NaN). The two messages for anything else are word for word those
		// zod v3 gave for the union of string and number this was.
		if (typeof value !== 'string' && (typeof value !== 'number' || Number.isNaN(value))) {
			return reject(
				ctx,
				`${name} is invalid: ${value === undefined ? `${name} is required` : 'Invalid input'}`,
			);
		}
		const compact = String(value).replace(/[\s\-.()/]/g, '');
		if (compact === '') return reject(ctx, `${name} is required`);
		const digits = compact.replace(/^\+/, '');
		if (!/^\d+$/.test(digits)) {
			return reject(
				ctx,
				`${name} "${String(value)}" is not a numeric sender: ${ROUTEE} voice calls need a caller ID of digits only, e.g. 306912345678`,
			);
		}
		if (digits.length > MAX_SENDER_DIGITS) {
			return reject(
				ctx,
				`${name} "${String(value)}" has ${digits.length} digits; ${ROUTEE} allows at most ${MAX_SENDER_DIGITS}`,
			);
		}
		return compact;
	});

/** An http(s) URL of a .wav file (Routee plays only WAV). */
export const wavUrl = (name: string) =>
	httpUrl(name).superRefine((value, ctx) => {
		if (value === undefined) return;
		let path = '';
		try {
			path = new URL(value).pathname;
		} catch {
			path = '';
		}
		if (!/\.wav$/i.test(path)) {
			ctx.addIssue({
				code: 'custom',
				message: `${name} "${value}" does not point to a .wav file; ${ROUTEE} plays only WAV audio`,
			});
		}
	});

/** A `{ url, strategy }` callback; absent, or with an empty URL, means none. */
export const routeeCallback = (name: string) => {
	const url = httpUrl(`${name}.url`);
	return z
		.object({
			url: optionalText('url'),
			strategy: oneOf(`${name}.strategy`, CALLBACK_STRATEGIES).optional(),
		})
		.optional()
		.superRefine((value, ctx) => {
			if (value?.url === undefined) return;
			const check = url.safeParse(value.url);
			if (!check.success)
				ctx.addIssue({ code: 'custom', path: ['url'], message: check.error.issues[0].message });
		})
		.transform((value) =>
			value?.url === undefined
				? undefined
				: { url: value.url, strategy: value.strategy ?? ('OnChange' as const) },
		);
};

export type RouteeCallback = NonNullable<z.output<ReturnType<typeof routeeCallback>>>;

/** Routee's own words for some statuses (the rest: answers.ts). */
const HTTP_MEANING: Record<number, string> = {
	401: `authentication failed: ${ROUTEE} did not accept the application ID and secret, or the access token`,
	403: `not authenticated: ${ROUTEE} refused the access token, or the application may not use this service`,
	409: 'conflict, e.g. a campaign with this name exists',
};

/**
 * A refused request: Routee's `{ code, developerMessage }` (with `errors[]` details), the OAuth
 * server's `{ error, error_description }` when the token could not be obtained, or the HTTP meaning.
 */
export function routeeErrorOutcome(response: ProviderResponse): ErrorOutcome {
	const body = response.body;
	const details = field(body, 'errors');
	const detail = (Array.isArray(details) ? details : [])
		.filter(isRecord)
		.slice(0, 3)
		.map((entry) =>
			[text(field(entry, 'property')), text(field(entry, 'developerMessage', 'message'))]
				.filter(Boolean)
				.join(': '),
		)
		.filter((entry) => entry !== '');
	const base =
		text(field(body, 'developerMessage')) ??
		text(field(body, 'error_description')) ??
		text(field(body, 'message')) ??
		httpMeaning(response.statusCode, HTTP_MEANING);
	return {
		kind: 'error',
		httpStatus: response.statusCode,
		code: text(field(body, 'code')) ?? text(field(body, 'error')) ?? `HTTP ${response.statusCode}`,
		message: detail.length > 0 ? `${base} (${detail.join('; ')})` : base,
	};
}

/**
 * The tracking id (under the first of `names` present) and creation time of an answer (a
 * conversation's or a campaign's), or the outcome when there is none: a refusal, or a 2xx without
 * a tracking id (`what` may have been placed).
 */
export function readTracking(
	response: ProviderResponse,
	what: string,
	names: readonly string[] = ['trackingId'],
):
	| { trackingId: string; requestedAt: string | null; body: Record<string, unknown> }
	| ErrorOutcome
	| AmbiguousOutcome {
	if (!isSuccess(response)) return routeeErrorOutcome(response);
	const trackingId =
		names.map((name) => text(field(response.body, name))).find((id) => id !== null) ?? null;
	if (!isRecord(response.body) || trackingId === null)
		return unreadableSuccess(ROUTEE, response, 'without a tracking id', what);
	const createdAt = text(field(response.body, 'createdAt'));
	return {
		trackingId,
		requestedAt: createdAt === null ? null : toUtcIso(createdAt),
		body: response.body,
	};
}
