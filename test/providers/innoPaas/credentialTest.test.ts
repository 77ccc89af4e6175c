/**
 * The InnoPaaS credential's declarative test (credentials/InnoPaasApi.credentials.ts,
 * nodes/providers/innoPaas/credentialTest.ts), run as n8n's credential tester runs it
 * (test/harness/credentialTest.ts) against the provider simulator over HTTP.
 */
import { InnoPaasApi } from '../../../credentials/InnoPaasApi.credentials';
import { REFUSED_CREDENTIAL_CODES } from '../../../nodes/providers/innoPaas/credentialTest';
import { CONNECTION_SUCCESSFUL, logsToText, runCredentialTest } from '../../harness';
import { INNOPAAS_CODES } from '../../simulator/providers/innoPaas';
import { startSimulator, type Simulator } from '../../simulator/server';

const APP_ID = 'inno-app-31';
const APP_KEY = 'inno-key-9c0ffee7';

let simulator: Simulator;

beforeAll(async () => {
	simulator = await startSimulator({
		innoPaasAppId: APP_ID,
		innoPaasAppKey: APP_KEY,
		receipts: false,
		hangMs: 5_000,
	});
});
afterEach(() => simulator.reset());
afterAll(async () => simulator.close());

const form = (index = 0) =>
	Object.fromEntries(new URLSearchParams(simulator.requests[index].rawBody));
const credential = new InnoPaasApi();
const test = async (appId: string, appSecretKey: string, baseUrl = simulator.url) =>
	await runCredentialTest(credential, { appId, appSecretKey, baseUrl });

describe('InnoPaaS credential test', () => {
	it('passes for the right app ID and key: the empty batch-notify is refused for its parameters, nobody is dialled', async () => {
		expect((await test(APP_ID, APP_KEY)).result).toEqual({
			status: 'OK',
			message: CONNECTION_SUCCESSFUL,
		});
		expect(
			simulator.requests.map((request) => [
				request.method,
				request.path,
				request.response?.status,
				request.response?.code,
			]),
		).toEqual([['POST', '/open/int-voice/batch-notify', 200, INNOPAAS_CODES.missing]]);
		expect(simulator.requests[0].headers['content-type']).toBe('application/x-www-form-urlencoded');
		expect(form()).toEqual({
			appId: APP_ID,
			appKey: APP_KEY,
			mobile: '',
			countryCode: '',
			templateId: '',
		});
		expect(simulator.dialCounts()).toEqual({});
	});

	it('fails for a wrong key, never showing or logging it', async () => {
		const { result, logs } = await test(APP_ID, 'wrong-key-1234');
		expect(result).toEqual({
			status: 'Error',
			message:
				'InnoPaaS did not accept the app ID and key: the app ID or key is wrong (code 400002)',
		});
		expect(JSON.stringify(result) + logsToText(logs)).not.toContain('wrong-key-1234');
	});

	it('fails for a missing app ID', async () => {
		expect((await test('', APP_KEY)).result).toEqual({
			status: 'Error',
			message:
				'InnoPaaS did not accept the app ID and key: the app ID or key is missing (code 400001)',
		});
	});

	it('recognises the codes the simulator answers for refused credentials', () => {
		expect(REFUSED_CREDENTIAL_CODES).toEqual({
			missing: INNOPAAS_CODES.credentialsMissing,
			wrong: INNOPAAS_CODES.credentialsWrong,
		});
	});

	it('fails for a base URL without the InnoPaaS API, an unreachable host, and a 500', async () => {
		expect((await test(APP_ID, APP_KEY, `${simulator.url}/nothing`)).result).toEqual({
			status: 'Error',
			message: 'Not Found',
		});
		expect((await test(APP_ID, APP_KEY, 'http://127.0.0.1:9')).result).toEqual({
			status: 'Error',
			message: 'ECONNREFUSED',
		});
		simulator.injectFault({ kind: '500', path: '/open/int-voice/batch-notify' });
		expect((await test(APP_ID, APP_KEY)).result.status).toBe('Error');
	});

	it('fails for a 2xx answer that is not the InnoPaaS API (no code)', async () => {
		simulator.injectFault({ kind: 'malformed', path: '/open/int-voice/batch-notify' });
		expect((await test(APP_ID, APP_KEY)).result).toEqual({
			status: 'Error',
			message: 'This does not answer like the InnoPaaS API (no code): check the base URL',
		});
	});

	it('goes to api.tig253.com without a base URL', () => {
		expect(credential.test.request.url).toContain('"https://api.tig253.com"');
		expect(credential.properties.find((property) => property.name === 'baseUrl')?.default).toBe(
			'https://api.tig253.com',
		);
	});
});
