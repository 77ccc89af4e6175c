import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type INodeParameters,
} from 'n8n-workflow';

import { SendVoiceCampaign } from '../../../nodes/SendVoiceCampaign/SendVoiceCampaign.node';
import { logsToText, runNode, type NodeRunResult } from '../../harness';
import { contacts, mobile, rows } from '../../support/nodes';
import { useProviderAccounts } from '../../support/providerAccounts';
import { webexTts } from '../../support/webexTts';

const accounts = useProviderAccounts('svc-webex', { hangMs: 5_000 });
const SERVICE_KEY = accounts.keys.webexServiceKey;

const tts = webexTts('Your appointment is tomorrow at nine');

function campaign(
	parameters: INodeParameters,
	items: IDataObject[],
	options: { continueOnFail?: boolean; key?: string } = {},
) {
	return runNode({
		node: new SendVoiceCampaign(),
		parameters: { to: '={{ $json.phone }}', ...parameters },
		items,
		credentials: {
			webexConnectApi: { apiKey: options.key ?? SERVICE_KEY, baseUrl: accounts.simulator.url },
		},
		credentialTypes: accounts.credentialTypes(),
		continueOnFail: options.continueOnFail,
	});
}

const statuses = (result: NodeRunResult) => rows(result).map((row) => row.status);
const destinations = (request: { body: unknown }) =>
	((request.body as IDataObject).to as IDataObject[]).length;

function expectEveryoneDialledOnce(count: number) {
	const dials = accounts.simulator.dialCounts();
	expect(Object.keys(dials)).toHaveLength(count);
	expect(Object.values(dials).every((n) => n === 1)).toBe(true);
}

