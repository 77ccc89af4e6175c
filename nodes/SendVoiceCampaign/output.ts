import type { INodeExecutionData } from 'n8n-workflow';

import type { DeliveryResult } from '../common/results';
import { tally, type RefusedRow } from '../core/campaign';
import { countsAsPlaced } from '../core/guardrails';
import { recipientRow, type RecipientRow } from '../core/recipientRow';
import type { CampaignSettings } from './settings';

/** One output row of a campaign: the recipient row plus where it went. */
export type CampaignRow = RecipientRow & {
	batchIndex: number | null;
	campaignId: string | null;
	/** Sent for the Calling Window's next opening (Schedule): that time, ISO in UTC. */
	scheduledFor?: string;
};

/**
 * A sent batch's rows. A batch the provider refused is "rejected"; one that never reached it
 * (unreachable, or no access token) stays "failed".
 */
export function batchRows(result: DeliveryResult, batchIndex: number): CampaignRow[] {
	const refusedByProvider =
		result.failure !== null && result.failure.httpStatus !== 0 && result.failure.notSent !== true;
	return result.rows.map((recipientRow) => {
		// Completed in place: a campaign makes 100,000 of them.
		const row = recipientRow as CampaignRow;
		if (refusedByProvider) row.status = 'rejected';
		row.batchIndex = batchIndex;
		row.campaignId = result.campaignId;
		return row;
	});
}

/** The row of a recipient that was not sent: invalid or a duplicate. */
export function refusedRow(provider: string, row: RefusedRow, requestedAt: string): CampaignRow {
	return {
		...recipientRow({ provider, status: row.status, to: row.to, message: row.reason, requestedAt }),
		batchIndex: null,
		campaignId: null,
		...row.fields,
	};
}

/** Rows in input order, or one summary item whose totals reconcile with the input count. */
export function campaignOutput(
	rows: CampaignRow[],
	settings: CampaignSettings,
): INodeExecutionData[] {
	if (settings.output !== 'summary') {
		return rows.map((json, index) => ({ json, pairedItem: { item: index } }));
	}
	const ids = (values: Array<string | null>) => [
		...new Set(values.filter((id): id is string => id !== null)),
	];
	const campaignIds = ids(rows.map((row) => row.campaignId));
	return [
		{
			json: {
				provider: rows[0]?.provider ?? null,
				total: rows.length,
				statuses: tally(rows.map((row) => row.status)),
				// Never dialled, by the Compliance setting: apart from the calls placed.
				suppressed: rows.filter((row) => row.status === 'suppressed').length,
				outsideWindow: rows.filter((row) => row.status === 'outside-window').length,
				// Sent for a later opening (Schedule): how many for each time.
				scheduledFor: tally(
					rows.flatMap((row) =>
						typeof row.scheduledFor === 'string' && countsAsPlaced(row) ? [row.scheduledFor] : [],
					),
				),
				batches: new Set(rows.map((row) => row.batchIndex).filter((batch) => batch !== null)).size,
				campaignId: campaignIds[0] ?? null,
				campaignIds,
				messageIds: ids(rows.map((row) => row.messageId)),
			},
			pairedItem: rows.map((_, index) => ({ item: index })),
		},
	];
}
