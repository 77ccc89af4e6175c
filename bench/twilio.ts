/**
 * The Twilio campaign benchmark: a Say text personalised per recipient (an expression read for
 * every item, XML-escaped into the TwiML the node writes), one request per recipient at the
 * credential's Calls per Second (its most, 100) and 5 requests in flight, against the simulator:
 *   twilioNode:    Send Voice Campaign (the shipped dist/) in n8n-core
 *   twilioCeiling: a plain undici client sending the same personalised requests at the same pace
 *                  and concurrency, with nothing checked (the baseline)
 * Both are paced, so the wall-time ratio says whether the node keeps Twilio's pace while it
 * personalises every row; the CPU time per recipient says what that costs.
 */
import { Pool } from 'undici';

import type { INodeType } from 'n8n-workflow';

import { TwilioVoiceApi } from '../credentials/TwilioVoiceApi.credentials';
import { CALLS_PER_SECOND_FIELD } from '../nodes/providers/twilio/common';
import { runNode } from '../test/harness';
import { TWILIO_SIM, twilioCallsPath } from '../test/simulator/providers/twilio';

export const TWILIO_RECIPIENTS = Number(process.env.BENCH_TWILIO_RECIPIENTS ?? 1000);
const TWILIO_ROUNDS = Number(process.env.BENCH_TWILIO_ROUNDS ?? 3);
/** Twilio's most requests in flight for a campaign (TWILIO_CONCURRENCY). */
const TWILIO_CONCURRENCY = 5;
const CALLS_PER_SECOND = CALLS_PER_SECOND_FIELD.max;
const FROM = TWILIO_SIM.account.callerIds[0];
const TEXT = 'Hello {{ $json.name }}, your parcel {{ $json.parcel }} arrives today.';

/** Recipients whose names need escaping in TwiML. */
function recipients(count: number) {
	return Array.from({ length: count }, (_, i) => ({
		phone: `+447${String(900000000 + i)}`,
		name: `Customer ${i} & "Sons" <Ltd>`,
		parcel: `P-${i}`,
	}));
}

