/**
 * The one event model every provider's receipts are normalised into. It is the public contract of
 * the Voice Receipt Trigger (`ReceiptEvent`) and of each provider's receipt parser
 * (`ReceiptParser.parse`: `CallEvent`, the same without `eventId`), documented in the README.
 */

export const CALL_STATUSES = [
	'queued',
	'initiated',
	'ringing',
	'answered',
	'agent-connected',
	'agent-released',
	'completed',
	'busy',
	'no-answer',
	'rejected',
	'failed',
	'expired',
	'unknown',
] as const;

export type CallStatus = (typeof CALL_STATUSES)[number];

/** Statuses after which nothing more happens to the call. */
export const FINAL_STATUSES: ReadonlySet<CallStatus> = new Set<CallStatus>([
	'completed',
	'busy',
	'no-answer',
	'rejected',
	'failed',
	'expired',
]);

/**
 * A provider's id (the registry's `id`, e.g. `webexConnect`). Plain text here: the core knows no
 * provider; the caller hands it the ones it works with.
 */
export type ProviderId = string;

/** Which provider a receipt came from (both Webex Connect APIs send the same receipts). */
export type ReceiptProvider = ProviderId;

export interface CallEvent {
	provider: ReceiptProvider;
	status: CallStatus;
	final: boolean;
	/** The provider's own word for the status, as sent. */
	providerStatus: string | null;
	providerCode: string | null;
	description: string | null;
	messageId: string | null;
	campaignId: string | null;
	correlationId: string | null;
	callbackData: string | null;
	to: string | null;
	from: string | null;
	/** When the provider says the event happened, ISO 8601 in UTC. */
	timestamp: string | null;
	durationSeconds: number | null;
	price: number | null;
	/** When this package received the receipt, ISO 8601 in UTC. */
	receivedAt: string;
	/**
	 * Who picked up, where the provider detects it (Twilio's machine detection): `human`, `machine`
	 * (the provider's own word, e.g. `machine_end_beep`, stays under `raw`), `fax` or `unknown`.
	 * Absent for providers that do not detect it.
	 */
	answeredBy?: AnsweredBy | null;
	/** The provider's count of this call's receipts (Twilio's SequenceNumber, from 0), where it sends one. */
	sequence?: number | null;
	raw?: unknown;
}

export const ANSWERED_BY = ['human', 'machine', 'fax', 'unknown'] as const;
export type AnsweredBy = (typeof ANSWERED_BY)[number];

/**
 * An event as the Voice Receipt Trigger emits it and `parseReceipts` returns it: what a provider's
 * receipt parser read (`CallEvent`), with the receipt's identity first.
 */
export interface ReceiptEvent extends CallEvent {
	/**
	 * The receipt's digest: 96 bits of SHA-256 over provider, message id (or callback data), number,
	 * correlation id, status, the provider's word and code, and time stamp, as 16 base64url
	 * characters. The same delivery always gets the same id, in every process and every version
	 * (a provider's retry is byte for byte the same receipt); two different deliveries practically
	 * never do. It is the key to deduplicate on downstream (n8n's Remove Duplicates, a database).
	 */
	eventId: string;
}

export interface ReceiptParseOptions {
	/** IANA zone for provider time stamps that carry no zone (Webex Connect sends such). */
	timeZone?: string;
	/** Time of receipt; defaults to now. */
	receivedAt?: Date;
	/** Keep the provider's payload under `raw`. */
	includeRaw?: boolean;
}

/**
 * Whether an event keeps the receipt entry it was read from under `raw` (that entry only, never
 * the whole request body): when asked for, for a status no table knows, and when its time stamp
 * names no real time, so that nothing the provider said is lost.
 */
export function keepsRaw(
	status: CallStatus,
	time: { unreadable: boolean },
	options: ReceiptParseOptions,
): boolean {
	return options.includeRaw === true || status === 'unknown' || time.unreadable;
}

export function isFinalStatus(status: CallStatus): boolean {
	return FINAL_STATUSES.has(status);
}
