/**
 * Authenticity checks for incoming receipts: shared secrets in a header or the URL query, HTTP
 * Basic auth, and the signatures a provider offers (its folder's signature.ts, e.g. Webex
 * Connect's `x-hub-signature`). Plain TypeScript on top of `crypto`; every comparison is
 * constant-time and nothing here throws on odd input.
 *
 * Results never carry a secret: a failure says what was wrong, not what was expected.
 */
import { createHash, timingSafeEqual } from 'crypto';

import { ownValue, single } from './objects';

/** The generic methods, offered for every provider; providers add their own signatures. */
export const GENERIC_AUTHENTICITY_KINDS = [
	'none',
	'headerSecret',
	'querySecret',
	'basicAuth',
] as const;

/** A rule of the generic methods. */
export type GenericAuthenticityRule =
	| { kind: 'none' }
	| { kind: 'headerSecret'; headerName: string; secret: string }
	| { kind: 'querySecret'; parameter: string; secret: string }
	| { kind: 'basicAuth'; user: string; password: string };

/** A provider's own signature (an `AuthenticityMethod`'s kind), checked with the secret. */
export interface SignatureRule {
	kind: string;
	secret: string;
}

/** How a request must prove it comes from the provider. */
export type AuthenticityRule = GenericAuthenticityRule | SignatureRule;

export type AuthenticityKind = AuthenticityRule['kind'];

const isGeneric = (rule: AuthenticityRule): rule is GenericAuthenticityRule =>
	(GENERIC_AUTHENTICITY_KINDS as readonly string[]).includes(rule.kind);

/** The parts of an HTTP request the checks read. Header names in lower case (as Node gives them). */
export interface InboundRequest {
	headers: Record<string, string | string[] | undefined>;
	query?: Record<string, unknown>;
	/** The body exactly as received (n8n 2.x: `req.rawBody`, a Buffer). */
	rawBody?: Buffer | string;
	/**
	 * The full URL as the provider called it (scheme, host, path and the query string exactly as
	 * received), for signatures over the URL (Twilio's `X-Twilio-Signature`). Absent when unknown.
	 */
	url?: string;
}

export type AuthenticityResult = { ok: true } | { ok: false; reason: string };

/**
 * Compares two strings in time that does not depend on where they differ or on their lengths:
 * both are hashed first, so `timingSafeEqual` always sees equal-length buffers.
 */
export function safeEqual(actual: string, expected: string): boolean {
	const a = createHash('sha256').update(actual, 'utf8').digest();
	const b = createHash('sha256').update(expected, 'utf8').digest();
	return timingSafeEqual(a, b);
}

/**
 * A header's (or query parameter's) first value as text, read as an own property only: a header
 * named `constructor` or `__proto__` is absent unless the request has it. Anything not text is absent.
 */
function ownText(record: Record<string, unknown> | undefined, name: string): string | undefined {
	const value = ownValue(record, name);
	const first: unknown = Array.isArray(value) ? value[0] : value;
	return typeof first === 'string' ? first : undefined;
}

/** Decodes an `Authorization: Basic …` header; null when absent or not Basic. */
export function parseBasicAuth(
	header: string | string[] | undefined,
): { user: string; password: string } | null {
	const first: unknown = single(header);
	const value = typeof first === 'string' ? first.trim() : undefined;
	const match = value ? /^basic\s+([A-Za-z0-9+/=_-]+)$/i.exec(value) : null;
	if (!match) return null;
	const decoded = Buffer.from(match[1], 'base64').toString('utf8');
	const colon = decoded.indexOf(':');
	if (colon < 0) return null;
	return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/**
 * Checks a request against a rule. An empty configured secret refuses everything (fail closed), as
 * does a provider signature none of `methods` (the providers the caller works with) offers.
 */
export function checkAuthenticity(
	request: InboundRequest,
	rule: AuthenticityRule,
	methods: readonly AuthenticityMethod[] = [],
): AuthenticityResult {
	if (!isGeneric(rule)) {
		const method = methods.find((candidate) => candidate.kind === rule.kind);
		if (method === undefined || typeof rule.secret !== 'string' || !rule.secret)
			return notConfigured();
		return method.verify(request, rule.secret);
	}
	switch (rule.kind) {
		case 'none':
			return { ok: true };
		case 'headerSecret': {
			if (
				typeof rule.secret !== 'string' ||
				!rule.secret ||
				typeof rule.headerName !== 'string' ||
				!rule.headerName.trim()
			)
				return notConfigured();
			const given = ownText(request.headers, rule.headerName.trim().toLowerCase());
			if (given === undefined || given === '')
				return { ok: false, reason: `Missing ${rule.headerName.trim()} header` };
			return safeEqual(given, rule.secret)
				? { ok: true }
				: { ok: false, reason: `Wrong ${rule.headerName.trim()} header` };
		}
		case 'querySecret': {
			if (
				typeof rule.secret !== 'string' ||
				!rule.secret ||
				typeof rule.parameter !== 'string' ||
				!rule.parameter.trim()
			)
				return notConfigured();
			const given = ownText(request.query, rule.parameter.trim());
			if (given === undefined || given === '') {
				return { ok: false, reason: `Missing query parameter ${rule.parameter.trim()}` };
			}
			return safeEqual(given, rule.secret)
				? { ok: true }
				: { ok: false, reason: `Wrong query parameter ${rule.parameter.trim()}` };
		}
		case 'basicAuth': {
			if (
				typeof rule.user !== 'string' ||
				typeof rule.password !== 'string' ||
				!rule.user ||
				!rule.password
			)
				return notConfigured();
			const given = parseBasicAuth(ownText(request.headers, 'authorization'));
			if (given === null) return { ok: false, reason: 'Missing Basic authorization' };
			// Both compared every time, so the answer's timing does not tell which one was wrong.
			const userOk = safeEqual(given.user, rule.user);
			const passwordOk = safeEqual(given.password, rule.password);
			return userOk && passwordOk ? { ok: true } : { ok: false, reason: 'Wrong user or password' };
		}
		default:
			return notConfigured();
	}
}

function notConfigured(): AuthenticityResult {
	return {
		ok: false,
		reason: 'The trigger has no secret configured for its authentication method',
	};
}

/** A provider's own way of proving a request is its (a signature): one option of the trigger's Authentication. */
export interface AuthenticityMethod {
	/** The value of the trigger's Authentication option. */
	kind: string;
	/** Its name in the option list. */
	name: string;
	description: string;
	/**
	 * When the secret is a field of the provider's own credential (its record's credentialType,
	 * e.g. Twilio's Auth Token): that field's name. Absent: the Voice Receipt Webhook credential's secret.
	 */
	credentialField?: string;
	/** Checks the request with the credential's secret (never empty here); never throws. */
	verify(request: InboundRequest, secret: string): AuthenticityResult;
}
