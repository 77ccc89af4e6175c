import { createHmac } from 'node:crypto';

import { readRecentReceipts, ReceiptMemory } from '../../../nodes/core/receipts/memory';
import { callKey, EndedCalls } from '../../../nodes/core/receipts/order';
import { receiveReceipts, receiveReceiptsInto, type WithRegisteredProviders } from '../../../nodes';
import type { ReceiveOptions as CoreReceiveOptions } from '../../../nodes/core/receipts/receive';
import type { AuthenticityRule } from '../../../nodes/core/signature';
import { callEvent } from '../../support/events';
import { webexReceipt } from '../../support/receipts';

/** The options of the public API's receive functions: every registered provider by default. */
type ReceiveOptions = WithRegisteredProviders<CoreReceiveOptions>;

const receivedAt = new Date('2026-05-01T10:00:06Z');

describe('receiveReceipts', () => {
	const secret = 'hub-secret-xyz';
	const signed = (body: unknown) => {
		const raw = JSON.stringify(body);
		return {
			headers: {
				'content-type': 'application/json',
				'x-hub-signature': createHmac('sha256', secret).update(raw).digest('hex'),
			},
			rawBody: Buffer.from(raw),
			body,
			contentType: 'application/json',
		};
	};
	const hub: AuthenticityRule = { kind: 'hubSignature', secret };

	it('checks authenticity before the body: a stranger learns nothing about receipts', () => {
		const outcome = receiveReceipts({ headers: {}, body: { hello: 'world' } }, undefined, {
			authenticity: hub,
		});
		expect(outcome).toEqual({
			status: 401,
			body: { error: 'unauthorized' },
		});
	});

	it('answers 400 for a body that is not a receipt', () => {
		const outcome = receiveReceipts(signed({ hello: 'world' }), undefined, { authenticity: hub });
		expect(outcome.status).toBe(400);
		expect(outcome.body).toEqual({
			error: 'not-a-receipt',
			message: expect.stringContaining('not a voice receipt'),
		});
	});

	it('counts received, emitted, duplicates and filtered, remembering filtered receipts too', () => {
		const body = [webexReceipt({ code: '7407', deliveryStatus: 'OFFERED' }), webexReceipt()];
		const first = receiveReceipts(signed(body), undefined, {
			authenticity: hub,
			finalOnly: true,
			receivedAt,
		});
		expect(first).toMatchObject({
			status: 200,
			body: { received: 2, emitted: 1, duplicates: 0, filtered: 1 },
		});
		if (first.status !== 200) throw new Error('expected 200');
		expect(first.events.map((e) => e.status)).toEqual(['completed']);
		const retry = receiveReceipts(signed(body), first.memory, { authenticity: hub, receivedAt });
		expect(retry).toMatchObject({
			status: 200,
			body: { received: 2, emitted: 0, duplicates: 2, filtered: 0 },
			events: [],
		});
	});

	it('keeps no memory when duplicates are not dropped', () => {
		const outcome = receiveReceipts(signed(webexReceipt()), undefined, {
			authenticity: hub,
			dedupe: false,
		});
		expect(outcome).toMatchObject({ status: 200, body: { emitted: 1 } });
		expect('memory' in outcome).toBe(false);
	});
});

