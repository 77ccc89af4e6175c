/**
 * One measured scenario per process (so peak RSS belongs to it alone):
 *   node:    Send Voice Campaign run by n8n-core's WorkflowExecute against the simulator, timed from
 *            n8n starting the node to the end of the run (n8n's handling of its output included)
 *   adapters: the package's own adapter and campaign planning (every number and recipient checked,
 *            requests built and answers read by the shipped dist/) with a plain undici client:
 *            what the node does, without n8n
 *   ceiling: a plain undici client sending the same batches with the same concurrency
 * and the Twilio campaign's two (bench/twilio.ts).
 * Prints one JSON line: { scenario, recipients, wallMs, peakRssMb, queued }.
 */
import { Pool } from 'undici';

import type { INodeType } from 'n8n-workflow';

import { WebexConnectApi } from '../credentials/WebexConnectApi.credentials';
import { runNode } from '../test/harness';
import { BENCH_KEY } from './simulator';
import { TWILIO_SCENARIOS } from './twilio';

export const CONTENT = {
	type: 'TTS',
	ttsProcessor: 'Azure',
	language: 'en-GB',
	voice: 'SoniaNeural',
	region: 'uksouth',
	text: 'Your parcel arrives tomorrow between nine and eleven',
	voiceType: 'neural',
	gender: 'female',
};
export const FROM = '+14155550100';
export const BATCH = 1000;

const mobile = (n: number) =>
	`+447${String(100000000 + n)
		.slice(-9)
		.replace(/^./, '9')}`;

export function contacts(count: number) {
	return Array.from({ length: count }, (_, i) => ({ phone: mobile(i), id: `row-${i}` }));
}

/** The node as shipped: dist/, built by `npm run build` with its bundled runtime library. */
function shippedNode(): INodeType {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { SendVoiceCampaign } =
		require('../../dist/nodes/SendVoiceCampaign/SendVoiceCampaign.node.js') as {
			SendVoiceCampaign: new () => INodeType;
		};
	return new SendVoiceCampaign();
}

/**
 * Send Voice Campaign as shipped, through n8n-core, to the simulator at `url` (Webex Connect Make
 * Call); `parameters` add to the campaign's own. Timed from n8n starting the node to the run's end:
 * what the harness spends producing the input items (a real workflow's previous node) is not the
 * node's time, as the ceiling's list is not.
 */
export async function shippedCampaign(
	url: string,
	items: Array<Record<string, string>>,
	parameters: Record<string, unknown>,
) {
	const result = await runNode({
		node: shippedNode(),
		parameters: {
			provider: 'webexConnect',
			to: '={{ $json.phone }}',
			correlationId: '={{ $json.id }}',
			from: FROM,
			contentType: 'TTS',
			...CONTENT,
			...parameters,
		},
		items,
		credentials: { webexConnectApi: { apiKey: BENCH_KEY, baseUrl: url } },
		credentialTypes: [new WebexConnectApi()],
	});
	const finished = Date.now();
	if (result.error) throw result.error;
	const { startTime } = result.runData['Send Voice Campaign'][0];
	return {
		wallMs: finished - startTime,
		queued: result.items.filter((item) => item.json.status === 'queued').length,
	};
}

const nodeScenario = (url: string, count: number, concurrency: number) =>
	shippedCampaign(url, contacts(count), { campaign: { concurrency } });

async function ceilingScenario(url: string, count: number, concurrency: number) {
	const items = contacts(count);
	const pool = new Pool(url, { connections: concurrency });
	const started = performance.now();
	let queued = 0;
	let next = 0;
	const worker = async () => {
		while (next * BATCH < items.length) {
			const batch = items.slice(next * BATCH, ++next * BATCH);
			const response = await pool.request({
				method: 'POST',
				path: '/v2/messages',
				headers: { key: BENCH_KEY, 'content-type': 'application/json' },
				body: JSON.stringify({
					channel: 'voice',
					from: FROM,
					to: batch.map((item) => ({ msisdn: [item.phone], correlationId: item.id })),
					content: CONTENT,
				}),
			});
			const body = (await response.body.json()) as { status?: string };
			if (response.statusCode === 201 && body.status === 'Queued') queued += batch.length;
		}
	};
	await Promise.all(Array.from({ length: concurrency }, worker));
	const wallMs = performance.now() - started;
	await pool.close();
	return { wallMs, queued };
}

/** The shipped adapter code, loaded from dist/ like the node. */
function shippedAdapters() {
	/* eslint-disable @typescript-eslint/no-require-imports */
	return {
		...(require('../../dist/nodes/core/campaign.js') as typeof import('../nodes/core/campaign')),
		...(require('../../dist/nodes/providers/lists.js') as typeof import('../nodes/providers/lists')),
		...(require('../../dist/nodes/core/validation.js') as typeof import('../nodes/core/validation')),
	};
	/* eslint-enable @typescript-eslint/no-require-imports */
}

async function adaptersScenario(url: string, count: number, concurrency: number) {
	const items = contacts(count);
	const { CampaignPlan, CAMPAIGN_ADAPTERS, checkInput } = shippedAdapters();
	const adapter = CAMPAIGN_ADAPTERS.webexConnect;
	const pool = new Pool(url, { connections: concurrency });
	const started = performance.now();
	const campaign = { channel: 'voice', from: FROM, content: CONTENT };
	const plan = new CampaignPlan(
		{ count, number: (index) => items[index].phone, correlationId: (index) => items[index].id },
		{
			removeDuplicates: true,
			batchSize: BATCH,
			checkRecipient: (value) => adapter.recipientSchema.checkPlanned(value),
			checkGroup: (first) => checkInput(adapter.schema, { ...campaign, recipients: [first] }),
		},
	);
	let queued = 0;
	const sender = async () => {
		for (let batch = plan.nextBatch(); batch !== undefined; batch = plan.nextBatch()) {
			const request = adapter.buildRequest(batch.call);
			const response = await pool.request({
				method: 'POST',
				path: request.path,
				headers: { key: BENCH_KEY, 'content-type': 'application/json' },
				body: JSON.stringify(request.body),
			});
			const outcome = adapter.parseResponse(batch.call, {
				statusCode: response.statusCode,
				headers: response.headers,
				body: await response.body.json(),
			});
			if (outcome.kind === 'accepted')
				queued += outcome.recipients.filter((recipient) => recipient.status === 'queued').length;
		}
	};
	await Promise.all(Array.from({ length: concurrency }, sender));
	const wallMs = performance.now() - started;
	await pool.close();
	return { wallMs, queued };
}

const SCENARIOS = {
	node: nodeScenario,
	adapters: adaptersScenario,
	ceiling: ceilingScenario,
	...TWILIO_SCENARIOS,
};

async function main() {
	const [scenario, url, count, concurrency] = process.argv.slice(2);
	const run = SCENARIOS[scenario as keyof typeof SCENARIOS];
	// A scenario may measure more than its wall time (the Twilio ones: their CPU time).
	const measured = await run(url, Number(count), Number(concurrency));
	const peakRssMb = process.resourceUsage().maxRSS / 1024;
	process.stdout.write(
		`${JSON.stringify({ scenario, recipients: Number(count), ...measured, peakRssMb })}\n`,
	);
}

if (require.main === module) {
	main().catch((error) => {
		console.error(error);
		process.exit(1);
	});
}
