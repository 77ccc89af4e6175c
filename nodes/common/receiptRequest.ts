import type { IWebhookFunctions } from 'n8n-workflow';

import type { ReceiptRequest } from '../core/receipts';

/** The request as n8n hands it to a webhook (an express request; n8n 2.x has read the raw body). */
interface WebhookRequest {
	headers: Record<string, string | string[] | undefined>;
	query?: Record<string, unknown>;
	body?: unknown;
	rawBody?: Buffer;
	readRawBody?: () => Promise<void>;
}

/** A receipt request as the core reads it: headers, query, the raw body (read if n8n did not) and n8n's parse of it. */
export async function readReceiptRequest(context: IWebhookFunctions): Promise<ReceiptRequest> {
	const request = context.getRequestObject() as unknown as WebhookRequest;
	if (request.rawBody === undefined && typeof request.readRawBody === 'function')
		await request.readRawBody();
	return {
		headers: request.headers,
		query: request.query,
		rawBody: request.rawBody,
		body: request.body,
		contentType: request.headers['content-type'],
	};
}
