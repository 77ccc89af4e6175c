/**
 * The InnoPaaS part of the provider simulator over real HTTP: form-encoded batch-notify with
 * appId/appKey checked first, every field of seed 004 validated, `mobile` parsing, the 200000
 * answer with its callId, the (assumed) call records posted to billUrl, faults.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { request } from 'undici';

import {
	INNOPAAS_CODES,
	INNOPAAS_OUTCOME_BY_LAST_DIGIT,
	type InnoPaasCallRecord,
} from './innoPaas';
import { startReceiver, type Receiver } from '../../support/receiver';
import { startSimulator, type Simulator } from '../server';

const APP_ID = 'app-7';
const APP_KEY = 'key-7';

async function notify(
	sim: Simulator,
	fields: Record<string, string | undefined>,
	contentType = 'application/x-www-form-urlencoded',
) {
	const form = new URLSearchParams(
		Object.entries(fields).filter((entry): entry is [string, string] => entry[1] !== undefined),
	);
	const res = await request(`${sim.url}/open/int-voice/batch-notify`, {
		method: 'POST',
		headers: { 'content-type': contentType },
		body: form.toString(),
	});
	return {
		status: res.statusCode,
		json: (await res.body.json()) as { code: string; message: string; data?: { callId: string } },
	};
}

const base = (overrides: Record<string, string | undefined> = {}) => ({
	appId: APP_ID,
	appKey: APP_KEY,
	mobile: '447700900001,Ada|42',
	countryCode: 'GB',
	templateId: 'tpl-1',
	...overrides,
});

/** yyyyMMddHHmmss in China time, `ms` from now. */
const chinaTime = (ms: number) =>
	new Date(Date.now() + ms + 8 * 3600_000).toISOString().replace(/[-:T]/g, '').slice(0, 14);

let sim: Simulator;
let receiver: Receiver<InnoPaasCallRecord>;

beforeAll(async () => {
	sim = await startSimulator({ innoPaasAppId: APP_ID, innoPaasAppKey: APP_KEY, receiptDelayMs: 5 });
	receiver = await startReceiver<InnoPaasCallRecord>({ path: '/bill' });
});
afterEach(() => {
	sim.reset();
	receiver.clear();
});
afterAll(async () => {
	await sim.close();
	await receiver.close();
});

