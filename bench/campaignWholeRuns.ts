/**
 * bench:n8n:campaign's whole-execution measure, as issue 23 measured n8n's floor: one workflow per
 * node (Manual Trigger → Code making N contacts → No Operation | Edit Fields with a fixed value |
 * Send Voice Campaign), run one after another round by round, the order turned each round, each
 * execution's wall time taken from n8n (stoppedAt − startedAt). The ratios are taken within a
 * round, so a busy moment of the shared machine weighs on the three runs alike. Also the helpers
 * the side-by-side measure (campaignN8n.ts) shares.
 */
import { randomUUID } from 'node:crypto';
import * as os from 'node:os';

import { nodeType, waitFor } from '../test/support/e2e';
import type { N8nInstance } from '../test/support/n8n';
import { webexTts } from '../test/support/webexTts';

export const FLOOR = 'No Operation';
export const ROWS = 'Edit Fields';
export const CAMPAIGN = 'Send Voice Campaign';

export const median = (values: number[]) => {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = (sorted.length - 1) / 2;
	return (sorted[Math.floor(mid)] + sorted[Math.ceil(mid)]) / 2;
};
export const round3 = (value: number) => +value.toFixed(3);
export const spread = (values: number[]) => ({
	median: round3(median(values)),
	min: round3(Math.min(...values)),
	max: round3(Math.max(...values)),
});
export const shown = (s: ReturnType<typeof spread>) => `${s.median} (${s.min}–${s.max})`;
export const log = (message: string) => process.stderr.write(`[bench:n8n:campaign] ${message}\n`);

/** N distinct valid UK mobiles, each with an id, made by n8n's Code node. */
export const contactsCode = (count: number) =>
	`return Array.from({ length: ${count} }, (_, i) => ({ json: { phone: '+447911' + String(i).padStart(6, '0'), id: 'contact-' + i } }));`;

export const workflowNode = (
	name: string,
	type: string,
	typeVersion: number,
	position: number[],
	parameters: object,
) => ({ id: randomUUID(), name, type, typeVersion, position, parameters });

export const fixedAssignment = (name: string, value: string) => ({
	id: randomUUID(),
	name,
	value,
	type: 'string',
});

/** The three nodes measured, by name, at a position. */
export const measuredNode = (
	name: typeof FLOOR | typeof ROWS | typeof CAMPAIGN,
	position: number[],
	credential: { id: string; name: string },
) => {
	if (name === FLOOR) return workflowNode(FLOOR, 'n8n-nodes-base.noOp', 1, position, {});
	// A new row per item: the item's fields and a fixed status, no expression.
	if (name === ROWS)
		return workflowNode(ROWS, 'n8n-nodes-base.set', 3.4, position, {
			assignments: { assignments: [fixedAssignment('status', 'queued')] },
			includeOtherFields: true,
			options: {},
		});
	return {
		...workflowNode(CAMPAIGN, nodeType('sendVoiceCampaign'), 1, position, {
			...webexTts('Your appointment is tomorrow at nine.'),
			to: '={{ $json.phone }}',
		}),
		credentials: { webexConnectApi: credential },
	};
};

/** Waits for an execution to end; its saved record (with its run data when `withData`). */
export async function finishedExecution(n8n: N8nInstance, executionId: string, withData: boolean) {
	await waitFor(
		`execution ${executionId} to finish`,
		async () => {
			// A busy n8n may drop a kept-alive connection: asked again at the next poll.
			const answer = await n8n.api('GET', `/executions/${executionId}`).catch((error: Error) => {
				log(`polling execution ${executionId}: ${error.message}`);
				return undefined;
			});
			return Boolean(answer?.body?.finished || answer?.body?.stoppedAt);
		},
		{ timeoutMs: 600_000, intervalMs: 250 },
	);
	const query = withData ? '?includeData=true' : '';
	const { body } = await n8n.api('GET', `/executions/${executionId}${query}`);
	return body;
}

const WHOLE = [FLOOR, ROWS, CAMPAIGN] as const;
type Whole = (typeof WHOLE)[number];

