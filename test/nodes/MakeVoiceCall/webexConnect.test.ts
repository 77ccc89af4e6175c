import { NodeApiError, type IDataObject, type INodeParameters } from 'n8n-workflow';

import { MakeVoiceCall } from '../../../nodes/MakeVoiceCall/MakeVoiceCall.node';
import { runNode, type NodeRunResult } from '../../harness';
import { expectNoSecrets, expectRefusedInput, rows } from '../../support/nodes';
import { useProviderAccounts } from '../../support/providerAccounts';
import { webexTtsUs } from '../../support/webexTts';

const accounts = useProviderAccounts('mvc-webex', { hangMs: 5_000 });
const SERVICE_KEY = accounts.keys.webexServiceKey;

const tts = webexTtsUs('Your order has shipped');

function call(
	parameters: INodeParameters,
	items: IDataObject[] = [{}],
	options: { continueOnFail?: boolean; key?: string } = {},
) {
	return runNode({
		node: new MakeVoiceCall(),
		parameters,
		items,
		credentials: {
			webexConnectApi: {
				apiKey: options.key ?? SERVICE_KEY,
				region: 'eu',
				baseUrl: accounts.simulator.url,
			},
		},
		credentialTypes: accounts.credentialTypes(),
		continueOnFail: options.continueOnFail,
	});
}

const pairs = (result: NodeRunResult) => result.items.map((item) => item.pairedItem);

