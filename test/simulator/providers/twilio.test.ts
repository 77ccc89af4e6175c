/**
 * The Twilio part of the provider simulator over real HTTP: Basic auth (Auth Token and API key),
 * account paths, every documented refusal, the call resource, CPS queueing, and the status
 * callbacks in each shape (events, AnsweredBy, async AMD, out of order, repeated), each signed.
 */
import { createHmac } from 'node:crypto';

import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { request } from 'undici';

import { TWILIO_SIM, twilioAccountPath, twilioCallsPath } from './twilio';
import { TWILIO_OUTCOME_BY_LAST_DIGIT } from './twilioCallbacks';
import { basicAuth } from '../../support/auth';
import { startReceiver, type Receiver } from '../../support/receiver';
import { startSimulator, type Simulator } from '../server';

const { account, apiKey, trial } = TWILIO_SIM;
const AUTH = basicAuth(account.sid, account.authToken);
const FROM = account.callerIds[0];
const FORM = 'application/x-www-form-urlencoded';

let sim: Simulator;
let receiver: Receiver<unknown>;

beforeAll(async () => {
	sim = await startSimulator({ receiptDelayMs: 5 });
	receiver = await startReceiver({ path: '/status?flow=1' });
});
afterEach(() => {
	sim.reset();
	receiver.clear();
});
afterAll(async () => {
	await sim.close();
	await receiver.close();
});

type Params = Array<[string, string]> | Record<string, string>;

async function send(
	path: string,
	options: { method?: string; body?: string; headers?: Record<string, string> } = {},
) {
	const res = await request(`${sim.url}${path}`, {
		method: (options.method ?? 'POST') as 'POST',
		headers: options.headers,
		body: options.body,
	});
	const text = await res.body.text();
	return { status: res.statusCode, headers: res.headers, json: () => JSON.parse(text) };
}

const createCall = (params: Params, authorization = AUTH, accountSid: string = account.sid) =>
	send(twilioCallsPath(accountSid), {
		body: new URLSearchParams(params).toString(),
		headers: { authorization, 'content-type': FORM },
	});

const call = (overrides: Record<string, string> = {}) => ({
	To: '+14155550100',
	From: FROM,
	Twiml: '<Response><Say>Hello</Say></Response>',
	...overrides,
});

/** Every status callback as name → value, in arrival order. */
const callbacks = () =>
	receiver.received.map((d) => Object.fromEntries(new URLSearchParams(d.raw)));

/** Recomputed here from the documented rule, independently of the simulator's own code. */
function expectSigned(authToken: string, url: string) {
	for (const delivery of receiver.received) {
		const params = [...new URLSearchParams(delivery.raw)].sort(([a], [b]) => (a < b ? -1 : 1));
		const data = url + params.map(([name, value]) => `${name}${value}`).join('');
		const expected = createHmac('sha1', authToken).update(data).digest('base64');
		expect(delivery.headers['x-twilio-signature']).toBe(expected);
		expect(delivery.headers['content-type']).toBe(FORM);
	}
}

