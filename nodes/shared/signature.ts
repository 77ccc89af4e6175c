/**
 * Authenticity checks for incoming receipts: shared secrets in a header or the URL query, HTTP
 * Basic auth, and Webex Connect's `x-hub-signature` (hex HMAC of the raw body). Plain TypeScript
 * on top of `crypto`; every comparison is constant-time and nothing here throws on odd input.
 *
 * Results never carry a secret: a failure says what was wrong, not what was expected.
 */
import { createHash, createHmac, timingSafeEqual } from 'crypto';

export type HubAlgorithm = 'sha256' | 'sha512';

/** Hex digest lengths of the two algorithms Webex Connect signs with. */
const HEX_LENGTH: Record<HubAlgorithm, number> = { sha256: 64, sha512: 128 };

/** How a request must prove it comes from the provider. */
export type AuthenticityRule =
	| { kind: 'none' }
	| { kind: 'headerSecret'; headerName: string; secret: string }
	| { kind: 'querySecret'; parameter: string; secret: string }
	| { kind: 'basicAuth'; user: string; password: string }
	| { kind: 'hubSignature'; secret: string };

export type AuthenticityKind = AuthenticityRule['kind'];

/** The parts of an HTTP request the checks read. Header names in lower case (as Node gives them). */
export interface InboundRequest {
	headers: Record<string, string | string[] | undefined>;
	query?: Record<string, unknown>;
	/** The body exactly as received (n8n 2.x: `req.rawBody`, a Buffer). */
	rawBody?: Buffer | string;
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

/** Hex HMAC of the raw body, as Webex Connect computes `x-hub-signature`. */
export function hubSignature(rawBody: Buffer | string, secret: string, algorithm: HubAlgorithm = 'sha256'): string {
	return createHmac(algorithm, secret).update(rawBody).digest('hex');
}

/** First value of a header that may be repeated. */
function single(value: string | string[] | undefined): string | undefined {
	return Array.isArray(value) ? value[0] : value;
}

/**
 * Verifies an `x-hub-signature` value: hex HMAC-SHA256 or HMAC-SHA512 of the raw body, with or
 * without a `sha256=` / `sha512=` prefix, in either letter case. Without a prefix the algorithm
 * follows from the length (64 or 128 hex digits). Anything else is refused, never thrown.
 */
export function verifyHubSignature(
	rawBody: Buffer | string | undefined,
	signature: string | string[] | undefined,
	secret: string,
): AuthenticityResult {
	const given = single(signature)?.trim();
	if (!given) return { ok: false, reason: 'Missing x-hub-signature header' };
	if (rawBody === undefined) return { ok: false, reason: 'The request body could not be read to check its signature' };

	const prefixed = /^(sha256|sha512)=(.*)$/i.exec(given);
	const hex = (prefixed ? prefixed[2] : given).toLowerCase();
	const algorithm: HubAlgorithm | undefined = prefixed
		? (prefixed[1].toLowerCase() as HubAlgorithm)
		: hex.length === HEX_LENGTH.sha512
			? 'sha512'
			: hex.length === HEX_LENGTH.sha256
				? 'sha256'
				: undefined;
	if (algorithm === undefined || hex.length !== HEX_LENGTH[algorithm] || !/^[0-9a-f]+$/.test(hex)) {
		return { ok: false, reason: 'Malformed x-hub-signature header (expected hex HMAC-SHA256 or HMAC-SHA512)' };
	}
	const expected = Buffer.from(hubSignature(rawBody, secret, algorithm), 'hex');
	const actual = Buffer.from(hex, 'hex');
	// Same length by construction (checked above), so timingSafeEqual cannot throw.
	return timingSafeEqual(actual, expected) ? { ok: true } : { ok: false, reason: 'x-hub-signature does not match the body' };
}

/** Decodes an `Authorization: Basic …` header; null when absent or not Basic. */
export function parseBasicAuth(header: string | string[] | undefined): { user: string; password: string } | null {
	const value = single(header)?.trim();
	const match = value ? /^basic\s+([A-Za-z0-9+/=_-]+)$/i.exec(value) : null;
	if (!match) return null;
	const decoded = Buffer.from(match[1], 'base64').toString('utf8');
	const colon = decoded.indexOf(':');
	if (colon < 0) return null;
	return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/** Checks a request against a rule. An empty configured secret refuses everything (fail closed). */
export function checkAuthenticity(request: InboundRequest, rule: AuthenticityRule): AuthenticityResult {
	switch (rule.kind) {
		case 'none':
			return { ok: true };
		case 'headerSecret': {
			if (!rule.secret || !rule.headerName.trim()) return notConfigured();
			const given = single(request.headers[rule.headerName.trim().toLowerCase()]);
			if (given === undefined || given === '') return { ok: false, reason: `Missing ${rule.headerName.trim()} header` };
			return safeEqual(given, rule.secret) ? { ok: true } : { ok: false, reason: `Wrong ${rule.headerName.trim()} header` };
		}
		case 'querySecret': {
			if (!rule.secret || !rule.parameter.trim()) return notConfigured();
			const raw = request.query?.[rule.parameter.trim()];
			const given = Array.isArray(raw) ? raw[0] : raw;
			if (typeof given !== 'string' || given === '') {
				return { ok: false, reason: `Missing query parameter ${rule.parameter.trim()}` };
			}
			return safeEqual(given, rule.secret)
				? { ok: true }
				: { ok: false, reason: `Wrong query parameter ${rule.parameter.trim()}` };
		}
		case 'basicAuth': {
			if (!rule.user || !rule.password) return notConfigured();
			const given = parseBasicAuth(request.headers.authorization);
			if (given === null) return { ok: false, reason: 'Missing Basic authorization' };
			// Both compared every time, so the answer's timing does not tell which one was wrong.
			const userOk = safeEqual(given.user, rule.user);
			const passwordOk = safeEqual(given.password, rule.password);
			return userOk && passwordOk ? { ok: true } : { ok: false, reason: 'Wrong user or password' };
		}
		case 'hubSignature':
			if (!rule.secret) return notConfigured();
			return verifyHubSignature(request.rawBody, request.headers['x-hub-signature'], rule.secret);
	}
}

function notConfigured(): AuthenticityResult {
	return { ok: false, reason: 'The trigger has no secret configured for its authentication method' };
}
