import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { authenticityRule } from '../common/receiptAuthentication';
import { readReceiptRequest, resumeUrlOf } from '../common/receiptRequest';
import { isRecord } from '../core/objects';
import { decideOnReceipt, outcomeRow, type PlacedCall } from '../core/outcome';
import type { ReceiptProviderChoice } from '../core/receipts';
import { recipientRow } from '../core/recipientRow';
import { isValidTimeZone } from '../core/time';
import { AUTHENTICITY_METHODS, PROVIDERS, RECEIPT_PARSERS } from '../providers/lists';
import { WAIT_AUTHENTICATION } from './waitProperties';

/** The call this execution waits for: the item callAndWait left as the node's input. */
interface AwaitedCall {
	call: PlacedCall;
	waitUntil: string | null;
}

/**
 * One request to the resume URL of a waiting "Call and Wait for Outcome". n8n has checked the
 * URL's signature (a wrong one is answered 401 before this runs). The receipt is read as the
 * Voice Receipt Trigger reads it; the call's first final event resumes the execution with the
 * call joined with that event. Anything else is answered at once and the run keeps waiting:
 * returning no workflowData leaves the execution as it was.
 */
export async function waitForOutcome(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const response = this.getResponseObject();
	const answer = (status: number, body: unknown) => {
		response.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
		response.end(JSON.stringify(body));
	};
	try {
		const request = await readReceiptRequest(this, resumeUrlOf(this));
		const timeZone =
			((this.getNodeParameter('receiptTimeZone', 'UTC') as string) ?? '').trim() || 'UTC';
		const awaited = awaitedCall(this);
		const decision = decideOnReceipt(
			request,
			// Without the awaited call (not expected), any call's final event ends the wait.
			awaited === null ? null : { ...awaited.call, waitUntil: awaited.waitUntil },
			{
				authenticity: await authenticityRule(this, WAIT_AUTHENTICATION),
				provider: receiptProviderOf(this.getNodeParameter('provider', '') as string),
				timeZone: isValidTimeZone(timeZone) ? timeZone : 'UTC',
				parsers: RECEIPT_PARSERS,
				signatures: AUTHENTICITY_METHODS,
			},
		);
		answer(decision.status, decision.body);
		if (decision.final === null) return { noWebhookResponse: true };
		const { event, dtmfDigits, matchedBy } = decision.final;
		const json = awaited
			? outcomeRow(awaited.call, event, awaited.waitUntil, dtmfDigits, matchedBy)
			: outcomeRow(
					recipientRow({
						provider: event.provider,
						status: 'unknown',
						messageId: event.messageId,
						correlationId: event.correlationId,
						to: event.to ?? '',
						requestedAt: event.receivedAt,
					}),
					event,
					null,
					dtmfDigits,
				);
		return {
			noWebhookResponse: true,
			workflowData: [[{ json: json as unknown as IDataObject, pairedItem: { item: 0 } }]],
		};
	} catch {
		// Never throw: n8n would resume the run with the error. The provider retries a 5xx.
		if (!response.headersSent)
			answer(500, {
				error: 'not-processed',
				message: 'The receipt could not be processed; the call is still awaited.',
			});
		return { noWebhookResponse: true };
	}
}

/** The call row the execution waits on, as n8n stored it with the waiting node (see callAndWait). */
function awaitedCall(context: IWebhookFunctions): AwaitedCall | null {
	const items = context.evaluateExpression('{{ $input.all() }}', 0);
	const first = Array.isArray(items)
		? (items[0] as { json?: unknown } | undefined)?.json
		: undefined;
	if (!isRecord(first) || first.outcome !== 'timeout' || !isRecord(first.call)) return null;
	const call = first.call as unknown as PlacedCall;
	return { call, waitUntil: typeof first.waitUntil === 'string' ? first.waitUntil : null };
}

/** The receipts a provider path gets are its provider's. */
function receiptProviderOf(pathId: string): ReceiptProviderChoice {
	return (
		PROVIDERS.find((provider) => provider.paths.some((path) => path.id === pathId))?.id ?? 'auto'
	);
}
