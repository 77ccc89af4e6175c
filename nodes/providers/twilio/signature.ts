/**
 * Twilio signs every webhook with the account's Auth Token: header `X-Twilio-Signature` = base64
 * HMAC-SHA1 of the full URL Twilio requested (query string included) followed, for a form body,
 * by every parameter's name and value, sorted by name. A JSON body is signed through the URL
 * alone, which then carries `bodySHA256` = hex SHA-256 of the body. The URL must be the public
 * one Twilio called (n8n's webhook or resume URL with the query as received), never the one
 * behind a proxy. Same reading as Twilio's own helper (twilio-node `validateRequest`): a
 * repeated parameter's values sorted, and the URL tried with and without its default port.
 */
import { createHash, createHmac, timingSafeEqual } from 'crypto';

import { ownValue, single } from '../../core/objects';
import type { AuthenticityMethod, AuthenticityResult, InboundRequest } from '../../core/signature';

/** HMAC-SHA1 is 20 bytes. */
const SIGNATURE_BYTES = 20;

/** The signed text: the URL, then name + value of each parameter, names sorted (values too). */
export function signedText(url: string, params: Iterable<[string, string]>): string {
	const byName = new Map<string, string[]>();
	for (const [name, value] of params) byName.set(name, [...(byName.get(name) ?? []), value]);
	let text = url;
	for (const name of [...byName.keys()].sort()) {
		for (const value of [...new Set(byName.get(name))].sort()) text += name + value;
	}
	return text;
}

/** `X-Twilio-Signature` of a request to `url` with these form parameters (none for JSON bodies). */
export function twilioSignature(
	authToken: string,
	url: string,
	params: Iterable<[string, string]> = [],
): string {
	return createHmac('sha1', authToken).update(signedText(url, params), 'utf8').digest('base64');
}

/** scheme://, user info, host, :port, the rest (path, query, fragment). */
const URL_PARTS = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#@]*@)?(\[[^\]]*\]|[^/?#:]*)(?::(\d*))?(.*)$/is;
const DEFAULT_PORTS: Readonly<Record<string, string>> = { 'https://': '443', 'http://': '80' };

/** The URL as written, and with its default port removed or added: Twilio signs one of them. */
export function urlVariants(url: string): string[] {
	const parts = URL_PARTS.exec(url);
	const defaultPort = parts ? DEFAULT_PORTS[parts[1].toLowerCase()] : undefined;
	if (!parts || defaultPort === undefined) return [url];
	const [, scheme, userInfo = '', host, port, rest] = parts;
	if (port !== undefined && port !== defaultPort) return [url];
	const without = `${scheme}${userInfo}${host}${rest}`;
	const withPort = `${scheme}${userInfo}${host}:${defaultPort}${rest}`;
	return [...new Set([url, without, withPort])];
}

export interface SignedRequest {
	/** The full URL as Twilio requested it, query included. */
	url: string | undefined;
	signature: string | string[] | undefined;
	/** The body exactly as received. */
	rawBody: Buffer | string | undefined;
	contentType: string | string[] | undefined;
}

/**
 * Verifies `X-Twilio-Signature` in constant time. Form bodies are read from the raw body; a URL
 * with `bodySHA256` is checked against the body's hash and signed alone. An empty Auth Token, a
 * missing URL or signature, or anything unreadable is refused, never thrown.
 */
export function verifyTwilioSignature(
	request: SignedRequest,
	authToken: string,
): AuthenticityResult {
	if (typeof authToken !== 'string' || authToken === '')
		return {
			ok: false,
			reason: 'No Auth Token is configured to check the X-Twilio-Signature header with',
		};
	const header: unknown = single(request.signature);
	const given = typeof header === 'string' ? header.trim() : '';
	if (given === '') return { ok: false, reason: 'Missing X-Twilio-Signature header' };
	const actual = Buffer.from(given, 'base64');
	if (actual.length !== SIGNATURE_BYTES || actual.toString('base64') !== given)
		return { ok: false, reason: 'Malformed X-Twilio-Signature header (expected base64 HMAC-SHA1)' };
	if (typeof request.url !== 'string' || request.url === '')
		return {
			ok: false,
			reason: 'The request URL is not known, so X-Twilio-Signature cannot be checked',
		};
	const raw = request.rawBody;
	if (typeof raw !== 'string' && !Buffer.isBuffer(raw))
		return { ok: false, reason: 'The request body could not be read to check its signature' };

	const bodyHash = queryValue(request.url, 'bodySHA256');
	let params: Array<[string, string]> = [];
	if (bodyHash !== undefined) {
		const expectedHash = createHash('sha256').update(raw).digest();
		const givenHash = /^[0-9a-f]{64}$/i.test(bodyHash)
			? Buffer.from(bodyHash, 'hex')
			: Buffer.alloc(0);
		if (givenHash.length !== expectedHash.length || !timingSafeEqual(givenHash, expectedHash))
			return { ok: false, reason: 'The body does not match the bodySHA256 of the URL' };
	} else if (isForm(request.contentType)) {
		params = [...new URLSearchParams(raw.toString())];
	}
	// Every variant is computed and compared, so the time taken does not tell which one matched.
	let matched = false;
	for (const url of urlVariants(request.url)) {
		const expected = createHmac('sha1', authToken).update(signedText(url, params), 'utf8').digest();
		matched = timingSafeEqual(actual, expected) || matched;
	}
	return matched
		? { ok: true }
		: { ok: false, reason: 'X-Twilio-Signature does not match the URL and body' };
}

function isForm(contentType: string | string[] | undefined): boolean {
	const value: unknown = single(contentType);
	return typeof value === 'string' && /^application\/x-www-form-urlencoded\s*(;|$)/i.test(value);
}

function queryValue(url: string, name: string): string | undefined {
	try {
		return new URL(url).searchParams.get(name) ?? undefined;
	} catch {
		return undefined;
	}
}

/**
 * The "Twilio Signature" option of the trigger and of Call and Wait for Outcome: the URL is the
 * one Twilio called as the node rebuilt it (InboundRequest.url); without it, refused. The secret
 * is the Auth Token of the chosen Twilio credential, never a copy in a second credential.
 */
export const twilioSignatures = [
	{
		kind: 'twilioSignature',
		name: 'Twilio Signature',
		description:
			"Twilio signs each callback with your account's Auth Token (X-Twilio-Signature header): choose the Twilio credential below",
		credentialField: 'authToken',
		verify: (request: InboundRequest, authToken: string) =>
			verifyTwilioSignature(
				{
					url: request.url,
					signature: ownValue(request.headers, 'x-twilio-signature') as
						| string
						| string[]
						| undefined,
					rawBody: request.rawBody,
					contentType: ownValue(request.headers, 'content-type') as string | string[] | undefined,
				},
				authToken,
			),
	},
] as const satisfies readonly AuthenticityMethod[];