describe("receiveReceiptsInto (the trigger's memory, updated in place)", () => {
	const t0 = new Date('2026-05-01T10:00:00Z').getTime();

	it('gives receiveReceiptsInto the same answers as receiveReceipts', () => {
		const request = (body: unknown) => ({
			headers: { 'content-type': 'application/json' },
			query: {},
			body,
		});
		const options = {
			authenticity: { kind: 'none' as const },
			finalOnly: true,
			receivedAt: new Date(t0),
		};
		const memory = new ReceiptMemory();
		let stored: unknown;
		for (const body of [
			webexReceipt(),
			webexReceipt(),
			[
				webexReceipt(),
				webexReceipt({ code: '7407', Description: 'Offered', deliveryStatus: 'OFFERED' }),
			],
			{},
			'nonsense',
		]) {
			const expected = receiveReceipts(request(body), stored, options);
			const actual = receiveReceiptsInto(request(body), memory, options);
			if (expected.status !== 200 || actual.status !== 200) {
				expect(actual).toEqual(expected);
				continue;
			}
			const { memory: expectedMemory, ...rest } = expected;
			const { memoryChanged, remembered, ...actualRest } = actual;
			expect(actualRest).toEqual(rest);
			// What this request added: its fresh receipts (filtered ones too), no ended call (the option is off).
			expect(remembered.eventIds).toHaveLength(rest.body.received - rest.body.duplicates);
			expect(remembered.eventIds.every((id) => memory.has(id))).toBe(true);
			expect(remembered.endedCalls).toEqual([]);
			expect(memory.toRecentReceipts()).toEqual(expectedMemory);
			expect(memoryChanged).toBe(
				JSON.stringify(expectedMemory) !== JSON.stringify(readRecentReceipts(stored)),
			);
			stored = expectedMemory;
		}
		expect(
			receiveReceiptsInto(request(webexReceipt()), memory, { ...options, dedupe: false }),
		).toMatchObject({ body: { emitted: 1, duplicates: 0 } });
	});

	it('answers 400 to a form body nested 20,000 levels deep (the stack overflowed before), and to a form of too many fields', () => {
		const deep = `deliveryInfoNotification${'[x]'.repeat(20_000)}=1`;
		const form = {
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			contentType: 'application/x-www-form-urlencoded',
		};
		for (const outcome of [
			receiveReceipts({ ...form, body: deep, rawBody: Buffer.from(deep) }, undefined, {
				authenticity: { kind: 'none' },
			}),
			receiveReceipts({ ...form, body: { [deep.slice(0, -2)]: '1' } }, undefined, {
				authenticity: { kind: 'none' },
			}),
		]) {
			expect(outcome).toEqual({
				status: 400,
				body: {
					error: 'not-a-receipt',
					message: expect.stringMatching(
						/nests 20,001 levels deep; a receipt nests at most 32\. Nothing was recorded\./,
					),
				},
			});
		}
		const wide = Array.from({ length: 10_001 }, (_, i) => `f${i}=1`).join('&');
		expect(
			receiveReceipts({ ...form, body: wide }, undefined, { authenticity: { kind: 'none' } }),
		).toMatchObject({
			status: 400,
			body: { message: expect.stringContaining('at most 10,000') },
		});
		const json = `${'['.repeat(5_000)}${']'.repeat(5_000)}`;
		expect(
			receiveReceipts({ headers: {}, body: json }, undefined, { authenticity: { kind: 'none' } }),
		).toMatchObject({
			status: 400,
			body: { message: expect.stringContaining('nests more than 32 levels') },
		});
	});
});

