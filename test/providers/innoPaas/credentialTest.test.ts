/**
 * InnoPaaS's credential test (nodes/providers/innoPaas/credentialTest.ts) with n8n-core's request
 * helper, against the provider simulator over HTTP.
 */
import type { ICredentialDataDecryptedObject, ICredentialTestFunctions } from 'n8n-workflow';

import { testInnoPaasCredential } from '../../../nodes/providers/innoPaas/credentialTest';
import { setupN8nCore } from '../../harness';
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

describe('InnoPaaS credential', () => {
	/** n8n hands credential tests the legacy request helper (CredentialTestContext); this is n8n-core's. */
	function testContext(): ICredentialTestFunctions {
		setupN8nCore();
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const { proxyRequestToAxios } = require('n8n-core/dist/execution-engine/node-execution-context/utils/request-helpers/legacy-request-adapter') as {
			proxyRequestToAxios: (workflow: undefined, data: undefined, node: undefined, options: unknown) => Promise<unknown>;
		};
		return { helpers: { request: async (options: unknown) => await proxyRequestToAxios(undefined, undefined, undefined, options) } } as unknown as ICredentialTestFunctions;
	}
	const test = (data: ICredentialDataDecryptedObject) =>
		testInnoPaasCredential.call(testContext(), { id: '1', name: 'InnoPaaS', type: 'innoPaasApi', data });

	it('passes for the right app ID and key with a request that dials nobody', async () => {
		const result = await test({ appId: APP_ID, appKey: APP_KEY, baseUrl: simulator.url });
		expect(result).toEqual({ status: 'OK', message: expect.stringContaining('App ID and key accepted') });
		expect(result.message).toContain('mobile is required, code 400100');
		expect(form()).toEqual({ appId: APP_ID, appKey: APP_KEY, mobile: '', countryCode: '', templateId: '' });
		expect(simulator.dialCounts()).toEqual({});
	});

	it('fails for a wrong key, showing InnoPaaS’s answer but never the key', async () => {
		const result = await test({ appId: APP_ID, appKey: 'wrong-key-1234', baseUrl: simulator.url });
		expect(result).toEqual({ status: 'Error', message: 'InnoPaaS did not accept the app ID and key: appId or appKey is incorrect (code 400002)' });
		expect(JSON.stringify(result)).not.toContain('wrong-key-1234');
	});

	it('fails for a wrong base URL or an unreachable host', async () => {
		expect(await test({ appId: APP_ID, appKey: APP_KEY, baseUrl: `${simulator.url}/nothing` })).toEqual({ status: 'Error', message: expect.stringContaining('No InnoPaaS voice API at') });
		expect(await test({ appId: APP_ID, appKey: APP_KEY, baseUrl: 'http://127.0.0.1:9' })).toEqual({ status: 'Error', message: expect.stringContaining('Could not reach http://127.0.0.1:9') });
	});
});
