import {
	NodeOperationError,
	type IDataObject,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { authenticityRule, RECEIPT_CREDENTIAL } from '../common/receiptAuthentication';
import { readReceiptRequest, triggerUrl } from '../common/receiptRequest';
import {
	EndedCalls,
	ReceiptMemory,
	receiveReceiptsInto,
	type ReceiptProviderChoice,
	type Remembered,
} from '../core/receipts';
import { isValidTimeZone } from '../core/time';
import { AUTHENTICITY_METHODS, RECEIPT_PARSERS } from '../providers/lists';
import { liveMemoryFor, memoryKey, persist, type LiveMemory } from './memoryStore';
import { maxReceiptAgeMs, type TriggerOptions } from './triggerOptions';

export const CREDENTIAL = RECEIPT_CREDENTIAL;

/** The response as far as the trigger watches it. */
interface WebhookResponse {
	statusCode: number;
	writableFinished?: boolean;
	once(event: 'close', listener: () => void): unknown;
	writeHead(status: number, headers: Record<string, string>): unknown;
	end(body: string): unknown;
}

/**
 * One request to the trigger's URL. A request that starts a run is answered by n8n once it has
 * created the run (in queue mode: once the run is on the queue), with the trigger's summary; if
 * n8n cannot create it, the provider gets an error and retries, and the trigger forgets the
 * receipts so that the retry is taken as new; a copy that arrives while the run is being created
 * is answered 503 with Retry-After. Requests that start no run (refused, or only duplicates and
 * filtered receipts) are answered by the trigger itself.
 */
export async function receive(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const request = await readReceiptRequest(this, triggerUrl(this));

	const options = this.getNodeParameter('options', {}) as TriggerOptions;
	const timeZone = (options.timeZone ?? '').trim() || 'UTC';
	if (!isValidTimeZone(timeZone)) {
		throw new NodeOperationError(this.getNode(), `"${timeZone}" is not a time zone`, {
			description: 'Use an IANA time zone name such as UTC, Europe/London or Asia/Kolkata.',
		});
	}

	const authenticity = await authenticityRule(this);
	const dropDuplicates = this.getNodeParameter('dropDuplicates', true) as boolean;
	const dropOutOfOrder = options.dropOutOfOrder === true;
	const staticData = this.getWorkflowStaticData('node');
	// From here to the update below, nothing awaits: no other request can interleave.
	const live =
		dropDuplicates || dropOutOfOrder
			? liveMemoryFor(memoryKey(this.getWorkflow().id, this.getNode().id), staticData)
			: undefined;
	const outcome = receiveReceiptsInto(
		request,
		(dropDuplicates ? live?.memory : undefined) ?? new ReceiptMemory(),
		{
			authenticity,
			provider: this.getNodeParameter('provider', 'auto') as ReceiptProviderChoice,
			statuses: this.getNodeParameter('statuses', []) as string[],
			finalOnly: this.getNodeParameter('finalOnly', false) as boolean,
			dedupe: dropDuplicates
				? {
						capacity: options.duplicateMemory,
						windowMs:
							options.duplicateWindowMinutes === undefined
								? undefined
								: options.duplicateWindowMinutes * 60000,
					}
				: false,
			dropOutOfOrder,
			maxAgeMs: maxReceiptAgeMs(options, this.getNode().typeVersion),
			inProgress: live?.inProgress,
			timeZone,
			includeRaw: options.includeRaw === true,
			parsers: RECEIPT_PARSERS,
			signatures: AUTHENTICITY_METHODS,
		},
		live?.ended ?? new EndedCalls(),
	);

	const response = this.getResponseObject() as unknown as WebhookResponse;
	if (outcome.status !== 200 || outcome.events.length === 0) {
		// No run: n8n saves static data as this request is answered, so the memory goes there now.
		if (live && outcome.status === 200 && outcome.memoryChanged && dropDuplicates)
			persist(live, staticData);
		const headers: Record<string, string> = { 'Content-Type': 'application/json; charset=utf-8' };
		if (outcome.status === 503) headers['Retry-After'] = String(outcome.retryAfterSeconds);
		response.writeHead(outcome.status, headers);
		response.end(JSON.stringify(outcome.body));
		return { noWebhookResponse: true };
	}

	// A run: n8n answers (with `webhookResponse`) once the run exists. Static data changed here is
	// not saved then (n8n's runner re-wraps the same object first, resetting its change flag):
	// the run writes the memory instead (run.ts).
	if (live) forgetUnlessTaken(response, live, outcome.remembered);
	return {
		webhookResponse: outcome.body,
		workflowData: [this.helpers.returnJsonArray(outcome.events as unknown as IDataObject[])],
	};
}

/**
 * A receipt is taken when its answer went out 2xx (n8n answers once the run exists). Otherwise
 * (n8n could not create the run, or the sender hung up first) its retry must be taken as new.
 * Until then it is in progress: a copy arriving meanwhile is answered 503, not 200.
 */
function forgetUnlessTaken(
	response: WebhookResponse,
	live: LiveMemory,
	remembered: Remembered,
): void {
	for (const eventId of remembered.eventIds) live.inProgress.add(eventId);
	response.once('close', () => {
		for (const eventId of remembered.eventIds) live.inProgress.delete(eventId);
		if (
			response.writableFinished === true &&
			response.statusCode >= 200 &&
			response.statusCode < 300
		)
			return;
		live.memory.forget(remembered.eventIds);
		live.ended.forget(remembered.endedCalls);
	});
}
