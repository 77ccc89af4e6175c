import { createHmac } from 'node:crypto';

import { hubSignature, verifyHubSignature } from '../../../nodes/providers/webexConnect/signature';
import { webexReceipt } from '../../support/receipts';

describe('verifyHubSignature (Webex Connect x-hub-signature)', () => {
	const secret = 'hub-secret-7f3a';
	const raw = JSON.stringify(webexReceipt(), null, 2);
	const sha256 = createHmac('sha256', secret).update(raw).digest('hex');
	const sha512 = createHmac('sha512', secret).update(raw).digest('hex');

	it('computes the hex HMAC Webex sends', () => {
		expect(hubSignature(raw, secret)).toBe(sha256);
		expect(hubSignature(Buffer.from(raw), secret, 'sha512')).toBe(sha512);
	});

	it.each([
		['HMAC-SHA256', sha256],
		['HMAC-SHA512', sha512],
		['upper-case hex', sha256.toUpperCase()],
		['a sha256= prefix', `sha256=${sha256}`],
		['a SHA512= prefix', `SHA512=${sha512.toUpperCase()}`],
		['surrounding spaces', ` ${sha256} `],
		['a repeated header (first wins)', [sha256, 'junk']],
	])('accepts %s', (_label, header) => {
		expect(verifyHubSignature(Buffer.from(raw), header, secret)).toEqual({ ok: true });
	});

	it.each([
		['missing', undefined, /Missing x-hub-signature/],
		['empty', '', /Missing x-hub-signature/],
		['wrong', sha256.replace(/^./, sha256[0] === '0' ? '1' : '0'), /does not match/],
		[
			'of another secret',
			createHmac('sha256', 'other').update(raw).digest('hex'),
			/does not match/,
		],
		[
			'of another body',
			createHmac('sha256', secret)
				.update(raw + ' ')
				.digest('hex'),
			/does not match/,
		],
		['one digit short', sha256.slice(1), /Malformed/],
		['one digit long', `${sha256}0`, /Malformed/],
		['a sha512 digest under a sha256= prefix', `sha256=${sha512}`, /Malformed/],
		['not hex', 'z'.repeat(64), /Malformed/],
		['an unknown prefix', `md5=${sha256}`, /Malformed/],
	])('refuses a signature that is %s, without throwing', (_label, header, reason) => {
		const result = verifyHubSignature(Buffer.from(raw), header, secret);
		expect(result).toEqual({ ok: false, reason: expect.stringMatching(reason) });
		expect(JSON.stringify(result)).not.toContain(secret);
	});

	it('refuses when the raw body is unavailable', () => {
		expect(verifyHubSignature(undefined, sha256, secret).ok).toBe(false);
	});

	it('refuses everything with an empty secret, even a body signed with it (anyone can sign with "")', () => {
		// The exported function accepted this before; the trigger itself already refused an empty secret.
		const signedWithEmpty = createHmac('sha256', '').update(raw).digest('hex');
		expect(verifyHubSignature(Buffer.from(raw), signedWithEmpty, '')).toEqual({
			ok: false,
			reason: expect.stringMatching(/No secret/),
		});
	});

	it('refuses a header or body of another type without throwing', () => {
		expect(
			verifyHubSignature(Buffer.from(raw), { toString: 1 } as unknown as string, secret).ok,
		).toBe(false);
		expect(verifyHubSignature({ toString: 1 } as unknown as Buffer, sha256, secret).ok).toBe(false);
	});
});
