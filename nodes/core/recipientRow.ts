/**
 * The row each recipient ends in: what Make Voice Call and Send Voice Campaign output per number,
 * and the `call` of a Call and Wait for Outcome row. Declared once, built only by `recipientRow`,
 * so every path gives the same fields in the same order.
 */

/** What happened to one recipient. */
export type RecipientStatus =
	| 'queued'
	| 'rejected'
	| 'failed'
	| 'unknown'
	| 'invalid'
	| 'duplicate'
	| 'blocked'
	/** On the Do-Not-Call list: never dialled. */
	| 'suppressed'
	/** Outside the Calling Window: not dialled now. */
	| 'outside-window';

// A type alias, not an interface: n8n's item JSON (IDataObject) then takes it as it is.
export type RecipientRow = {
	provider: string;
	status: RecipientStatus;
	messageId: string | null;
	correlationId: string | null;
	to: string;
	code: string | null;
	message: string | null;
	requestedAt: string;
};

/** One recipient's row; what is not known yet (a message id, a code) is null. */
export function recipientRow(
	fields: Pick<RecipientRow, 'provider' | 'status' | 'to' | 'requestedAt'> &
		Partial<Pick<RecipientRow, 'messageId' | 'correlationId' | 'code' | 'message'>>,
): RecipientRow {
	return {
		provider: fields.provider,
		status: fields.status,
		messageId: fields.messageId ?? null,
		correlationId: fields.correlationId ?? null,
		to: fields.to,
		code: fields.code ?? null,
		message: fields.message ?? null,
		requestedAt: fields.requestedAt,
	};
}
