import { createHmac } from 'node:crypto';

import { readRecentReceipts, ReceiptMemory } from '../../../nodes/core/receipts/memory';
import { receiveReceipts, receiveReceiptsInto } from '../../../nodes/core/receipts/receive';
import type { AuthenticityRule } from '../../../nodes/core/signature';
import { webexReceipt } from '../../support/receipts';

const receivedAt = new Date('2026-05-01T10:00:06Z');

describe('receiveReceipts', () => {
	const secret = 'hub-secret-xyz';
	const signed = (body: unknown) => {
		const raw = JSON.stringify(body);
		return {
			headers: { 'content-type': 'application/json', 'x-hub-signature': createHmac('sha256', secret).update(raw).digest('hex') },
			rawBody: Buffer.from(raw),
			body,
			contentType: 'application/json',
		};
	};
	const hub: AuthenticityRule = { kind: 'hubSignature', secret };

	it('checks authenticity before the body: a stranger learns nothing about receipts', () => {
		const outcome = receiveReceipts({ headers: {}, body: { hello: 'world' } }, undefined, { authenticity: hub });
		expect(outcome).toEqual({ status: 401, body: { error: 'unauthorized', message: 'Missing x-hub-signature header' } });
	});

	it('answers 400 for a body that is not a receipt', () => {
		const outcome = receiveReceipts(signed({ hello: 'world' }), undefined, { authenticity: hub });
		expect(outcome.status).toBe(400);
		expect(outcome.body).toEqual({ error: 'not-a-receipt', message: expect.stringContaining('not a voice receipt') });
	});

	it('counts received, emitted, duplicates and filtered, remembering filtered receipts too', () => {
		const body = [webexReceipt({ code: '7407', deliveryStatus: 'OFFERED' }), webexReceipt()];
		const first = receiveReceipts(signed(body), undefined, { authenticity: hub, finalOnly: true, receivedAt });
		expect(first).toMatchObject({ status: 200, body: { received: 2, emitted: 1, duplicates: 0, filtered: 1 } });
		if (first.status !== 200) throw new Error('expected 200');
		expect(first.events.map((e) => e.status)).toEqual(['completed']);
		const retry = receiveReceipts(signed(body), first.memory, { authenticity: hub, receivedAt });
		expect(retry).toMatchObject({ status: 200, body: { received: 2, emitted: 0, duplicates: 2, filtered: 0 }, events: [] });
	});

	it('keeps no memory when duplicates are not dropped', () => {
		const outcome = receiveReceipts(signed(webexReceipt()), undefined, { authenticity: hub, dedupe: false });
		expect(outcome).toMatchObject({ status: 200, body: { emitted: 1 } });
		expect('memory' in outcome).toBe(false);
	});
});

describe('receiveReceiptsInto (the trigger\'s memory, updated in place)', () => {
	const t0 = new Date('2026-05-01T10:00:00Z').getTime();

	it('gives receiveReceiptsInto the same answers as receiveReceipts', () => {
		const request = (body: unknown) => ({ headers: { 'content-type': 'application/json' }, query: {}, body });
		const options = { authenticity: { kind: 'none' as const }, finalOnly: true, receivedAt: new Date(t0) };
		const memory = new ReceiptMemory();
		let stored: unknown;
		for (const body of [webexReceipt(), webexReceipt(), [webexReceipt(), webexReceipt({ code: '7407', Description: 'Offered', deliveryStatus: 'OFFERED' })], {}, 'nonsense']) {
			const expected = receiveReceipts(request(body), stored, options);
			const actual = receiveReceiptsInto(request(body), memory, options);
			if (expected.status !== 200 || actual.status !== 200) {
				expect(actual).toEqual(expected);
				continue;
			}
			const { memory: expectedMemory, ...rest } = expected;
			const { memoryChanged, ...actualRest } = actual;
			expect(actualRest).toEqual(rest);
			expect(memory.toRecentReceipts()).toEqual(expectedMemory);
			expect(memoryChanged).toBe(JSON.stringify(expectedMemory) !== JSON.stringify(readRecentReceipts(stored)));
			stored = expectedMemory;
		}
		expect(receiveReceiptsInto(request(webexReceipt()), memory, { ...options, dedupe: false })).toMatchObject({ body: { emitted: 1, duplicates: 0 } });
	});

	it('answers 400 to a form body nested 20,000 levels deep (the stack overflowed before), and to a form of too many fields', () => {
		const deep = `deliveryInfoNotification${'[x]'.repeat(20_000)}=1`;
		const form = { headers: { 'content-type': 'application/x-www-form-urlencoded' }, contentType: 'application/x-www-form-urlencoded' };
		for (const outcome of [
			receiveReceipts({ ...form, body: deep, rawBody: Buffer.from(deep) }, undefined, { authenticity: { kind: 'none' } }),
			receiveReceipts({ ...form, body: { [deep.slice(0, -2)]: '1' } }, undefined, { authenticity: { kind: 'none' } }),
		]) {
			expect(outcome).toEqual({ status: 400, body: { error: 'not-a-receipt', message: expect.stringMatching(/nests 20,001 levels deep; a receipt nests at most 32\. Nothing was recorded\./) } });
		}
		const wide = Array.from({ length: 10_001 }, (_, i) => `f${i}=1`).join('&');
		expect(receiveReceipts({ ...form, body: wide }, undefined, { authenticity: { kind: 'none' } })).toMatchObject({
			status: 400,
			body: { message: expect.stringContaining('at most 10,000') },
		});
		const json = `${'['.repeat(5_000)}${']'.repeat(5_000)}`;
		expect(receiveReceipts({ headers: {}, body: json }, undefined, { authenticity: { kind: 'none' } })).toMatchObject({
			status: 400,
			body: { message: expect.stringContaining('nests more than 32 levels') },
		});
	});
});