describe('out-of-order events', () => {
	const t0 = new Date('2026-05-01T10:00:00Z').getTime();
	const request = (body: unknown) => ({
		headers: { 'content-type': 'application/json' },
		query: {},
		body,
	});
	const webex = (code: string, word: string, info: Record<string, unknown> = {}) =>
		webexReceipt({ code, Description: word, deliveryStatus: word.toUpperCase(), ...info });
	const offered = webex('7407', 'Offered', { timeStamp: '2026-05-01T10:00:01.000' });
	const answered = webex('7519', 'Answered', { timeStamp: '2026-05-01T10:00:03.000' });
	const disconnected = webex('7410', 'Disconnected', { timeStamp: '2026-05-01T10:00:09.000' });
	const options = (extra: Partial<ReceiveOptions> = {}): ReceiveOptions => ({
		authenticity: { kind: 'none' },
		dropOutOfOrder: true,
		...extra,
	});

	it('drops an event of a call whose final event was taken, counts it, and keeps it a duplicate if retried', () => {
		const memory = new ReceiptMemory();
		const ended = new EndedCalls();
		const at = (ms: number) => ({ receivedAt: new Date(t0 + ms) });
		const first = receiveReceiptsInto(request(offered), memory, options(at(0)), ended);
		expect(first).toMatchObject({
			status: 200,
			body: { received: 1, emitted: 1, duplicates: 0, filtered: 0, outOfOrder: 0 },
		});
		const final = receiveReceiptsInto(request(disconnected), memory, options(at(1000)), ended);
		expect(final).toMatchObject({
			body: { emitted: 1, outOfOrder: 0 },
			remembered: { endedCalls: [expect.stringMatching(/^[\w-]{16}$/)] },
		});
		// The answered receipt was held up and arrives after the call ended.
		const late = receiveReceiptsInto(request(answered), memory, options(at(2000)), ended);
		expect(late).toMatchObject({
			status: 200,
			body: { received: 1, emitted: 0, duplicates: 0, filtered: 0, outOfOrder: 1 },
			events: [],
		});
		const lateAgain = receiveReceiptsInto(request(answered), memory, options(at(3000)), ended);
		expect(lateAgain).toMatchObject({ body: { duplicates: 1, outOfOrder: 0 } });
		// Another number of the same message is another call.
		const other = receiveReceiptsInto(
			request(webex('7519', 'Answered', { destination: '+447700900002' })),
			memory,
			options(at(4000)),
			ended,
		);
		expect(other).toMatchObject({ body: { emitted: 1, outOfOrder: 0 } });
	});

	it('sorts one body in its order, and forgets ended calls after the window', () => {
		const ended = new EndedCalls();
		const outcome = receiveReceiptsInto(
			request([offered, disconnected, answered]),
			new ReceiptMemory(),
			options({ receivedAt: new Date(t0) }),
			ended,
		);
		expect(outcome).toMatchObject({ body: { received: 3, emitted: 2, outOfOrder: 1 } });
		if (outcome.status !== 200) throw new Error('expected 200');
		expect(outcome.events.map((event) => event.status)).toEqual(['initiated', 'completed']);
		expect(ended.size).toBe(1);
		const memory = new ReceiptMemory();
		const later = receiveReceiptsInto(
			request(answered),
			memory,
			options({ receivedAt: new Date(t0 + 10 * 60_000) }),
			ended,
		);
		expect(later).toMatchObject({ body: { emitted: 1, outOfOrder: 0 } });
		expect(ended.size).toBe(0);
	});

	it('counts out-of-order events before the filters, and reports them only when asked', () => {
		const ended = new EndedCalls();
		const finalOnly = options({ finalOnly: true, receivedAt: new Date(t0) });
		receiveReceiptsInto(request(disconnected), new ReceiptMemory(), finalOnly, ended);
		expect(
			receiveReceiptsInto(request(answered), new ReceiptMemory(), finalOnly, ended),
		).toMatchObject({ body: { outOfOrder: 1, filtered: 0 } });
		const off = receiveReceiptsInto(
			request(answered),
			new ReceiptMemory(),
			options({ dropOutOfOrder: false }),
			ended,
		);
		expect(off).toMatchObject({ body: { emitted: 1 } });
		if (off.status === 200) expect(off.body).not.toHaveProperty('outOfOrder');
		// A receipt that names no call at all is never out of order.
		expect(
			callKey({ ...callEvent(), messageId: null, callbackData: null, to: null }),
		).toBeUndefined();
	});

	it('takes back what a request added, so that a retry of a receipt that was not taken is fresh', () => {
		const memory = new ReceiptMemory();
		const ended = new EndedCalls();
		const outcome = receiveReceiptsInto(
			request([offered, disconnected]),
			memory,
			options({ receivedAt: new Date(t0) }),
			ended,
		);
		if (outcome.status !== 200) throw new Error('expected 200');
		memory.forget(outcome.remembered.eventIds);
		ended.forget(outcome.remembered.endedCalls);
		expect([memory.size, ended.size]).toEqual([0, 0]);
		expect(
			receiveReceiptsInto(
				request([offered, disconnected]),
				memory,
				options({ receivedAt: new Date(t0 + 1) }),
				ended,
			),
		).toMatchObject({
			body: { emitted: 2, duplicates: 0, outOfOrder: 0 },
		});
	});
});
