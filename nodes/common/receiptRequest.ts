import type { IWebhookFunctions } from 'n8n-workflow';

import type { ReceiptRequest } from '../core/receipts';

/** The request as n8n hands it to a webhook (an express request; n8n 2.x has read the raw body). */
interface WebhookRequest {
	headers: Record<string, string | string[] | undefined>;
	query?: Record<string, unknown>;
	body?: unknown;
	rawBody?: Buffer;
	readRawBody?: () => Promise<void>;
	/** Path and query string as received (express); `url` may have been cut by a router. */
	originalUrl?: string;
	url?: string;
}

/**
 * The URL as the provider called it, for signatures over the URL: n8n's public URL of this
 * webhook (its WEBHOOK_URL form: what the user gave the provider) with the query string exactly as
 * received. Undefined when n8n gives no public URL.
 */
export function calledUrl(
	publicUrl: string | undefined,
	request: WebhookRequest,
): string | undefined {
	if (typeof publicUrl !== 'string' || publicUrl === '') return undefined;
	const received = request.originalUrl ?? request.url ?? '';
	const query = received.indexOf('?');
	const base = publicUrl.split('?')[0];
	return query < 0 ? base : `${base}${received.slice(query)}`;
}

/**
 * A receipt request as the core reads it: headers, query, the raw body (read if n8n did not),
 * n8n's parse of it, and the full URL the provider called (`publicUrl` plus the query as received).
 */
export async function readReceiptRequest(
	context: IWebhookFunctions,
	publicUrl: string | undefined,
): Promise<ReceiptRequest> {
	const request = context.getRequestObject() as unknown as WebhookRequest;
	if (request.rawBody === undefined && typeof request.readRawBody === 'function')
		await request.readRawBody();
	return {
		headers: request.headers,
		query: request.query,
		rawBody: request.rawBody,
		body: request.body,
		contentType: request.headers['content-type'],
		url: calledUrl(publicUrl, request),
	};
}

/**
 * The trigger's public URL for this request: its test URL while n8n listens for a test event
 * (n8n 2.x says which), otherwise its production URL.
 */
export function triggerUrl(context: IWebhookFunctions): string | undefined {
	const resource = (context as Partial<Pick<IWebhookFunctions, 'getWebhookResourceUrl'>>)
		.getWebhookResourceUrl;
	return typeof resource === 'function'
		? resource.call(context, 'default')
		: context.getNodeWebhookUrl('default');
}

/**
 * The resume URL of a waiting "Call and Wait for Outcome" as the provider was given it:
 * …/webhook-waiting/<execution>/<node>, the query (n8n's signature) as received added by
 * calledUrl. n8n 2.x's `$execution.resumeUrl` carries a signature query of its own: it is dropped
 * here, or the node id would land inside the query.
 */
export function resumeUrlOf(context: IWebhookFunctions): string | undefined {
	let base: unknown;
	try {
		base = context.evaluateExpression('{{ $execution.resumeUrl }}', 0);
	} catch {
		return undefined; // no URL: a signature over it then fails closed
	}
	return typeof base === 'string' && base !== ''
		? `${base.split('?')[0]}/${encodeURIComponent(context.getNode().id)}`
		: undefined;
}
