/**
 * The contract every registered provider passes: each record of the registry, with the payloads of
 * its `test/fixtures/<provider>/contract.json`. A new provider is covered by adding its record and
 * that fixture; a record without the fixture fails here.
 *
 * The registry is given one more provider here, Fixture Voice (test/providers/fixtureVoice, a
 * test-only provider added by mocking the registry module): it covers the variants the contract
 * allows and the three real providers do not use, as Twilio will: a campaign adapter that places
 * one call per request (with its declared concurrency and rate), a request path built from the
 * credential's non-secret fields, and a signature over the full URL the provider called.
 */
import { existsSync, readFileSync } from 'fs';
import { join } from 'path';

import { requestFieldsOf, type CallAdapter, type ProviderResponse } from '../../nodes/core/adapter';
import { CALL_STATUSES, FINAL_STATUSES, type CallStatus } from '../../nodes/core/events';
import { checkAuthenticity, detectReceiptParser } from '../../nodes';
import type { AuthenticityRule } from '../../nodes/core/signature';
import { checkInput } from '../../nodes/core/validation';
import { PROVIDERS } from '../../nodes/providers/registry';
import { credentialTypeOf } from '../support/providers';

jest.mock('../../nodes/providers/registry', () => {
	const actual = jest.requireActual<typeof import('../../nodes/providers/registry')>(
		'../../nodes/providers/registry',
	);
	const { fixtureVoice } = jest.requireActual<typeof import('./fixtureVoice')>('./fixtureVoice');
	return { PROVIDERS: [...actual.PROVIDERS, fixtureVoice] };
});

/** A valid normalised request of one adapter, and the provider's documented answer to it. */
interface AdapterFixture {
	input: Record<string, unknown> & { recipients: Array<Record<string, unknown>> };
	answer: { statusCode: number; body: unknown };
}

type PathFixture = Record<'call' | 'campaign', AdapterFixture>;

interface ContractFixture {
	paths: Record<string, PathFixture>;
	receipts: Array<{ status: CallStatus; body: unknown }>;
	unknownReceipt: unknown;
	signed: {
		kind: string;
		secret: string;
		rawBody: string;
		headers: Record<string, string>;
		/** The URL the provider called, for a signature over it. */
		url?: string;
	} | null;
	/** The credential's non-secret fields the requests are built from (`requestFields`). */
	credentials?: Record<string, string>;
}

const fixturePath = (id: string) => join(__dirname, '..', 'fixtures', id, 'contract.json');
const fixture = (id: string): ContractFixture =>
	JSON.parse(readFileSync(fixturePath(id), 'utf8')) as ContractFixture;
const response = (statusCode: number, body: unknown): ProviderResponse => ({
	statusCode,
	headers: {},
	body,
});

/** A secret of every credential: handed to requestFieldsOf with the fields, it must never reach a request. */
const SECRET = 'contract-secret-5e1f';

it('runs the test-only provider with the real ones', () => {
	expect(PROVIDERS.map((provider) => provider.id)).toEqual([
		'webexConnect',
		'routee',
		'innoPaas',
		'twilio',
		'fixtureVoice',
	]);
});

