/**
 * The InnoPaaS credential's test (credentials/InnoPaasApi.credentials.ts,
 * nodes/providers/innoPaas/credentialTest.ts), run as n8n's credential tester runs it
 * (test/harness/credentialTest.ts): its preAuthentication reads InnoPaaS's refusal of an empty
 * batch-notify, then the declarative request repeats it; against the provider simulator over HTTP.
 */
import { InnoPaasApi } from '../../../credentials/InnoPaasApi.credentials';
import { refusalOf } from '../../../nodes/providers/innoPaas/credentialTest';
import { CONNECTION_SUCCESSFUL, CredentialStore, logsToText, runCredentialTest } from '../../harness';
import { startSimulator, type Simulator } from '../../simulator/server';

const APP_ID = 'inno-app-31';
const APP_KEY = 'inno-key-9c0ffee7';

let simulator: Simulator;

beforeAll(async () => {
	simulator = await startSimulator({ innoPaasAppId: APP_ID, innoPaasAppKey: APP_KEY, receipts: false, hangMs: 5_000 });
});
afterEach(() => simulator.reset());
afterAll(async () => simulator.close());

const form = (index = 0) => Object.fromEntries(new URLSearchParams(simulator.requests[index].rawBody));
const credential = new InnoPaasApi();

describe('InnoPaaS credential test', () => {
	it('passes for the right app ID and key with requests that dial nobody', async () => {
		const store = new CredentialStore();
		const { result } = await runCredentialTest(credential, { appId: APP_ID, appSecretKey: APP_KEY, baseUrl: simulator.url }, store);
		expect(result).toEqual({ status: 'OK', message: CONNECTION_SUCCESSFUL });
		// The key check (preAuthentication), then the test's own request: both the empty batch-notify.
		expect(store.preAuthenticationCalls).toEqual([{ type: 'innoPaasApi', credentialId: null, expired: false }]);
		expect(simulator.requests.map((request) => [request.path, request.response?.code])).toEqual([
			['/open/int-voice/batch-notify', '400100'],
			['/open/int-voice/batch-notify', '400100'],
		]);
		for (const index of [0, 1]) expect(form(index)).toEqual({ appId: APP_ID, appKey: APP_KEY, mobile: '', countryCode: '', templateId: '' });
		expect(simulator.dialCounts()).toEqual({});
		// Nothing is stored: the check returns no value for the hidden field.
		expect(store.updates).toEqual([]);
	});

	it('fails for a wrong key with InnoPaaS’s words, never showing or logging the key, and sends the test request no more', async () => {
		const { result, logs } = await runCredentialTest(credential, { appId: APP_ID, appSecretKey: 'wrong-key-1234', baseUrl: simulator.url });
		expect(result).toEqual({ status: 'Error', message: 'InnoPaaS did not accept the app ID and key: appId or appKey is incorrect (code 400002)' });
		expect(simulator.requests).toHaveLength(1);
		expect(JSON.stringify(result) + logsToText(logs)).not.toContain('wrong-key-1234');
	});

	it('fails for a missing app ID', async () => {
		const { result } = await runCredentialTest(credential, { appId: '', appSecretKey: APP_KEY, baseUrl: simulator.url });
		expect(result).toEqual({ status: 'Error', message: 'InnoPaaS did not accept the app ID and key: appId and appKey are required (code 400001)' });
	});

	it('fails for a wrong base URL or an unreachable host', async () => {
		expect((await runCredentialTest(credential, { appId: APP_ID, appSecretKey: APP_KEY, baseUrl: `${simulator.url}/nothing` })).result).toEqual({
			status: 'Error',
			message: `No InnoPaaS voice API at ${simulator.url}/nothing: check the base URL`,
		});
		expect((await runCredentialTest(credential, { appId: APP_ID, appSecretKey: APP_KEY, baseUrl: 'http://127.0.0.1:9' })).result).toEqual({
			status: 'Error',
			message: 'Could not reach http://127.0.0.1:9 (connection refused): check the base URL',
		});
	});

	it('fails when InnoPaaS answers 500', async () => {
		simulator.injectFault({ kind: '500', path: '/open/int-voice/batch-notify' });
		expect((await runCredentialTest(credential, { appId: APP_ID, appSecretKey: APP_KEY, baseUrl: simulator.url })).result.status).toBe('Error');
	});

	it('goes to api.tig253.com without a base URL', () => {
		expect(credential.test.request.url).toContain('"https://api.tig253.com"');
		expect(credential.properties.find((property) => property.name === 'baseUrl')?.default).toBe('https://api.tig253.com');
	});
});

describe('reading InnoPaaS’s answer to the empty batch-notify', () => {
	const read = (statusCode: number, body: unknown, secret = 'k-123') => refusalOf('https://api.tig253.com', { statusCode, body }, secret);

	it('takes a refusal naming the app credentials, in English or Chinese, as a wrong key', () => {
		expect(read(200, { code: '100101', message: 'appKey error' })).toBe('InnoPaaS did not accept the app ID and key: appKey error (code 100101)');
		expect(read(200, { code: '100102', msg: '鉴权失败' })).toBe('InnoPaaS did not accept the app ID and key: 鉴权失败 (code 100102)');
		expect(read(200, { code: 4001, message: 'Authentication failed' })).toContain('did not accept the app ID and key');
	});

	it('takes any other refusal as a complaint about the empty parameters: the key passed', () => {
		expect(read(200, { code: '400100', message: 'mobile is required' })).toBeNull();
		expect(read(200, { code: '300001', message: '模板不存在' })).toBeNull();
	});

	it('fails on HTTP refusals, on answers without a code, and never repeats the key', () => {
		expect(read(401, '')).toBe('InnoPaaS did not accept the app ID and key (HTTP 401)');
		expect(read(403, '')).toBe('InnoPaaS did not accept the app ID and key (HTTP 403)');
		expect(read(502, '')).toBe('InnoPaaS answered HTTP 502; try again later');
		expect(read(200, '<html></html>')).toContain('did not answer like the InnoPaaS API (no code)');
		expect(read(200, { code: '1', message: 'appKey k-123 is wrong' })).toBe('InnoPaaS did not accept the app ID and key: appKey ***** is wrong (code 1)');
	});
});
