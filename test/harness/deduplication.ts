/**
 * n8n's deduplication store for in-process runs: what packages/cli/src/deduplication/
 * deduplication-helper.ts does against its `processed_data` table, kept in a Map, for mode
 * `entries`. Its behaviour under concurrency is kept too, since the trigger's check across
 * processes depends on it: a call reads the row, then (after `latencyMs`, standing for the database
 * round trips) writes it back whole with an UPDATE, so overlapping calls lose each other's values
 * (and a row deleted meanwhile stays deleted); the first call for a (workflow, context) row inserts
 * it, so of two concurrent first calls the second fails on the primary key; `maxEntries` 0 or
 * absent keeps every value; a value given twice in one call is new once (n8n looks it up in the
 * list it is appending to); `getProcessedDataCount` only reads. The real table is exercised by the
 * queue-mode end-to-end tests.
 */
import { createHash } from 'node:crypto';

import { DataDeduplicationService } from 'n8n-core';
import type {
	DeduplicationItemTypes,
	DeduplicationScope,
	ICheckProcessedContextData,
	ICheckProcessedOptions,
	IDataDeduplicator,
} from 'n8n-workflow';

interface Row {
	mode: string;
	data: string[];
}

const hash = (value: DeduplicationItemTypes) =>
	createHash('md5').update(value.toString()).digest('base64');
const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class HarnessDeduplicationStore implements IDataDeduplicator {
	/** Rows by `<workflowId>|<context>`, as JSON text (what the database returns). */
	readonly rows = new Map<string, string>();
	/** Time between a call's read and its write. */
	latencyMs = 0;
	/** Calls made, for tests that count queries. */
	calls = 0;
	/** Makes the next calls fail, as a database that went away. */
	failing: Error | undefined;

	private key(scope: DeduplicationScope, contextData: ICheckProcessedContextData): string {
		if (scope === 'node' && !contextData.node)
			throw new Error("No node information has been provided and so cannot use scope 'node'");
		return `${contextData.workflow.id}|${scope === 'node' ? `n:${contextData.node!.id}` : ''}`;
	}

	async checkProcessedAndRecord(
		items: DeduplicationItemTypes[],
		scope: DeduplicationScope,
		contextData: ICheckProcessedContextData,
		options: ICheckProcessedOptions,
	) {
		this.calls++;
		if (this.failing) throw this.failing;
		if (options.mode !== 'entries') throw new Error('the harness store models mode "entries" only');
		const key = this.key(scope, contextData);
		const stored = this.rows.get(key);
		const hashed = items.map(hash);
		await delay(this.latencyMs);
		if (stored === undefined) {
			if (this.rows.has(key))
				throw new Error('duplicate key value violates unique constraint "PK_processed_data"');
			// n8n inserts the hashes as given (a value twice stays twice) and reports all new.
			this.rows.set(
				key,
				JSON.stringify({
					mode: options.mode,
					data: options.maxEntries ? hashed.slice(-options.maxEntries) : hashed,
				}),
			);
			return { new: items, processed: [] };
		}
		const row = JSON.parse(stored) as Row;
		if (row.mode !== options.mode)
			throw new Error('Deduplication data was originally saved with an incompatible setting');
		const known = new Set(row.data);
		const result = {
			new: [] as DeduplicationItemTypes[],
			processed: [] as DeduplicationItemTypes[],
		};
		hashed.forEach((value, index) => {
			if (known.has(value)) result.processed.push(items[index]);
			else {
				result.new.push(items[index]);
				row.data.push(value);
				known.add(value);
			}
		});
		if (options.maxEntries) row.data.splice(0, row.data.length - options.maxEntries);
		// An UPDATE: a row deleted meanwhile stays deleted.
		if (this.rows.has(key)) this.rows.set(key, JSON.stringify(row));
		return result;
	}

	async removeProcessed(
		items: DeduplicationItemTypes[],
		scope: DeduplicationScope,
		contextData: ICheckProcessedContextData,
	) {
		this.calls++;
		const key = this.key(scope, contextData);
		const stored = this.rows.get(key);
		if (stored === undefined) return;
		const row = JSON.parse(stored) as Row;
		await delay(this.latencyMs);
		for (const value of items.map(hash)) {
			const index = row.data.indexOf(value);
			if (index !== -1) row.data.splice(index, 1);
		}
		if (this.rows.has(key)) this.rows.set(key, JSON.stringify(row));
	}

	async clearAllProcessedItems(scope: DeduplicationScope, contextData: ICheckProcessedContextData) {
		this.calls++;
		this.rows.delete(this.key(scope, contextData));
	}

	async getProcessedDataCount(
		scope: DeduplicationScope,
		contextData: ICheckProcessedContextData,
		_options?: ICheckProcessedOptions,
	) {
		this.calls++;
		if (this.failing) throw this.failing;
		const stored = this.rows.get(this.key(scope, contextData));
		// A read only: what the row held when it was read, learnt a round trip later.
		await delay(this.latencyMs);
		return stored === undefined ? 0 : (JSON.parse(stored) as Row).data.length;
	}
}

let store: HarnessDeduplicationStore | undefined;

/** The store every in-process run uses (n8n initialises its service once per process). */
export function deduplicationStore(): HarnessDeduplicationStore {
	if (!store) {
		store = new HarnessDeduplicationStore();
		void DataDeduplicationService.init(store);
	}
	return store;
}
