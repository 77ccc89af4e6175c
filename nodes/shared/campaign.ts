import type { z } from 'zod';

import { normaliseNumber } from './phone';
import type { Recipient } from './providers/types';
import { checkInput } from './validation';

/** One input row of a campaign as the node read it. */
export interface CampaignEntry {
	index: number;
	number: unknown;
	correlationId?: unknown;
	/** Provider-specific per-recipient fields (InnoPaaS template variables). */
	extra?: Record<string, unknown>;
}

/** What planning decided for one input row, before anything is sent. */
export type PlannedRow =
	| { index: number; status: 'pending'; recipient: Recipient }
	| { index: number; status: 'invalid'; to: string; reason: string }
	| { index: number; status: 'duplicate'; to: string; reason: string; duplicateOf: number };

export interface PlanOptions {
	/** ISO 3166-1 alpha-2 country for national numbers. */
	defaultCountry?: string;
	/** Keep only the first row of each number. */
	removeDuplicates: boolean;
	recipientSchema: z.ZodType<Recipient, z.ZodTypeDef, unknown>;
}

const given = (value: unknown): string => (value === undefined || value === null ? '' : String(value).trim());

/**
 * Decides for every input row whether it is called, invalid (with the reason) or a duplicate of an
 * earlier row. Rows keep their input index, so every input ends in exactly one output row.
 */
export function planRecipients(entries: CampaignEntry[], options: PlanOptions): PlannedRow[] {
	const firstRowOf = new Map<string, number>();
	return entries.map((entry): PlannedRow => {
		const number = normaliseNumber(entry.number, options.defaultCountry);
		if (!number.ok) {
			return { index: entry.index, status: 'invalid', to: given(entry.number), reason: `to "${given(entry.number)}" ${number.reason}` };
		}
		const earlier = firstRowOf.get(number.e164);
		if (options.removeDuplicates && earlier !== undefined) {
			return {
				index: entry.index,
				status: 'duplicate',
				to: number.e164,
				duplicateOf: earlier,
				reason: `same number as input row ${earlier + 1}; called once`,
			};
		}
		const recipient = checkInput(options.recipientSchema, { ...entry.extra, to: number.e164, correlationId: entry.correlationId });
		if (!recipient.ok) return { index: entry.index, status: 'invalid', to: number.e164, reason: recipient.error.message };
		firstRowOf.set(number.e164, entry.index);
		return { index: entry.index, status: 'pending', recipient: recipient.value };
	});
}

/** Groups by key in order of first appearance; without a key, everything is one group. */
export function groupBy<T>(list: readonly T[], key?: (entry: T) => string): T[][] {
	if (key === undefined) return list.length > 0 ? [[...list]] : [];
	const groups = new Map<string, T[]>();
	for (const entry of list) {
		const name = key(entry);
		const group = groups.get(name);
		if (group === undefined) groups.set(name, [entry]);
		else group.push(entry);
	}
	return [...groups.values()];
}

export function chunk<T>(list: readonly T[], size: number): T[][] {
	const chunks: T[][] = [];
	for (let start = 0; start < list.length; start += size) chunks.push(list.slice(start, start + size));
	return chunks;
}

/** Counts per value, e.g. per status, for a summary that reconciles with the input count. */
export function tally<T extends string>(values: readonly T[]): Record<string, number> {
	const counts: Record<string, number> = {};
	for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
	return counts;
}