describe('Twilio authentication and account paths', () => {
	it('places a call with the Auth Token and answers 201 with the queued call resource', async () => {
		const answer = await createCall(call());
		expect(answer.status).toBe(201);
		const body = answer.json();
		expect(body).toMatchObject({
			account_sid: account.sid,
			api_version: '2010-04-01',
			direction: 'outbound-api',
			from: FROM,
			to: '+14155550100',
			status: 'queued',
			price_unit: 'USD',
		});
		expect(body.sid).toMatch(/^CA[0-9a-f]{32}$/);
		expect(body.uri).toBe(`/2010-04-01/Accounts/${account.sid}/Calls/${body.sid}.json`);
		expect(body.date_created).toMatch(/^\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} \+0000$/);
		expect(sim.dialCount('+14155550100')).toBe(1);
	});

	it('places a call with an API key and its secret, the Account SID in the path', async () => {
		const answer = await createCall(call(), basicAuth(apiKey.sid, apiKey.secret));
		expect(answer.status).toBe(201);
		expect(answer.json().account_sid).toBe(account.sid);
	});

	it.each([
		['no credentials', ''],
		['a wrong Auth Token', basicAuth(account.sid, 'wrong')],
		['a wrong API key secret', basicAuth(apiKey.sid, 'wrong')],
		['a Bearer token', 'Bearer abc'],
	])('answers 401 20003 to %s, and dials nobody', async (_, authorization) => {
		const answer = await createCall(call(), authorization);
		expect(answer.status).toBe(401);
		expect(answer.headers['www-authenticate']).toBe('Basic realm="Twilio API"');
		expect(answer.json()).toEqual({
			code: 20003,
			message: 'Authenticate',
			more_info: 'https://www.twilio.com/docs/errors/20003',
			status: 401,
		});
		expect(sim.dialCounts()).toEqual({});
	});

	it("answers 404 20404 to good credentials on another account's path", async () => {
		const path = twilioCallsPath(TWILIO_SIM.foreignAccountSid);
		const answer = await createCall(call(), AUTH, TWILIO_SIM.foreignAccountSid);
		expect(answer.status).toBe(404);
		expect(answer.json()).toMatchObject({
			code: 20404,
			message: `The requested resource ${path} was not found`,
		});
	});

	it('reads the account (the credential test) without showing any secret', async () => {
		const answer = await send(twilioAccountPath(account.sid), {
			method: 'GET',
			headers: { authorization: basicAuth(apiKey.sid, apiKey.secret) },
		});
		expect(answer.status).toBe(200);
		expect(answer.json()).toMatchObject({ sid: account.sid, status: 'active', type: 'Full' });
		expect(JSON.stringify(answer.json())).not.toContain(account.authToken);
		const refused = await send(twilioAccountPath(account.sid), {
			method: 'GET',
			headers: { authorization: basicAuth(account.sid, 'nope') },
		});
		expect(refused.status).toBe(401);
	});

	it('keeps the credentials out of the request log page', async () => {
		await createCall(call());
		await createCall(call(), basicAuth(apiKey.sid, apiKey.secret));
		const page = await (await request(`${sim.url}/__sim/requests`)).body.text();
		expect(page).toContain('Basic [redacted]');
		for (const secret of [account.authToken, apiKey.secret, AUTH.slice(6)])
			expect(page).not.toContain(secret);
	});
});

