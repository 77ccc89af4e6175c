/**
 * The Routee part of the provider simulator over real HTTP: the token endpoint and bearer checks,
 * token expiry and revocation, /voice/conversation (validation, pacing, callbacks by strategy),
 * /voice/campaign (validation, invalid recipients, duplicate names, callbacks), the balance.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { request } from 'undici';

import { ROUTEE_BALANCE, ROUTEE_OUTCOME_BY_LAST_DIGIT, routeeOutcomeFor } from './routee';
import { basicAuth } from '../../support/auth';
import { startReceiver, type Receiver } from '../../support/receiver';
import { startSimulator, type Simulator } from '../server';

const APP = 'app-1';
const SECRET = 'secret-1';
const BASIC = basicAuth(APP, SECRET);

interface Answer {
	status: number;
	headers: Record<string, string | string[] | undefined>;
	json: () => any;
}

async function call(
	sim: Simulator,
	method: string,
	path: string,
	options: { body?: string; headers?: Record<string, string> } = {},
): Promise<Answer> {
	const res = await request(`${sim.url}${path}`, {
		method: method as 'POST',
		headers: options.headers,
		body: options.body,
	});
	const text = await res.body.text();
	return { status: res.statusCode, headers: res.headers, json: () => JSON.parse(text) };
}

const tokenRequest = (
	sim: Simulator,
	authorization = BASIC,
	body = 'grant_type=client_credentials',
	contentType = 'application/x-www-form-urlencoded',
) =>
	call(sim, 'POST', '/oauth/token', {
		body,
		headers: { authorization, 'content-type': contentType },
	});

async function token(sim: Simulator): Promise<string> {
	return (await tokenRequest(sim)).json().access_token as string;
}

const postJson = (sim: Simulator, path: string, bearer: string, body: unknown) =>
	call(sim, 'POST', path, {
		body: typeof body === 'string' ? body : JSON.stringify(body),
		headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
	});

const conversation = (overrides: Record<string, unknown> = {}) => ({
	from: '306912345678',
	to: { phone: '+306900000001' },
	dialPlan: {
		verbs: [{ type: 'SAY', message: { text: 'Hello', language: 'en-US', gender: 'female' } }],
	},
	...overrides,
});

const campaign = (overrides: Record<string, unknown> = {}) => ({
	from: '306912345678',
	to: ['+306900000001', '+306900000002'],
	campaignName: 'Spring promo',
	message: { text: 'Hello', language: 'el-GR' },
	...overrides,
});

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let sim: Simulator;
let receiver: Receiver<any>;

beforeAll(async () => {
	sim = await startSimulator({
		routeeApplicationId: APP,
		routeeApplicationSecret: SECRET,
		receiptDelayMs: 5,
	});
	receiver = await startReceiver({ path: '/cb' });
});
afterEach(() => {
	sim.reset();
	receiver.clear();
});
afterAll(async () => {
	await sim.close();
	await receiver.close();
});

describe('Routee token endpoint', () => {
	it('issues a bearer token for the client-credentials grant', async () => {
		const answer = await tokenRequest(sim);
		expect(answer.status).toBe(200);
		expect(answer.json()).toEqual({
			access_token: expect.stringMatching(/^[0-9a-f-]{36}$/),
			token_type: 'bearer',
			expires_in: 3600,
			scope: expect.any(String),
			permissions: expect.any(Array),
		});
	});

	it.each<
		[
			name: string,
			args: [authorization: string, body?: string, contentType?: string],
			status: number,
			error: string,
		]
	>([
		['no Basic credentials', [''], 401, 'invalid_client'],
		['a wrong secret', [basicAuth(APP, 'nope')], 401, 'invalid_client'],
		['no grant type', [BASIC, ''], 400, 'invalid_request'],
		['another grant type', [BASIC, 'grant_type=password'], 400, 'unsupported_grant_type'],
		[
			'a JSON body',
			[BASIC, '{"grant_type":"client_credentials"}', 'application/json'],
			400,
			'invalid_request',
		],
	])('refuses %s with an OAuth error', async (_name, args, status, error) => {
		const answer = await tokenRequest(sim, ...args);
		expect(answer.status).toBe(status);
		expect(answer.json()).toEqual({ error, error_description: expect.any(String) });
	});

	it('checks bearer tokens: missing or unknown 401, expired 401, revoked 403, all forgotten on reset', async () => {
		expect((await postJson(sim, '/voice/conversation', 'made-up', conversation())).status).toBe(
			401,
		);
		const missing = await call(sim, 'GET', '/accounts/me/balance');
		expect([missing.status, missing.json().code]).toEqual([401, '401000001']);

		const first = await token(sim);
		expect(
			(
				await call(sim, 'GET', '/accounts/me/balance', {
					headers: { authorization: `Bearer ${first}` },
				})
			).json(),
		).toEqual(ROUTEE_BALANCE);
		expect((await call(sim, 'POST', '/__sim/routee/tokens/expire')).status).toBe(204);
		const expired = await call(sim, 'GET', '/accounts/me/balance', {
			headers: { authorization: `Bearer ${first}` },
		});
		expect([expired.status, expired.json().developerMessage]).toEqual([
			401,
			'Unauthorized: access token expired',
		]);

		const second = await token(sim);
		await call(sim, 'POST', '/__sim/routee/tokens/revoke');
		const revoked = await call(sim, 'GET', '/accounts/me/balance', {
			headers: { authorization: `Bearer ${second}` },
		});
		expect([revoked.status, revoked.json()]).toEqual([
			403,
			{ code: '403000001', developerMessage: 'User is not authenticated' },
		]);

		const third = await token(sim);
		sim.reset();
		expect(
			(
				await call(sim, 'GET', '/accounts/me/balance', {
					headers: { authorization: `Bearer ${third}` },
				})
			).status,
		).toBe(401);
	});

	it('lets tokens expire after routeeTokenTtlMs', async () => {
		const short = await startSimulator({ routeeTokenTtlMs: 50 });
		try {
			const answer = await tokenRequest(short, basicAuth('sim-routee-app', 'sim-routee-secret'));
			expect(answer.json().expires_in).toBe(1);
			const bearer = answer.json().access_token as string;
			await wait(80);
			expect(
				(
					await call(short, 'GET', '/accounts/me/balance', {
						headers: { authorization: `Bearer ${bearer}` },
					})
				).status,
			).toBe(401);
		} finally {
			await short.close();
		}
	});
});

describe('Routee /voice/conversation', () => {
	it('places one call and answers the conversation', async () => {
		const bearer = await token(sim);
		const answer = await postJson(
			sim,
			'/voice/conversation',
			bearer,
			conversation({ callback: { url: receiver.url, strategy: 'OnChange' }, hangupDelay: 30 }),
		);
		expect(answer.status).toBe(200);
		expect(answer.json()).toEqual({
			trackingId: expect.any(String),
			direction: 'Outbound',
			from: '306912345678',
			to: { phone: '+306900000001' },
			dialPlan: conversation().dialPlan,
			callback: { url: receiver.url, strategy: 'OnChange' },
			hangupDelay: 30,
			createdAt: expect.any(String),
		});
		expect(sim.dialCount('+306900000001')).toBe(1);
	});

	it('collects keys with a COLLECT verb: the final callback of an answered call carries collectedTones (the number’s second-last digit)', async () => {
		const bearer = await token(sim);
		const collect = (phone: string) =>
			conversation({
				to: { phone },
				callback: { url: receiver.url, strategy: 'OnChange' },
				dialPlan: { verbs: [...conversation().dialPlan.verbs, { type: 'COLLECT', maxDigits: 1 }] },
			});
		expect(
			(await postJson(sim, '/voice/conversation', bearer, collect('+306900000031'))).status,
		).toBe(200);
		await wait(1000);
		expect(
			(await postJson(sim, '/voice/conversation', bearer, collect('+306900000036'))).status,
		).toBe(200);
		await sim.receiptsSettled();
		const tones = receiver.bodies.map((body) => [body.to, body.status.name, body.collectedTones]);
		expect(tones.filter(([, , collected]) => collected !== undefined)).toEqual([
			['+306900000031', 'Completed', '3'],
		]);
		expect(tones.filter(([to]) => to === '+306900000036').pop()).toEqual([
			'+306900000036',
			'Busy',
			undefined,
		]);
		await wait(1000);
		const withEventUrl = await postJson(
			sim,
			'/voice/conversation',
			bearer,
			conversation({
				dialPlan: { verbs: [{ type: 'COLLECT', eventUrl: 'https://x.example/dtmf' }] },
			}),
		);
		expect(withEventUrl.json().developerMessage).toContain('eventUrl is not simulated');
	});

	it('plays a .wav file', async () => {
		const answer = await postJson(
			sim,
			'/voice/conversation',
			await token(sim),
			conversation({ dialPlan: { verbs: [{ type: 'PLAY', fileURL: 'https://x.example/a.wav' }] } }),
		);
		expect(answer.status).toBe(200);
	});

	it('takes one request per second: a quicker one is answered 429 with Retry-After', async () => {
		const bearer = await token(sim);
		expect((await postJson(sim, '/voice/conversation', bearer, conversation())).status).toBe(200);
		const quick = await postJson(sim, '/voice/conversation', bearer, conversation());
		expect([quick.status, quick.headers['retry-after'], quick.json().code]).toEqual([
			429,
			'1',
			'429001001',
		]);
		await wait(1000);
		expect((await postJson(sim, '/voice/conversation', bearer, conversation())).status).toBe(200);
		expect(sim.dialCount('+306900000001')).toBe(2);
	});

	it.each([
		['from missing', conversation({ from: undefined }), '400001001', 'from is mandatory'],
		[
			'from alphanumeric',
			conversation({ from: 'ACME' }),
			'400001002',
			'from "ACME" must be a numeric sender',
		],
		['from 17 digits', conversation({ from: '12345678901234567' }), '400001002', 'from'],
		['to without phone', conversation({ to: {} }), '400001001', 'to.phone is mandatory'],
		[
			'to not E.164',
			conversation({ to: { phone: '6900000001' } }),
			'400001002',
			'to.phone "6900000001" is not an E.164 number',
		],
		[
			'to.sip',
			conversation({ to: { sip: 'a@b' } }),
			'400001002',
			'sip and viber are not simulated',
		],
		['no dial plan', conversation({ dialPlan: undefined }), '400001001', 'dialPlan is mandatory'],
		[
			'no verbs',
			conversation({ dialPlan: { verbs: [] } }),
			'400001001',
			'dialPlan.verbs is mandatory',
		],
		[
			'text too long',
			conversation({
				dialPlan: {
					verbs: [{ type: 'SAY', message: { text: 'x'.repeat(1001), language: 'en-US' } }],
				},
			}),
			'400001002',
			'has 1001 characters, at most 1000',
		],
		[
			'unknown language',
			conversation({
				dialPlan: { verbs: [{ type: 'SAY', message: { text: 'x', language: 'zh-CN' } }] },
			}),
			'400001002',
			'is not a supported language',
		],
		[
			'bad gender',
			conversation({
				dialPlan: {
					verbs: [{ type: 'SAY', message: { text: 'x', language: 'en-US', gender: 'robot' } }],
				},
			}),
			'400001002',
			'must be male or female',
		],
		[
			'no language',
			conversation({ dialPlan: { verbs: [{ type: 'SAY', message: { text: 'x' } }] } }),
			'400001001',
			'message.language is mandatory',
		],
		[
			'mp3 file',
			conversation({ dialPlan: { verbs: [{ type: 'PLAY', fileURL: 'https://x.example/a.mp3' }] } }),
			'400001002',
			'must be an http(s) URL of a .wav file',
		],
		[
			'DIAL verb',
			conversation({ dialPlan: { verbs: [{ type: 'DIAL' }] } }),
			'400001002',
			'is not simulated',
		],
		[
			'bad strategy',
			conversation({ callback: { url: 'https://x.example', strategy: 'Daily' } }),
			'400001002',
			'must be OnChange or OnCompletion',
		],
		[
			'callback without url',
			conversation({ callback: { strategy: 'OnChange' } }),
			'400001001',
			'callback.url is mandatory',
		],
		[
			'hangupDelay 0',
			conversation({ hangupDelay: 0 }),
			'400001002',
			'hangupDelay must be a whole number of at least 1',
		],
		['malformed JSON', '{"from":', '400001004', 'malformed JSON'],
	])('refuses %s with a Routee error body', async (_name, body, code, message) => {
		const answer = await postJson(sim, '/voice/conversation', await token(sim), body);
		expect(answer.status).toBe(400);
		expect(answer.json()).toEqual({ code, developerMessage: expect.stringContaining(message) });
		expect(sim.dialCounts()).toEqual({});
	});

	it('needs JSON content and notes undocumented fields as warnings', async () => {
		const bearer = await token(sim);
		const answer = await call(sim, 'POST', '/voice/conversation', {
			body: JSON.stringify(conversation()),
			headers: { authorization: `Bearer ${bearer}`, 'content-type': 'text/plain' },
		});
		expect([answer.status, answer.json().code]).toEqual([400, '400001003']);
		sim.reset();
		await postJson(
			sim,
			'/voice/conversation',
			await token(sim),
			conversation({ priority: 'high' }),
		);
		expect(sim.requests.at(-1)?.warnings).toEqual([
			'priority is not a documented field; the platform ignores it',
		]);
	});

	it.each(
		Object.entries(ROUTEE_OUTCOME_BY_LAST_DIGIT).filter(([digit]) =>
			['0', '5', '6', '7', '8', '9'].includes(digit),
		),
	)('posts every status OnChange, the last one OnCompletion (digit %s)', async (digit, outcome) => {
		const phone = `+30690000000${digit}`;
		const bearer = await token(sim);
		const tracking = (
			await postJson(
				sim,
				'/voice/conversation',
				bearer,
				conversation({ to: { phone }, callback: { url: receiver.url, strategy: 'OnChange' } }),
			)
		).json().trackingId;
		await sim.receiptsSettled();
		expect(receiver.bodies.map((b) => b.status.name)).toEqual(outcome.statuses);
		const last = receiver.bodies.at(-1);
		expect(last).toEqual({
			messageId: expect.any(String),
			conversationTrackingId: tracking,
			to: phone,
			from: '306912345678',
			status: { name: outcome.statuses.at(-1), updatedDate: expect.stringMatching(/Z$/) },
			direction: 'Outbound',
			originatingService: 'Voice',
			respectQuietHours: false,
			duration: outcome.duration,
			price: outcome.duration > 0 ? 0.012 : 0,
		});
		expect(last).not.toHaveProperty('campaignTrackingId');

		receiver.clear();
		await wait(1000);
		await postJson(
			sim,
			'/voice/conversation',
			bearer,
			conversation({ to: { phone }, callback: { url: receiver.url, strategy: 'OnCompletion' } }),
		);
		await sim.receiptsSettled();
		expect(receiver.bodies.map((b) => b.status.name)).toEqual(outcome.statuses.slice(-1));
	});
});

describe('Routee /voice/campaign', () => {
	it('answers with the seed’s fields and calls every valid number', async () => {
		const scheduledDate = new Date(Date.now() + 86_400_000).toISOString();
		const answer = await postJson(
			sim,
			'/voice/campaign',
			await token(sim),
			campaign({
				contacts: ['c-1'],
				groups: ['VIP'],
				scheduledDate,
				respectQuietHours: true,
				collectDtmfDigits: true,
				collectDtmfAwaitSeconds: 3,
			}),
		);
		expect(answer.status).toBe(200);
		expect(answer.json()).toEqual({
			trackingId: expect.any(String),
			type: 'Voice',
			state: 'Scheduled',
			createdAt: expect.any(String),
			from: '306912345678',
			to: ['+306900000001', '+306900000002'],
			contacts: ['c-1'],
			groups: ['VIP'],
			campaignName: 'Spring promo',
			message: { text: 'Hello', language: 'el-GR' },
			respectQuietHours: true,
			scheduledDate,
			collectDtmfDigits: true,
			collectDtmfAwaitSeconds: 3,
			statuses: expect.objectContaining({ Queued: 2, Completed: 0 }),
			voiceAnalysis: {
				contacts: {},
				numberOfRecipients: 3,
				recipientCountries: { '+306900000001': 'GR', '+306900000002': 'GR' },
				recipientsPerCountry: { GR: 2 },
				recipientsPerGroup: { VIP: 0 },
				totalInGroups: 0,
			},
			cost: 0.024,
		});
		expect(sim.dialCounts()).toEqual({ '+306900000001': 1, '+306900000002': 1 });
	});

	it('lists invalid recipients in errors[] and calls the others; none valid is a 400', async () => {
		const bearer = await token(sim);
		const answer = await postJson(
			sim,
			'/voice/campaign',
			bearer,
			campaign({ to: ['+306900000001', '+9991234567', '6900'] }),
		);
		expect(answer.status).toBe(200);
		expect(answer.json()).toMatchObject({
			to: ['+306900000001'],
			errors: [
				{ code: '400001006', developerMessage: 'Invalid recipient', property: '+9991234567' },
				{ code: '400001006', developerMessage: 'Invalid recipient', property: '6900' },
			],
		});
		const none = await postJson(
			sim,
			'/voice/campaign',
			bearer,
			campaign({ campaignName: 'Other', to: ['+9991234567'] }),
		);
		expect([none.status, none.json().code, none.json().errors]).toEqual([
			400,
			'400001005',
			[expect.objectContaining({ property: '+9991234567' })],
		]);
		expect(sim.dialCounts()).toEqual({ '+306900000001': 1 });
	});

	it('refuses a name in use with 409', async () => {
		const bearer = await token(sim);
		expect((await postJson(sim, '/voice/campaign', bearer, campaign())).status).toBe(200);
		const again = await postJson(sim, '/voice/campaign', bearer, campaign());
		expect([again.status, again.json().code]).toEqual([409, '409001001']);
	});

	it.each([
		['no recipients', campaign({ to: undefined }), 'to, contacts or groups is mandatory'],
		[
			'1001 numbers',
			campaign({
				to: Array.from({ length: 1001 }, (_, i) => `+3069${String(i).padStart(8, '0')}`),
			}),
			'to has 1001 entries, at most 1000',
		],
		[
			'1001 groups',
			campaign({ groups: Array.from({ length: 1001 }, (_, i) => `g${i}`) }),
			'groups has 1001 entries',
		],
		['numbers not strings', campaign({ to: [306900000001] }), 'to must be an array of strings'],
		['a one-letter name', campaign({ campaignName: 'A' }), 'must be 2 to 30 Latin letters'],
		[
			'a name with punctuation',
			campaign({ campaignName: 'Promo!' }),
			'must be 2 to 30 Latin letters',
		],
		['no campaignName', campaign({ campaignName: undefined }), 'campaignName is mandatory'],
		[
			'the name as `name` (seed 003 names it campaignName)',
			campaign({ campaignName: undefined, name: 'Spring promo' }),
			'name is not a field: the name is campaignName',
		],
		[
			'message and file',
			campaign({ fileURL: 'https://x.example/a.wav' }),
			'give exactly one of message and fileURL',
		],
		[
			'neither message nor file',
			campaign({ message: undefined }),
			'give exactly one of message and fileURL',
		],
		[
			'a local scheduledDate',
			campaign({ scheduledDate: '2030-01-01T10:00:00' }),
			'scheduledDate must be an ISO 8601 date-time in UTC',
		],
		[
			'await seconds without collecting',
			campaign({ collectDtmfAwaitSeconds: 3 }),
			'needs collectDtmfDigits true',
		],
		[
			'a bad campaignCallback',
			campaign({ campaignCallback: { url: 'nope', strategy: 'OnChange' } }),
			'campaignCallback.url must be an http(s) URL',
		],
		[
			'respectQuietHours as text',
			campaign({ respectQuietHours: 'yes' }),
			'respectQuietHours must be true or false',
		],
	])('refuses %s', async (_name, body, message) => {
		const answer = await postJson(sim, '/voice/campaign', await token(sim), body);
		expect(answer.status).toBe(400);
		expect(answer.json().developerMessage).toContain(message);
		expect(sim.dialCounts()).toEqual({});
	});

	it('posts campaign message callbacks and the (assumed) campaign callback', async () => {
		const answer = await postJson(
			sim,
			'/voice/campaign',
			await token(sim),
			campaign({
				to: ['+306900000001', '+306900000006'],
				callback: { url: receiver.url, strategy: 'OnCompletion' },
				campaignCallback: { url: `${receiver.url}?campaign`, strategy: 'OnChange' },
			}),
		);
		const trackingId = answer.json().trackingId;
		await sim.receiptsSettled();
		const messages = receiver.bodies.filter((b) => b.messageId);
		expect(messages.map((b) => [b.to, b.status.name]).sort()).toEqual([
			['+306900000001', 'Completed'],
			['+306900000006', 'Busy'],
		]);
		expect(messages[0]).toMatchObject({
			campaignTrackingId: trackingId,
			campaignName: 'Spring promo',
			country: 'GR',
			audioMessage: { text: 'Hello' },
			fileURL: null,
			chargeInterval: 1,
		});
		expect(messages.some((b) => 'collectedTones' in b)).toBe(false);
		const campaignPosts = receiver.bodies.filter((b) => b.state);
		expect(campaignPosts.map((b) => b.state)).toEqual(['Running', 'Completed']);
		expect(campaignPosts[1]).toMatchObject({
			trackingId,
			statuses: expect.objectContaining({ Completed: 1, Busy: 1 }),
		});
	});
});

describe('Routee faults', () => {
	it('answers an injected 500 with a Routee error body and nobody is dialled', async () => {
		const bearer = await token(sim);
		sim.injectFault({ kind: '500', path: '/voice/' });
		const answer = await postJson(sim, '/voice/conversation', bearer, conversation());
		expect([answer.status, answer.json()]).toEqual([
			500,
			{ code: '500000001', developerMessage: 'Internal server error' },
		]);
		expect(sim.dialCounts()).toEqual({});
	});

	it('picks the outcome by the last digit', () => {
		expect(routeeOutcomeFor('+306900000009').finalStatus).toBe('failed');
		expect(routeeOutcomeFor('+306900000007').finalStatus).toBe('no-answer');
	});
});
