import { createHash, createHmac } from 'node:crypto';

import {
	signedText,
	twilioSignature,
	twilioSignatures,
	urlVariants,
	verifyTwilioSignature,
	type SignedRequest,
} from '../../../nodes/providers/twilio/signature';

const FORM = 'application/x-www-form-urlencoded';
/** The example of Twilio's documentation on validating requests. */
const DOC_URL = 'https://mycompany.com/myapp.php?foo=1&bar=2';
const DOC_PARAMS: Array<[string, string]> = [
	['CallSid', 'CA1234567890ABCDE'],
	['Caller', '+14158675309'],
	['Digits', '1234'],
	['From', '+14158675309'],
	['To', '+18005551212'],
];
const DOC_SIGNATURE = 'RSOYDt4T1cUTdK1PDd93/VVr8B8=';

const form = (params: Array<[string, string]>) => new URLSearchParams(params).toString();
const request = (overrides: Partial<SignedRequest> = {}): SignedRequest => ({
	url: DOC_URL,
	signature: DOC_SIGNATURE,
	rawBody: Buffer.from(form(DOC_PARAMS)),
	contentType: FORM,
	...overrides,
});

describe('twilioSignature', () => {
	it("matches the example of Twilio's documentation, whatever the parameters' order", () => {
		expect(twilioSignature('12345', DOC_URL, DOC_PARAMS)).toBe(DOC_SIGNATURE);
		expect(twilioSignature('12345', DOC_URL, [...DOC_PARAMS].reverse())).toBe(DOC_SIGNATURE);
	});

	it('signs the URL, then name and value of each parameter sorted by name (byte order)', () => {
		expect(
			signedText('https://x.test/a?q=1', [
				['b', '2'],
				['B', '3'],
				['a', '1'],
			]),
		).toBe('https://x.test/a?q=1B3a1b2');
	});

	it("sorts a repeated parameter's values and takes each once, as Twilio's helper does", () => {
		expect(
			signedText('u', [
				['x', '2'],
				['x', '1'],
				['x', '2'],
			]),
		).toBe('ux1x2');
	});

	it('signs the URL alone when there are no parameters (the bodySHA256 form)', () => {
		const url = 'https://x.test/hook?bodySHA256=abc';
		expect(twilioSignature('t', url)).toBe(createHmac('sha1', 't').update(url).digest('base64'));
	});
});

