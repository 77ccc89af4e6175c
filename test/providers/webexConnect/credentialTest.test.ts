/**
 * The Webex Connect credential's declarative test (credentials/WebexConnectApi.credentials.ts,
 * nodes/providers/webexConnect/credentialTest.ts), run as n8n's credential tester runs it
 * (test/harness/credentialTest.ts) against the provider simulator over HTTP.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import {
	Workflow,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type INodeTypes,
} from 'n8n-workflow';

import { WebexConnectApi } from '../../../credentials/WebexConnectApi.credentials';
import { WEBEX_CONNECT_HOSTS } from '../../../nodes/providers/webexConnect/common';
import { CONNECTION_SUCCESSFUL, logsToText, runCredentialTest } from '../../harness';
import { startSimulator, type Simulator } from '../../simulator/server';

const SERVICE_KEY = 'webex-key-5e1f0c2a';
const WRONG_KEY = 'wrong-webex-key-0000';

let simulator: Simulator;

beforeAll(async () => {
	simulator = await startSimulator({ webexServiceKey: SERVICE_KEY, receipts: false });
});
afterEach(() => simulator.reset());
afterAll(async () => simulator.close());

const credential = new WebexConnectApi();
const test = async (data: ICredentialDataDecryptedObject) =>
	await runCredentialTest(credential, data);
/**
 * The simulator's URL with "imiconnect" in it, as a legacy IMIconnect host has: as the URL's user
 * name, which takes the request to the same simulator and is ignored there.
 */
const legacyUrl = () => simulator.url.replace('http://', 'http://imiconnect@');

describe('Webex Connect credential test', () => {
	it('passes for the right key: the empty Make Call request is refused with a validation code, nobody is dialled', async () => {
		const { result } = await test({ apiKey: SERVICE_KEY, region: 'eu', baseUrl: simulator.url });
		expect(result).toEqual({ status: 'OK', message: CONNECTION_SUCCESSFUL });
		expect(
			simulator.requests.map((request) => [
				request.method,
				request.path,
				request.response?.status,
				request.headers.key,
			]),
		).toEqual([['POST', '/v2/messages', 400, SERVICE_KEY]]);
		expect(simulator.requests[0].response?.code).toMatch(/^700[034]$/);
		expect(simulator.dialCounts()).toEqual({});
	});

	it('fails for a wrong key (Make Call answers 401 with no body), without showing or logging the key', async () => {
		const { result, logs } = await test({
			apiKey: WRONG_KEY,
			region: 'eu',
			baseUrl: simulator.url,
		});
		expect(result).toEqual({
			status: 'Error',
			message: expect.stringMatching(
				/^Webex Connect did not accept the service key: .*\(HTTP 401\)/,
			),
		});
		expect(simulator.requests.map((request) => request.response?.status)).toEqual([401]);
		expect(JSON.stringify(result) + logsToText(logs)).not.toContain(WRONG_KEY);
	});

	it('tests a legacy IMIconnect host on the Messaging API v1: right key passes, wrong key fails with 7001', async () => {
		expect((await test({ apiKey: SERVICE_KEY, baseUrl: legacyUrl() })).result).toEqual({
			status: 'OK',
			message: CONNECTION_SUCCESSFUL,
		});
		const wrong = await test({ apiKey: WRONG_KEY, baseUrl: legacyUrl() });
		expect(wrong.result).toEqual({
			status: 'Error',
			message: 'Webex Connect did not accept the service key (code 7001)',
		});
		expect(
			simulator.requests.map((request) => [
				request.path,
				request.response?.status,
				request.response?.code,
			]),
		).toEqual([
			['/resources/v1/messaging', 400, expect.stringMatching(/^700[034]$/)],
			['/resources/v1/messaging', 401, '7001'],
		]);
		expect(simulator.dialCounts()).toEqual({});
	});

	it('fails for a base URL where a web page answers instead of the API, and for an unreachable host', async () => {
		const site: Server = createServer((_request, response) => {
			response
				.writeHead(404, { 'content-type': 'text/html' })
				.end('<!DOCTYPE html><html><body>Not Found</body></html>');
		});
		await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
		try {
			const { port } = site.address() as AddressInfo;
			expect(
				(await test({ apiKey: SERVICE_KEY, baseUrl: `http://127.0.0.1:${port}` })).result,
			).toEqual({
				status: 'Error',
				message: 'This is a web page, not the Webex Connect API: check the region or base URL',
			});
		} finally {
			await new Promise((resolve) => site.close(resolve));
		}
		expect((await test({ apiKey: SERVICE_KEY, baseUrl: 'http://127.0.0.1:9' })).result).toEqual({
			status: 'Error',
			message: 'ECONNREFUSED',
		});
	});

	it('fails when Webex Connect answers 503 without a body', async () => {
		simulator.injectFault({ kind: '503', path: '/v2/messages' });
		expect((await test({ apiKey: SERVICE_KEY, baseUrl: simulator.url })).result.status).toBe(
			'Error',
		);
	});

	it('goes to the region’s host, Make Call on Webex Connect hosts and the v1 API on legacy IMIconnect hosts', () => {
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
		const url = (data: IDataObject) =>
			workflow.expression.getSimpleParameterValue(
				node,
				credential.test.request.url as string,
				'internal',
				{ $credentials: data },
			);
		expect(url({ region: 'eu', baseUrl: '' })).toBe('https://api.eu.webexconnect.io/v2/messages');
		expect(url({ region: 'us', baseUrl: '' })).toBe('https://api.us.webexconnect.io/v2/messages');
		expect(url({ region: 'imiconnect-emea', baseUrl: '' })).toBe(
			'https://api.imiconnect.io/resources/v1/messaging',
		);
		expect(url({ region: 'nowhere', baseUrl: '' })).toBe(
			'https://api.us.webexconnect.io/v2/messages',
		);
		expect(url({ region: 'eu', baseUrl: 'https://proxy.example.com/webex//' })).toBe(
			'https://proxy.example.com/webex/v2/messages',
		);
		for (const [region, host] of Object.entries(WEBEX_CONNECT_HOSTS)) {
			expect(url({ region, baseUrl: '' })).toBe(
				`${host.url}${host.url.includes('imiconnect') ? '/resources/v1/messaging' : '/v2/messages'}`,
			);
		}
	});
});
