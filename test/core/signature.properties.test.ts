/**
 * Properties of the authenticity checks: whatever a request holds (headers of any name, shape or
 * value, any body), a check answers and never throws; no forged or unsigned request passes, the
 * genuine one does, and an empty secret lets nothing through; a refusal never shows the secret.
 */
import { createHmac } from 'node:crypto';

import { checkAuthenticity, type AuthenticityRule, type InboundRequest } from '../../nodes';
import { verifyHubSignature } from '../../nodes/providers/webexConnect/signature';
import { basicAuth } from '../support/auth';
import { fc, PROTOTYPE_WORDS, untrusted } from '../support/properties';

const secret = fc.string({ minLength: 1, maxLength: 40 });
const headerName = fc.oneof(
	fc.constantFrom(
		'x-receipt-secret',
		'X-Receipt-Secret',
		' x-token ',
		'authorization',
		'x-hub-signature',
		...PROTOTYPE_WORDS,
	),
	fc.string({ maxLength: 20 }),
);
const body = fc.oneof(
	fc.string(),
	fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes)),
);

/** Headers and query parameters as anyone may send them, prototype words among the names. */
const request: fc.Arbitrary<InboundRequest> = fc.record({
	headers: fc.dictionary(
		headerName.map((name) => name.trim().toLowerCase()),
		fc.oneof(fc.string(), fc.array(fc.string(), { maxLength: 3 }), untrusted()),
		{ maxKeys: 5 },
	) as fc.Arbitrary<InboundRequest['headers']>,
	query: fc.dictionary(headerName, untrusted(), { maxKeys: 4 }),
	rawBody: fc.oneof(body, fc.constant(undefined)),
});

const rule: fc.Arbitrary<AuthenticityRule> = fc.oneof(
	fc.record({
		kind: fc.constant('headerSecret' as const),
		headerName,
		secret: fc.string({ maxLength: 20 }),
	}),
	fc.record({
		kind: fc.constant('querySecret' as const),
		parameter: headerName,
		secret: fc.string({ maxLength: 20 }),
	}),
	fc.record({
		kind: fc.constant('basicAuth' as const),
		user: fc.string({ maxLength: 10 }),
		password: fc.string({ maxLength: 20 }),
	}),
	fc.record({ kind: fc.constant('hubSignature' as const), secret: fc.string({ maxLength: 20 }) }),
);

const hmac = (algorithm: 'sha256' | 'sha512', key: string, data: string | Buffer) =>
	createHmac(algorithm, key).update(data).digest('hex');

describe('authenticity checks (properties)', () => {
	it('answers any request under any rule without throwing, and never shows the secret', () => {
		fc.assert(
			fc.property(request, rule, (incoming, configured) => {
				const result = checkAuthenticity(incoming, configured);
				expect(typeof result.ok).toBe('boolean');
				if (!result.ok) {
					const secrets = [
						('secret' in configured && configured.secret) || '',
						('password' in configured && configured.password) || '',
					];
					for (const value of secrets.filter((s) => s.length >= 4))
						expect(result.reason).not.toContain(value);
				}
			}),
		);
	});

	it('takes a Webex Connect signature only when it is the HMAC of this body with this secret', () => {
		const signature = fc.oneof(
			// Well-formed hex of either length: the forger's best try.
			fc
				.constantFrom(32, 64)
				.chain((bytes) =>
					fc
						.uint8Array({ minLength: bytes, maxLength: bytes })
						.map((digest) => Buffer.from(digest).toString('hex')),
				),
			fc.string({ maxLength: 140 }),
		);
		fc.assert(
			fc.property(
				body,
				secret,
				signature,
				fc.constantFrom('', 'sha256=', 'SHA512='),
				(raw, key, forged, prefix) => {
					const genuine256 = hmac('sha256', key, raw);
					const genuine512 = hmac('sha512', key, raw);
					// A forged signature (anything but the HMAC) never passes.
					if (![genuine256, genuine512].includes(forged.trim().toLowerCase()))
						expect(verifyHubSignature(raw, `${prefix}${forged}`, key).ok).toBe(false);
					expect(verifyHubSignature(raw, genuine256, key).ok).toBe(true);
					expect(verifyHubSignature(raw, `sha512=${genuine512}`, key).ok).toBe(true);
					// Signed with another secret, or for another body: refused.
					expect(verifyHubSignature(raw, hmac('sha256', `${key}x`, raw), key).ok).toBe(false);
					expect(
						verifyHubSignature(Buffer.concat([Buffer.from(raw), Buffer.from(' ')]), genuine256, key)
							.ok,
					).toBe(false);
				},
			),
		);
	});

	it('lets nothing through with an empty secret, not even a body signed with it', () => {
		fc.assert(
			fc.property(body, (raw) => {
				expect(verifyHubSignature(raw, hmac('sha256', '', raw), '').ok).toBe(false);
				expect(
					checkAuthenticity(
						{ headers: { 'x-hub-signature': hmac('sha256', '', raw) }, rawBody: raw },
						{ kind: 'hubSignature', secret: '' },
					).ok,
				).toBe(false);
				expect(
					checkAuthenticity(
						{ headers: { 'x-receipt-secret': '' } },
						{ kind: 'headerSecret', headerName: 'X-Receipt-Secret', secret: '' },
					).ok,
				).toBe(false);
			}),
		);
	});

	it('takes a shared secret or a Basic login only when it is exactly the configured one', () => {
		fc.assert(
			fc.property(
				secret,
				secret,
				fc.string({ minLength: 1, maxLength: 10 }).filter((user) => !user.includes(':')),
				(expected, given, user) => {
					const match = expected === given;
					expect(
						checkAuthenticity(
							{ headers: { 'x-receipt-secret': given } },
							{ kind: 'headerSecret', headerName: 'X-Receipt-Secret', secret: expected },
						).ok,
					).toBe(match);
					expect(
						checkAuthenticity(
							{ headers: {}, query: { secret: given } },
							{ kind: 'querySecret', parameter: 'secret', secret: expected },
						).ok,
					).toBe(match);
					expect(
						checkAuthenticity(
							{ headers: { authorization: basicAuth(user, given) } },
							{ kind: 'basicAuth', user, password: expected },
						).ok,
					).toBe(match);
				},
			),
		);
	});
});
