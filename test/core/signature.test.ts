import { createHmac } from 'node:crypto';

import { checkAuthenticity, parseBasicAuth, safeEqual, type AuthenticityRule } from '../../nodes';
import { basicAuth } from '../support/auth';

describe('checkAuthenticity', () => {
	const secret = 's3cr3t-value-xyz';
	const request = (
		headers: Record<string, string | string[]> = {},
		query: Record<string, unknown> = {},
	) => ({
		headers,
		query,
		rawBody: Buffer.from('{}'),
	});

	const cases: Array<[string, AuthenticityRule, ReturnType<typeof request>, boolean]> = [
		['none', { kind: 'none' }, request(), true],
		[
			'header: valid',
			{ kind: 'headerSecret', headerName: 'X-Receipt-Secret', secret },
			request({ 'x-receipt-secret': secret }),
			true,
		],
		[
			'header: missing',
			{ kind: 'headerSecret', headerName: 'X-Receipt-Secret', secret },
			request(),
			false,
		],
		[
			'header: wrong',
			{ kind: 'headerSecret', headerName: 'X-Receipt-Secret', secret },
			request({ 'x-receipt-secret': secret.replace('x', 'y') }),
			false,
		],
		[
			'header: wrong length',
			{ kind: 'headerSecret', headerName: 'X-Receipt-Secret', secret },
			request({ 'x-receipt-secret': `${secret}!` }),
			false,
		],
		[
			'header: prefix only',
			{ kind: 'headerSecret', headerName: 'X-Receipt-Secret', secret },
			request({ 'x-receipt-secret': secret.slice(0, 4) }),
			false,
		],
		[
			'header: no secret configured',
			{ kind: 'headerSecret', headerName: 'X-Receipt-Secret', secret: '' },
			request({ 'x-receipt-secret': '' }),
			false,
		],
		[
			'query: valid',
			{ kind: 'querySecret', parameter: 'token', secret },
			request({}, { token: secret }),
			true,
		],
		[
			'query: repeated, first valid',
			{ kind: 'querySecret', parameter: 'token', secret },
			request({}, { token: [secret, 'x'] }),
			true,
		],
		['query: missing', { kind: 'querySecret', parameter: 'token', secret }, request(), false],
		[
			'query: wrong',
			{ kind: 'querySecret', parameter: 'token', secret },
			request({}, { token: 'nope' }),
			false,
		],
		[
			'query: object',
			{ kind: 'querySecret', parameter: 'token', secret },
			request({}, { token: { a: secret } }),
			false,
		],
		[
			'basic: valid',
			{ kind: 'basicAuth', user: 'webex', password: secret },
			request({ authorization: basicAuth('webex', secret) }),
			true,
		],
		[
			'basic: password with colons',
			{ kind: 'basicAuth', user: 'webex', password: 'a:b:c' },
			request({ authorization: basicAuth('webex', 'a:b:c') }),
			true,
		],
		[
			'basic: wrong password',
			{ kind: 'basicAuth', user: 'webex', password: secret },
			request({ authorization: basicAuth('webex', 'nope') }),
			false,
		],
		[
			'basic: wrong user',
			{ kind: 'basicAuth', user: 'webex', password: secret },
			request({ authorization: basicAuth('routee', secret) }),
			false,
		],
		['basic: missing', { kind: 'basicAuth', user: 'webex', password: secret }, request(), false],
		[
			'basic: bearer instead',
			{ kind: 'basicAuth', user: 'webex', password: secret },
			request({ authorization: `Bearer ${secret}` }),
			false,
		],
		[
			'basic: no colon',
			{ kind: 'basicAuth', user: 'webex', password: secret },
			request({ authorization: `Basic ${Buffer.from('webex').toString('base64')}` }),
			false,
		],
		[
			'hub: valid',
			{ kind: 'hubSignature', secret },
			request({ 'x-hub-signature': createHmac('sha256', secret).update('{}').digest('hex') }),
			true,
		],
		['hub: missing', { kind: 'hubSignature', secret }, request(), false],
		[
			'hub: no secret configured',
			{ kind: 'hubSignature', secret: '' },
			request({ 'x-hub-signature': createHmac('sha256', '').update('{}').digest('hex') }),
			false,
		],
	];

	it.each(cases)('%s', (_label, rule, req, ok) => {
		const result = checkAuthenticity(req, rule);
		expect(result.ok).toBe(ok);
		if (!result.ok) {
			expect(result.reason).not.toContain(secret);
			expect(result.reason.length).toBeGreaterThan(5);
		}
	});

	it('compares safely whatever the lengths', () => {
		expect(safeEqual('abc', 'abc')).toBe(true);
		expect(safeEqual('abc', 'abcd')).toBe(false);
		expect(safeEqual('', 'x'.repeat(10_000))).toBe(false);
	});

	it('decodes Basic credentials', () => {
		expect(parseBasicAuth(basicAuth('u', 'p:w'))).toEqual({ user: 'u', password: 'p:w' });
		expect(parseBasicAuth(['basic ' + Buffer.from('u:').toString('base64')])).toEqual({
			user: 'u',
			password: '',
		});
		expect(parseBasicAuth(undefined)).toBeNull();
		expect(parseBasicAuth('Basic !!!')).toBeNull();
	});

	it.each(['__proto__', 'constructor', 'toString'])(
		'reads a header named %s as any other: missing unless sent, never a TypeError',
		(headerName) => {
			const rule: AuthenticityRule = { kind: 'headerSecret', headerName, secret };
			expect(checkAuthenticity({ headers: {} }, rule)).toEqual({
				ok: false,
				reason: `Missing ${headerName} header`,
			});
			const sent: Record<string, string> = {};
			Object.defineProperty(sent, headerName.toLowerCase(), { value: secret, enumerable: true });
			expect(checkAuthenticity({ headers: sent }, rule)).toEqual({ ok: true });
			expect(
				checkAuthenticity(
					{ headers: {}, query: {} },
					{ kind: 'querySecret', parameter: headerName, secret },
				).ok,
			).toBe(false);
		},
	);

	it('refuses a header or query value that is not text, without throwing', () => {
		const headers = { 'x-receipt-secret': { toString: 1 } } as unknown as Record<string, string>;
		expect(
			checkAuthenticity(
				{ headers },
				{ kind: 'headerSecret', headerName: 'X-Receipt-Secret', secret },
			).ok,
		).toBe(false);
		expect(
			checkAuthenticity(
				{ headers: { authorization: [{ toString: 1 }] as unknown as string[] } },
				{ kind: 'basicAuth', user: 'u', password: secret },
			).ok,
		).toBe(false);
	});
});
