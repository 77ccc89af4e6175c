/**
 * Properties of X-Twilio-Signature: what is signed verifies, whatever the token, URL and
 * parameters; any change to a value, the URL or the token is refused; nothing throws.
 */
import { twilioSignature, verifyTwilioSignature } from '../../../nodes/providers/twilio/signature';
import { fc, untrusted } from '../../support/properties';

const FORM = 'application/x-www-form-urlencoded';
const token = fc.string({ minLength: 1, maxLength: 40 });
const params = fc.array(
	fc.tuple(fc.string({ minLength: 1, maxLength: 12 }), fc.string({ maxLength: 20 })),
	{
		maxLength: 8,
	},
);
const url = fc.webUrl({ withQueryParameters: true });
const body = (pairs: Array<[string, string]>) => new URLSearchParams(pairs).toString();

describe('X-Twilio-Signature properties', () => {
	it('verifies what it signed, in any parameter order', () => {
		fc.assert(
			fc.property(token, url, params, (authToken, at, pairs) => {
				const signature = twilioSignature(authToken, at, pairs);
				const rawBody = body([...pairs].reverse());
				expect(
					verifyTwilioSignature({ url: at, signature, rawBody, contentType: FORM }, authToken),
				).toEqual({ ok: true });
			}),
		);
	});

	it('refuses another token, another value or another URL', () => {
		fc.assert(
			fc.property(
				token,
				url,
				params,
				fc.string({ minLength: 1, maxLength: 5 }),
				(authToken, at, pairs, extra) => {
					const signature = twilioSignature(authToken, at, pairs);
					const request = { url: at, signature, rawBody: body(pairs), contentType: FORM };
					expect(verifyTwilioSignature(request, authToken + extra).ok).toBe(false);
					expect(
						verifyTwilioSignature(
							{
								...request,
								url: `${at}${at.includes('?') ? '&' : '?'}z=${encodeURIComponent(extra)}`,
							},
							authToken,
						).ok,
					).toBe(false);
					const changed = [...pairs, ['zz', extra] as [string, string]];
					expect(verifyTwilioSignature({ ...request, rawBody: body(changed) }, authToken).ok).toBe(
						false,
					);
				},
			),
		);
	});

	it('never throws, and never returns the token, on untrusted requests', () => {
		fc.assert(
			fc.property(
				token,
				untrusted(),
				untrusted(),
				untrusted(),
				untrusted(),
				(authToken, at, signature, rawBody, contentType) => {
					const result = verifyTwilioSignature(
						{
							url: at as string,
							signature: signature as string,
							rawBody: rawBody as string,
							contentType: contentType as string,
						},
						authToken,
					);
					expect(typeof result.ok).toBe('boolean');
					if (!result.ok && authToken.length > 12) expect(result.reason).not.toContain(authToken);
				},
			),
		);
	});
});
