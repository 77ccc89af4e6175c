/**
 * npm run bench: the campaign benchmark. Starts the simulator in its own process, then measures a
 * 100,000-recipient campaign through the node (n8n-core), through the package's adapters with a
 * plain undici client (the same checks, no n8n) and through a plain undici client alone (the
 * ceiling) in the same run, then a Twilio campaign with a Say text per recipient against the same
 * requests from a plain client at the same pace (bench/twilio.ts), and prints and saves the
 * ratios; then the receipt benchmark (bench/receipts.ts) and the Do-Not-Call one
 * (bench/doNotCall.ts). Not part of npm test. Figures go to bench/tmp/results.json, or with
 * --update to the tracked bench/results.json (see output.ts).
 */
import { spawn } from 'node:child_process';
import * as path from 'node:path';

import { doNotCallBenchmark } from './doNotCall';
import { resultsFile, saveResults } from './output';
import { printReceiptResults, runReceiptBenchmark } from './receipts';
import { spawnSimulator as startSimulator } from './simulator';
import { printTwilioResults, runTwilioBenchmark } from './twilio';

const RECIPIENTS = Number(process.env.BENCH_RECIPIENTS ?? 100_000);
const CONCURRENCY = 4;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);

interface Measurement {
	scenario: string;
	recipients: number;
	wallMs: number;
	peakRssMb: number;
	queued: number;
}

function measure(
	scenario: string,
	url: string,
	recipients = RECIPIENTS,
	concurrency = CONCURRENCY,
): Promise<Measurement> {
	const child = spawn(
		process.execPath,
		[path.join(__dirname, 'scenarios.js'), scenario, url, String(recipients), String(concurrency)],
		{
			stdio: ['ignore', 'pipe', 'inherit'],
		},
	);
	let output = '';
	child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
	return new Promise((resolve, reject) =>
		child.once('exit', (code) =>
			code === 0
				? resolve(JSON.parse(output) as Measurement)
				: reject(new Error(`${scenario} exited with ${code}`)),
		),
	);
}

async function main() {
	// Checked first: a mistyped option should not cost a four-minute run.
	const file = resultsFile();
	const simulator = await startSimulator();
	const reset = () => fetch(`${simulator.url}/__sim/reset`, { method: 'POST' });
	const runs: Measurement[] = [];
	let twilio;
	try {
		// Alternate the scenarios so drift on a shared machine hits both alike; keep the best of each.
		for (let round = 0; round < ROUNDS; round++) {
			for (const scenario of ['ceiling', 'adapters', 'node']) {
				await reset();
				const result = await measure(scenario, simulator.url);
				if (result.queued !== RECIPIENTS)
					throw new Error(`${scenario}: ${result.queued} of ${RECIPIENTS} queued`);
				runs.push(result);
				console.log(
					`${scenario.padEnd(8)} round ${round + 1}: ${(result.wallMs / 1000).toFixed(2)} s, peak RSS ${result.peakRssMb.toFixed(0)} MB`,
				);
			}
		}
		twilio = await runTwilioBenchmark(
			(scenario, n, c) => measure(scenario, simulator.url, n, c),
			reset,
		);
	} finally {
		simulator.stop();
	}
	const best = (scenario: string) =>
		runs.filter((run) => run.scenario === scenario).reduce((a, b) => (b.wallMs < a.wallMs ? b : a));
	const node = best('node');
	const adapters = best('adapters');
	const ceiling = best('ceiling');
	const row = (m: Measurement) => ({
		wallSeconds: +(m.wallMs / 1000).toFixed(3),
		recipientsPerSecond: Math.round(m.recipients / (m.wallMs / 1000)),
		peakRssMb: Math.round(m.peakRssMb),
	});
	const results = {
		measuredAt: new Date().toISOString(),
		machine: `${require('node:os').cpus().length} cores, Node ${process.version}`,
		campaign: {
			recipients: RECIPIENTS,
			batchSize: 1000,
			concurrency: CONCURRENCY,
			node: row(node),
			adapters: row(adapters),
			ceiling: row(ceiling),
			ratio: +(ceiling.wallMs / node.wallMs).toFixed(3),
			// The two parts of the gap: the package's own checks of every row, and what n8n adds.
			adaptersToCeiling: +(ceiling.wallMs / adapters.wallMs).toFixed(3),
			nodeToAdapters: +(adapters.wallMs / node.wallMs).toFixed(3),
		},
	};
	console.log(
		`\nCampaign of ${RECIPIENTS.toLocaleString('en-US')} recipients, ${CONCURRENCY} concurrent batches of 1,000:`,
	);
	console.table({
		node: results.campaign.node,
		'adapters, no n8n': results.campaign.adapters,
		ceiling: results.campaign.ceiling,
	});
	console.log(
		`ratio node/ceiling (throughput): ${results.campaign.ratio} (target ≥ 0.8); node peak RSS ${results.campaign.node.peakRssMb} MB (target < 1024)`,
	);
	console.log(
		`  adapters/ceiling ${results.campaign.adaptersToCeiling} (checking every row), node/adapters ${results.campaign.nodeToAdapters} (what n8n adds)`,
	);
	printTwilioResults(twilio);
	// The receipt benchmark (bench/receipts.ts): a real n8n, the trigger against the Webhook node.
	const receipts = await runReceiptBenchmark();
	printReceiptResults(receipts);
	saveResults({ ...results, twilio, receipts }, file);
	await doNotCallBenchmark(file);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