describe.each(PROVIDERS.map((provider) => [provider.id, provider] as const))(
	'provider %s',
	(id, provider) => {
		it('has a contract fixture covering each of its paths', () => {
			expect(existsSync(fixturePath(id))).toBe(true);
			expect(Object.keys(fixture(id).paths).sort()).toEqual(
				provider.paths.map((path) => path.id).sort(),
			);
		});

		describe.each(
			provider.paths.flatMap((path) =>
				(['call', 'campaign'] as const).map((use) => [`${path.id} ${use}`, path, use] as const),
			),
		)('%s adapter', (_name, path, use) => {
			const adapter: CallAdapter = path[use];
			const sample = () => fixture(id).paths[path.id][use].input;

			it('belongs to its path and its provider’s credential', () => {
				expect(adapter.id).toBe(path.id);
				expect(adapter.credentialType).toBe(provider.credentialType);
				expect(adapter.maxRecipientsPerRequest).toBeGreaterThanOrEqual(1);
			});

			if (use === 'campaign') {
				it('takes several recipients per request, or one with a declared pace (single-call mode)', () => {
					if (adapter.maxRecipientsPerRequest >= 2) return;
					// One call per request: Send Voice Campaign sends them `concurrency` at once, at
					// `callsPerSecond`, so a provider's rate limit is kept by design, not by retries.
					expect(adapter.concurrency).toBeGreaterThanOrEqual(1);
					expect(adapter.callsPerSecond).toBeGreaterThan(0);
					expect(sample().recipients).toHaveLength(1);
				});

				it('reads an account’s own calls per second, if at all, from a non-secret credential field of the same bounds and default', () => {
					const field = adapter.callsPerSecondField;
					if (field === undefined) return;
					expect(field.min).toBeGreaterThan(0);
					expect(adapter.callsPerSecond).toBeGreaterThanOrEqual(field.min);
					expect(adapter.callsPerSecond).toBeLessThanOrEqual(field.max);
					expect(adapter.requestFields ?? []).not.toContain(field.name);
					const shown = credentialTypeOf(adapter.credentialType).properties.filter(
						(property) => property.name === field.name,
					);
					expect(shown).toEqual([
						expect.objectContaining({
							displayName: field.displayName,
							type: 'number',
							default: adapter.callsPerSecond,
							typeOptions: expect.objectContaining({ minValue: field.min, maxValue: field.max }),
						}),
					]);
					expect(shown[0].typeOptions?.password).toBeUndefined();
				});
			}

			it('accepts the documented sample, and each of its recipients on its own', () => {
				const checked = checkInput(adapter.schema, sample());
				expect(checked).toMatchObject({ ok: true });
				for (const recipient of sample().recipients)
					expect(checkInput(adapter.recipientSchema, recipient).ok).toBe(true);
			});

			if (use === 'call') {
				it('Call and Wait for Outcome: the resume URL reaches the request the provider gets, and the call says when it can report', () => {
					const url = `https://n8n.example.com/webhook-waiting/42/node-1?signature=${'a'.repeat(64)}`;
					expect(url.length).toBeLessThanOrEqual(
						path.wait.maxUrlLength ?? Number.POSITIVE_INFINITY,
					);
					const checked = checkInput(adapter.schema, path.wait.withUrl(sample(), url));
					if (!checked.ok) throw checked.error;
					expect(JSON.stringify(adapter.buildRequest(checked.value).body)).toContain(url);
					const window = path.wait.window(checked.value);
					for (const key of ['startsAt', 'lastStartAt'] as const)
						if (window[key] !== undefined) expect(Number.isNaN(window[key]!.getTime())).toBe(false);
				});
			}

			it.each([
				['a number that is not one', 'not-a-number'],
				['an object', { toString: 'x' }],
				['nothing', undefined],
			])('refuses %s as a number, naming the field', (_what, to) => {
				const input = sample();
				input.recipients[0].to = to;
				const checked = checkInput(adapter.schema, input);
				expect(checked.ok).toBe(false);
				if (!checked.ok) {
					expect(checked.error.field).toMatch(/to/);
					expect(checked.error.message).toMatch(/\bto\b/);
				}
			});

			it('refuses input of any other shape with a message, never a crash', () => {
				for (const input of [null, 42, 'text', [], {}, { recipients: 'x' }]) {
					const checked = checkInput(adapter.schema, input);
					expect(checked.ok).toBe(false);
					if (!checked.ok) expect(checked.error.message.length).toBeGreaterThan(5);
				}
			});

			it('builds a request below the base URL, whose body survives JSON, from non-secret credential fields only', () => {
				const checked = checkInput(adapter.schema, sample());
				if (!checked.ok) throw checked.error;
				const call = adapter.forBatch?.(checked.value, 0, true) ?? checked.value;
				// The fields the contract fixture declares, and a secret beside them that must stay out.
				const fields = fixture(id).credentials ?? {};
				expect(adapter.requestFields ?? []).toEqual(expect.arrayContaining(Object.keys(fields)));
				expect(Object.keys(fields)).toEqual(
					expect.arrayContaining([...(adapter.requestFields ?? [])]),
				);
				const handed = requestFieldsOf(adapter, { ...fields, secret: SECRET, authToken: SECRET });
				expect(Object.values(handed)).not.toContain(SECRET);
				const request = adapter.buildRequest(call, handed);
				expect(JSON.stringify(request)).not.toContain(SECRET);
				for (const value of Object.values(fields)) expect(request.path).toContain(value);
				expect(['GET', 'POST']).toContain(request.method);
				expect(request.path).toMatch(/^\/[\w/.-]+$/);
				expect(['json', 'form']).toContain(request.encoding);
				expect(JSON.parse(JSON.stringify(request.body))).toEqual(request.body);
				expect(adapter.baseUrl({})).toMatch(/^https:\/\/[^/]+$/);
				expect(adapter.baseUrl({ baseUrl: 'http://127.0.0.1:9/proxy/' })).toBe(
					'http://127.0.0.1:9/proxy',
				);
			});

			it('reads the documented answer as one queued outcome per recipient', () => {
				const checked = checkInput(adapter.schema, sample());
				if (!checked.ok) throw checked.error;
				const { statusCode, body } = fixture(id).paths[path.id][use].answer;
				const call = checked.value;
				const outcome = adapter.parseResponse(call, response(statusCode, body));
				expect(outcome.kind).toBe('accepted');
				if (outcome.kind === 'accepted') {
					expect(outcome.recipients.map((recipient) => recipient.to)).toEqual(
						call.recipients.map((recipient) => recipient.to),
					);
					for (const recipient of outcome.recipients) expect(recipient.status).toBe('queued');
				}
			});

			it('takes a 2xx it cannot read as "may have been placed" (unknown), never as accepted or refused', () => {
				const checked = checkInput(adapter.schema, sample());
				if (!checked.ok) throw checked.error;
				for (const body of ['<html>oops</html>', '', null, {}, []]) {
					const outcome = adapter.parseResponse(checked.value, response(200, body));
					expect(outcome.kind).toBe('ambiguous');
					if (outcome.kind === 'ambiguous') expect(outcome.message).toMatch(/may have been placed/);
				}
			});

			it('reads a refusal without a body as an error with the HTTP status', () => {
				const checked = checkInput(adapter.schema, sample());
				if (!checked.ok) throw checked.error;
				for (const status of [400, 401, 404, 500]) {
					const outcome = adapter.parseResponse(checked.value, response(status, ''));
					expect(outcome).toMatchObject({
						kind: 'error',
						httpStatus: status,
						code: `HTTP ${status}`,
					});
					if (outcome.kind === 'error') expect(outcome.message).not.toBe('');
				}
			});
		});

		describe('receipts', () => {
			it('reads every documented status, and is the parser detection picks for it', () => {
				const { receipts } = fixture(id);
				expect(receipts.length).toBeGreaterThan(0);
				for (const { status, body } of receipts) {
					expect(CALL_STATUSES).toContain(status);
					expect(detectReceiptParser(body)).toBe(provider.receipts);
					const events = provider.receipts.parse(body, {
						receivedAt: new Date('2026-05-01T10:00:06Z'),
					});
					expect(events).toHaveLength(1);
					expect(events[0]).toMatchObject({
						provider: id,
						status,
						final: FINAL_STATUSES.has(status),
					});
					expect(events[0].receivedAt).toBe('2026-05-01T10:00:06.000Z');
				}
			});

			it('reads a status it does not know as unknown, not final', () => {
				const events = provider.receipts.parse(fixture(id).unknownReceipt);
				expect(events).toHaveLength(1);
				expect(events[0]).toMatchObject({ provider: id, status: 'unknown', final: false });
			});

			it('does not claim payloads of other shapes', () => {
				for (const body of [
					null,
					'text',
					42,
					[],
					{},
					{ status: 'ANSWERED' },
					{ deliveryInfoNotification: 'x' },
				]) {
					expect(() => provider.receipts.matches(body)).not.toThrow();
				}
				for (const other of PROVIDERS.filter((candidate) => candidate.id !== id)) {
					for (const { body } of fixture(other.id).receipts)
						expect(provider.receipts.matches(body)).toBe(false);
				}
			});
		});

		describe('authenticity', () => {
			it('offers a method for each signature it documents, each with a signed sample', () => {
				const { signed } = fixture(id);
				expect(provider.authenticity.map((method) => method.kind)).toEqual(
					signed === null ? [] : [signed.kind],
				);
			});

			const kinds = provider.authenticity.map((method) => [method.kind]);
			// A provider without a signature has nothing more to check here (the test above pins that).
			if (kinds.length > 0) {
				it.each(kinds)(
					'%s: takes the signed sample and refuses a forged or unsigned one',
					(kind) => {
						const signed = fixture(id).signed!;
						const rule = { kind, secret: signed.secret } as AuthenticityRule;
						const request = {
							headers: signed.headers,
							rawBody: Buffer.from(signed.rawBody),
							url: signed.url,
						};
						expect(checkAuthenticity(request, rule)).toEqual({ ok: true });
						if (signed.url !== undefined) {
							// Signed over the URL: another query, or no URL known, is refused.
							expect(checkAuthenticity({ ...request, url: `${signed.url}&x=1` }, rule).ok).toBe(
								false,
							);
							expect(checkAuthenticity({ ...request, url: undefined }, rule).ok).toBe(false);
						}
						expect(
							checkAuthenticity({ ...request, rawBody: Buffer.from(`${signed.rawBody} `) }, rule)
								.ok,
						).toBe(false);
						expect(checkAuthenticity({ ...request, headers: {} }, rule).ok).toBe(false);
						expect(
							checkAuthenticity(request, { kind, secret: `${signed.secret}x` } as AuthenticityRule)
								.ok,
						).toBe(false);
						expect(checkAuthenticity(request, { kind, secret: '' } as AuthenticityRule).ok).toBe(
							false,
						);
						const garbage = Object.fromEntries(
							Object.keys(signed.headers).map((name) => [name, 'sha256=zz']),
						);
						expect(checkAuthenticity({ ...request, headers: garbage }, rule).ok).toBe(false);
					},
				);
			}
		});
	},
);
