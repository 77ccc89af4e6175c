import { NodeOperationError, type IDataObject, type IWebhookFunctions, type IWebhookResponseData } from 'n8n-workflow';

import { authenticityRule, RECEIPT_CREDENTIAL } from '../common/receiptAuthentication';
import { ReceiptMemory, receiveReceiptsInto, type ReceiptProviderChoice } from '../core/receipts';
import { isValidTimeZone } from '../core/time';
import { liveMemoryFor, persist } from './memoryStore';

export const CREDENTIAL = RECEIPT_CREDENTIAL;

/** The request as n8n 2.x hands it to a webhook (an express request; n8n has read the raw body). */
interface WebhookRequest {
	headers: Record<string, string | string[] | undefined>;
	query?: Record<string, unknown>;
	body?: unknown;
	rawBody?: Buffer;
	readRawBody?: () => Promise<void>;
}

interface TriggerOptions {
	timeZone?: string;
	includeRaw?: boolean;
	duplicateWindowMinutes?: number;
	duplicateMemory?: number;
}

/** One request to the trigger's URL: answered at once, and a run started with its fresh events. */
export async function receive(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const request = this.getRequestObject() as unknown as WebhookRequest;
	// n8n 2.x reads the raw body before calling the node; read it if a caller did not.
	if (request.rawBody === undefined && typeof request.readRawBody === 'function') await request.readRawBody();

	const options = this.getNodeParameter('options', {}) as TriggerOptions;
	const timeZone = (options.timeZone ?? '').trim() || 'UTC';
	if (!isValidTimeZone(timeZone)) {
		throw new NodeOperationError(this.getNode(), `"${timeZone}" is not a time zone`, {
			description: 'Use an IANA time zone name such as UTC, Europe/London or Asia/Kolkata.',
		});
	}

	const authenticity = await authenticityRule(this);
	const dropDuplicates = this.getNodeParameter('dropDuplicates', true) as boolean;
	const staticData = this.getWorkflowStaticData('node');
	// From here to the update below, nothing awaits: no other request can interleave.
	const live = dropDuplicates ? liveMemoryFor(`${this.getWorkflow().id ?? ''}:${this.getNode().id}`, staticData) : undefined;
	const outcome = receiveReceiptsInto(
		{ headers: request.headers, query: request.query, rawBody: request.rawBody, body: request.body, contentType: request.headers['content-type'] },
		live?.memory ?? new ReceiptMemory(),
		{
			authenticity,
			provider: this.getNodeParameter('provider', 'auto') as ReceiptProviderChoice,
			statuses: this.getNodeParameter('statuses', []) as string[],
			finalOnly: this.getNodeParameter('finalOnly', false) as boolean,
			dedupe: dropDuplicates
				? {
						capacity: options.duplicateMemory,
						windowMs: options.duplicateWindowMinutes === undefined ? undefined : options.duplicateWindowMinutes * 60000,
					}
				: false,
			timeZone,
			includeRaw: options.includeRaw === true,
		},
	);

	// n8n 2.41 saves workflow static data when the request is answered, but when a run starts
	// before that answer (its own "onReceived" answer waits for the run to be created) the
	// runner resets the change flag first and the memory of seen receipts would be lost. So
	// the node answers every request itself (noWebhookResponse), before any run starts.
	if (live && outcome.status === 200 && outcome.memoryChanged) persist(live, staticData);
	const response = this.getResponseObject();
	response.writeHead(outcome.status, { 'Content-Type': 'application/json; charset=utf-8' });
	response.end(JSON.stringify(outcome.body));

	// Without workflowData no run starts: not authentic (401), not a receipt (400), or every
	// receipt a duplicate or filtered out (200).
	if (outcome.status !== 200 || outcome.events.length === 0) return { noWebhookResponse: true };
	return { noWebhookResponse: true, workflowData: [this.helpers.returnJsonArray(outcome.events as unknown as IDataObject[])] };
}
