/**
 * npm run bench:n8n:campaign: a campaign's cost per recipient in a real n8n, against n8n's floor.
 *
 * One n8n start (default settings) with the packed package installed; the simulator in its own
 * process. One workflow: a Manual Trigger, a Code node making N contacts ({ phone, id }), and its
 * items going, side by side in the same execution, into n8n's No Operation node (the floor), an
 * Edit Fields node making one row per item (`to` from the item's phone, a fixed status: a minimal
 * row-making node) and Send Voice Campaign (Webex Connect Make Call v2 against the simulator, no
 * Calling Window, no Do-Not-Call list, `to` by expression as users map it). Each node's own time is
 * its `executionTime` in the saved execution's run data. Two copies of the workflow run the three
 * nodes in opposite orders and alternate round by round (n8n's v1 order runs sibling branches by
 * position). One unmeasured warm-up run per size, then BENCH_N8N_ROUNDS rounds (5 by default).
 *
 * Then the whole-execution measure of bench/campaignWholeRuns.ts: a workflow per node, each run's
 * wall time in n8n, as issue 23 measured the floor.
 *
 * BENCH_CAMPAIGN_SIZES (default "10000,100000") sets the sizes; BENCH_N8N_MEASURES (default
 * "side,whole") the measures; BENCH_N8N_CPU_PROF=<dir> starts n8n with --cpu-prof into that
 * folder (the profile is written when n8n stops). Not a test: no bound is checked, nothing runs
 * in jest.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';

import { N8N_VERSION, startN8n, type N8nInstance } from '../test/support/n8n';
import { packPackage } from '../test/support/pack';
import {
	CAMPAIGN,
	contactsCode,
	finishedExecution,
	fixedAssignment,
	FLOOR,
	log,
	measuredNode,
	measureWholeRuns,
	printWholeRuns,
	round3,
	ROWS,
	shown,
	spread,
	workflowNode,
	type WholeRunResult,
} from './campaignWholeRuns';
import { resultsFile, saveResults } from './output';
import { BENCH_KEY, spawnSimulator } from './simulator';

const SIZES = (process.env.BENCH_CAMPAIGN_SIZES ?? '10000,100000').split(',').map(Number);
const ROUNDS = Number(process.env.BENCH_N8N_ROUNDS ?? 5);
const CPU_PROF = process.env.BENCH_N8N_CPU_PROF;
/** Which measures run: "side" (side by side in one execution), "whole" (whole executions), or both. */
const MEASURES = (process.env.BENCH_N8N_MEASURES ?? 'side,whole').split(',');

/** Above this many contacts the Edit Fields node with an expression is left out: about 1 ms an item. */
const EXPRESSION_MAX = Number(process.env.BENCH_EXPRESSION_MAX ?? 10_000);
const ROWS_BY_EXPRESSION = 'Edit Fields (expression)';
type Measured = string;
const measuredNodes = (count: number): Measured[] => [
	FLOOR,
	ROWS,
	...(count <= EXPRESSION_MAX ? [ROWS_BY_EXPRESSION] : []),
	CAMPAIGN,
];

interface Round {
	round: number;
	order: Measured[];
	ms: Record<Measured, number>;
}

function workflow(
	count: number,
	order: readonly Measured[],
	credential: { id: string; name: string },
) {
	const at = (name: Measured) => [600, order.indexOf(name) * 200];
	return {
		name: `Campaign of ${count} against the floor (${order.join(', ')})`,
		nodes: [
			workflowNode('Start', 'n8n-nodes-base.manualTrigger', 1, [0, 200], {}),
			workflowNode('Contacts', 'n8n-nodes-base.code', 2, [300, 200], {
				jsCode: contactsCode(count),
			}),
			measuredNode(FLOOR, at(FLOOR), credential),
			measuredNode(ROWS, at(ROWS), credential),
			// The same row as users often map it: `to` by expression, evaluated by n8n per item.
			...(order.includes(ROWS_BY_EXPRESSION)
				? [
						workflowNode(ROWS_BY_EXPRESSION, 'n8n-nodes-base.set', 3.4, at(ROWS_BY_EXPRESSION), {
							assignments: {
								assignments: [
									fixedAssignment('to', '={{ $json.phone }}'),
									fixedAssignment('status', 'queued'),
								],
							},
							options: {},
						}),
					]
				: []),
			measuredNode(CAMPAIGN, at(CAMPAIGN), credential),
		],
		connections: {
			Start: { main: [[{ node: 'Contacts', type: 'main', index: 0 }]] },
			Contacts: { main: [order.map((name) => ({ node: name, type: 'main', index: 0 }))] },
		},
	};
}

/** Runs the workflow once; each measured node's executionTime, in the order n8n ran them. */
async function runOnce(n8n: N8nInstance, workflowId: string, count: number) {
	const executionId = await n8n.runWorkflow(workflowId, 'Start');
	log(`execution ${executionId} started`);
	const execution = await finishedExecution(n8n, executionId, true);
	log(`execution ${executionId} finished`);
	const runData = execution.data.resultData.runData as Record<
		string,
		Array<{
			startTime: number;
			executionTime: number;
			data?: { main: Array<Array<{ json: any }>> };
		}>
	>;
	if (execution.data.resultData.error)
		throw new Error(`execution ${executionId}: ${JSON.stringify(execution.data.resultData.error)}`);
	const nodes = measuredNodes(count);
	for (const name of nodes) {
		const out = runData[name]?.[0]?.data?.main[0] ?? [];
		const wrong = name === CAMPAIGN && out.some((item) => item.json.status !== 'queued');
		if (out.length !== count || wrong)
			throw new Error(
				`${name} gave ${out.length} items of ${count}${wrong ? ', not all queued' : ''}`,
			);
	}
	await n8n.api('DELETE', `/executions/${executionId}`);
	const order = [...nodes].sort((a, b) => runData[a][0].startTime - runData[b][0].startTime);
	const ms = Object.fromEntries(nodes.map((name) => [name, runData[name][0].executionTime]));
	return { order, ms: ms as Record<Measured, number> };
}

