/**
 * How the provider simulator delivers receipts (test/simulator/receipts.ts), over real HTTP: a
 * receipt whose POST fails is sent again, in order, and given up after three retries.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';

import { startReceiver, type Receiver } from '../support/receiver';
import { post, v2Body, WEBEX_KEY } from '../support/simulator';
import { WEBEX_V2_PATH } from './providers/webexConnect';
import { startSimulator, type Simulator } from './server';

let sim: Simulator;

beforeAll(async () => {
	sim = await startSimulator({ webexServiceKey: WEBEX_KEY, receiptDelayMs: 5 });
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

describe('receipts', () => {
	let receiver: Receiver<any>;
	beforeEach(async () => {
		receiver = await startReceiver();
	});
	afterEach(() => receiver.close());

	it('retries a failed receipt POST and keeps the order', async () => {
		await receiver.close();
		receiver = await startReceiver({ failFirst: 2 });
		await post(
			sim,
			WEBEX_V2_PATH,
			v2Body({ to: [{ msisdn: ['+447700900006'] }], notifyUrl: receiver.url }),
		);
		await sim.receiptsSettled();
		expect(sim.receiptsSent.map((r) => [r.attempt, r.status])).toEqual([
			[1, 500],
			[2, 500],
			[3, 200],
			[1, 200],
			[1, 200],
		]);
		expect(receiver.received.map((r) => r.body.deliveryInfoNotification.deliveryInfo.code)).toEqual(
			['7407', '7407', '7407', '7408', '7402'],
		);
	});

	it('gives up on a receipt after 3 retries and moves on', async () => {
		await receiver.close();
		receiver = await startReceiver({ failFirst: 4 });
		await post(
			sim,
			WEBEX_V2_PATH,
			v2Body({ to: [{ msisdn: ['+447700900006'] }], notifyUrl: receiver.url }),
		);
		await sim.receiptsSettled();
		expect(sim.receiptsSent.map((r) => r.attempt)).toEqual([1, 2, 3, 4, 1, 1]);
		expect(receiver.received.map((r) => r.body.deliveryInfoNotification.deliveryInfo.code)).toEqual(
			['7407', '7407', '7407', '7407', '7408', '7402'],
		);
	});

	it('logs a receiver that cannot be reached with status null', async () => {
		const url = receiver.url;
		await receiver.close();
		await post(
			sim,
			WEBEX_V2_PATH,
			v2Body({
				to: [{ msisdn: ['+447700900006'] }],
				requestedReceipts: ['offered'],
				notifyUrl: url,
			}),
		);
		await sim.receiptsSettled();
		expect(sim.receiptsSent.map((r) => [r.attempt, r.status])).toEqual([
			[1, null],
			[2, null],
			[3, null],
			[4, null],
		]);
		expect(sim.receiptsSent[0].error).toEqual(expect.any(String));
		receiver = await startReceiver();
	});
});
