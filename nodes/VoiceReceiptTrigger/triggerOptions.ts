import type { INodePropertyOptions } from 'n8n-workflow';

import { CALL_STATUSES } from '../core/events';
import { AUTHENTICITY_METHODS, PROVIDERS } from '../providers/registry';

const byName = (a: INodePropertyOptions, b: INodePropertyOptions) => a.name.localeCompare(b.name);

/** The trigger's Provider option: detection, then every registered provider. */
export const PROVIDER_OPTIONS: INodePropertyOptions[] = [
	{
		name: 'Detect From Payload',
		value: 'auto',
		description: 'Recognise each receipt by its shape; one URL can serve every provider',
	},
	...PROVIDERS.map((provider) => ({ name: provider.displayName, value: provider.id, description: provider.receiptsDescription })).sort(byName),
];

/** The secrets every provider can send, and the signatures providers offer (their signature.ts). */
export const AUTHENTICATION_OPTIONS: INodePropertyOptions[] = [
	{
		name: 'Basic Auth',
		value: 'basicAuth',
		description:
			'The provider sends a user and password in the Authorization header (many accept them in the URL: https://user:password@…)',
	},
	{
		name: 'Header Secret',
		value: 'headerSecret',
		description: 'The provider sends the secret in a request header',
	},
	{
		name: 'None',
		value: 'none',
		description: 'Accept any request to this URL',
	},
	{
		name: 'Query Secret',
		value: 'querySecret',
		description: 'The secret is part of the URL you give the provider, e.g. …/voice-receipts?secret=…',
	},
	...AUTHENTICITY_METHODS.map((method) => ({ name: method.name, value: method.kind, description: method.description })),
].sort(byName);

/** Every Authentication option that needs the credential. */
export const WITH_CREDENTIAL = AUTHENTICATION_OPTIONS.map((option) => option.value as string).filter((value) => value !== 'none');

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

export const STATUS_OPTIONS: INodePropertyOptions[] = CALL_STATUSES.map((status) => ({ name: STATUS_LABELS[status], value: status }));

/** The trigger's Options collection. */
export interface TriggerOptions {
	timeZone?: string;
	includeRaw?: boolean;
	duplicateWindowMinutes?: number;
	duplicateMemory?: number;
	dropOutOfOrder?: boolean;
	/** Check every event against n8n's deduplication store in the run (queue mode). */
	checkAcrossProcesses?: boolean;
	/** Most values n8n's store keeps for this trigger. */
	acrossProcessesMemory?: number;
}

/** Default of Options → Cross-Process Memory Size: receipts (and ended calls) n8n's store keeps. */
export const DEFAULT_STORE_ENTRIES = 10_000;