describe('InnoPaaS batch-notify', () => {
	it('answers 200000 with one callId and dials every number', async () => {
		const answer = await notify(sim, base({ mobile: '447700900001,Ada|42;447700900002,Grace|7;' }));
		expect(answer).toEqual({
			status: 200,
			json: {
				code: '200000',
				message: 'success',
				data: { callId: expect.stringMatching(/^[0-9a-f]{32}$/) },
			},
		});
		expect(sim.dialCounts()).toEqual({ '+447700900001': 1, '+447700900002': 1 });
	});

	it('takes numbers without variables and every optional field', async () => {
		const answer = await notify(
			sim,
			base({
				mobile: '447700900001;447700900002',
				billUrl: receiver.url,
				transData: 'crm-1',
				displayNum: '442079460018',
				smsHangupStatus: '1',
				smsTemplateId: 'sms-1',
				smsSendType: '3',
				smsSendLimit: '10',
				sendType: '1',
				taskStartTime: chinaTime(3600_000),
				taskEndTime: chinaTime(7200_000),
				taskName: 'Reminders',
				maxRecallCount: '3',
				recallInterval: '60',
				noConnected: 'true',
				noAnswer: 'false',
				ttsVoice: 'en-GB',
			}),
		);
		expect(answer.json.code).toBe('200000');
		expect(sim.requests[0].warnings).toEqual([]);
	});

	it('checks appId and appKey before anything else', async () => {
		expect((await notify(sim, { mobile: '' })).json).toEqual({
			code: INNOPAAS_CODES.credentialsMissing,
			message: 'appId and appKey are required',
		});
		expect((await notify(sim, base({ appKey: 'wrong', mobile: '' }))).json).toEqual({
			code: INNOPAAS_CODES.credentialsWrong,
			message: 'appId or appKey is incorrect',
		});
		// Right credentials, nothing to dial: a parameter complaint (what the credential test relies on).
		expect((await notify(sim, base({ mobile: '', countryCode: '', templateId: '' }))).json).toEqual(
			{ code: INNOPAAS_CODES.missing, message: 'mobile is required' },
		);
		expect(sim.dialCounts()).toEqual({});
	});

	it('needs a form body and warns about undocumented fields', async () => {
		expect((await notify(sim, base(), 'application/json')).json.code).toBe(INNOPAAS_CODES.notForm);
		await notify(sim, base({ priority: 'high' }));
		expect(sim.requests.at(-1)?.warnings).toEqual([
			'priority is not a documented field; the platform ignores it',
		]);
	});

	it.each([
		[
			'no countryCode',
			base({ countryCode: undefined }),
			INNOPAAS_CODES.missing,
			'countryCode is required',
		],
		['no templateId', base({ templateId: '' }), INNOPAAS_CODES.missing, 'templateId is required'],
		[
			'a number with +',
			base({ mobile: '+447700900001' }),
			INNOPAAS_CODES.invalid,
			'is not a number with its country code',
		],
		['a short number', base({ mobile: '12345' }), INNOPAAS_CODES.invalid, 'is not a number'],
		[
			'an empty variable',
			base({ mobile: '447700900001,a||b' }),
			INNOPAAS_CODES.invalid,
			'a template variable is empty',
		],
		[
			'an empty entry',
			base({ mobile: '447700900001;;447700900002' }),
			INNOPAAS_CODES.invalid,
			'entry 2',
		],
		[
			'1001 numbers',
			base({
				mobile: Array.from({ length: 1001 }, (_, i) => `4477009${String(i).padStart(5, '0')}`).join(
					';',
				),
			}),
			INNOPAAS_CODES.tooMany,
			'mobile has 1001 numbers, at most 1000',
		],
		[
			'a lower-case country',
			base({ countryCode: 'gb' }),
			INNOPAAS_CODES.invalid,
			'countryCode "gb" is not an ISO 3166-1 alpha-2 code',
		],
		[
			'a long billUrl',
			base({ billUrl: `https://x.example/${'a'.repeat(240)}` }),
			INNOPAAS_CODES.invalid,
			'billUrl is 258 characters, at most 250',
		],
		[
			'a billUrl without scheme',
			base({ billUrl: 'x.example/bill' }),
			INNOPAAS_CODES.invalid,
			'billUrl must be an http(s) URL',
		],
		[
			'long transData',
			base({ transData: 'x'.repeat(51) }),
			INNOPAAS_CODES.invalid,
			'transData is 51 characters, at most 50',
		],
		[
			'a lettered displayNum',
			base({ displayNum: 'ACME' }),
			INNOPAAS_CODES.invalid,
			'displayNum must be digits',
		],
		[
			'a bad ttsVoice',
			base({ ttsVoice: 'English' }),
			INNOPAAS_CODES.invalid,
			'ttsVoice "English" is not a language tag',
		],
		[
			'smsHangupStatus 2',
			base({ smsHangupStatus: '2' }),
			INNOPAAS_CODES.invalid,
			'smsHangupStatus must be 0 or 1',
		],
		[
			'a hangup SMS without template',
			base({ smsHangupStatus: '1' }),
			INNOPAAS_CODES.missing,
			'smsTemplateId is required',
		],
		[
			'smsSendType 4',
			base({ smsSendType: '4' }),
			INNOPAAS_CODES.invalid,
			'smsSendType must be 0, 1, 2 or 3',
		],
		[
			'smsSendType 3 without limit',
			base({ smsSendType: '3' }),
			INNOPAAS_CODES.missing,
			'smsSendLimit is required',
		],
		[
			'smsSendLimit 0',
			base({ smsSendLimit: '0' }),
			INNOPAAS_CODES.invalid,
			'smsSendLimit must be a whole number of at least 1',
		],
		['sendType 3', base({ sendType: '3' }), INNOPAAS_CODES.invalid, 'sendType must be 1 or 2'],
		[
			'a scheduled task without start',
			base({ sendType: '1' }),
			INNOPAAS_CODES.missing,
			'taskStartTime is required',
		],
		[
			'a start in ISO',
			base({ sendType: '1', taskStartTime: '2030-01-01T10:00:00' }),
			INNOPAAS_CODES.invalid,
			'taskStartTime must be yyyyMMddHHmmss',
		],
		[
			'a 31st of February',
			base({ sendType: '1', taskStartTime: '20300231100000' }),
			INNOPAAS_CODES.invalid,
			'taskStartTime must be yyyyMMddHHmmss',
		],
		[
			'a start 10 days ahead',
			base({ sendType: '1', taskStartTime: chinaTime(10 * 86_400_000) }),
			INNOPAAS_CODES.invalid,
			'is more than 8 days ahead',
		],
		[
			'an end before the start',
			base({ sendType: '1', taskStartTime: chinaTime(7200_000), taskEndTime: chinaTime(3600_000) }),
			INNOPAAS_CODES.invalid,
			'taskEndTime must be after taskStartTime',
		],
		[
			'maxRecallCount 4',
			base({ maxRecallCount: '4', recallInterval: '10' }),
			INNOPAAS_CODES.invalid,
			'maxRecallCount must be 0 to 3',
		],
		[
			'redials without interval',
			base({ maxRecallCount: '2' }),
			INNOPAAS_CODES.missing,
			'recallInterval is required',
		],
		[
			'redials over 3 days',
			base({ maxRecallCount: '3', recallInterval: '1441' }),
			INNOPAAS_CODES.invalid,
			'redialling may span at most 3 days',
		],
		[
			'noAnswer yes',
			base({ noAnswer: 'yes' }),
			INNOPAAS_CODES.invalid,
			'noAnswer must be true or false',
		],
	])('refuses %s', async (_name, fields, code, message) => {
		const answer = await notify(sim, fields);
		expect(answer.status).toBe(200);
		expect(answer.json.code).toBe(code);
		expect(answer.json.message).toContain(message);
		expect(answer.json).not.toHaveProperty('data');
		expect(sim.dialCounts()).toEqual({});
	});
});