const ESCAPES: Record<string, string> = {
	'&': '&amp;',
	'<': '&lt;',
	'>': '&gt;',
	'"': '&quot;',
	"'": '&apos;',
};
const escapeXml = (text: string) => text.replace(/[&<>"']/g, (char) => ESCAPES[char]);

/**
 * The wall time and CPU time of a scenario's run; `run` may say when its measured part started
 * (the node: when n8n started it, as the campaign benchmark counts).
 */
async function measured(run: () => Promise<{ queued: number; startedAt?: number }>) {
	const cpu = process.cpuUsage();
	const started = Date.now();
	const { queued, startedAt = started } = await run();
	const wallMs = Date.now() - startedAt;
	const { user, system } = process.cpuUsage(cpu);
	return { wallMs, queued, cpuMs: (user + system) / 1000 };
}

async function twilioNode(url: string, count: number, concurrency: number) {
	const items = recipients(count);
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { SendVoiceCampaign } =
		require('../../dist/nodes/SendVoiceCampaign/SendVoiceCampaign.node.js') as {
			SendVoiceCampaign: new () => INodeType;
		};
	return measured(async () => {
		const result = await runNode({
			node: new SendVoiceCampaign(),
			parameters: {
				provider: 'twilio',
				to: '={{ $json.phone }}',
				from: FROM,
				twilioContent: 'say',
				text: `=${TEXT}`,
				campaign: { concurrency },
			},
			items,
			credentials: {
				twilioVoiceApi: {
					accountSid: TWILIO_SIM.account.sid,
					authType: 'authToken',
					authToken: TWILIO_SIM.account.authToken,
					baseUrl: url,
					callsPerSecond: CALLS_PER_SECOND,
				},
			},
			credentialTypes: [new TwilioVoiceApi()],
		});
		if (result.error) throw result.error;
		return {
			queued: result.items.filter((item) => item.json.status === 'queued').length,
			startedAt: result.runData['Send Voice Campaign'][0].startTime,
		};
	});
}

async function twilioCeiling(url: string, count: number, concurrency: number) {
	const items = recipients(count);
	const pool = new Pool(url, { connections: concurrency });
	const authorization = `Basic ${Buffer.from(`${TWILIO_SIM.account.sid}:${TWILIO_SIM.account.authToken}`).toString('base64')}`;
	const result = await measured(async () => {
		const interval = 1000 / CALLS_PER_SECOND;
		const first = Date.now();
		let queued = 0;
		let next = 0;
		const worker = async () => {
			while (next < items.length) {
				const index = next++;
				// The same pace as the node: starts spaced evenly to the calls per second.
				const wait = first + index * interval - Date.now();
				if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
				const item = items[index];
				const text = TEXT.replace('{{ $json.name }}', item.name).replace(
					'{{ $json.parcel }}',
					item.parcel,
				);
				const response = await pool.request({
					method: 'POST',
					path: twilioCallsPath(TWILIO_SIM.account.sid),
					headers: { authorization, 'content-type': 'application/x-www-form-urlencoded' },
					body: new URLSearchParams({
						To: item.phone,
						From: FROM,
						Twiml: `<Response><Say>${escapeXml(text)}</Say></Response>`,
					}).toString(),
				});
				const body = (await response.body.json()) as { status?: string };
				if (response.statusCode === 201 && body.status === 'queued') queued++;
			}
		};
		await Promise.all(Array.from({ length: concurrency }, worker));
		return { queued };
	});
	await pool.close();
	return result;
}

/** For bench/scenarios.ts: each runs in its own process. */
export const TWILIO_SCENARIOS = { twilioNode, twilioCeiling };

export interface TwilioMeasurement {
	scenario: string;
	recipients: number;
	wallMs: number;
	cpuMs: number;
	peakRssMb: number;
	queued: number;
}

/**
 * Runs both scenarios in alternation (`measure` starts one in its own process, after `reset`) and
 * returns the best round of each and the ratio.
 */
export async function runTwilioBenchmark(
	measure: (scenario: string, recipients: number, concurrency: number) => Promise<unknown>,
	reset: () => Promise<unknown>,
) {
	const runs: TwilioMeasurement[] = [];
	for (let round = 0; round < TWILIO_ROUNDS; round++) {
		for (const scenario of ['twilioCeiling', 'twilioNode']) {
			await reset();
			const result = (await measure(
				scenario,
				TWILIO_RECIPIENTS,
				TWILIO_CONCURRENCY,
			)) as TwilioMeasurement;
			if (result.queued !== TWILIO_RECIPIENTS)
				throw new Error(`${scenario}: ${result.queued} of ${TWILIO_RECIPIENTS} queued`);
			runs.push(result);
			console.log(
				`${scenario.padEnd(13)} round ${round + 1}: ${(result.wallMs / 1000).toFixed(2)} s, CPU ${(result.cpuMs / 1000).toFixed(2)} s`,
			);
		}
	}
	const best = (scenario: string) =>
		runs.filter((run) => run.scenario === scenario).reduce((a, b) => (b.wallMs < a.wallMs ? b : a));
	const row = (m: TwilioMeasurement) => ({
		wallSeconds: +(m.wallMs / 1000).toFixed(3),
		callsPerSecond: +(m.recipients / (m.wallMs / 1000)).toFixed(1),
		cpuMsPerRecipient: +(m.cpuMs / m.recipients).toFixed(3),
		peakRssMb: Math.round(m.peakRssMb),
	});
	const node = best('twilioNode');
	const ceiling = best('twilioCeiling');
	const results = {
		recipients: TWILIO_RECIPIENTS,
		callsPerSecond: CALLS_PER_SECOND,
		concurrency: TWILIO_CONCURRENCY,
		node: row(node),
		ceiling: row(ceiling),
		ratio: +(ceiling.wallMs / node.wallMs).toFixed(3),
	};
	return results;
}

export function printTwilioResults(results: Awaited<ReturnType<typeof runTwilioBenchmark>>) {
	console.log(
		`\nTwilio campaign, Say text per recipient: ${results.recipients.toLocaleString('en-US')} recipients at ${results.callsPerSecond} calls/s, ${results.concurrency} in flight:`,
	);
	console.table({ node: results.node, 'ceiling (same pace)': results.ceiling });
	console.log(`ratio node/ceiling (throughput at the same pace): ${results.ratio}`);
}