describe('Make Voice Call through Webex Connect (n8n-core, simulator over HTTP)', () => {
	it('places a text-to-speech call with every option', async () => {
		const result = await call({
			...tts,
			to: '+44 7700 900001',
			options: {
				correlationId: 'order-42',
				priority: 'high',
				callbackData: 'crm-17',
				notifyUrl: 'https://n8n.example.com/webhook/receipts',
				requestedReceipts: ['answered', 'disconnected'],
				sendAt: '2026-12-01T09:00:00.000Z',
			},
		});
		expect(result.error).toBeUndefined();
		expect(rows(result)).toEqual([
			{
				provider: 'webexConnect',
				status: 'queued',
				messageId: expect.any(String),
				correlationId: 'order-42',
				to: '+447700900001',
				code: null,
				message: null,
				requestedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
			},
		]);
		expect(pairs(result)).toEqual([{ item: 0 }]);
		const [request] = accounts.simulator.requests;
		expect(request.headers.key).toBe(SERVICE_KEY);
		expect(request.body).toEqual({
			channel: 'voice',
			from: '+14155550100',
			to: [{ msisdn: ['+447700900001'], correlationId: 'order-42' }],
			priority: 3,
			callbackData: 'crm-17',
			notifyUrl: 'https://n8n.example.com/webhook/receipts',
			requestedReceipts: ['answered', 'disconnected'],
			sendAt: '2026-12-01T09:00:00.000Z',
			content: {
				type: 'TTS',
				ttsProcessor: 'Azure',
				language: 'en-US',
				voice: 'JennyNeural',
				region: 'eastus',
				text: 'Your order has shipped',
				voiceType: 'neural',
				gender: 'female',
			},
		});
		expect(accounts.simulator.dialCount('+447700900001')).toBe(1);
		expectNoSecrets(result, [SERVICE_KEY]);
	});

	it('plays a media prompt to several numbers, one row each', async () => {
		const result = await call({
			provider: 'webexConnect',
			from: '+14155550100',
			to: '+447700900001; 0044 7700 900002',
			contentType: 'media',
			mediaId: '1561',
		});
		expect(rows(result).map((row) => [row.to, row.status])).toEqual([
			['+447700900001', 'queued'],
			['+447700900002', 'queued'],
		]);
		expect(pairs(result)).toEqual([{ item: 0 }, { item: 0 }]);
		expect((accounts.simulator.requests[0].body as IDataObject).content).toEqual({
			type: 'media',
			mediaId: '1561',
		});
	});

	it('evaluates expressions per item: one request and one row per item', async () => {
		const result = await call(
			{
				...tts,
				to: '={{ $json.phone }}',
				text: '=Hello {{ $json.name }}',
				options: { correlationId: '={{ $json.id }}' },
			},
			[
				{ phone: '+447700900011', name: 'Ada', id: 'r1' },
				{ phone: '+447700900012', name: 'Grace', id: 'r2' },
			],
		);
		expect(rows(result).map((row) => [row.to, row.correlationId, row.status])).toEqual([
			['+447700900011', 'r1', 'queued'],
			['+447700900012', 'r2', 'queued'],
		]);
		expect(pairs(result)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(
			accounts.simulator.requests.map((r) => ((r.body as IDataObject).content as IDataObject).text),
		).toEqual(['Hello Ada', 'Hello Grace']);
	});

	it('runs an IVR call flow through the v1 Messaging API, one transid per number', async () => {
		const result = await call({
			provider: 'imiconnectMessaging',
			to: '+447700900001,+447700900002',
			voiceContent: 'callflowid',
			callflowid: 'flow-7',
			options: {
				cli: '+14155550100',
				correlationId: 'batch-9',
				priority: 'low',
				expiry: '2030-01-01T00:00:00.000Z',
			},
		});
		expect(result.error).toBeUndefined();
		const out = rows(result);
		expect(out.map((row) => [row.provider, row.to, row.status, row.code])).toEqual([
			['imiconnectMessaging', '+447700900001', 'queued', '1001'],
			['imiconnectMessaging', '+447700900002', 'queued', '1001'],
		]);
		expect(new Set(out.map((row) => row.messageId)).size).toBe(2);
		expect(accounts.simulator.requests[0].body).toMatchObject({
			deliverychannel: 'voice',
			channels: { voice: { callflowid: 'flow-7', cli: '+14155550100' } },
			correlationid: 'batch-9',
			priority: '1',
			expiry: '2030-01-01T00:00:00.000Z',
		});
	});

	it('plays a media prompt through the v1 Messaging API', async () => {
		const result = await call({
			provider: 'imiconnectMessaging',
			to: '+447700900003',
			voiceContent: 'media',
			media: 'prompt-3',
		});
		expect(rows(result)[0]).toMatchObject({ status: 'queued', to: '+447700900003' });
		expect((accounts.simulator.requests[0].body as IDataObject).channels).toEqual({
			voice: { media: 'prompt-3' },
		});
	});

	describe('refuses bad input before anything is sent', () => {
		it.each([
			[{ ...tts, to: '07700 900001' }, 'to "07700 900001" has no country code'],
			// n8n itself refuses an empty required field; an expression can still come out empty.
			[{ ...tts, to: '={{ $json.missing }}' }, 'to is required'],
			[{ ...tts, to: '+447700900001', from: '={{ $json.missing }}' }, 'from is required'],
			[
				{ ...tts, to: '+447700900001', text: 'a'.repeat(2134) },
				'text is 2,134 characters; Webex Connect allows at most 2,000',
			],
			[
				{ ...tts, to: '+447700900001', options: { correlationId: 'c'.repeat(51) } },
				'is 51 bytes; Webex Connect allows at most 50',
			],
			[
				{ ...tts, to: '+447700900001', options: { sendAt: 'tomorrow-ish' } },
				'sendAt "tomorrow-ish" is not a date',
			],
			[
				{
					...tts,
					to: Array.from({ length: 1001 }, (_, i) => `+4477009${String(i).padStart(5, '0')}`).join(
						',',
					),
				},
				'to has 1,001 numbers; Webex Connect allows at most 1,000 per request',
			],
			[
				{
					provider: 'imiconnectMessaging',
					to: '+447700900001',
					voiceContent: 'callflowid',
					callflowid: ' ',
				},
				'callflowid or media is required',
			],
		])('%#: %s', async (parameters, message) => {
			expectRefusedInput(await call(parameters as INodeParameters), message, accounts.simulator);
		});

		it('with Continue On Fail, reports every given number as invalid and still calls the good items', async () => {
			const result = await call(
				{ ...tts, to: '={{ $json.phone }}' },
				[{ phone: '+447700900001, 12' }, { phone: '+447700900002' }],
				{
					continueOnFail: true,
				},
			);
			expect(rows(result).map((row) => [row.to, row.status])).toEqual([
				['+447700900001', 'invalid'],
				['12', 'invalid'],
				['+447700900002', 'queued'],
			]);
			expect(rows(result)[1].message).toContain('to "12" has no country code');
			expect(pairs(result)).toEqual([{ item: 0 }, { item: 0 }, { item: 1 }]);
			expect(accounts.simulator.requests).toHaveLength(1);
		});
	});

	describe('provider errors and faults', () => {
		it('retries 429 after Retry-After and dials once', async () => {
			accounts.simulator.injectFault({ kind: '429', retryAfter: 1 });
			const started = Date.now();
			const result = await call({ ...tts, to: '+447700900001' });
			expect(rows(result)[0].status).toBe('queued');
			expect(accounts.simulator.requests).toHaveLength(2);
			expect(Date.now() - started).toBeGreaterThanOrEqual(950);
			expect(accounts.simulator.dialCount('+447700900001')).toBe(1);
		});

		it('gives up after the configured tries of 503 with the provider error', async () => {
			accounts.simulator.injectFault({ kind: '503', retryAfter: 0, times: 5 });
			const result = await call({ ...tts, to: '+447700900001', delivery: { maxTries: 2 } });
			expect(result.error).toBeInstanceOf(NodeApiError);
			expect(result.error?.message).toContain('HTTP 503');
			expect(accounts.simulator.requests).toHaveLength(2);
			expect(accounts.simulator.dialCount('+447700900001')).toBe(0);
		});

		it('raises a 500 as NodeApiError without retrying', async () => {
			accounts.simulator.injectFault({ kind: '500' });
			const result = await call({ ...tts, to: '+447700900001' });
			expect(result.error).toBeInstanceOf(NodeApiError);
			expect((result.error as NodeApiError).httpCode).toBe('500');
			expect(accounts.simulator.requests).toHaveLength(1);
		});

		it('raises a documented error code with the provider message', async () => {
			const result = await call(
				{
					...tts,
					to: '+447700900001',
					from: '+14155550100',
					text: 'ok',
					options: { notifyUrl: 'https://x.example/r' },
					ttsProcessor: 'Azure',
					voice: 'JennyNeural',
				},
				[{}],
				{ key: 'wrong-key' },
			);
			expect(result.error).toBeInstanceOf(NodeApiError);
			expect(result.error?.message).toMatch(/Webex Connect refused the call: .*\(code HTTP 401\)/);
			expect(String(result.error?.message)).not.toContain('wrong-key');
		});

		it('with Continue On Fail, a refused request becomes failed rows with the reason', async () => {
			accounts.simulator.injectFault({ kind: '500' });
			const result = await call({ ...tts, to: '+447700900001,+447700900002' }, [{}], {
				continueOnFail: true,
			});
			expect(rows(result).map((row) => [row.status, row.code])).toEqual([
				['failed', 'HTTP 500'],
				['failed', 'HTTP 500'],
			]);
			expectNoSecrets(result, [SERVICE_KEY]);
		});

		it('reports a hang as unknown and never sends it again', async () => {
			accounts.simulator.injectFault({ kind: 'hang' });
			const result = await call({
				...tts,
				to: '+447700900001',
				delivery: { timeout: 1, maxTries: 3 },
			});
			expect(result.error).toBeUndefined();
			expect(rows(result)).toEqual([
				expect.objectContaining({ status: 'unknown', to: '+447700900001' }),
			]);
			expect(rows(result)[0].message).toContain('may have been placed');
			expect(accounts.simulator.requests).toHaveLength(1);
			expect(accounts.simulator.dialCount('+447700900001')).toBe(1);
			expectNoSecrets(result, [SERVICE_KEY]);
		});

		it('reports a connection reset after sending as unknown', async () => {
			accounts.simulator.injectFault({ kind: 'reset' });
			const result = await call({ ...tts, to: '+447700900001' });
			expect(rows(result)[0].status).toBe('unknown');
			expect(accounts.simulator.requests).toHaveLength(1);
		});

		it('reports an unreadable success as unknown', async () => {
			accounts.simulator.injectFault({ kind: 'malformed' });
			const result = await call({ ...tts, to: '+447700900001' });
			expect(rows(result)[0]).toMatchObject({ status: 'unknown' });
			expect(accounts.simulator.requests).toHaveLength(1);
		});

		it('reports an unreachable provider as failed, nothing sent', async () => {
			const result = await runNode({
				node: new MakeVoiceCall(),
				parameters: { ...tts, to: '+447700900001' },
				credentials: { webexConnectApi: { apiKey: SERVICE_KEY, baseUrl: 'http://127.0.0.1:9' } },
				credentialTypes: accounts.credentialTypes(),
				continueOnFail: true,
			});
			expect(rows(result)[0]).toMatchObject({ status: 'failed', code: 'ECONNREFUSED' });
		});
	});
});
