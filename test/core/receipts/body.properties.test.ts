/**
 * Properties of taking a request body apart: whatever arrives (any JSON, any form text, bodies
 * nested thousands of levels deep), decoding either gives a value or refuses with its own
 * ReceiptBodyError, and the trigger's decision answers 200, 400 or 401, never an exception.
 */
import {
	decodeReceiptBody,
	MAX_BODY_DEPTH,
	ReceiptBodyError,
	receiveReceipts,
} from '../../../nodes';
import { fc, untrusted, untrustedJson } from '../../support/properties';
import { webexReceipt } from '../../support/receipts';

const CONTENT_TYPES = [
	'application/json',
	'application/x-www-form-urlencoded',
	'application/x-www-form-urlencoded; charset=utf-8',
	'text/plain',
	'application/xml',
	'',
];
const contentType = fc.oneof(fc.constantFrom(...CONTENT_TYPES), fc.constant(undefined));

/** Form text with bracket keys: flat, nested, repeated, with prototype words. */
const formText = fc
	.array(
		fc.tuple(
			fc.array(
				fc.oneof(
					fc.constantFrom('status', 'name', '0', '1', '', '__proto__', 'constructor', 'to'),
					fc.string({ maxLength: 5 }),
				),
				{ minLength: 1, maxLength: 5 },
			),
			fc.string({ maxLength: 10 }),
		),
		{ maxLength: 8 },
	)
	.map((fields) =>
		fields
			.map(
				([path, value]) =>
					`${encodeURIComponent(path[0] || 'k')}${path
						.slice(1)
						.map((part) => `[${encodeURIComponent(part)}]`)
						.join('')}=${encodeURIComponent(value)}`,
			)
			.join('&'),
	);

/** JSON text nested `depth` levels deep (written as text: JSON.stringify itself recurses). */
const nestedJson = (depth: number): string => {
	let text = '1';
	for (let level = 0; level < depth; level++) text = level % 2 ? `[${text}]` : `{"x":${text}}`;
	return text;
};

describe('request bodies (properties)', () => {
	it('decodes any body, or refuses it with its own error', () => {
		fc.assert(
			fc.property(
				fc.oneof(untrusted(), untrustedJson(), formText),
				fc.oneof(formText, fc.string(), fc.constant(undefined), untrusted()),
				contentType,
				(body, raw, type) => {
					try {
						decodeReceiptBody(body, raw as Buffer | string | undefined, type);
					} catch (error) {
						expect(error).toBeInstanceOf(ReceiptBodyError);
					}
				},
			),
		);
	});

	it(`refuses a body nested deeper than ${MAX_BODY_DEPTH} levels, as form or JSON, without running out of stack`, () => {
		fc.assert(
			fc.property(
				fc.oneof(
					{ weight: 9, arbitrary: fc.integer({ min: 1, max: 100 }) },
					{ weight: 1, arbitrary: fc.integer({ min: 100, max: 25_000 }) },
				),
				(depth) => {
					const key = `a${'[x]'.repeat(depth)}`;
					const form = () =>
						decodeReceiptBody({ [key]: 'v' }, undefined, 'application/x-www-form-urlencoded');
					const text = () =>
						decodeReceiptBody(undefined, `${key}=v`, 'application/x-www-form-urlencoded');
					const json = () => decodeReceiptBody(undefined, nestedJson(depth), 'text/plain');
					for (const decode of [form, text]) {
						if (depth + 1 > MAX_BODY_DEPTH) expect(decode).toThrow(ReceiptBodyError);
						else expect(decode).not.toThrow();
					}
					if (depth > MAX_BODY_DEPTH) expect(json).toThrow(ReceiptBodyError);
					else expect(json).not.toThrow();
				},
			),
		);
	});

	it('answers any request 200, 400 or 401, never with an exception', () => {
		const request = fc.record({
			headers: fc.dictionary(
				fc.constantFrom('content-type', 'x-hub-signature', 'authorization', 'constructor'),
				fc.oneof(fc.string(), untrusted()),
				{ maxKeys: 3 },
			),
			body: fc.oneof(
				untrustedJson(),
				untrusted(),
				fc.constant(webexReceipt()),
				fc.constant([webexReceipt(), webexReceipt({ code: 'constructor' })]),
			),
			rawBody: fc.oneof(fc.string(), fc.constant(undefined)),
			contentType,
		});
		fc.assert(
			fc.property(request, fc.boolean(), (incoming, dedupe) => {
				const outcome = receiveReceipts(
					incoming as Parameters<typeof receiveReceipts>[0],
					undefined,
					{
						authenticity: { kind: 'none' },
						dedupe: dedupe ? {} : false,
					},
				);
				expect([200, 400, 401]).toContain(outcome.status);
				if (outcome.status === 400) expect(outcome.body.message.length).toBeGreaterThan(10);
			}),
		);
	});
});