describe('Twilio call parameters', () => {
	it.each<[string, Record<string, string>, number, string | RegExp]>([
		['no To', { To: '' }, 21201, "No 'To' number is specified"],
		['a To that is no number', { To: 'bob' }, 21211, "Invalid 'To' Phone Number: bob"],
		['a national To without +', { To: '4155550100' }, 21211, /Invalid 'To'/],
		['a To of + and too few digits', { To: '+12345' }, 13223, /Invalid phone number format/],
		['no From', { From: '' }, 21213, "No 'From' number is specified"],
		['a From that is no number', { From: 'ACME' }, 21212, "Invalid 'From' Phone Number: ACME"],
		['a From the account does not own', { From: '+14155559999' }, 21210, /not yet verified/],
		['a To that cannot be reached', { To: '+9991234567' }, 21214, /cannot be reached/],
		[
			'a To without geographic permission',
			{ To: '+88234567890' },
			21215,
			/international permissions/,
		],
		['a blocked To', { To: '+19005550123' }, 21216, /not allowed to call/],
		['no Twiml, Url or ApplicationSid', { Twiml: '' }, 21205, /Url, Twiml or ApplicationSid/],
		['a Url that is no URL', { Url: 'ftp://x/y' }, 21205, /Url is not a valid URL/],
		['a malformed ApplicationSid', { ApplicationSid: 'AP12' }, 21218, /ApplicationSid/],
		['a bad StatusCallback', { StatusCallback: 'not a url' }, 21609, /StatusCallback/],
		[
			'comma-joined events',
			{ StatusCallbackEvent: 'initiated,completed' },
			21626,
			/initiated,completed/,
		],
		[
			'space-joined events',
			{ StatusCallbackEvent: 'initiated completed' },
			21626,
			/StatusCallbackEvent/,
		],
		['Timeout 601', { Timeout: '601' }, 20001, /Timeout must be a whole number from 1 to 600/],
		['MachineDetection "yes"', { MachineDetection: 'yes' }, 20001, /Enable or DetectMessageEnd/],
		['MachineDetectionTimeout 60', { MachineDetectionTimeout: '60' }, 20001, /from 3 to 59/],
		['Record "1"', { Record: '1' }, 20001, /Record must be true or false/],
		['SendDigits with letters', { SendDigits: '12x' }, 20001, /SendDigits/],
		['StatusCallbackMethod GET', { StatusCallbackMethod: 'GET' }, 20001, /not simulated/],
	])('refuses %s with 400 %i', async (_, overrides, code, message) => {
		// An empty override leaves the parameter out.
		const params = Object.entries(call(overrides)).filter(([, value]) => value !== '');
		const answer = await createCall(params);
		expect(answer.status).toBe(400);
		expect(answer.json()).toEqual({
			code,
			message: expect.stringMatching(message),
			more_info: `https://www.twilio.com/docs/errors/${code}`,
			status: 400,
		});
		expect(sim.dialCounts()).toEqual({});
	});

	it('takes Twiml of 4,000 characters and refuses 4,001 with 32018', async () => {
		const twiml = (length: number) => {
			const shell = '<Response><Say></Say></Response>';
			return `<Response><Say>${'a'.repeat(length - shell.length)}</Say></Response>`;
		};
		expect((await createCall(call({ Twiml: twiml(4000) }))).status).toBe(201);
		const refused = await createCall(call({ Twiml: twiml(4001) }));
		expect(refused.status).toBe(400);
		expect(refused.json().code).toBe(32018);
		expect(refused.json().message).toContain('4001 sent');
	});

	it('lets a trial account call only its verified numbers (21219)', async () => {
		const trialAuth = basicAuth(trial.sid, trial.authToken);
		expect((await createCall(call(), trialAuth, trial.sid)).status).toBe(201);
		const refused = await createCall(call({ To: '+14155550101' }), trialAuth, trial.sid);
		expect(refused.status).toBe(400);
		expect(refused.json().code).toBe(21219);
	});

	it('reads only form-encoded bodies: a JSON body has no To (21201), with a warning', async () => {
		const answer = await send(twilioCallsPath(account.sid), {
			body: JSON.stringify(call()),
			headers: { authorization: AUTH, 'content-type': 'application/json' },
		});
		expect(answer.json().code).toBe(21201);
		expect(sim.requests[0].warnings).toEqual([expect.stringMatching(/form-encoded bodies only/)]);
	});

	it('ignores Twiml next to Url, and undocumented parameters, as Twilio does (with warnings)', async () => {
		const answer = await createCall(call({ Url: 'https://example.com/twiml', Colour: 'red' }));
		expect(answer.status).toBe(201);
		expect(sim.requests[0].warnings).toEqual([
			'Colour is not a documented parameter; Twilio ignores it',
			'Twiml is ignored: Url or ApplicationSid was given too',
		]);
	});

	it.each(['sip:alice@example.com', 'client:alice'])('accepts %s as Twilio does', async (to) => {
		expect((await createCall(call({ To: to }))).status).toBe(201);
		expect(sim.dialCount(to)).toBe(1);
	});

	it('queues calls beyond the calls per second instead of refusing them', async () => {
		await request(`${sim.url}/__sim/twilio/cps`, {
			method: 'POST',
			body: JSON.stringify({ callsPerSecond: 0.01 }),
		});
		const answers = [];
		for (let i = 0; i < 3; i++) answers.push(await createCall(call({ To: `+1415555010${i}` })));
		expect(answers.map((a) => a.status)).toEqual([201, 201, 201]);
		const waits = answers.map((a) => Number(a.json().queue_time));
		// 100 s apart at 0.01 calls per second, less the time the requests took.
		expect(waits[0]).toBe(0);
		expect(waits[1]).toBeGreaterThan(50_000);
		expect(waits[2]).toBeGreaterThan(waits[1] + 50_000);
	});

	it('answers an injected 429 with 20429 and dials nobody', async () => {
		sim.injectFault({ kind: '429', retryAfter: 2 });
		const answer = await createCall(call());
		expect(answer.status).toBe(429);
		expect(answer.headers['retry-after']).toBe('2');
		expect(answer.json()).toMatchObject({ code: 20429, status: 429 });
		expect(sim.dialCounts()).toEqual({});
	});
});

