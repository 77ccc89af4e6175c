import {
	NodeApiError,
	Workflow,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type IExecuteFunctions,
	type INodeParameters,
	type INodeType,
	type INodeTypes,
} from 'n8n-workflow';

import { RouteeApi } from '../../../credentials/RouteeApi.credentials';
import { MakeVoiceCall } from '../../../nodes/MakeVoiceCall/MakeVoiceCall.node';
import { CredentialStore, logsToText, runNode, type NodeRunResult } from '../../harness';
import { startSimulator } from '../../simulator/server';
import { expectNoSecrets, expectRefusedInput, rows } from '../../support/nodes';
import { useProviderAccounts } from '../../support/providerAccounts';

const accounts = useProviderAccounts('mvc-routee', { hangMs: 5_000 });
const APP_ID = accounts.keys.routeeApplicationId;
const SECRET = accounts.keys.routeeApplicationSecret;
const BASIC = Buffer.from(`${APP_ID}:${SECRET}`).toString('base64');

const say = {
	provider: 'routee',
	from: '306912345678',
	to: '+306900000001',
	type: 'SAY',
	text: 'Your parcel arrives today',
	language: 'en-GB',
	gender: 'male',
};

const credentials = (secret = SECRET, baseUrl?: string) => ({
	applicationId: APP_ID,
	applicationSecret: secret,
	baseUrl: baseUrl ?? accounts.simulator.url,
});

function call(
	parameters: INodeParameters,
	items: IDataObject[] = [{}],
	options: { continueOnFail?: boolean; store?: CredentialStore; secret?: string } = {},
) {
	return runNode({
		node: new MakeVoiceCall(),
		parameters,
		items,
		credentials: options.store ?? { routeeApi: credentials(options.secret) },
		credentialTypes: accounts.credentialTypes(),
		continueOnFail: options.continueOnFail,
	});
}

const conversations = () =>
	accounts.simulator.requests.filter((r) => r.path === '/voice/conversation');
const tokenRequests = () => accounts.simulator.requests.filter((r) => r.path === '/oauth/token');
const control = (what: 'expire' | 'revoke' | 'revoke-all') =>
	fetch(`${accounts.simulator.url}/__sim/routee/tokens/${what}`, { method: 'POST' });

/** Nothing this package writes may carry the secret, its Basic form, or an access token. */
function expectNoSecret(result: NodeRunResult) {
	const tokens = accounts.simulator.requests.flatMap(
		(request) => /^Bearer (.+)$/.exec(String(request.headers.authorization ?? ''))?.[1] || [],
	);
	expectNoSecrets(result, [SECRET, BASIC, ...tokens]);
}

