/**
 * "Adding a provider" as the README describes it, proven: a sixth provider (Fixture Voice, which
 * exists only in the tests: test/providers/fixtureVoice) is added to the registry by mocking the
 * registry module, standing in for the registry line, and nothing else changes. Every provider
 * list of the three nodes, the credentials, the trigger's options, the detection order and the
 * public API then include it; and the nodes run it: a campaign in single-call mode (one request
 * per recipient, the adapter's concurrency and rate, the account id from the credential in the
 * path, never a second dial) and a receipt signed over the URL the trigger was called at.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import {
	NodeHelpers,
	type IDataObject,
	type INodeProperties,
	type INodePropertyOptions,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { VoiceReceiptWebhookApi } from '../../credentials/VoiceReceiptWebhookApi.credentials';
import * as api from '../../nodes';
import { MakeVoiceCall } from '../../nodes/MakeVoiceCall/MakeVoiceCall.node';
import { SendVoiceCampaign } from '../../nodes/SendVoiceCampaign/SendVoiceCampaign.node';
import { VoiceReceiptTrigger } from '../../nodes/VoiceReceiptTrigger/VoiceReceiptTrigger.node';
import { runNode, runWebhook } from '../harness';
import { expectNoSecrets, rows } from '../support/nodes';
import { FixtureVoiceApi } from './fixtureVoice';
import { fixtureReceipts, fixtureSignature } from './fixtureVoice/provider';

jest.mock('../../nodes/providers/registry', () => {
	const actual = jest.requireActual<typeof import('../../nodes/providers/registry')>(
		'../../nodes/providers/registry',
	);
	const { fixtureVoice } = jest.requireActual<typeof import('./fixtureVoice')>('./fixtureVoice');
	return { PROVIDERS: [...actual.PROVIDERS, fixtureVoice] };
});

const ID = 'fixtureVoice';
const values = (property: INodeProperties | undefined) =>
	((property?.options ?? []) as INodePropertyOptions[]).map((option) => option.value);
const property = (description: INodeTypeDescription, name: string) =>
	description.properties.find((candidate) => candidate.name === name);

describe('a sixth provider, added by its registry line alone', () => {
	it.each([
		['Make Voice Call', new MakeVoiceCall()],
		['Send Voice Campaign', new SendVoiceCampaign()],
	])('%s offers it as Provider, with its credential, fields and pickers', (_name, node) => {
		const { description } = node;
		expect(values(property(description, 'provider'))).toContain(ID);
		expect(description.credentials!.map((credential) => credential.name)).toContain(
			'fixtureVoiceApi',
		);
		// Its fields show for it alone, and its credential is the one shown for it.
		const say = description.properties.find((candidate) => candidate.name === 'fixtureSay');
		expect(say?.displayOptions?.show?.provider).toEqual([ID]);
		const parameters = NodeHelpers.getNodeParameters(
			description.properties,
			{ provider: ID },
			true,
			false,
			null,
			description,
		)!;
		expect(
			description
				.credentials!.filter((credential) =>
					NodeHelpers.displayParameter(parameters, credential, null, description),
				)
				.map((credential) => credential.name),
		).toEqual(['fixtureVoiceApi']);
		expect(Object.keys(node.methods?.loadOptions ?? {})).toContain('fixtureVoices');
	});

	it('is one of the trigger’s Providers, and its signature one of its Authentication options', () => {
		const { description } = new VoiceReceiptTrigger();
		const provider = (property(description, 'provider')?.options ?? []) as INodePropertyOptions[];
		expect(provider.find((option) => option.value === ID)).toMatchObject({
			name: 'Fixture Voice',
			description: 'Read every receipt as a Fixture Voice status callback',
		});
		expect(values(property(description, 'authentication'))).toContain('fixtureSignature');
		expect(description.credentials![0].displayOptions!.show!.authentication).toContain(
			'fixtureSignature',
		);
	});

	it('is named, with the field its receipt URL goes in, where the trigger lists the providers', () => {
		const { description } = new VoiceReceiptTrigger();
		expect(description.description).toContain('Fixture Voice');
		expect(String(property(description, 'urlNotice')?.displayName)).toContain('Status Callback');
	});

	it('is detected last, after the real providers, and is in the public API', () => {
		expect(api.RECEIPT_PARSERS.map((parser) => parser.provider)).toEqual([
			'webexConnect',
			'routee',
			'innoPaas',
			'twilio',
			ID,
		]);
		expect(api.PROVIDERS.map((provider) => provider.id)).toContain(ID);
		expect(api.CALL_ADAPTERS[ID].maxRecipientsPerRequest).toBe(1);
		expect(api.CAMPAIGN_ADAPTERS[ID].callsPerSecond).toBe(20);
		expect(api.AUTHENTICITY_METHODS.map((method) => method.kind)).toContain('fixtureSignature');
		const body = { FixtureCallSid: 'CA-1', CallStatus: 'completed', To: '+442079460123' };
		expect(api.detectReceiptParser(body)).toBe(fixtureReceipts);
		expect(api.parseReceipts(body)).toMatchObject({
			events: [{ provider: ID, status: 'completed', final: true }],
		});
	});
});

describe('the trigger, for a signature over the URL the provider called', () => {
	const SECRET = 'fixture-receipt-secret';
	const form = 'CallStatus=completed&FixtureCallSid=CA-7&To=%2B442079460123';
	const receive = (signedUrl: string) =>
		runWebhook({
			node: new VoiceReceiptTrigger(),
			webhookId: 'fixture-hook',
			parameters: { provider: ID, authentication: 'fixtureSignature' },
			credentials: { voiceReceiptWebhookApi: { secret: SECRET } },
			credentialTypes: [new VoiceReceiptWebhookApi()],
			request: {
				method: 'POST',
				headers: {
					'content-type': 'application/x-www-form-urlencoded',
					'x-fixture-signature': fixtureSignature(
						signedUrl,
						Object.fromEntries(new URLSearchParams(form)),
						SECRET,
					),
				},
				query: { tenant: 'a b' },
				body: form,
			},
		});

	it('takes a receipt signed over its production URL with the query as sent, and refuses one signed over another', async () => {
		const url = 'http://localhost:5678/webhook/fixture-hook/voice-receipts';
		const taken = await receive(`${url}?tenant=a+b`);
		expect(taken.response.status).toBe(200);
		expect(taken.items.map((item) => item.json)).toMatchObject([
			{ provider: ID, status: 'completed', messageId: 'CA-7' },
		]);
		for (const other of [
			url,
			`${url}?tenant=a%20b`,
			'https://elsewhere.example/voice?tenant=a+b',
		]) {
			const refused = await receive(other);
			expect([other, refused.response.status, refused.startsRun]).toEqual([other, 401, false]);
		}
	});
});

describe('Send Voice Campaign in single-call mode', () => {
	const TOKEN = 'fixture-token-9f3a';
	interface Seen {
		path: string;
		to: string;
		auth: string | undefined;
		at: number;
	}
	let server: Server;
	let url: string;
	let seen: Seen[] = [];
	let inFlight = 0;
	let mostInFlight = 0;
	const tries = new Map<string, number>();

	const bodyOf = (request: IncomingMessage) =>
		new Promise<string>((resolve) => {
			let text = '';
			request.on('data', (chunk: Buffer) => (text += chunk.toString()));
			request.on('end', () => resolve(text));
		});

	beforeAll(async () => {
		server = createServer((request, response) => {
			inFlight++;
			mostInFlight = Math.max(mostInFlight, inFlight);
			void bodyOf(request).then((text) => {
				const to = new URLSearchParams(text).get('To') ?? '';
				const auth = request.headers.authorization;
				seen.push({ path: request.url ?? '', to, auth, at: Date.now() });
				const attempt = (tries.get(to) ?? 0) + 1;
				tries.set(to, attempt);
				setTimeout(() => {
					inFlight--;
					// …03 is rate limited once (nothing taken); …04's connection breaks after sending.
					if (to.endsWith('03') && attempt === 1) {
						response.writeHead(429, { 'retry-after': '0' }).end('{"code":"20429"}');
					} else if (to.endsWith('04')) {
						request.socket.destroy();
					} else {
						response
							.writeHead(201, { 'content-type': 'application/json' })
							.end(JSON.stringify({ sid: `CA-${to.slice(-2)}` }));
					}
				}, 120);
			});
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	});
	afterAll(async () => new Promise((resolve) => server.close(resolve)));
	beforeEach(() => {
		seen = [];
		tries.clear();
		inFlight = 0;
		mostInFlight = 0;
	});

	it('sends one request per recipient, at most 2 at once and 20 a second, retries a 429 and never re-sends a broken one', async () => {
		const numbers = Array.from(
			{ length: 6 },
			(_, i) => `+4479112345${String(i + 1).padStart(2, '0')}`,
		);
		const started = Date.now();
		const result = await runNode({
			node: new SendVoiceCampaign(),
			parameters: {
				provider: ID,
				to: '={{ $json.phone }}',
				fixtureSay: 'Hello',
				campaign: { concurrency: 8, batchSize: 50 },
			},
			items: numbers.map((phone) => ({ phone }) as IDataObject),
			credentials: { fixtureVoiceApi: { accountId: 'AC0123', authToken: TOKEN, baseUrl: url } },
			credentialTypes: [new FixtureVoiceApi()],
		});
		expect(result.error).toBeUndefined();
		expect(rows(result).map((row) => [row.to, row.status])).toEqual(
			numbers.map((to) => [to, to.endsWith('04') ? 'unknown' : 'queued']),
		);
		// One request per recipient; the rate-limited one twice (nothing was taken), the broken one once.
		expect(numbers.map((to) => tries.get(to))).toEqual([1, 1, 2, 1, 1, 1]);
		expect(new Set(seen.map((request) => request.path))).toEqual(
			new Set(['/accounts/AC0123/calls']),
		);
		expect(new Set(seen.map((request) => request.auth))).toEqual(new Set([`Bearer ${TOKEN}`]));
		// The adapter's concurrency caps the user's 8; its rate spaces the 7 starts 50 ms apart.
		expect(mostInFlight).toBeLessThanOrEqual(2);
		expect(Math.max(...seen.map((request) => request.at)) - started).toBeGreaterThanOrEqual(6 * 50);
		expectNoSecrets(result, [TOKEN]);
	});

	it('shows the request with the account id, and never the token, in a dry run', async () => {
		const result = await runNode({
			node: new SendVoiceCampaign(),
			parameters: { provider: ID, to: '={{ $json.phone }}', campaign: { dryRun: true } },
			items: [{ phone: '+447911234501' }, { phone: '+447911234502' }],
			credentials: { fixtureVoiceApi: { accountId: 'AC0123', authToken: TOKEN, baseUrl: url } },
			credentialTypes: [new FixtureVoiceApi()],
		});
		expect(seen).toEqual([]);
		expect(rows(result)).toMatchObject([
			{ dryRun: true, recipients: 1, request: { url: `${url}/accounts/AC0123/calls` } },
			{ dryRun: true, recipients: 1, request: { url: `${url}/accounts/AC0123/calls` } },
		]);
		expectNoSecrets(result, [TOKEN]);
	});
});