describe('Send Voice Campaign through Webex Connect (n8n-core, simulator over HTTP)', () => {
	it.each([
		[1, [1]],
		[999, [999]],
		[1000, [1000]],
		[1001, [1000, 1]],
		[2500, [1000, 1000, 500]],
	])(
		'%i recipients go out in batches of at most 1,000, one row each in input order',
		async (count, sizes) => {
			const result = await campaign(tts, contacts(count));
			expect(result.error).toBeUndefined();
			expect(result.items).toHaveLength(count);
			expect(
				result.items.every((item, i) => (item.pairedItem as { item: number }).item === i),
			).toBe(true);
			expect(rows(result).every((row, i) => row.status === 'queued' && row.to === mobile(i))).toBe(
				true,
			);
			expect(accounts.simulator.requests.map(destinations).sort((a, b) => b - a)).toEqual(sizes);
			expect(
				rows(result)
					.map((row) => row.batchIndex)
					.filter((b, i, all) => all.indexOf(b) === i),
			).toHaveLength(sizes.length);
			expectEveryoneDialledOnce(count);
		},
	);

	it('gives each recipient its own correlation id, matching the input row by default', async () => {
		const result = await campaign(tts, contacts(3));
		const ids = rows(result).map((row) => row.correlationId as string);
		expect(ids.map((id) => id.split('-').pop())).toEqual(['0', '1', '2']);
		expect((accounts.simulator.requests[0].body as IDataObject).to).toEqual(
			ids.map((correlationId, i) => ({ msisdn: [mobile(i)], correlationId })),
		);
	});

	it('reads national numbers in the default country, rejects invalid ones and reports duplicates', async () => {
		const result = await campaign({ ...tts, defaultCountry: 'GB' }, [
			{ phone: '07911 123456' },
			{ phone: 'not a number' },
			{ phone: '+44 7911 123456' },
			{ phone: '(415) 555-0100' },
			{ phone: '+1 415 555 0100' },
			{ phone: '020 7946 0018' },
			{ phone: '' },
		]);
		expect(rows(result).map((row) => [row.status, row.to])).toEqual([
			['queued', '+447911123456'],
			['invalid', 'not a number'],
			['duplicate', '+447911123456'],
			['invalid', '(415) 555-0100'],
			['queued', '+14155550100'],
			['queued', '+442079460018'],
			['invalid', ''],
		]);
		expect(rows(result)[2].message).toBe('same number as input row 1; called once');
		expect(rows(result)[3].message).toContain('is not a valid number');
		expect(accounts.simulator.requests).toHaveLength(1);
		expectEveryoneDialledOnce(3);
	});

	it('keeps duplicates when asked', async () => {
		const result = await campaign({ ...tts, campaign: { removeDuplicates: false } }, [
			{ phone: mobile(1) },
			{ phone: mobile(1) },
		]);
		expect(statuses(result)).toEqual(['queued', 'queued']);
	});

	it('waits out a 429 on batch 2 and still dials everyone once', async () => {
		accounts.simulator.injectFault({ kind: '429', retryAfter: 1, skip: 1 });
		const result = await campaign({ ...tts, campaign: { concurrency: 1 } }, contacts(2500));
		expect(statuses(result).every((status) => status === 'queued')).toBe(true);
		expect(accounts.simulator.requests).toHaveLength(4);
		expect(accounts.simulator.requests[1].response?.status).toBe(429);
		expectEveryoneDialledOnce(2500);
	});

	it('reports the recipients of a batch that hangs as unknown and never resends it', async () => {
		accounts.simulator.injectFault({ kind: 'hang', skip: 2 });
		const result = await campaign(
			{ ...tts, campaign: { concurrency: 1 }, delivery: { timeout: 1 } },
			contacts(2500),
		);
		const out = rows(result);
		expect(out.slice(0, 2000).every((row) => row.status === 'queued')).toBe(true);
		expect(out.slice(2000).every((row) => row.status === 'unknown' && row.batchIndex === 2)).toBe(
			true,
		);
		expect(accounts.simulator.requests).toHaveLength(3);
		expectEveryoneDialledOnce(2500);
	});

	it('marks a refused batch rejected with the provider code; the other batches still go out', async () => {
		accounts.simulator.injectFault({ kind: '500', skip: 1 });
		const result = await campaign({ ...tts, campaign: { concurrency: 1 } }, contacts(2500));
		const out = rows(result);
		expect(out.filter((row) => row.status === 'rejected')).toHaveLength(1000);
		expect(
			out.slice(1000, 2000).every((row) => row.status === 'rejected' && row.code === 'HTTP 500'),
		).toBe(true);
		expect(out.filter((row) => row.status === 'queued')).toHaveLength(1500);
		expect(accounts.simulator.requests).toHaveLength(3);
	});

	it('raises NodeApiError when the provider refuses every batch, without the key in it', async () => {
		const result = await campaign(tts, contacts(3), { key: 'not-the-key' });
		expect(result.error).toBeInstanceOf(NodeApiError);
		expect(result.error?.message).toContain('refused every batch');
		expect(JSON.stringify(result.error) + logsToText(result.logs)).not.toContain('not-the-key');
	});

	it('refuses an invalid campaign field before sending, naming field and limit', async () => {
		const result = await campaign({ ...tts, text: '={{ "x".repeat(2001) }}' }, contacts(5));
		expect(result.error).toBeInstanceOf(NodeOperationError);
		expect(result.error?.message).toBe(
			'text is 2,001 characters; Webex Connect allows at most 2,000',
		);
		expect(accounts.simulator.requests).toHaveLength(0);
	});

	it('a dry run outputs the exact requests and sends nothing', async () => {
		const result = await campaign({ ...tts, campaign: { dryRun: true, batchSize: 2 } }, [
			...contacts(3),
			{ phone: 'x' },
		]);
		expect(accounts.simulator.requests).toHaveLength(0);
		const out = rows(result);
		expect(out.slice(0, 2).map((row) => [row.dryRun, row.batchIndex, row.recipients])).toEqual([
			[true, 0, 2],
			[true, 1, 1],
		]);
		expect((out[0].request as IDataObject).url).toBe(`${accounts.simulator.url}/v2/messages`);
		expect(((out[0].request as IDataObject).body as IDataObject).content).toMatchObject({
			text: tts.text,
		});
		expect(out[2]).toMatchObject({ status: 'invalid', to: 'x' });
		expect(result.items[0].pairedItem).toEqual([{ item: 0 }, { item: 1 }]);
		// The row that would not be called points at its own input item.
		expect(result.items[2].pairedItem).toEqual({ item: 3 });
		expect(JSON.stringify(out)).not.toContain(SERVICE_KEY);
	});

	it('summarises the campaign in one item whose totals reconcile with the input', async () => {
		const items = [...contacts(4), { phone: mobile(0) }, { phone: '123' }];
		const result = await campaign({ ...tts, campaign: { output: 'summary' } }, items);
		expect(rows(result)).toEqual([
			expect.objectContaining({
				provider: 'webexConnect',
				total: 6,
				statuses: { queued: 4, duplicate: 1, invalid: 1 },
				batches: 1,
			}),
		]);
		expect(result.items[0].pairedItem).toHaveLength(6);
	});

	it('runs an IVR call flow campaign through the v1 Messaging API with a transid per recipient', async () => {
		const result = await campaign(
			{ provider: 'imiconnectMessaging', voiceContent: 'callflowid', callflowid: 'flow-9' },
			contacts(1001),
		);
		expect(statuses(result).every((status) => status === 'queued')).toBe(true);
		expect(new Set(rows(result).map((row) => row.messageId)).size).toBe(1001);
		expect(accounts.simulator.requests).toHaveLength(2);
		expectEveryoneDialledOnce(1001);
	});
});