describe('Twilio status callbacks', () => {
	const withCallback = (to: string, events: string[], extra: Array<[string, string]> = []) => [
		...Object.entries(call({ To: to })),
		['StatusCallback', receiver.url] as [string, string],
		...events.map((event): [string, string] => ['StatusCallbackEvent', event]),
		...extra,
	];

	it('posts each requested event, in order, with the documented fields, signed', async () => {
		const answer = await createCall(
			withCallback('+14155550100', ['initiated', 'ringing', 'answered', 'completed']),
		);
		await sim.receiptsSettled();
		const sid = answer.json().sid;
		const received = callbacks();
		expect(received.map((c) => [c.CallStatus, c.SequenceNumber])).toEqual([
			['initiated', '0'],
			['ringing', '1'],
			['in-progress', '2'],
			['completed', '3'],
		]);
		for (const c of received) {
			expect(c).toMatchObject({
				AccountSid: account.sid,
				ApiVersion: '2010-04-01',
				CallSid: sid,
				From: FROM,
				To: '+14155550100',
				Called: '+14155550100',
				Caller: FROM,
				Direction: 'outbound-api',
				CallbackSource: 'call-progress-events',
			});
			expect(c.Timestamp).toMatch(/^\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} \+0000$/);
			expect(c.AnsweredBy).toBeUndefined();
		}
		expect(received[3]).toMatchObject({ CallDuration: '18', SipResponseCode: '200' });
		expect(received[2].CallDuration).toBeUndefined();
		expectSigned(account.authToken, receiver.url);
	});

	it('posts only the completed event when no event is named', async () => {
		await createCall(withCallback('+14155550105', []));
		await sim.receiptsSettled();
		expect(callbacks()).toEqual([
			expect.objectContaining({
				CallStatus: 'busy',
				SequenceNumber: '0',
				CallDuration: '0',
				SipResponseCode: '486',
			}),
		]);
	});

	it.each(
		Object.entries(TWILIO_OUTCOME_BY_LAST_DIGIT).map(
			([digit, outcome]) => [digit, outcome.final] as const,
		),
	)('ends a call to a number ending in %s as %s', async (digit, final) => {
		await createCall(withCallback(`+1415555020${digit}`, ['completed']));
		await sim.receiptsSettled();
		expect(callbacks().map((c) => c.CallStatus)).toEqual([final]);
	});

	it.each<[string, string, string | undefined]>([
		['+14155550100', 'Enable', 'human'],
		['+14155550103', 'Enable', 'machine_start'],
		['+14155550103', 'DetectMessageEnd', 'machine_end_beep'],
		['+14155550153', 'DetectMessageEnd', 'machine_end_silence'],
		['+14155550193', 'DetectMessageEnd', 'machine_end_other'],
		['+14155550104', 'Enable', 'fax'],
		['+14155550109', 'Enable', 'unknown'],
		['+14155550106', 'Enable', undefined],
	])('reports AnsweredBy for %s with MachineDetection %s: %s', async (to, mode, answeredBy) => {
		await createCall(withCallback(to, ['answered', 'completed'], [['MachineDetection', mode]]));
		await sim.receiptsSettled();
		const received = callbacks();
		expect(received.length).toBeGreaterThan(0);
		for (const c of received) expect(c.AnsweredBy).toBe(answeredBy);
	});

	it('sends AnsweredBy to AsyncAmdStatusCallback, not the status callbacks, with AsyncAmd', async () => {
		const amd = await startReceiver({ path: '/amd' });
		try {
			const answer = await createCall(
				withCallback(
					'+14155550103',
					['completed'],
					[
						['MachineDetection', 'Enable'],
						['AsyncAmd', 'true'],
						['AsyncAmdStatusCallback', amd.url],
					],
				),
			);
			await sim.receiptsSettled();
			expect(callbacks()[0].AnsweredBy).toBeUndefined();
			const [result] = amd.received.map((d) => Object.fromEntries(new URLSearchParams(d.raw)));
			expect(result).toMatchObject({ CallSid: answer.json().sid, AnsweredBy: 'machine_start' });
			expect(amd.received).toHaveLength(1);
		} finally {
			await amd.close();
		}
	});

	it('delivers out of order and repeated when told to, each copy byte for byte the same', async () => {
		await request(`${sim.url}/__sim/twilio/callbacks`, {
			method: 'POST',
			body: JSON.stringify({ order: 'reversed', copies: 2 }),
		});
		await createCall(withCallback('+14155550100', ['initiated', 'answered', 'completed']));
		await sim.receiptsSettled();
		expect(callbacks().map((c) => c.SequenceNumber)).toEqual(['2', '2', '1', '1', '0', '0']);
		const raws = receiver.received.map((d) => d.raw);
		expect(raws[0]).toBe(raws[1]);
		expect(raws[2]).toBe(raws[3]);
		expectSigned(account.authToken, receiver.url);
		sim.reset();
		receiver.clear();
		await createCall(withCallback('+14155550100', ['initiated', 'completed']));
		await sim.receiptsSettled();
		expect(callbacks().map((c) => c.SequenceNumber)).toEqual(['0', '1']);
	});

	it('signs a trial account call with that account’s own Auth Token', async () => {
		await createCall(
			withCallback('+14155550100', ['completed']),
			basicAuth(trial.sid, trial.authToken),
			trial.sid,
		);
		await sim.receiptsSettled();
		expect(receiver.received).toHaveLength(1);
		expectSigned(trial.authToken, receiver.url);
	});

	it('tries a callback once: Twilio retries only when asked', async () => {
		const failing = await startReceiver({ path: '/fails', failFirst: 5 });
		try {
			await createCall([...Object.entries(call()), ['StatusCallback', failing.url]]);
			await sim.receiptsSettled();
			expect(failing.received).toHaveLength(1);
			expect(sim.receiptsSent).toEqual([expect.objectContaining({ status: 500, attempt: 1 })]);
		} finally {
			await failing.close();
		}
	});
});
