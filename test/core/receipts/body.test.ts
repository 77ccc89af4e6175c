import { decodeReceiptBody, unflattenForm } from '../../../nodes/core/receipts/body';
import { webexReceipt } from '../../support/receipts';

describe('decodeReceiptBody', () => {
	it('passes JSON objects and arrays through as n8n parsed them', () => {
		const body = webexReceipt();
		expect(decodeReceiptBody(body, Buffer.from(JSON.stringify(body)), 'application/json')).toBe(
			body,
		);
		expect(decodeReceiptBody([body, body], undefined, 'application/json')).toEqual([body, body]);
	});

	it('un-flattens form fields that n8n parsed with querystring', () => {
		const flat = {
			messageId: 'm-1',
			'status[name]': 'Completed',
			'status[updatedDate]': '2026-05-01T10:00:30Z',
			duration: '18',
		};
		expect(
			decodeReceiptBody(flat, undefined, 'application/x-www-form-urlencoded; charset=utf-8'),
		).toEqual({
			messageId: 'm-1',
			status: { name: 'Completed', updatedDate: '2026-05-01T10:00:30Z' },
			duration: '18',
		});
	});

	it('leaves bracket keys of JSON bodies alone', () => {
		expect(decodeReceiptBody({ 'a[b]': 1 }, undefined, 'application/json')).toEqual({ 'a[b]': 1 });
	});

	it('reads text/plain and unparsed bodies from the raw body, as JSON or form data', () => {
		const body = webexReceipt();
		expect(decodeReceiptBody(JSON.stringify(body), undefined, 'text/plain')).toEqual(body);
		expect(
			decodeReceiptBody(undefined, Buffer.from(JSON.stringify(body)), 'application/octet-stream'),
		).toEqual(body);
		expect(
			decodeReceiptBody({}, Buffer.from('\uFEFF' + JSON.stringify([body])), undefined),
		).toEqual([body]);
		expect(
			decodeReceiptBody(undefined, 'messageId=m-1&status%5Bname%5D=Ringing', undefined),
		).toEqual({
			messageId: 'm-1',
			status: { name: 'Ringing' },
		});
		expect(decodeReceiptBody(undefined, 'a=1&a=2', 'application/x-www-form-urlencoded')).toEqual({
			a: ['1', '2'],
		});
	});

	it('returns undefined for an empty body and the text for anything else', () => {
		expect(decodeReceiptBody(undefined, Buffer.alloc(0), 'application/json')).toBeUndefined();
		expect(decodeReceiptBody({}, undefined, 'application/json')).toBeUndefined();
		expect(decodeReceiptBody('  ', undefined, 'text/plain')).toBeUndefined();
		expect(decodeReceiptBody('hello world', undefined, 'text/plain')).toBe('hello world');
	});
});

describe('unflattenForm', () => {
	it('builds nested objects and arrays from bracket notation', () => {
		expect(
			unflattenForm({
				'to[0][msisdn]': '+447700900001',
				'to[1][msisdn]': '+447700900002',
				'tags[]': ['a', 'b'],
				'a[b][c]': 'deep',
				plain: 'x',
			}),
		).toEqual({
			to: [{ msisdn: '+447700900001' }, { msisdn: '+447700900002' }],
			tags: ['a', 'b'],
			a: { b: { c: 'deep' } },
			plain: 'x',
		});
	});

	it('keeps keys that cannot be placed, and never touches prototypes', () => {
		const out = unflattenForm({
			status: 'Completed',
			'status[name]': 'Ringing',
			'__proto__[polluted]': 'yes',
			'a[constructor]': 'x',
		});
		expect(out.status).toBe('Completed');
		expect(out['status[name]']).toBe('Ringing');
		expect(out['__proto__[polluted]']).toBe('yes');
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
		expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
	});
});