async function measureSize(
	n8n: N8nInstance,
	simulatorUrl: string,
	credential: { id: string; name: string },
	count: number,
) {
	const orders = [measuredNodes(count), measuredNodes(count).reverse()];
	const ids: string[] = [];
	for (const order of orders)
		ids.push((await n8n.createWorkflow(workflow(count, order, credential))).id);
	const reset = () => fetch(`${simulatorUrl}/__sim/reset`, { method: 'POST' });
	await reset();
	await runOnce(n8n, ids[0], count);
	const rounds: Round[] = [];
	const loadBefore = os.loadavg()[0];
	for (let round = 1; round <= ROUNDS; round++) {
		await reset();
		const measured = await runOnce(n8n, ids[round % 2], count);
		rounds.push({ round, ...measured });
		log(
			`${count} contacts, round ${round} (${measured.order.join(' → ')}): ${JSON.stringify(measured.ms)} ms`,
		);
	}
	const per = (name: Measured) => spread(rounds.map((r) => r.ms[name]));
	const ratio = (name: Measured, to: Measured) =>
		spread(rounds.map((r) => r.ms[name] / Math.max(r.ms[to], 1)));
	const nodes = measuredNodes(count);
	const campaign = per(CAMPAIGN);
	const floor = per(FLOOR);
	return {
		contacts: count,
		rounds: ROUNDS,
		load: { before: round3(loadBefore), after: round3(os.loadavg()[0]) },
		ms: Object.fromEntries(nodes.map((name) => [name, per(name)])),
		/** Each node's time over No Operation's, and the campaign's over each row-making node's. */
		ratiosToFloor: Object.fromEntries(nodes.slice(1).map((name) => [name, ratio(name, FLOOR)])),
		campaignTo: Object.fromEntries(nodes.slice(1, -1).map((name) => [name, ratio(CAMPAIGN, name)])),
		microsecondsPerContact: Object.fromEntries(
			nodes.map((name) => [name, round3((per(name).median * 1000) / count)]),
		),
		microsecondsPerContactAboveFloor: round3(((campaign.median - floor.median) * 1000) / count),
		runs: rounds,
	};
}

type SizeResult = Awaited<ReturnType<typeof measureSize>>;

function print(results: SizeResult[]): void {
	console.log(
		`\nCampaign against n8n's floor in a real n8n ${N8N_VERSION} (defaults; ${os.cpus().length} cores, shared): ` +
			`each node's executionTime in the same execution, ms, median (lowest–highest) over ${ROUNDS} alternating rounds:`,
	);
	for (const r of results) {
		console.log(`\n${r.contacts} contacts (load ${r.load.before} → ${r.load.after}):`);
		console.table(
			Object.fromEntries(
				Object.entries(r.ms).map(([name, ms]) => [
					name,
					{
						ms: shown(ms),
						'µs/contact': r.microsecondsPerContact[name],
						'/ No Operation': name === FLOOR ? '-' : shown(r.ratiosToFloor[name]),
						'campaign / this': name in r.campaignTo ? shown(r.campaignTo[name]) : '-',
					},
				]),
			),
		);
	}
	console.log('Ratios: median (range) of the ratio within each execution.');
}

async function main() {
	const file = resultsFile();
	const scratch = await mkdtemp(path.join(os.tmpdir(), 'n8n-outbound-voice-bench-campaign-'));
	const simulator = await spawnSimulator();
	const results: SizeResult[] = [];
	const wholeRuns: WholeRunResult[] = [];
	const reset = () => fetch(`${simulator.url}/__sim/reset`, { method: 'POST' });
	try {
		const tarball = process.env.BENCH_N8N_TARBALL ?? (await packPackage(scratch));
		const n8n = await startN8n({
			packageTarball: tarball,
			logFile: process.env.BENCH_N8N_LOG ?? path.join(scratch, 'n8n.log'),
			env: CPU_PROF ? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${path.resolve(CPU_PROF)}` } : {},
		});
		try {
			const credential = await n8n.createCredential('Webex (simulator)', 'webexConnectApi', {
				apiKey: BENCH_KEY,
				region: 'eu',
				baseUrl: simulator.url,
			});
			for (const count of SIZES) {
				if (MEASURES.includes('side'))
					results.push(await measureSize(n8n, simulator.url, credential, count));
				if (MEASURES.includes('whole'))
					wholeRuns.push(await measureWholeRuns(n8n, reset, credential, count, ROUNDS));
			}
		} finally {
			await n8n.stop();
		}
	} finally {
		simulator.stop();
		await rm(scratch, { recursive: true, force: true });
	}
	if (results.length > 0) print(results);
	if (wholeRuns.length > 0) printWholeRuns(wholeRuns);
	saveResults(
		{
			campaignInN8n: {
				n8n: N8N_VERSION,
				measuredAt: new Date().toISOString(),
				results,
				wholeRuns,
			},
		},
		file,
	);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
