import { randomUUID } from 'crypto';
import {
	NodeOperationError,
	sleep,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';

import type { ReceiptEvent } from '../core/events';
import { DEFAULT_STORE_CALL_MS, type ProcessedStore } from '../core/receipts';
import { combinerFor, memoryKey, persistFromRun } from './memoryStore';
import { DEFAULT_STORE_ENTRIES, type TriggerOptions } from './triggerOptions';

/** In the warning logged when a lock is broken as stale (the end-to-end tests look for it). */
export const STALE_LOCK_WARNING = 'unchanged for the stale interval';

/**
 * The trigger's step in the run its webhook started (n8n runs a start node's `execute` with the
 * events the webhook returned). It writes the process memory to static data (n8n saves what a run
 * changed) and, with Check Across Processes, passes on only the events n8n's deduplication store
 * has not recorded for this trigger: the store is shared by every process of the instance, and
 * the decision is taken under a lock (core/receipts/cluster.ts). Test runs (manual mode) skip the
 * store, so that test receipts never mark production ones as seen.
 */
export async function takeEvents(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const key = memoryKey(this.getWorkflow().id, this.getNode().id);
	persistFromRun(key, this.getWorkflowStaticData('node'));
	const options = this.getNodeParameter('options', 0, {}) as TriggerOptions;
	const passOn = (keep: (index: number) => boolean) => [
		items.flatMap((item, index) =>
			keep(index) ? [{ json: item.json, pairedItem: item.pairedItem ?? { item: index } }] : [],
		),
	];
	if (options.checkAcrossProcesses !== true || this.getMode() === 'manual' || items.length === 0)
		return passOn(() => true);

	const maxEntries = Math.max(
		100,
		Math.floor(options.acrossProcessesMemory ?? DEFAULT_STORE_ENTRIES),
	);
	// The trigger's own row (`node` scope) only: the `workflow` scope is every node's.
	const store: ProcessedStore = {
		checkAndRecord: async (values, entries) =>
			(await this.helpers.checkProcessedAndRecord(values, 'node', {
				mode: 'entries',
				maxEntries: entries,
			})) as { new: string[]; processed: string[] },
		count: async () => await this.helpers.getProcessedDataCount('node', { mode: 'entries' }),
	};
	const storeCallMs = options.storeCallLimitMs ?? DEFAULT_STORE_CALL_MS;
	const combiner = combinerFor(`${key}|${maxEntries}|${storeCallMs}`, {
		maxEntries,
		storeCallMs,
		sleep,
	});
	let decided;
	try {
		decided = await combiner.decide(
			store,
			items.map((item) => item.json as unknown as ReceiptEvent),
			// The same when n8n runs this execution again after its worker died.
			this.getExecutionId() ?? randomUUID(),
		);
	} catch (error) {
		// By now n8n has answered the provider: the run fails with the events in its input, an
		// error execution to retry from the Executions list. Nothing is passed on or dropped silently.
		throw new NodeOperationError(this.getNode(), error as Error, {
			description: `Check Across Processes could not decide ${items.length} event(s) on n8n's deduplication store, so none was passed on. They are in this execution's input: retry it from the Executions list once the database answers again.`,
		});
	}
	const { verdicts, stats } = decided;
	const duplicates = verdicts.filter((verdict) => verdict === 'duplicate').length;
	this.logger.debug('Voice Receipt Trigger: checked across processes', {
		...stats,
		duplicates,
		kept: verdicts.length - duplicates,
	});
	if (stats.staleLocksBroken > 0) {
		// Rare by design: a holder died, or broke the timing assumption (README, "Running at scale").
		this.logger.warn(
			`Voice Receipt Trigger: broke a stale lock on n8n's deduplication store (${STALE_LOCK_WARNING})`,
			{ ...stats },
		);
	}
	if (duplicates > 0) {
		this.addExecutionHints({
			message: `Dropped ${duplicates} duplicate event(s) another process had already taken (Check Across Processes)`,
			location: 'outputPane',
		});
	}
	return passOn((index) => verdicts[index] === 'new');
}
