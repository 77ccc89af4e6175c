/**
 * The provider simulator's server (test/simulator/server.ts) over real HTTP: injected faults, unknown
 * routes and the /__sim/ control API, shown on the Webex Connect routes.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { request } from 'undici';

import { startReceiver } from '../support/receiver';
import { get, post, v1Body, v2Body, WEBEX_KEY } from '../support/simulator';
import { WEBEX_V1_PATH, WEBEX_V2_PATH } from './providers/webexConnect';
import { REDACTED } from './redact';
import { startSimulator, type Simulator } from './server';

let sim: Simulator;

beforeAll(async () => {
	sim = await startSimulator({ webexServiceKey: WEBEX_KEY, receiptDelayMs: 5 });
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

describe('faults', () => {
	it('answers 429 with Retry-After without dialling, then recovers', async () => {
		sim.injectFault({ kind: '429', retryAfter: 7 });
		const limited = await post(sim, WEBEX_V2_PATH, v2Body());
		expect(limited.status).toBe(429);
		expect(limited.headers['retry-after']).toBe('7');
		expect(sim.dialCount('+447700900001')).toBe(0);
		expect((await post(sim, WEBEX_V2_PATH, v2Body())).status).toBe(201);
		expect(sim.dialCount('+447700900001')).toBe(1);
		expect(sim.requests.map((r) => r.fault)).toEqual(['429', undefined]);
	});

	it('answers 500 (v1 with code 7006) and 503 with Retry-After, dialling nobody', async () => {
		sim.injectFault({ kind: '500', times: 2 });
		const v2 = await post(sim, WEBEX_V2_PATH, v2Body());
		expect([v2.status, v2.text]).toEqual([500, '']);
		const v1 = await post(sim, WEBEX_V1_PATH, v1Body());
		expect(v1.status).toBe(500);
		expect(v1.json()).toEqual({
			response: [{ code: '7006', description: 'Internal error occurred' }],
		});
		sim.injectFault({ kind: '503', retryAfter: 2 });
		const unavailable = await post(sim, WEBEX_V2_PATH, v2Body());
		expect(unavailable.status).toBe(503);
		expect(unavailable.headers['retry-after']).toBe('2');
		expect(sim.dialCounts()).toEqual({});
	});

	it('applies a fault only to paths with its prefix', async () => {
		sim.injectFault({ kind: '503', path: '/resources/' });
		expect((await post(sim, WEBEX_V2_PATH, v2Body())).status).toBe(201);
		expect((await post(sim, WEBEX_V1_PATH, v1Body())).status).toBe(503);
	});

	it('answers malformed JSON with the success status, after dialling', async () => {
		sim.injectFault({ kind: 'malformed' });
		const res = await post(sim, WEBEX_V2_PATH, v2Body());
		expect(res.status).toBe(201);
		expect(() => res.json()).toThrow();
		expect(sim.dialCount('+447700900001')).toBe(1);
	});

	it('hangs after dialling: a client with a short timeout sees no answer', async () => {
		sim.injectFault({ kind: 'hang' });
		await expect(post(sim, WEBEX_V2_PATH, v2Body(), { headersTimeout: 200 })).rejects.toThrow(
			/timeout/i,
		);
		expect(sim.dialCount('+447700900001')).toBe(1);
		expect(sim.requests[0]).toMatchObject({ fault: 'hang', response: { status: 201 } });
	});

	it('destroys a hung socket after hangMs', async () => {
		const quick = await startSimulator({ webexServiceKey: WEBEX_KEY, hangMs: 100 });
		try {
			quick.injectFault({ kind: 'hang' });
			const started = Date.now();
			await expect(post(quick, WEBEX_V2_PATH, v2Body())).rejects.toThrow();
			expect(Date.now() - started).toBeGreaterThanOrEqual(90);
			expect(quick.dialCount('+447700900001')).toBe(1);
		} finally {
			await quick.close();
		}
	});

	it('resets the connection after dialling', async () => {
		sim.injectFault({ kind: 'reset' });
		await expect(post(sim, WEBEX_V1_PATH, v1Body())).rejects.toThrow();
		expect(sim.dialCount('+447700900001')).toBe(1);
	});

	// Left alone, the socket would hang and the receipts wait for an hour: far beyond the test's timeout.
	it('close() ends hung sockets and pending receipts without waiting for their timers', async () => {
		const receiver = await startReceiver();
		const doomed = await startSimulator({
			webexServiceKey: WEBEX_KEY,
			hangMs: 3_600_000,
			receiptDelayMs: 3_600_000,
		});
		doomed.injectFault({ kind: 'hang' });
		const hung = post(doomed, WEBEX_V2_PATH, v2Body({ notifyUrl: receiver.url }));
		hung.catch(() => undefined);
		while (doomed.dialCount('+447700900001') === 0) await new Promise((r) => setTimeout(r, 5));
		await doomed.close();
		await expect(hung).rejects.toThrow();
		await doomed.receiptsSettled();
		expect(receiver.received).toHaveLength(0);
		await receiver.close();
	});
});

describe('unknown routes', () => {
	it('answers 404 for an unknown path and 405 for a wrong method', async () => {
		expect((await post(sim, '/v3/nothing', {})).status).toBe(404);
		const wrongMethod = await request(`${sim.url}${WEBEX_V2_PATH}`);
		await wrongMethod.body.dump();
		expect(wrongMethod.statusCode).toBe(405);
		expect(wrongMethod.headers.allow).toBe('POST');
		expect(sim.requests.map((r) => r.provider)).toEqual([null, 'webexConnect']);
	});
});

describe('control API', () => {
	it('queues faults, reports requests, dials and receipts, and resets', async () => {
		const receiver = await startReceiver();
		try {
			const bad = await request(`${sim.url}/__sim/faults`, {
				method: 'POST',
				body: '{"kind":"teapot"}',
			});
			expect(bad.statusCode).toBe(400);
			await bad.body.dump();
			const queued = await request(`${sim.url}/__sim/faults`, {
				method: 'POST',
				body: JSON.stringify({ kind: '503', retryAfter: 1, path: '/v2/' }),
			});
			expect(queued.statusCode).toBe(201);
			await queued.body.dump();
			expect((await post(sim, WEBEX_V2_PATH, v2Body())).status).toBe(503);
			await post(
				sim,
				WEBEX_V2_PATH,
				v2Body({ requestedReceipts: ['offered'], notifyUrl: receiver.url }),
			);
			await sim.receiptsSettled();

			const requests = await get(sim, '/__sim/requests');
			expect(requests.map((r: any) => [r.path, r.fault ?? null, r.response.status])).toEqual([
				[WEBEX_V2_PATH, '503', 503],
				[WEBEX_V2_PATH, null, 201],
			]);
			expect(requests[1].body.channel).toBe('voice');
			// Shown redacted (test/simulator/redact.test.ts); the in-process log keeps it.
			expect(requests[1].headers.key).toBe(REDACTED);
			expect(sim.requests[1].headers.key).toBe(WEBEX_KEY);
			expect(await get(sim, '/__sim/dials')).toEqual({ '+447700900001': 1 });
			expect(await get(sim, '/__sim/receipts')).toEqual([
				expect.objectContaining({
					url: receiver.url,
					status: 200,
					attempt: 1,
					provider: 'webexConnect',
				}),
			]);

			const reset = await request(`${sim.url}/__sim/reset`, { method: 'POST' });
			expect(reset.statusCode).toBe(204);
			await reset.body.dump();
			expect(await get(sim, '/__sim/requests')).toEqual([]);
			expect(await get(sim, '/__sim/dials')).toEqual({});
			expect(await get(sim, '/__sim/receipts')).toEqual([]);
		} finally {
			await receiver.close();
		}
	});
});