/** Manual Trigger → Code (N contacts) → `name`, alone. */
const wholeWorkflow = (count: number, name: Whole, credential: { id: string; name: string }) => ({
	name: `Whole run of ${count} contacts into ${name}`,
	nodes: [
		workflowNode('Start', 'n8n-nodes-base.manualTrigger', 1, [0, 200], {}),
		workflowNode('Contacts', 'n8n-nodes-base.code', 2, [300, 200], { jsCode: contactsCode(count) }),
		measuredNode(name, [600, 200], credential),
	],
	connections: {
		Start: { main: [[{ node: 'Contacts', type: 'main', index: 0 }]] },
		Contacts: { main: [[{ node: name, type: 'main', index: 0 }]] },
	},
});

/** One whole run: its wall time in n8n (stoppedAt − startedAt), after checking its output. */
async function wholeRun(n8n: N8nInstance, workflowId: string, name: Whole, count: number) {
	const executionId = await n8n.runWorkflow(workflowId, 'Start');
	const execution = await finishedExecution(n8n, executionId, true);
	const { error, runData } = execution.data.resultData;
	if (error) throw new Error(`execution ${executionId}: ${JSON.stringify(error)}`);
	const out: Array<{ json: Record<string, unknown> }> = runData[name]?.[0]?.data?.main[0] ?? [];
	if (out.length !== count || (name === CAMPAIGN && out.some((i) => i.json.status !== 'queued')))
		throw new Error(`${name} (whole run) gave ${out.length} items of ${count}, or not all queued`);
	await n8n.api('DELETE', `/executions/${executionId}`);
	return Date.parse(execution.stoppedAt) - Date.parse(execution.startedAt);
}

/** The whole runs at one size: a warm-up of each, then `rounds` rounds, the order turned each round. */
export async function measureWholeRuns(
	n8n: N8nInstance,
	reset: () => Promise<unknown>,
	credential: { id: string; name: string },
	count: number,
	rounds: number,
) {
	const ids = {} as Record<Whole, string>;
	for (const name of WHOLE)
		ids[name] = (await n8n.createWorkflow(wholeWorkflow(count, name, credential))).id;
	for (const name of WHOLE) {
		await reset();
		await wholeRun(n8n, ids[name], name, count);
	}
	const loadBefore = os.loadavg()[0];
	const runs: Array<{ round: number; order: Whole[]; ms: Record<Whole, number> }> = [];
	for (let round = 1; round <= rounds; round++) {
		// Turned by one each round, and reversed every other: each node runs first, last and between.
		const turned = [...WHOLE.slice(round % 3), ...WHOLE.slice(0, round % 3)];
		const order = round % 2 === 0 ? turned.reverse() : turned;
		const ms = {} as Record<Whole, number>;
		for (const name of order) {
			await reset();
			ms[name] = await wholeRun(n8n, ids[name], name, count);
		}
		runs.push({ round, order, ms });
		log(
			`${count} contacts, whole runs, round ${round} (${order.join(' → ')}): ${JSON.stringify(ms)} ms`,
		);
	}
	const ratio = (a: Whole, b: Whole) => spread(runs.map((r) => r.ms[a] / Math.max(r.ms[b], 1)));
	return {
		contacts: count,
		rounds,
		load: { before: round3(loadBefore), after: round3(os.loadavg()[0]) },
		ms: Object.fromEntries(WHOLE.map((name) => [name, spread(runs.map((r) => r.ms[name]))])),
		campaignToFloor: ratio(CAMPAIGN, FLOOR),
		campaignToRows: ratio(CAMPAIGN, ROWS),
		rowsToFloor: ratio(ROWS, FLOOR),
		runs,
	};
}

export type WholeRunResult = Awaited<ReturnType<typeof measureWholeRuns>>;

export function printWholeRuns(results: WholeRunResult[]): void {
	console.log(
		`\nWhole executions (Manual Trigger → Code → one node), wall time in n8n (stoppedAt − startedAt), ms, median (lowest–highest); ratios within a round:`,
	);
	console.table(
		Object.fromEntries(
			results.map((r) => [
				`${r.contacts} contacts (load ${r.load.before} → ${r.load.after})`,
				{
					...Object.fromEntries(Object.entries(r.ms).map(([name, ms]) => [name, shown(ms)])),
					'campaign / No Operation': shown(r.campaignToFloor),
					'campaign / Edit Fields': shown(r.campaignToRows),
				},
			]),
		),
	);
}
