import type { INodePropertyOptions } from 'n8n-workflow';

import { CALL_STATUSES } from '../core/events';
import { DEFAULT_DEDUPE_WINDOW_MS } from '../core/receipts/memory';
import { PROVIDERS } from '../providers/lists';

const byName = (a: INodePropertyOptions, b: INodePropertyOptions) => a.name.localeCompare(b.name);

/** The trigger's Provider option: detection, then every registered provider. */
export const PROVIDER_OPTIONS: INodePropertyOptions[] = [
	{
		name: 'Detect From Payload',
		value: 'auto',
		description: 'Recognise each receipt by its shape; one URL can serve every provider',
	},
	...PROVIDERS.map((provider) => ({
		name: provider.displayName,
		value: provider.id,
		description: provider.receiptsDescription,
	})).sort(byName),
];

/** The Authentication options live in nodes/common: Make Voice Call's waiting webhook offers them too. */
export {
	AUTHENTICATION_OPTIONS,
	signatureCredentials,
	WITH_CREDENTIAL,
} from '../common/receiptAuthentication';

/** Words a newcomer recognises for each status of the event model. */
const STATUS_LABELS: Record<(typeof CALL_STATUSES)[number], string> = {
	queued: 'Queued (Accepted by the Provider, Not Dialled Yet)',
	initiated: 'Initiated (Dialling)',
	ringing: 'Ringing',
	answered: 'Answered',
	'agent-connected': 'Agent Connected',
	'agent-released': 'Agent Released',
	completed: 'Completed (Final)',
	busy: 'Busy (Final)',
	'no-answer': 'No Answer (Final)',
	rejected: 'Rejected (Final)',
	failed: 'Failed (Final)',
	expired: 'Expired (Final)',
	unknown: 'Unknown (A Status This Package Does Not Know Yet)',
};

export const STATUS_OPTIONS: INodePropertyOptions[] = CALL_STATUSES.map((status) => ({
	name: STATUS_LABELS[status],
	value: status,
}));

/** The trigger's Options collection. */
export interface TriggerOptions {
	timeZone?: string;
	includeRaw?: boolean;
	duplicateWindowMinutes?: number;
	/** Receipts time-stamped longer ago are stale; 0: no limit. */
	maxReceiptAgeMinutes?: number;
	duplicateMemory?: number;
	dropOutOfOrder?: boolean;
	/** Check every event against n8n's deduplication store in the run (queue mode). */
	checkAcrossProcesses?: boolean;
	/** Most values n8n's store keeps for this trigger. */
	acrossProcessesMemory?: number;
	/** Longest a call to n8n's store may take (the lock's timing assumption), ms. */
	storeCallLimitMs?: number;
}

/** Default of Options → Cross-Process Memory Size: receipts (and ended calls) n8n's store keeps. */
export const DEFAULT_STORE_ENTRIES = 10_000;

/**
 * The maximum receipt age in ms, or undefined for none. Version 1.1 and later: without the
 * option, the Duplicate Window (a replay is then remembered or too old). Version 1 nodes keep
 * their behaviour: no limit unless the option is set.
 */
export function maxReceiptAgeMs(options: TriggerOptions, typeVersion: number): number | undefined {
	const minutes =
		options.maxReceiptAgeMinutes ??
		(typeVersion >= 1.1
			? (options.duplicateWindowMinutes ?? DEFAULT_DEDUPE_WINDOW_MS / 60_000)
			: undefined);
	return minutes === undefined || !(minutes > 0) ? undefined : minutes * 60_000;
}