describe('Make Voice Call through Routee (n8n-core, simulator over HTTP)', () => {
	it('says a text with every option: a token first, then the conversation with the bearer token', async () => {
		const result = await call({
			...say,
			to: '+30 690 000 0001',
			options: {
				callback: {
					settings: { url: 'https://n8n.example.com/webhook/receipts', strategy: 'OnCompletion' },
				},
				hangupDelay: 25,
			},
		});
		expect(result.error).toBeUndefined();
		expect(rows(result)).toEqual([
			{
				provider: 'routee',
				status: 'queued',
				messageId: expect.stringMatching(/^[0-9a-f-]{36}$/),
				correlationId: null,
				to: '+306900000001',
				code: null,
				message: null,
				requestedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T.*Z$/),
			},
		]);
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
		const [token, conversation] = accounts.simulator.requests;
		expect(token.path).toBe('/oauth/token');
		expect(token.headers.authorization).toBe(`Basic ${BASIC}`);
		expect(token.rawBody).toBe('grant_type=client_credentials');
		expect(conversation.headers.authorization).toMatch(/^Bearer [0-9a-f-]{36}$/);
		expect(conversation.body).toEqual({
			from: '306912345678',
			to: { phone: '+306900000001' },
			dialPlan: {
				verbs: [
					{
						type: 'SAY',
						message: { text: 'Your parcel arrives today', gender: 'male', language: 'en-GB' },
					},
				],
			},
			callback: { url: 'https://n8n.example.com/webhook/receipts', strategy: 'OnCompletion' },
			hangupDelay: 25,
		});
		expect(accounts.simulator.dialCount('+306900000001')).toBe(1);
		expectNoSecret(result);
	});

	it('plays a .wav file', async () => {
		const result = await call({
			provider: 'routee',
			from: '12345',
			to: '+306900000002',
			type: 'PLAY',
			fileURL: 'https://cdn.example.com/reminder.wav',
		});
		expect(rows(result)[0]).toMatchObject({ status: 'queued', to: '+306900000002' });
		expect((conversations()[0].body as IDataObject).dialPlan).toEqual({
			verbs: [{ type: 'PLAY', fileURL: 'https://cdn.example.com/reminder.wav' }],
		});
	});

	it('caches the token across items and executions, and paces calls one per second without a 429', async () => {
		const store = new CredentialStore({ routeeApi: credentials() });
		const items = [
			{ phone: '+306900000011' },
			{ phone: '+306900000012' },
			{ phone: '+306900000013' },
		];
		const started = Date.now();
		const first = await call(
			{ ...say, to: '={{ $json.phone }}', text: '=Call {{ $itemIndex }}' },
			items,
			{ store },
		);
		expect(Date.now() - started).toBeGreaterThanOrEqual(2000);
		expect(rows(first).map((row) => [row.to, row.status])).toEqual(
			items.map((item) => [item.phone, 'queued']),
		);
		expect(first.items.map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
		]);
		const times = conversations().map((r) => Date.parse(r.time));
		for (let i = 1; i < times.length; i++)
			expect(times[i] - times[i - 1]).toBeGreaterThanOrEqual(1000);
		expect(conversations().map((r) => r.response?.status)).toEqual([200, 200, 200]);

		await new Promise((resolve) => setTimeout(resolve, 1000));
		const second = await call(say, [{}], { store });
		expect(rows(second)[0].status).toBe('queued');
		expect(tokenRequests()).toHaveLength(1);
		expect(store.preAuthenticationCalls).toEqual([
			{ type: 'routeeApi', credentialId: 'routeeApi', expired: false },
		]);
		expect(new Set(conversations().map((r) => r.headers.authorization)).size).toBe(1);
		expect(store.get('routeeApi')?.accessToken).toEqual(expect.any(String));
		expectNoSecret(first);
		expectNoSecret(second);
	});

	it.each([
		['expired (401)', 'expire' as const, 401],
		['revoked (403)', 'revoke' as const, 403],
	])(
		'fetches a new token once when the cached one is %s, and the call goes through',
		async (_name, what, status) => {
			const store = new CredentialStore({ routeeApi: credentials() });
			await call(say, [{}], { store });
			await control(what);
			await new Promise((resolve) => setTimeout(resolve, 1000));
			const result = await call({ ...say, to: '+306900000003' }, [{}], { store });
			expect(result.error).toBeUndefined();
			expect(rows(result)[0]).toMatchObject({ status: 'queued', to: '+306900000003' });
			expect(conversations().map((r) => r.response?.status)).toEqual([200, status, 200]);
			expect(tokenRequests()).toHaveLength(2);
			expect(store.preAuthenticationCalls.map((c) => c.expired)).toEqual([false, true]);
			expect(accounts.simulator.dialCount('+306900000003')).toBe(1);
			expectNoSecret(result);
		},
	);

	it('never sends a cached token to another Base URL: the new host gets none, answers 401, and gives its own', async () => {
		const other = await startSimulator({
			routeeApplicationId: APP_ID,
			routeeApplicationSecret: SECRET,
			receipts: false,
		});
		try {
			const store = new CredentialStore({ routeeApi: credentials() });
			await call(say, [{}], { store });
			const firstToken = String(conversations()[0].headers.authorization).replace('Bearer ', '');
			expect(firstToken.length).toBeGreaterThan(8);
			store.set('routeeApi', { ...store.get('routeeApi')!, baseUrl: other.url });
			await new Promise((resolve) => setTimeout(resolve, 1000));
			const moved = await call({ ...say, to: '+306900000004' }, [{}], { store });
			expect(rows(moved)[0]).toMatchObject({ status: 'queued', to: '+306900000004' });
			const seen = JSON.stringify(other.requests.map((r) => r.headers));
			expect(seen).not.toContain(firstToken);
			expect(other.requests.map((r) => [r.path, r.response?.status])).toEqual([
				['/voice/conversation', 401],
				['/oauth/token', 200],
				['/voice/conversation', 200],
			]);
			expect(store.get('routeeApi')).toMatchObject({ cachedForBaseUrl: other.url });
		} finally {
			await other.close();
		}
	});

	it('refreshes only once: a token refused again is a provider error', async () => {
		const store = new CredentialStore({ routeeApi: credentials() });
		await call(say, [{}], { store });
		await control('revoke-all'); // the cached token and every new one are refused
		await new Promise((resolve) => setTimeout(resolve, 1000));
		const result = await call(say, [{}], { store, continueOnFail: true });
		expect(rows(result)[0]).toMatchObject({
			status: 'failed',
			code: '403000001',
			message: 'User is not authenticated',
		});
		expect(tokenRequests()).toHaveLength(2);
		expect(
			conversations()
				.slice(1)
				.map((r) => r.response?.status),
		).toEqual([403, 403]);
		expect(accounts.simulator.dialCounts()).toEqual({ '+306900000001': 1 });
		expectNoSecret(result);
	});

	it('reports wrong application credentials from the token endpoint; nothing is dialled', async () => {
		const failed = await call(say, [{}], { secret: 'not-the-secret' });
		expect(failed.error).toBeInstanceOf(NodeApiError);
		// The token endpoint refused: the call was never sent, so Routee did not refuse "the call".
		expect(failed.error?.message).toBe(
			'Routee did not issue an access token: Bad credentials (code invalid_client)',
		);
		expect((failed.error as NodeApiError).httpCode).toBe('401');
		expect(conversations()).toHaveLength(0);
		expect(JSON.stringify(failed.error) + logsToText(failed.logs)).not.toContain('not-the-secret');

		const continued = await call(say, [{}], { secret: 'not-the-secret', continueOnFail: true });
		expect(rows(continued)).toEqual([
			expect.objectContaining({
				status: 'failed',
				code: 'invalid_client',
				to: '+306900000001',
				message: 'Routee did not issue an access token: Bad credentials; nothing was sent',
			}),
		]);
		expect(accounts.simulator.dialCounts()).toEqual({});
	});

	it('retries a 429 after Retry-After and dials once; a second execution right away is slowed by Routee’s 429', async () => {
		accounts.simulator.injectFault({ kind: '429', path: '/voice/conversation', retryAfter: 1 });
		const started = Date.now();
		const result = await call(say);
		expect(rows(result)[0].status).toBe('queued');
		expect(Date.now() - started).toBeGreaterThanOrEqual(950);
		expect(conversations().map((r) => r.response?.status)).toEqual([429, 200]);

		// Pacing is per execution: a new one right away meets the simulator's rate limit, and waits.
		const again = await call({ ...say, to: '+306900000004' });
		expect(rows(again)[0].status).toBe('queued');
		expect(conversations().map((r) => r.response?.status)).toEqual([429, 200, 429, 200]);
		expect(accounts.simulator.dialCounts()).toEqual({ '+306900000001': 1, '+306900000004': 1 });
	});

	describe('refuses bad input before anything is sent', () => {
		it.each([
			[
				{ ...say, to: '+306900000001, +306900000002' },
				'to has 2 numbers; Routee places one call per item',
			],
			[{ ...say, to: '6900000001' }, 'to "6900000001" has no country code'],
			[{ ...say, to: '={{ $json.missing }}' }, 'to is required'],
			[{ ...say, from: 'ACME' }, 'from "ACME" is not a numeric sender'],
			[
				{ ...say, from: '12345678901234567' },
				'from "12345678901234567" has 17 digits; Routee allows at most 16',
			],
			[{ ...say, text: 'x'.repeat(1001) }, 'text is 1,001 characters; Routee allows at most 1,000'],
			[{ ...say, language: '={{ "zh-CN" }}' }, 'language "zh-CN" is not one of'],
			[{ ...say, gender: '={{ "robot" }}' }, 'gender "robot" is not one of "female", "male"'],
			[
				{ ...say, type: 'PLAY', fileURL: 'https://cdn.example.com/reminder.mp3' },
				'does not point to a .wav file',
			],
			[{ ...say, type: 'PLAY', fileURL: '={{ "" }}' }, 'fileURL is required'],
			[{ ...say, options: { hangupDelay: 0 } }, 'hangupDelay is 0; it must be at least 1'],
			[
				{ ...say, options: { callback: { settings: { url: 'not-a-url', strategy: 'OnChange' } } } },
				'callback.url "not-a-url" is not an http(s) URL',
			],
		])('%#: %s', async (parameters, message) => {
			expectRefusedInput(await call(parameters as INodeParameters), message, accounts.simulator);
		});

		it('with Continue On Fail, reports the item as invalid and calls the good ones', async () => {
			const result = await call(
				{ ...say, to: '={{ $json.phone }}' },
				[{ phone: '6900' }, { phone: '+306900000005' }],
				{ continueOnFail: true },
			);
			expect(rows(result).map((row) => [row.to, row.status])).toEqual([
				['6900', 'invalid'],
				['+306900000005', 'queued'],
			]);
			expect(conversations()).toHaveLength(1);
		});
	});

	describe('faults', () => {
		it('raises a 500 as NodeApiError with Routee’s code, without retrying', async () => {
			accounts.simulator.injectFault({ kind: '500', path: '/voice/' });
			const result = await call(say);
			expect(result.error).toBeInstanceOf(NodeApiError);
			expect(result.error?.message).toBe(
				'Routee refused the call: Internal server error (code 500000001)',
			);
			expect(conversations()).toHaveLength(1);
			expectNoSecret(result);
		});

		it('reports a hang as unknown and never sends it again', async () => {
			accounts.simulator.injectFault({ kind: 'hang', path: '/voice/' });
			const result = await call({ ...say, delivery: { timeout: 1 } });
			expect(rows(result)).toEqual([
				expect.objectContaining({
					status: 'unknown',
					message: expect.stringContaining('may have been placed'),
				}),
			]);
			expect(conversations()).toHaveLength(1);
			expect(accounts.simulator.dialCount('+306900000001')).toBe(1);
			expectNoSecret(result);
		});

		it('reports an unreadable success as unknown', async () => {
			accounts.simulator.injectFault({ kind: 'malformed', path: '/voice/' });
			expect(rows(await call(say))[0]).toMatchObject({ status: 'unknown' });
		});

		it('reports an unreachable token endpoint as failed: nothing was sent', async () => {
			const result = await runNode({
				node: new MakeVoiceCall(),
				parameters: say,
				credentials: { routeeApi: credentials(SECRET, 'http://127.0.0.1:9') },
				credentialTypes: accounts.credentialTypes(),
				continueOnFail: true,
			});
			expect(rows(result)[0]).toMatchObject({
				status: 'failed',
				code: 'ECONNREFUSED',
				message: expect.stringContaining('nothing was sent'),
			});
		});

		// The token request is n8n's (the credential's preAuthentication): the simulator drops it after hangMs.
		it('reports a token endpoint that never answers as failed, not as a call that may have been placed', async () => {
			accounts.simulator.injectFault({ kind: 'hang', path: '/oauth/token' });
			const result = await call({ ...say, delivery: { timeout: 1 } }, [{}], {
				continueOnFail: true,
			});
			expect(rows(result)[0]).toMatchObject({
				status: 'failed',
				message: expect.stringContaining('nothing was sent'),
			});
			expect(accounts.simulator.requests.map((request) => [request.path, request.fault])).toEqual([
				['/oauth/token', 'hang'],
			]);
			expect(conversations()).toHaveLength(0);
		});
	});
});

