import { sleep, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import type { ReceiptEvent } from '../core/events';
import type { ProcessedStore } from '../core/receipts';
import { combinerFor, memoryKey, persistFromRun } from './memoryStore';
import { DEFAULT_STORE_ENTRIES, type TriggerOptions } from './triggerOptions';

/** In the warning logged when a lock is broken as stale (the end-to-end tests look for it). */
export const STALE_LOCK_WARNING = 'held for more than 15 s';

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
	const store: ProcessedStore = {
		checkAndRecord: async (values, scope, entries) =>
			(await this.helpers.checkProcessedAndRecord(values, scope, {
				mode: 'entries',
				maxEntries: entries,
			})) as { new: string[]; processed: string[] },
		clear: async (scope) => await this.helpers.clearAllProcessedItems(scope, { mode: 'entries' }),
	};
	const combiner = combinerFor(`${key}|${maxEntries}`, { maxEntries, sleep });
	const { verdicts, stats } = await combiner.decide(
		store,
		items.map((item) => item.json as unknown as ReceiptEvent),
	);
	const duplicates = verdicts.filter((verdict) => verdict === 'duplicate').length;
	this.logger.debug('Voice Receipt Trigger: checked across processes', {
		...stats,
		duplicates,
		kept: verdicts.length - duplicates,
	});
	if (stats.staleLocksBroken > 0) {
		// Rare by design (a holder that died); if the holder was only slow, a copy may have passed twice.
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
