/**
 * Proves the in-process harness runs nodes through n8n-core's real engine: real HTTP to a local
 * server, real credential authentication and pre-authentication, real expressions and errors.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { once } from 'node:events';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

import { NodeApiError } from 'n8n-workflow';

import {
	CredentialStore,
	SOURCE_NODE_NAME,
	SOURCE_NODE_TYPE,
	logsToText,
	runNode,
	runWorkflow,
} from '.';
import { HarnessEcho } from './fixtures/HarnessEcho.node';
import { HarnessHeaderAuthApi } from './fixtures/HarnessHeaderAuthApi.credentials';
import { HarnessTokenAuthApi } from './fixtures/HarnessTokenAuthApi.credentials';

interface Received {
	path: string;
	headers: http.IncomingHttpHeaders;
	body: Record<string, unknown>;
}

const API_KEY = 'key-SECRET-123';
const CLIENT_SECRET = 'client-SECRET-456';

let server: http.Server;
let baseUrl: string;
let received: Received[] = [];
let tokensIssued = 0;
const validTokens = new Set<string>();

beforeAll(async () => {
	server = http.createServer((req, res) => {
		let raw = '';
		req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
		req.on('end', () => {
			const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
			received.push({ path: req.url ?? '', headers: req.headers, body });
			const reply = (status: number, json: unknown) => {
				res.writeHead(status, { 'content-type': 'application/json' });
				res.end(JSON.stringify(json));
			};
			if (req.url === '/token') {
				if (body.clientSecret !== CLIENT_SECRET) return reply(403, { message: 'bad client' });
				const token = `tok-${++tokensIssued}`;
				validTokens.add(token);
				return reply(200, { token });
			}
			if (req.url === '/fail') return reply(500, { message: 'upstream exploded' });
			if (req.url === '/secure') {
				const token = req.headers.authorization?.replace(/^Bearer /, '') ?? '';
				if (!validTokens.has(token)) return reply(401, { message: 'token expired' });
				return reply(200, { ok: true, token, phone: body.phone });
			}
			return reply(200, { apiKeySeen: req.headers['x-api-key'] ?? null, phone: body.phone });
		});
	});
	server.listen(0, '127.0.0.1');
	await once(server, 'listening');
	baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
	server.closeAllConnections();
	await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
	received = [];
});

const credentialTypes = [new HarnessHeaderAuthApi(), new HarnessTokenAuthApi()];

describe('harness: runNode through n8n-core WorkflowExecute', () => {
	it('applies generic header auth and resolves expressions per item', async () => {
		const result = await runNode({
			node: new HarnessEcho(),
			parameters: { baseUrl, phone: '={{ $json.phone }}-x' },
			items: [{ phone: '+15550001' }, { phone: '+15550002' }],
			credentials: { harnessHeaderAuthApi: { apiKey: API_KEY } },
			credentialTypes,
		});

		expect(result.error).toBeUndefined();
		expect(received.map((r) => r.headers['x-api-key'])).toEqual([API_KEY, API_KEY]);
		expect(received.map((r) => r.body.phone)).toEqual(['+15550001-x', '+15550002-x']);
		expect(result.items).toEqual([
			{ json: { apiKeySeen: API_KEY, phone: '+15550001-x' }, pairedItem: { item: 0 } },
			{ json: { apiKeySeen: API_KEY, phone: '+15550002-x' }, pairedItem: { item: 1 } },
		]);
		expect(result.outputs).toHaveLength(1);
	});

	it('turns failures into error items with continueOnFail, and into a node error without', async () => {
		const common = {
			node: new HarnessEcho(),
			parameters: { baseUrl, path: '/fail', phone: '={{ $json.phone }}' },
			items: [{ phone: '1' }, { phone: '2' }],
			credentials: { harnessHeaderAuthApi: { apiKey: API_KEY } },
			credentialTypes,
		};

		const continued = await runNode({ ...common, continueOnFail: true });
		expect(continued.error).toBeUndefined();
		expect(continued.items).toHaveLength(2);
		// n8n's NodeApiError wording for a 5xx
		expect(continued.items[0].json.error).toBe('The service was not able to process your request');
		expect(continued.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);

		const failed = await runNode(common);
		expect(failed.items).toEqual([]);
		expect(failed.error).toBeInstanceOf(NodeApiError);
		expect((failed.error as NodeApiError).httpCode).toBe('500');
		expect((failed.error as NodeApiError).description).toContain('upstream exploded');
		expect(failed.thrown['Harness Echo']).toBe(failed.error);
		expect(logsToText([...continued.logs, ...failed.logs])).not.toContain(API_KEY);
		expect(failed.run.status).toBe('error');
		expect(received).toHaveLength(3); // two continued + the first failing item
	});

	it('runs preAuthentication once across executions, and again after a 401', async () => {
		const store = new CredentialStore({
			harnessTokenAuthApi: { baseUrl, clientId: 'client-1', clientSecret: CLIENT_SECRET },
		});
		const run = async () =>
			await runNode({
				node: new HarnessEcho(),
				parameters: {
					authentication: 'tokenAuth',
					baseUrl,
					path: '/secure',
					phone: '={{ $json.p }}',
				},
				items: [{ p: 'a' }, { p: 'b' }],
				credentials: store,
				credentialTypes,
			});

		const first = await run();
		expect(first.error).toBeUndefined();
		expect(first.items.map((item) => item.json.token)).toEqual(['tok-1', 'tok-1']);
		const second = await run();
		expect(second.items.map((item) => item.json.token)).toEqual(['tok-1', 'tok-1']);
		expect(store.preAuthenticationCalls).toEqual([
			{ type: 'harnessTokenAuthApi', credentialId: 'harnessTokenAuthApi', expired: false },
		]);
		expect(store.get('harnessTokenAuthApi')?.sessionToken).toBe('tok-1');

		validTokens.clear(); // the server expires the cached token
		const third = await run();
		expect(third.error).toBeUndefined();
		expect(third.items.map((item) => item.json.token)).toEqual(['tok-2', 'tok-2']);
		expect(store.preAuthenticationCalls.map((call) => call.expired)).toEqual([false, true]);
		expect(store.get('harnessTokenAuthApi')).toMatchObject({
			clientSecret: CLIENT_SECRET,
			sessionToken: 'tok-2',
		});
		expect(received.filter((r) => r.path === '/token')).toHaveLength(2);
		const allLogs = logsToText([...first.logs, ...second.logs, ...third.logs]);
		expect(allLogs).not.toMatch(/tok-\d|client-SECRET/);
		expect(
			received.filter((r) => r.path === '/secure').map((r) => r.headers.authorization),
		).toEqual([
			'Bearer tok-1',
			'Bearer tok-1',
			'Bearer tok-1',
			'Bearer tok-1',
			'Bearer tok-1', // rejected with 401, then retried with the new token
			'Bearer tok-2',
			'Bearer tok-2',
		]);
	});

	it('captures n8n logs per run, without credential secrets', async () => {
		const result = await runNode({
			node: new HarnessEcho(),
			parameters: { baseUrl, phone: '={{ $json.phone }}' },
			items: [{ phone: '+15550003' }],
			credentials: { harnessHeaderAuthApi: { apiKey: API_KEY } },
			credentialTypes,
		});

		expect(result.logs).toContainEqual({
			level: 'info',
			message: 'Harness Echo calling',
			metadata: { phone: '+15550003', url: `${baseUrl}/echo` },
		});
		expect(result.logs.map((entry) => entry.message)).toContain('Workflow execution started');
		expect(logsToText(result.logs)).not.toContain(API_KEY);
	});
});

describe('harness: runWorkflow with workflow JSON', () => {
	it('runs Source → node → node and chains static data between executions', async () => {
		const options = {
			nodeTypes: { 'test.echo': new HarnessEcho() },
			nodes: [
				{ name: SOURCE_NODE_NAME, type: SOURCE_NODE_TYPE },
				{ name: 'First', type: 'test.echo', parameters: { baseUrl, phone: '={{ $json.phone }}' } },
				{
					name: 'Second',
					type: 'test.echo',
					parameters: { baseUrl, phone: "={{ $('First').item.json.phone }}!" },
				},
			],
			connections: {
				[SOURCE_NODE_NAME]: { main: [[{ node: 'First', type: 'main' as const, index: 0 }]] },
				First: { main: [[{ node: 'Second', type: 'main' as const, index: 0 }]] },
			},
			items: [{ phone: '42' }],
			credentials: { harnessHeaderAuthApi: { apiKey: API_KEY } },
			credentialTypes,
		};

		const first = await runWorkflow(options);
		expect(first.error).toBeUndefined();
		expect(first.output('Second')[0].json).toEqual({ apiKeySeen: API_KEY, phone: '42!' });
		expect(first.staticData).toEqual({ 'node:First': { calls: 1 }, 'node:Second': { calls: 1 } });

		const second = await runWorkflow({ ...options, staticData: first.staticData });
		expect(second.staticData).toEqual({ 'node:First': { calls: 2 }, 'node:Second': { calls: 2 } });
	});
});
