/**
 * The Webex Connect part of the provider simulator over real HTTP: v2 Make Call and v1 Messaging
 * API validation and success shapes, and the receipts of each outcome, documented quirks included.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { createHmac } from 'node:crypto';

import { startReceiver, type Receiver } from '../../support/receiver';
import { post, v1Body, v2Body, v2Tts, WEBEX_KEY } from '../../support/simulator';
import { startSimulator, type Simulator } from '../server';
import {
	OUTCOME_BY_LAST_DIGIT,
	WEBEX_MAX_BODY_BYTES,
	WEBEX_V1_PATH,
	WEBEX_V2_PATH,
} from './webexConnect';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const NO_ZONE_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}$/;

function withoutField(body: Record<string, unknown>, field: string): Record<string, unknown> {
	const copy = { ...body };
	delete copy[field];
	return copy;
}

function numbers(count: number, start = 0): string[] {
	return Array.from({ length: count }, (_, i) => `+4477009${String(start + i).padStart(5, '0')}`);
}

/** [expected code, what is wrong, request body (a string is sent as is)] */
type ErrorCase = [code: string, name: string, body: unknown];

let sim: Simulator;

beforeAll(async () => {
	sim = await startSimulator({ webexServiceKey: WEBEX_KEY, receiptDelayMs: 5 });
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

describe('Webex Connect v2 Make Call', () => {
	describe('auth', () => {
		it('answers 401 with no body when the key header is missing', async () => {
			const res = await post(sim, WEBEX_V2_PATH, v2Body(), { key: null });
			expect(res.status).toBe(401);
			expect(res.text).toBe('');
			expect(sim.dialCounts()).toEqual({});
		});

		it('answers 401 with no body when the key is wrong', async () => {
			const res = await post(sim, WEBEX_V2_PATH, v2Body(), { key: 'nope' });
			expect(res.status).toBe(401);
			expect(res.text).toBe('');
		});

		it('answers 201 Queued with the documented shape when the key is right', async () => {
			const res = await post(sim, WEBEX_V2_PATH, v2Body());
			expect(res.status).toBe(201);
			const body = res.json();
			expect(Object.keys(body).sort()).toEqual([
				'correlationId',
				'messageId',
				'requestTimestamp',
				'status',
			]);
			expect(body.status).toBe('Queued');
			expect(body.messageId).toMatch(UUID);
			expect(body.correlationId).toBe('order-42');
			expect(new Date(body.requestTimestamp).toISOString()).toBe(body.requestTimestamp);
			expect(sim.dialCount('+447700900001')).toBe(1);
			expect(sim.requests[0].warnings).toEqual([]);
		});

		it('accepts a body without content-type application/json but logs a warning', async () => {
			const res = await post(sim, WEBEX_V2_PATH, v2Body(), { contentType: 'text/plain' });
			expect(res.status).toBe(201);
			expect(sim.requests[0].warnings).toEqual(['content-type is not application/json']);
		});
	});

	describe('success shapes', () => {
		it('answers one object for several numbers and counts every number once', async () => {
			const res = await post(
				sim,
				WEBEX_V2_PATH,
				v2Body({
					to: [
						{ msisdn: ['+447700900001', '+447700900002'], correlationId: 'first' },
						{ msisdn: ['+447700900003'], correlationId: 'second' },
					],
				}),
			);
			expect(res.status).toBe(201);
			expect(Array.isArray(res.json())).toBe(false);
			expect(res.json().correlationId).toBe('first');
			expect(sim.dialCounts()).toEqual({
				'+447700900001': 1,
				'+447700900002': 1,
				'+447700900003': 1,
			});
		});

		it('prefers a top-level correlationId, and answers null when there is none', async () => {
			const top = await post(sim, WEBEX_V2_PATH, v2Body({ correlationId: 'top' }));
			expect(top.json().correlationId).toBe('top');
			const none = await post(sim, WEBEX_V2_PATH, v2Body({ to: [{ msisdn: ['+447700900001'] }] }));
			expect(none.json().correlationId).toBeNull();
		});

		it.each<[name: string, body: Record<string, unknown>]>([
			[
				'the sample casing "TtS", "Neural", "EN-US"',
				v2Tts({ type: 'TtS', voiceType: 'Neural', language: 'EN-US' }),
			],
			['media content', v2Body({ content: { type: 'media', mediaId: '1561' } })],
			[
				'lower-case correlationid and notifyurl',
				v2Body({
					to: [{ msisdn: ['+447700900001'], correlationid: 'x' }],
					notifyurl: 'http://127.0.0.1:1/r',
				}),
			],
			['msisdn as a single string', v2Body({ to: [{ msisdn: '+447700900001' }] })],
			[
				'capitalised and space-less receipt names',
				v2Body({ requestedReceipts: ['Offered', 'Trombone Connected', 'messageexpired'] }),
			],
			['sendAt as UNIX epoch', v2Body({ sendAt: 1798790400 })],
			['sendAt as ISO 8601 in the future', v2Body({ sendAt: '2026-12-01T09:00:00Z' })],
			['priority 1 and 3', v2Body({ priority: 3 })],
			['exactly 1000 destinations', v2Body({ to: [{ msisdn: numbers(1000) }] })],
			['text of exactly 2000 characters', v2Tts({ text: 'a'.repeat(2000) })],
			['documented extras', v2Body({ notifyUrlAuthId: 'a-1', contactPolicy: {} })],
		])('accepts %s', async (_name, body) => {
			const res = await post(sim, WEBEX_V2_PATH, body);
			expect(res.status).toBe(201);
		});
	});

	const tooLong = 'é'.repeat(26); // 52 bytes, 26 characters
	it.each<ErrorCase>([
		['7000', 'broken JSON', '{"channel": "voice",'],
		['7000', 'a JSON array', '[]'],
		['7003', 'no channel', withoutField(v2Body(), 'channel')],
		['7003', 'no from', withoutField(v2Body(), 'from')],
		['7003', 'no to', withoutField(v2Body(), 'to')],
		['7003', 'an empty to', v2Body({ to: [] })],
		['7003', 'a to entry without msisdn', v2Body({ to: [{ correlationId: 'x' }] })],
		['7003', 'no content', withoutField(v2Body(), 'content')],
		['7003', 'no content.type', v2Body({ content: { mediaId: '1' } })],
		['7003', 'media without mediaId', v2Body({ content: { type: 'media' } })],
		...['ttsProcessor', 'language', 'voice', 'region', 'text', 'voiceType', 'gender'].map(
			(field): ErrorCase => ['7003', `TTS without ${field}`, v2Tts({ [field]: undefined })],
		),
		['7003', 'TTS with empty text', v2Tts({ text: '' })],
		['7004', 'channel sms', v2Body({ channel: 'sms' })],
		['7004', 'priority 0', v2Body({ priority: 0 })],
		['7004', 'priority 4', v2Body({ priority: 4 })],
		['7004', 'priority as a string', v2Body({ priority: '2' })],
		['7004', 'an unknown receipt name', v2Body({ requestedReceipts: ['ringing'] })],
		['7004', 'requestedReceipts not an array', v2Body({ requestedReceipts: 'answered' })],
		['7004', 'a sendAt that is not a time', v2Body({ sendAt: 'tomorrow' })],
		['7004', 'a top-level correlationId over 50 bytes', v2Body({ correlationId: tooLong })],
		[
			'7004',
			'a to correlationId over 50 bytes',
			v2Body({ to: [{ msisdn: ['+447700900001'], correlationId: 'x'.repeat(51) }] }),
		],
		['7004', 'voiceType robotic', v2Tts({ voiceType: 'robotic' })],
		['7004', 'ttsProcessor Google', v2Tts({ ttsProcessor: 'Google' })],
		['7004', 'a non-http notifyUrl', v2Body({ notifyUrl: 'ftp://example.com/r' })],
		['7004', 'callbackData null', v2Body({ callbackData: null })],
		['7004', 'a numeric mediaId', v2Body({ content: { type: 'media', mediaId: 1561 } })],
		[
			'7009',
			'1001 destinations over two entries',
			v2Body({ to: [{ msisdn: numbers(600) }, { msisdn: numbers(401, 600) }] }),
		],
		[
			'7022',
			`a body over ${WEBEX_MAX_BODY_BYTES} bytes`,
			v2Body({ callbackData: 'x'.repeat(WEBEX_MAX_BODY_BYTES) }),
		],
		['7101', 'from without +', v2Body({ from: '14155550100' })],
		['7102', 'a national number', v2Body({ to: [{ msisdn: ['07700900001'] }] })],
		['7102', 'a country code starting 0', v2Body({ to: [{ msisdn: ['+0447700900001'] }] })],
		[
			'7102',
			'a bad number after a good one',
			v2Body({ to: [{ msisdn: ['+447700900001', '+44 7700 900002'] }] }),
		],
		['7107', 'text of 2001 characters', v2Tts({ text: 'a'.repeat(2001) })],
		['7126', 'content type sms', v2Body({ content: { type: 'sms', text: 'hi' } })],
	])('answers 400 %s for %s', async (code, _name, body) => {
		const res = await post(sim, WEBEX_V2_PATH, body);
		expect(res.status).toBe(400);
		expect(res.json()).toEqual({ code, message: expect.any(String) });
		expect(sim.dialCounts()).toEqual({});
		expect(sim.requests[0].response?.code).toBe(code);
	});
});

describe('IMIconnect v1 Messaging API', () => {
	it('answers 401 code 7002 when the key is missing and 7001 when it is wrong', async () => {
		const missing = await post(sim, WEBEX_V1_PATH, v1Body(), { key: null });
		expect(missing.status).toBe(401);
		expect(missing.json()).toEqual({
			response: [{ code: '7002', description: 'Service key missing' }],
		});
		const wrong = await post(sim, WEBEX_V1_PATH, v1Body(), { key: 'nope' });
		expect(wrong.status).toBe(401);
		expect(wrong.json().response[0].code).toBe('7001');
		expect(sim.dialCounts()).toEqual({});
	});

	it('answers 200 with one Queued entry per destination entry', async () => {
		const res = await post(
			sim,
			WEBEX_V1_PATH,
			v1Body({
				correlationid: 'top',
				priority: '3',
				expiry: '2099-04-12T18:30:19.456+5:30',
				destination: [
					{ msisdn: ['+447700900001', '+447700900002'], correlationid: 'own' },
					{ msisdn: ['+447700900003'] },
					{ customerid: ['cust-1'] },
				],
			}),
		);
		expect(res.status).toBe(200);
		const { response } = res.json();
		expect(response).toHaveLength(3);
		expect(response.map((r: any) => r.correlationid)).toEqual(['own', 'top', 'top']);
		for (const entry of response) {
			expect(entry).toEqual({
				code: '1001',
				description: 'Queued',
				correlationid: expect.any(String),
				transid: expect.stringMatching(UUID),
			});
		}
		expect(new Set(response.map((r: any) => r.transid)).size).toBe(3);
		expect(sim.dialCounts()).toEqual({
			'+447700900001': 1,
			'+447700900002': 1,
			'+447700900003': 1,
			'cust-1': 1,
		});
		expect(sim.requests[0].warnings).toEqual([]);
	});

	it('answers 400 code 7000 without content-type application/json', async () => {
		const res = await post(sim, WEBEX_V1_PATH, v1Body(), { contentType: 'text/plain' });
		expect(res.status).toBe(400);
		expect(res.json().response[0].code).toBe('7000');
		const withCharset = await post(sim, WEBEX_V1_PATH, v1Body(), {
			contentType: 'application/json; charset=utf-8',
		});
		expect(withCharset.status).toBe(200);
	});

	it('answers an empty correlationid when none is given', async () => {
		const res = await post(
			sim,
			WEBEX_V1_PATH,
			v1Body({ channels: { voice: { media: 'prompt-1' } } }),
		);
		expect(res.json().response[0].correlationid).toBe('');
	});

	it('accepts what the platform tolerates but logs a warning for it', async () => {
		const res = await post(
			sim,
			WEBEX_V1_PATH,
			v1Body({ priority: 2, notifyUrl: 'http://127.0.0.1:1/r' }),
		);
		expect(res.status).toBe(200);
		expect(sim.requests[0].warnings).toEqual([
			'notifyUrl ignored: v1 reads notifyurl',
			'priority 2 is not "1".."3": the platform ignores it',
		]);
	});

	it.each<ErrorCase>([
		['7000', 'broken JSON', '{"deliverychannel":'],
		['7003', 'no deliverychannel', withoutField(v1Body(), 'deliverychannel')],
		['7003', 'no channels', withoutField(v1Body(), 'channels')],
		['7003', 'no channels.voice', v1Body({ channels: {} })],
		['7003', 'no destination', withoutField(v1Body(), 'destination')],
		['7003', 'an empty destination', v1Body({ destination: [] })],
		[
			'7003',
			'a destination entry without numbers',
			v1Body({ destination: [{ correlationid: 'x' }] }),
		],
		['7004', 'deliverychannel sms', v1Body({ deliverychannel: 'sms' })],
		[
			'7004',
			'both callflowid and media',
			v1Body({ channels: { voice: { callflowid: 'f', media: 'm' } } }),
		],
		[
			'7004',
			'neither callflowid nor media',
			v1Body({ channels: { voice: { cli: '+14155550100' } } }),
		],
		['7004', 'msisdn as a string', v1Body({ destination: [{ msisdn: '+447700900001' }] })],
		[
			'7004',
			'both msisdn and customerid',
			v1Body({ destination: [{ msisdn: ['+447700900001'], customerid: ['c'] }] }),
		],
		['7004', 'a national number', v1Body({ destination: [{ msisdn: ['07700900001'] }] })],
		['7004', 'a top correlationid over 50 bytes', v1Body({ correlationid: 'x'.repeat(51) })],
		[
			'7004',
			'a destination correlationid over 50 bytes',
			v1Body({ destination: [{ msisdn: ['+447700900001'], correlationid: 'x'.repeat(51) }] }),
		],
		['7004', 'an expiry without a time zone', v1Body({ expiry: '2099-04-12T13:00:19.456' })],
		['7004', 'an expiry that is not a time', v1Body({ expiry: 'soon' })],
		['7004', 'a non-http notifyurl', v1Body({ notifyurl: 'mailto:a@b.c' })],
		[
			'7004',
			`a body over ${WEBEX_MAX_BODY_BYTES} bytes`,
			v1Body({ callbackData: 'x'.repeat(WEBEX_MAX_BODY_BYTES) }),
		],
		[
			'7009',
			'1001 numbers',
			v1Body({ destination: [{ msisdn: numbers(1000) }, { msisdn: numbers(1, 1000) }] }),
		],
	])('answers 400 %s for %s', async (code, _name, body) => {
		const res = await post(sim, WEBEX_V1_PATH, body);
		expect(res.status).toBe(400);
		expect(res.json()).toEqual({ response: [{ code, description: expect.any(String) }] });
		expect(sim.dialCounts()).toEqual({});
	});
});

describe('receipts', () => {
	let receiver: Receiver<any>;
	beforeEach(async () => {
		receiver = await startReceiver();
	});
	afterEach(() => receiver.close());

	function byDestination(): Map<string, any[]> {
		const calls = new Map<string, any[]>();
		for (const { body } of receiver.received) {
			const destination = body.deliveryInfoNotification.deliveryInfo.destination;
			calls.set(destination, [...(calls.get(destination) ?? []), body]);
		}
		return calls;
	}

	it('sends each outcome digit its receipts, in order, with the documented quirks', async () => {
		const all = Array.from({ length: 10 }, (_, digit) => `+44770090000${digit}`);
		const res = await post(
			sim,
			WEBEX_V2_PATH,
			v2Body({
				to: [{ msisdn: all.slice(0, 5), correlationId: 'group-a' }, { msisdn: all.slice(5) }],
				correlationId: 'top',
				callbackData: 'cb-1',
				notifyUrl: receiver.url,
			}),
		);
		const { messageId } = res.json();
		await sim.receiptsSettled();

		const calls = byDestination();
		for (const number of all) {
			const outcome = OUTCOME_BY_LAST_DIGIT[number.slice(-1)];
			const receipts = calls.get(number) ?? [];
			expect(receipts.map((r) => r.deliveryInfoNotification.deliveryInfo.code)).toEqual(
				outcome.receipts.map((e) => e.code),
			);
			receipts.forEach((receipt, index) => {
				const notification = receipt.deliveryInfoNotification;
				const info = notification.deliveryInfo;
				expect(info.timeStamp).toMatch(NO_ZONE_TIMESTAMP);
				expect(info.Description).toBe(outcome.receipts[index].Description);
				expect(info).not.toHaveProperty('description');
				expect(info.deliveryStatus).toBe(info.deliveryStatus.toUpperCase());
				expect(typeof info.code).toBe('string');
				expect(info).toMatchObject({
					deliveryChannel: 'voice',
					destination: number,
					destinationType: 'msisdn',
				});
				expect(notification).toMatchObject({
					transid: messageId,
					callbackData: 'cb-1',
					subtid: '',
				});
				expect(notification.correlationid).toBe(number < all[5] ? 'group-a' : 'top');
				expect(notification).not.toHaveProperty('correlationId');
				// Only the final receipt of a call carries deliveryTransInfo.
				expect('deliveryTransInfo' in receipt).toBe(index === receipts.length - 1);
				expect(outcome.receipts[index].final).toBe(index === receipts.length - 1);
			});
			const times = receipts.map((r) => r.deliveryInfoNotification.deliveryInfo.timeStamp);
			expect([...times].sort()).toEqual(times);
		}
		expect(OUTCOME_BY_LAST_DIGIT['6'].receipts.slice(-1)[0]).toMatchObject({
			code: '7402',
			deliveryStatus: 'REJECTED',
		});
		expect(OUTCOME_BY_LAST_DIGIT['5'].receipts.slice(-1)[0]).toMatchObject({
			code: '',
			deliveryStatus: 'RELEASED',
		});
		expect(sim.receiptsSent.every((r) => r.status === 200 && r.attempt === 1)).toBe(true);
	});

	it('sends only the requested receipts, names matched case-insensitively', async () => {
		await post(
			sim,
			WEBEX_V2_PATH,
			v2Body({
				to: [{ msisdn: ['+447700900000', '+447700900006'] }],
				notifyUrl: receiver.url,
				requestedReceipts: ['Answered', 'rejected'],
			}),
		);
		await sim.receiptsSettled();
		const calls = byDestination();
		expect(
			calls.get('+447700900000')!.map((r) => r.deliveryInfoNotification.deliveryInfo.code),
		).toEqual(['7519']);
		expect(
			calls.get('+447700900006')!.map((r) => r.deliveryInfoNotification.deliveryInfo.code),
		).toEqual(['7402']);
		// deliveryTransInfo belongs to the final event (here Rejected), not to whichever receipt comes last.
		expect(calls.get('+447700900000')![0]).not.toHaveProperty('deliveryTransInfo');
		expect(calls.get('+447700900006')![0]).toHaveProperty('deliveryTransInfo');
	});

	it('sends v1 receipts with the transid of the destination entry', async () => {
		const res = await post(
			sim,
			WEBEX_V1_PATH,
			v1Body({
				notifyurl: receiver.url,
				callbackData: 'v1-cb',
				destination: [
					{ msisdn: ['+447700900007'], correlationid: 'c-7' },
					{ customerid: ['cust-x'] },
				],
			}),
		);
		const [first, second] = res.json().response;
		await sim.receiptsSettled();
		const calls = byDestination();
		const noAnswer = calls.get('+447700900007')!;
		expect(noAnswer.map((r) => r.deliveryInfoNotification.deliveryInfo.code)).toEqual([
			'7407',
			'7408',
			'7401',
		]);
		expect(noAnswer[0].deliveryInfoNotification).toMatchObject({
			transid: first.transid,
			correlationid: 'c-7',
			callbackData: 'v1-cb',
		});
		const customer = calls.get('cust-x')!;
		expect(customer[0].deliveryInfoNotification.transid).toBe(second.transid);
		expect(customer[0].deliveryInfoNotification.deliveryInfo.destinationType).toBe('customerid');
		expect(customer.map((r) => r.deliveryInfoNotification.deliveryInfo.code)).toEqual([
			'7407',
			'7408',
			'7519',
			'7410',
		]);
	});

	it('answers an expired v1 request Queued, dials nobody and sends Message Expired', async () => {
		const res = await post(
			sim,
			WEBEX_V1_PATH,
			v1Body({ expiry: '2015-04-12T13:00:19.456Z', notifyurl: receiver.url }),
		);
		expect(res.json().response[0].code).toBe('1001');
		await sim.receiptsSettled();
		expect(sim.dialCount('+447700900001')).toBe(0);
		expect(receiver.received.map((r) => r.body.deliveryInfoNotification.deliveryInfo)).toEqual([
			expect.objectContaining({ code: '7208', Description: 'Message Expired' }),
		]);
	});

	it('signs receipts with x-hub-signature when a hub secret is set, and sends none when receipts are off', async () => {
		const signing = await startSimulator({
			webexServiceKey: WEBEX_KEY,
			receiptDelayMs: 1,
			webexHubSecret: 'hub',
		});
		const silent = await startSimulator({ webexServiceKey: WEBEX_KEY, receipts: false });
		try {
			const body = v2Body({ to: [{ msisdn: ['+447700900006'] }], notifyUrl: receiver.url });
			await post(signing, WEBEX_V2_PATH, body);
			await post(silent, WEBEX_V2_PATH, body);
			await signing.receiptsSettled();
			await silent.receiptsSettled();
			expect(receiver.received).toHaveLength(3);
			for (const { headers, raw } of receiver.received) {
				expect(headers['x-hub-signature']).toBe(
					createHmac('sha256', 'hub').update(raw).digest('hex'),
				);
			}
			expect(silent.receiptsSent).toHaveLength(0);
		} finally {
			await signing.close();
			await silent.close();
		}
	});
});
