/**
 * Webex Connect signs each receipt when the tenant sets a hub secret: header `x-hub-signature` =
 * hex HMAC-SHA256 (or SHA-512) of the raw body.
 */
import { createHmac, timingSafeEqual } from 'crypto';

import { ownValue, single } from '../../core/objects';
import type { AuthenticityMethod, AuthenticityResult } from '../../core/signature';

export type HubAlgorithm = 'sha256' | 'sha512';

/** Hex digest lengths of the two algorithms Webex Connect signs with. */
const HEX_LENGTH: Record<HubAlgorithm, number> = { sha256: 64, sha512: 128 };

/** Hex HMAC of the raw body, as Webex Connect computes `x-hub-signature`. */
export function hubSignature(
	rawBody: Buffer | string,
	secret: string,
	algorithm: HubAlgorithm = 'sha256',
): string {
	return createHmac(algorithm, secret).update(rawBody).digest('hex');
}

/**
 * Verifies an `x-hub-signature` value: hex HMAC-SHA256 or HMAC-SHA512 of the raw body, with or
 * without a `sha256=` / `sha512=` prefix, in either letter case. Without a prefix the algorithm
 * follows from the length (64 or 128 hex digits). An empty secret refuses everything (anyone can
 * sign with it). Anything else is refused, never thrown.
 */
export function verifyHubSignature(
	rawBody: Buffer | string | undefined,
	signature: string | string[] | undefined,
	secret: string,
): AuthenticityResult {
	// Without a secret anyone could sign: refused, as the trigger refuses an empty secret.
	if (typeof secret !== 'string' || secret === '') {
		return {
			ok: false,
			reason: 'No secret is configured to check the x-hub-signature header with',
		};
	}
	const header: unknown = single(signature);
	const given = typeof header === 'string' ? header.trim() : '';
	if (!given) return { ok: false, reason: 'Missing x-hub-signature header' };
	if (typeof rawBody !== 'string' && !Buffer.isBuffer(rawBody)) {
		return { ok: false, reason: 'The request body could not be read to check its signature' };
	}

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
		return {
			ok: false,
			reason: 'Malformed x-hub-signature header (expected hex HMAC-SHA256 or HMAC-SHA512)',
		};
	}
	const expected = Buffer.from(hubSignature(rawBody, secret, algorithm), 'hex');
	const actual = Buffer.from(hex, 'hex');
	// Same length by construction (checked above), so timingSafeEqual cannot throw.
	return timingSafeEqual(actual, expected)
		? { ok: true }
		: { ok: false, reason: 'x-hub-signature does not match the body' };
}

export const webexConnectSignatures = [
	{
		kind: 'hubSignature',
		name: 'Webex Connect Signature',
		description: 'Webex Connect signs each receipt with its hub secret (x-hub-signature header)',
		verify: (request, secret) =>
			verifyHubSignature(
				request.rawBody,
				ownValue(request.headers, 'x-hub-signature') as string | string[] | undefined,
				secret,
			),
	},
] as const satisfies readonly AuthenticityMethod[];