describe('InnoPaaS call records posted to billUrl (assumed shape)', () => {
	it('posts one record per number with the callId, number, outcome and transData', async () => {
		const answer = await notify(
			sim,
			base({
				mobile: '447700900001,Ada;447700900006,Bob',
				billUrl: receiver.url,
				transData: 'crm-9',
				displayNum: '95013',
			}),
		);
		await sim.receiptsSettled();
		const byNumber = Object.fromEntries(receiver.bodies.map((body) => [body.mobile, body]));
		expect(byNumber['447700900001']).toEqual({
			callId: answer.json.data?.callId,
			mobile: '447700900001',
			countryCode: 'GB',
			templateId: 'tpl-1',
			displayNum: '95013',
			status: 'ANSWERED',
			statusDesc: 'Answered',
			startTime: expect.stringMatching(/^\d{14}$/),
			answerTime: expect.stringMatching(/^\d{14}$/),
			endTime: expect.stringMatching(/^\d{14}$/),
			duration: 18,
			recallCount: 0,
			fee: 0.05,
			smsSent: false,
			transData: 'crm-9',
		});
		expect(byNumber['447700900006']).toMatchObject({
			status: 'BUSY',
			answerTime: '',
			duration: 0,
			fee: 0,
		});
	});

	it.each(Object.entries(INNOPAAS_OUTCOME_BY_LAST_DIGIT))(
		'digit %s: %j',
		async (digit, outcome) => {
			await notify(sim, base({ mobile: `44770090000${digit}`, billUrl: receiver.url }));
			await sim.receiptsSettled();
			expect(receiver.bodies.map((body) => [body.status, body.duration])).toEqual([
				[outcome.status, outcome.duration],
			]);
		},
	);

	it('follows the redial policy: digit 5 is answered on a redial only when redialling is on', async () => {
		await notify(
			sim,
			base({
				mobile: '447700900005;447700900007;447700900009',
				billUrl: receiver.url,
				maxRecallCount: '2',
				recallInterval: '10',
			}),
		);
		await notify(sim, base({ mobile: '447700900015', billUrl: receiver.url, maxRecallCount: '0' }));
		await notify(
			sim,
			base({ mobile: '447700900025;447700900017', billUrl: receiver.url, noAnswer: 'false' }),
		);
		await sim.receiptsSettled();
		expect(
			Object.fromEntries(receiver.bodies.map((b) => [b.mobile, [b.status, b.recallCount]])),
		).toEqual({
			'447700900005': ['ANSWERED', 1],
			'447700900007': ['NO_ANSWER', 2],
			'447700900009': ['FAILED', 2],
			'447700900015': ['NO_ANSWER', 0],
			'447700900025': ['NO_ANSWER', 0],
			'447700900017': ['NO_ANSWER', 0],
		});
	});

	it('tells whether the hangup SMS went out', async () => {
		const sms = (smsSendType: string) =>
			base({
				mobile: '447700900001;447700900007',
				billUrl: receiver.url,
				smsHangupStatus: '1',
				smsTemplateId: 's',
				smsSendType,
				smsSendLimit: '5',
				maxRecallCount: '0',
			});
		for (const type of ['0', '1', '2', '3']) await notify(sim, sms(type));
		await sim.receiptsSettled();
		const sent = receiver.bodies.map((b) => b.smsSent);
		expect(sent.filter(Boolean)).toHaveLength(5); // answered: 0,1,3 → 3; unanswered: 1,2 → 2
	});
});

describe('InnoPaaS faults', () => {
	it('answers an injected 500 with a body and dials nobody', async () => {
		sim.injectFault({ kind: '500', path: '/open/' });
		const res = await request(`${sim.url}/open/int-voice/batch-notify`, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams(base()).toString(),
		});
		expect([res.statusCode, await res.body.json()]).toEqual([
			500,
			{ code: '500000', message: 'system error' },
		]);
		expect(sim.dialCounts()).toEqual({});
	});
});