describe('Routee credential', () => {
	/** Runs the credential's `test` request like n8n's credential tester: through httpRequestWithAuthentication. */
	async function credentialTest(data: ICredentialDataDecryptedObject) {
		const credential = new RouteeApi();
		const request = credential.test.request;
		// Resolve the request's expressions against the credential, as n8n does.
		const workflow = new Workflow({
			nodes: [],
			connections: {},
			active: false,
			nodeTypes: {} as INodeTypes,
		});
		const node = {
			id: 'p',
			name: 'Probe',
			type: 'probe',
			typeVersion: 1,
			position: [0, 0] as [number, number],
			parameters: {},
		};
		const baseURL = String(
			workflow.expression.getSimpleParameterValue(node, request.baseURL as string, 'internal', {
				$credentials: data,
			}),
		);
		const probe: INodeType = {
			description: {
				displayName: 'Probe',
				name: 'probe',
				group: ['output'],
				version: 1,
				description: '',
				defaults: { name: 'Probe' },
				inputs: ['main'],
				outputs: ['main'],
				properties: [],
				credentials: [{ name: 'routeeApi' }],
			},
			async execute(this: IExecuteFunctions) {
				const answer = (await this.helpers.httpRequestWithAuthentication.call(this, 'routeeApi', {
					method: request.method,
					url: `${baseURL}${request.url}`,
					returnFullResponse: true,
					ignoreHttpStatusErrors: true,
				})) as { statusCode: number; body: IDataObject };
				return [[{ json: { statusCode: answer.statusCode, body: answer.body } }]];
			},
		};
		return await runNode({
			node: probe,
			credentials: { routeeApi: data },
			credentialTypes: [credential],
		});
	}

	it('has the fields, password typing, a hidden expirable token, and Bearer authentication', () => {
		const credential = new RouteeApi();
		expect(credential.properties.map((p) => [p.name, p.type, p.default])).toEqual([
			['applicationId', 'string', ''],
			['applicationSecret', 'string', ''],
			['baseUrl', 'string', ''],
			['accessToken', 'hidden', ''],
			['cachedForBaseUrl', 'hidden', ''],
		]);
		expect(credential.properties[1].typeOptions?.password).toBe(true);
		expect(credential.properties[3].typeOptions).toEqual({ expirable: true, password: true });
		expect(credential.authenticate).toMatchObject({
			type: 'generic',
			properties: {
				headers: { Authorization: expect.stringContaining('$credentials.accessToken') },
			},
		});
		expect(credential.test.request).toMatchObject({ method: 'GET', url: '/accounts/me/balance' });
	});

	it('tests with a fresh token against the account balance', async () => {
		const result = await credentialTest(credentials());
		expect(result.items[0].json).toEqual({
			statusCode: 200,
			body: { balance: 100.5, currency: { code: 'EUR', name: 'Euro', sign: '€' } },
		});
		expect(accounts.simulator.requests.map((r) => [r.method, r.path, r.response?.status])).toEqual([
			['POST', '/oauth/token', 200],
			['GET', '/accounts/me/balance', 200],
		]);
	});

	it('fails the test with the token endpoint’s 401 for a wrong secret (the rule names it)', async () => {
		const result = await credentialTest(credentials('wrong'));
		expect((result.error as NodeApiError).httpCode).toBe('401');
		expect(new RouteeApi().test.rules).toContainEqual({
			type: 'responseCode',
			properties: { value: 401, message: 'Routee did not accept the application ID and secret' },
		});
		expect(
			accounts.simulator.requests.filter((r) => r.path === '/accounts/me/balance'),
		).toHaveLength(0);
	});

	it('defaults to connect.routee.net and auth.routee.net without a base URL', () => {
		const workflow = new Workflow({
			nodes: [],
			connections: {},
			active: false,
			nodeTypes: {} as INodeTypes,
		});
		const node = {
			id: 'p',
			name: 'Probe',
			type: 'probe',
			typeVersion: 1,
			position: [0, 0] as [number, number],
			parameters: {},
		};
		const resolve = (data: IDataObject) =>
			workflow.expression.getSimpleParameterValue(
				node,
				new RouteeApi().test.request.baseURL as string,
				'internal',
				{ $credentials: data },
			);
		expect(resolve({ baseUrl: '' })).toBe('https://connect.routee.net');
		expect(resolve({ baseUrl: 'http://sandbox:1' })).toBe('http://sandbox:1');
	});
});
