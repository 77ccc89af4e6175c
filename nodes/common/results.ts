import type { CallAdapter, ProviderOutcome, Recipient } from '../core/adapter';
import { recipientRow, type RecipientRow, type RecipientStatus } from '../core/recipientRow';
import type { Delivery } from './transport';

/**
 * A request the provider refused as a whole, to raise as NodeApiError unless Continue On Fail.
 * `notSent`: refused before it was sent (the credential's token endpoint said no).
 */
export type ProviderFailure = Extract<ProviderOutcome, { kind: 'error' }> & { notSent?: true };

/** What the node says of a failure: who refused what. */
export function failureTitle(adapter: CallAdapter, failure: ProviderFailure, what: string): string {
	return failure.notSent
		? `${adapter.displayName} did not issue an access token: ${failure.message} (code ${failure.code})`
		: `${adapter.displayName} refused ${what}: ${failure.message} (code ${failure.code})`;
}

export interface DeliveryResult {
	rows: RecipientRow[];
	failure: ProviderFailure | null;
	/** The provider's id for the whole request, when it gives one. */
	campaignId: string | null;
}

/** One row per recipient of a request, whatever became of the request. */
export function rowsFor(
	adapter: CallAdapter,
	call: { recipients: Recipient[] },
	delivery: Delivery,
	requestedAt: string,
): DeliveryResult {
	const row = (
		recipient: Recipient,
		status: RecipientStatus,
		code: string | null,
		message: string,
	): RecipientRow =>
		recipientRow({
			provider: adapter.id,
			status,
			correlationId: recipient.correlationId,
			to: recipient.to,
			code,
			message,
			requestedAt,
		});
	if (delivery.kind === 'unreachable') {
		const message = `${adapter.displayName} could not be reached (${delivery.reason}); nothing was sent`;
		return {
			rows: call.recipients.map((r) => row(r, 'failed', delivery.reason, message)),
			failure: { kind: 'error', httpStatus: 0, code: delivery.reason, message },
			campaignId: null,
		};
	}
	if (delivery.kind === 'tokenRefused') {
		// The token endpoint's refusal, read as the provider's own error (Routee's OAuth words).
		const refusal = adapter.parseResponse(call, delivery.response);
		const { statusCode } = delivery.response;
		const failure: ProviderFailure =
			refusal.kind === 'error'
				? { ...refusal, notSent: true }
				: {
						kind: 'error',
						httpStatus: statusCode,
						code: `HTTP ${statusCode}`,
						message: 'token request refused',
						notSent: true,
					};
		const message = `${adapter.displayName} did not issue an access token: ${failure.message}; nothing was sent`;
		return {
			rows: call.recipients.map((r) => row(r, 'failed', failure.code, message)),
			failure,
			campaignId: null,
		};
	}
	const outcome: ProviderOutcome =
		delivery.kind === 'ambiguous'
			? {
					kind: 'ambiguous',
					message: `no answer from ${adapter.displayName} (${delivery.reason}); the call may have been placed, so it was not sent again`,
				}
			: adapter.parseResponse(call, delivery.response);
	switch (outcome.kind) {
		case 'accepted': {
			const at = outcome.requestedAt ?? requestedAt;
			// Field by field: Node 20 takes microseconds for a spread followed by more fields.
			return {
				rows: outcome.recipients.map((result) =>
					recipientRow({
						provider: adapter.id,
						status: result.status,
						messageId: result.messageId,
						correlationId: result.correlationId,
						to: result.to,
						code: result.code,
						message: result.message,
						requestedAt: at,
					}),
				),
				failure: null,
				campaignId: outcome.campaignId ?? null,
			};
		}
		case 'ambiguous':
			return {
				rows: call.recipients.map((r) => row(r, 'unknown', null, outcome.message)),
				failure: null,
				campaignId: null,
			};
		case 'error':
			return {
				rows: call.recipients.map((r) => row(r, 'failed', outcome.code, outcome.message)),
				failure: outcome,
				campaignId: null,
			};
	}
}