describe('verifyTwilioSignature', () => {
	it("accepts Twilio's documented request, its header repeated or padded", () => {
		expect(verifyTwilioSignature(request(), '12345')).toEqual({ ok: true });
		expect(verifyTwilioSignature(request({ signature: [DOC_SIGNATURE, 'x'] }), '12345')).toEqual({
			ok: true,
		});
		expect(verifyTwilioSignature(request({ signature: ` ${DOC_SIGNATURE} ` }), '12345').ok).toBe(
			true,
		);
	});

	it('accepts a form content type with a charset', () => {
		const contentType = `${FORM}; charset=utf-8`;
		expect(verifyTwilioSignature(request({ contentType }), '12345').ok).toBe(true);
	});

	it('accepts the URL with or without its default port, as Twilio may sign either', () => {
		const withPort = 'https://mycompany.com:443/myapp.php?foo=1&bar=2';
		expect(verifyTwilioSignature(request({ url: withPort }), '12345').ok).toBe(true);
		const signedWithPort = twilioSignature('12345', withPort, DOC_PARAMS);
		expect(verifyTwilioSignature(request({ signature: signedWithPort }), '12345').ok).toBe(true);
		expect(urlVariants('http://h.test:8080/p')).toEqual(['http://h.test:8080/p']);
		expect(urlVariants('http://[::1]/p?a=b')).toEqual([
			'http://[::1]/p?a=b',
			'http://[::1]:80/p?a=b',
		]);
	});

	it.each<[string, Partial<SignedRequest>, string, RegExp]>([
		[
			'a changed value',
			{ rawBody: form([...DOC_PARAMS.slice(0, 4), ['To', '+18005551213']]) },
			'12345',
			/does not match/,
		],
		['an added parameter', { rawBody: `${form(DOC_PARAMS)}&Extra=1` }, '12345', /does not match/],
		[
			'another query string',
			{ url: 'https://mycompany.com/myapp.php?foo=1&bar=3' },
			'12345',
			/does not match/,
		],
		['another host', { url: 'https://evil.test/myapp.php?foo=1&bar=2' }, '12345', /does not match/],
		[
			'http instead of https',
			{ url: 'http://mycompany.com/myapp.php?foo=1&bar=2' },
			'12345',
			/does not match/,
		],
		['another Auth Token', {}, '12346', /does not match/],
		['no signature', { signature: undefined }, '12345', /Missing X-Twilio-Signature/],
		['an empty signature', { signature: '' }, '12345', /Missing/],
		['a signature that is not base64', { signature: '!!!!' }, '12345', /Malformed/],
		['a signature of the wrong length', { signature: 'YWJj' }, '12345', /Malformed/],
		['no URL', { url: undefined }, '12345', /URL is not known/],
		['no raw body', { rawBody: undefined }, '12345', /body could not be read/],
		['an empty Auth Token', {}, '', /No Auth Token/],
		[
			'a JSON content type (the parameters are then not signed)',
			{ contentType: 'application/json' },
			'12345',
			/does not match/,
		],
	])('refuses %s, without throwing or showing the token', (_, overrides, token, reason) => {
		const result = verifyTwilioSignature(request(overrides), token);
		expect(result).toEqual({ ok: false, reason: expect.stringMatching(reason) });
		if (token !== '') expect(JSON.stringify(result)).not.toContain(token);
	});

	describe('a JSON body signed through bodySHA256', () => {
		const body = '{"event":"call.state"}';
		const hash = createHash('sha256').update(body).digest('hex');
		const url = `https://example.test/webhook?bodySHA256=${hash}`;
		const signed = (token: string, at = url) =>
			createHmac('sha1', token).update(at).digest('base64');
		const json = (overrides: Partial<SignedRequest> = {}): SignedRequest => ({
			url,
			signature: signed('tok'),
			rawBody: body,
			contentType: 'application/json',
			...overrides,
		});

		it('accepts the URL signed alone when the body matches its hash', () => {
			expect(verifyTwilioSignature(json(), 'tok')).toEqual({ ok: true });
		});

		it('matches a published third-party vector of the same scheme', () => {
			const vectorUrl =
				'https://example.ngrok.io/webhook?bodySHA256=69f3cbfc18e386ef8236cb7008cd5a54b7fed637a8cb3373b5a1591d7f0fd5f4';
			expect(
				verifyTwilioSignature(
					{
						url: vectorUrl,
						signature: 'dfO9ek8mxyFtn2nMz24plPmPfIY=',
						rawBody: body,
						contentType: 'application/json',
					},
					'PSKtest1234567890abcdef',
				),
			).toEqual({ ok: true });
		});

		it('refuses a body that does not match the hash, even with a valid URL signature', () => {
			expect(verifyTwilioSignature(json({ rawBody: '{"event":"other"}' }), 'tok')).toEqual({
				ok: false,
				reason: 'The body does not match the bodySHA256 of the URL',
			});
			const badHash = url.replace(/bodySHA256=[0-9a-f]+/, 'bodySHA256=zz');
			expect(
				verifyTwilioSignature(json({ url: badHash, signature: signed('tok', badHash) }), 'tok').ok,
			).toBe(false);
		});
	});
});

describe("the trigger's Twilio Signature method", () => {
	const [method] = twilioSignatures;
	const headers = { 'x-twilio-signature': DOC_SIGNATURE, 'content-type': FORM };

	it('checks the request with the URL the trigger rebuilt', () => {
		expect(method.kind).toBe('twilioSignature');
		expect(method.verify({ headers, rawBody: form(DOC_PARAMS), url: DOC_URL }, '12345')).toEqual({
			ok: true,
		});
	});

	it('refuses a request whose URL it was not given (fails closed)', () => {
		expect(method.verify({ headers, rawBody: form(DOC_PARAMS) }, '12345').ok).toBe(false);
	});
});
