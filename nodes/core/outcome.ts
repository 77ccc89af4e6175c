/**
 * "Call and Wait for Outcome", n8n-free: how long to wait for a call, which receipt ends the
 * wait, and the row that comes out. The node places one call, gives the provider n8n's resume URL
 * as its callback, and waits; every receipt posted there goes through `decideOnReceipt`.
 */
import type { ReceiptParser } from './adapter';
import type { AnsweredBy, CallEvent, CallStatus } from './events';
import type { RecipientRow } from './recipientRow';
import { decodeReceiptBody, refusedBodyAnswer } from './receipts/body';
import { parseReceipts, type ReceiptProviderChoice } from './receipts/parse';
import type { ReceiptRequest } from './receipts/receive';
import { checkAuthenticity, type AuthenticityMethod, type AuthenticityRule } from './signature';

/** What became of a call, in the words a workflow routes on. */
export const OUTCOMES = ['answered', 'not-answered', 'failed', 'timeout'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** Final statuses by outcome: answered and then ended, never reached, or broken. */
const OUTCOME_OF: Partial<Record<CallStatus, Outcome>> = {
	completed: 'answered',
	busy: 'not-answered',
	'no-answer': 'not-answered',
	rejected: 'not-answered',
	expired: 'not-answered',
	failed: 'failed',
};

/** The outcome of a call that ended with `status` (a final status; any other counts as failed). */
export const outcomeOf = (status: CallStatus): Outcome => OUTCOME_OF[status] ?? 'failed';

// ---------------------------------------------------------------------------------------------
// The rows

/** The call, as Make Voice Call's "Place the Call" outputs it. */
export type PlacedCall = RecipientRow;

/** A call row joined with what became of it: Call and Wait for Outcome's output. */
export interface OutcomeRow {
	outcome: Outcome;
	/** The final event's status, "timeout", or the call's own status when it was never placed. */
	status: string;
	provider: string;
	to: string;
	messageId: string | null;
	correlationId: string | null;
	providerStatus: string | null;
	providerCode: string | null;
	description: string | null;
	durationSeconds: number | null;
	/** Who picked up, where the provider detects it (Twilio's machine detection); null otherwise. */
	answeredBy: AnsweredBy | null;
	price: number | null;
	/** Keys the person pressed, where the provider reports them (Routee's collected tones). */
	dtmfDigits: string | null;
	requestedAt: string;
	/** When the call ended, by the provider's final receipt (UTC). */
	endedAt: string | null;
	/** When n8n received that receipt (UTC). */
	receivedAt: string | null;
	/** Until when the node waited (the Limit Wait Time). */
	waitUntil: string | null;
	message: string | null;
	/**
	 * How the final receipt was matched to the call: `messageId`, or `number` (same number, within
	 * the call's time window) when the provider's answer or its receipt gave no message id.
	 */
	matchedBy: Matching | null;
	/** The row "Place the Call" gives for this call. */
	call: PlacedCall;
	/** The final event (the event model of the Voice Receipt Trigger), or null. */
	event: CallEvent | null;
}

/** Whether the provider may have taken the call, so that a receipt can come. */
export const awaitsReceipts = (call: PlacedCall): boolean =>
	call.status === 'queued' || call.status === 'unknown';

/** The row's fields in the order a table shows them: what became of the call first. */
function baseRow(call: PlacedCall, waitUntilAt: string | null): OutcomeRow {
	return {
		outcome: 'failed',
		status: call.status,
		provider: call.provider,
		to: call.to,
		messageId: call.messageId,
		correlationId: call.correlationId,
		providerStatus: null,
		providerCode: null,
		description: null,
		durationSeconds: null,
		answeredBy: null,
		price: null,
		dtmfDigits: null,
		requestedAt: call.requestedAt,
		endedAt: null,
		receivedAt: null,
		waitUntil: waitUntilAt,
		message: call.message,
		matchedBy: null,
		call,
		event: null,
	};
}

/** The row of a call that ends without waiting: the provider refused it, or it was never sent. */
export function notPlacedRow(call: PlacedCall): OutcomeRow {
	return {
		...baseRow(call, null),
		outcome: 'failed',
		status: call.status,
		providerCode: call.code,
		message: call.message,
	};
}

/** The row a call comes out with when no final receipt arrived in time. */
export function timeoutRow(call: PlacedCall, waitUntilAt: Date): OutcomeRow {
	return {
		...baseRow(call, waitUntilAt.toISOString()),
		outcome: 'timeout',
		status: 'timeout',
		message: `No final receipt by ${waitUntilAt.toISOString()} (Limit Wait Time): the call may still be going on, or its receipts could not reach n8n`,
	};
}

/** The row of a call that ended: the call joined with its final event. */
export function outcomeRow(
	call: PlacedCall,
	event: CallEvent,
	waitUntilAt: string | null,
	dtmfDigits: string | null,
	matchedBy: Matching | null = null,
): OutcomeRow {
	const plain: CallEvent = { ...event };
	delete plain.raw;
	return {
		...baseRow(call, waitUntilAt),
		outcome: outcomeOf(event.status),
		status: event.status,
		to: event.to ?? call.to,
		messageId: call.messageId ?? event.messageId,
		correlationId: call.correlationId ?? event.correlationId,
		providerStatus: event.providerStatus,
		providerCode: event.providerCode,
		description: event.description,
		durationSeconds: event.durationSeconds,
		answeredBy: event.answeredBy ?? null,
		price: event.price,
		dtmfDigits,
		endedAt: event.timestamp,
		receivedAt: event.receivedAt,
		message: null,
		matchedBy,
		event: plain,
	};
}

// ---------------------------------------------------------------------------------------------
// One receipt at the resume URL

export interface OutcomeReceiptOptions {
	authenticity: AuthenticityRule;
	provider?: ReceiptProviderChoice;
	timeZone?: string;
	receivedAt?: Date;
	/** The providers' receipt parsers, in detection order. */
	parsers: readonly ReceiptParser[];
	/** The providers' own signatures the authenticity rule may name. */
	signatures?: readonly AuthenticityMethod[];
}

/** What to answer a receipt, and the final event that ends the wait, if this is it. */
export type ReceiptDecision =
	| { status: 401; body: { error: 'unauthorized' }; final: null }
	| { status: 400; body: { error: 'not-a-receipt'; message: string }; final: null }
	| { status: 413; body: { error: 'too-large'; message: string }; final: null }
	| {
			status: 200;
			body: { received: number; forThisCall: number; resumed: boolean };
			/**
			 * The first final event of the awaited call, with its keypad digits and how it was matched
			 * (null when no call was given); null: keep waiting.
			 */
			final: { event: CallEvent; dtmfDigits: string | null; matchedBy: Matching | null } | null;
	  };

/** The call a resume URL waits for, as far as matching a receipt to it goes. */
export type AwaitedCall = Pick<PlacedCall, 'messageId' | 'to' | 'requestedAt'> & {
	/** Until when the node waits (its Limit Wait Time); null or absent: no end. */
	waitUntil?: string | null;
};

/** How a receipt was matched to the awaited call: in the output as `matchedBy`. */
export type Matching = 'messageId' | 'number';

/**
 * Whether an event reports on `call`, and how: the same message id (every provider's receipts
 * carry the id its answer gave), or, when the answer or the receipt has none, the same number
 * within the call's own time window: its time stamp (or, without one, when it arrived) no earlier
 * than the request and no later than the Limit Wait Time. A loop places its calls through the same
 * resume URL, one after the other, so a late receipt of an earlier call to the same number, which
 * happened before this call was requested, must not end this one's wait. Null: not this call's.
 */
export function matchOf(event: CallEvent, call: AwaitedCall): Matching | null {
	if (call.messageId !== null && event.messageId !== null)
		return event.messageId === call.messageId ? 'messageId' : null;
	if (event.to === null || event.to !== call.to) return null;
	const at = Date.parse(event.timestamp ?? event.receivedAt);
	const from = Date.parse(call.requestedAt);
	const until = call.waitUntil ? Date.parse(call.waitUntil) : Infinity;
	return Number.isFinite(at) && at >= from && at <= until ? 'number' : null;
}

/** Whether an event reports on `call` (see `matchOf`). */
export const isEventFor = (event: CallEvent, call: AwaitedCall): boolean =>
	matchOf(event, call) !== null;

/**
 * The whole decision for one request to the resume URL, as the Voice Receipt Trigger reads
 * receipts: authenticity first (401, nothing parsed), then the body (400 when it is not a
 * receipt), then the first final event of the awaited call (of any call when `call` is null).
 * Anything else is acknowledged (200) and the call stays awaited.
 */
export function decideOnReceipt(
	request: ReceiptRequest,
	call: AwaitedCall | null,
	options: OutcomeReceiptOptions,
): ReceiptDecision {
	const authenticity = checkAuthenticity(request, options.authenticity, options.signatures);
	if (!authenticity.ok)
		return {
			status: 401,
			body: { error: 'unauthorized' },
			final: null,
		};
	const { parsers } = options;
	let body: unknown;
	try {
		body = decodeReceiptBody(request.body, request.rawBody, request.contentType);
	} catch (error) {
		// Too deep or too large to be a receipt: a 4xx, which a provider does not retry in vain.
		return { ...refusedBodyAnswer(error, 'The call is still awaited.'), final: null };
	}
	const parsed = parseReceipts(body, parsers, {
		provider: options.provider,
		timeZone: options.timeZone,
		includeRaw: true,
		receivedAt: options.receivedAt,
	});
	if ('error' in parsed)
		return { status: 400, body: { error: parsed.error, message: parsed.message }, final: null };
	const mine = parsed.events.flatMap((event) => {
		const matchedBy = call === null ? null : matchOf(event, call);
		return call === null || matchedBy !== null ? [{ event, matchedBy }] : [];
	});
	const found = mine.find((candidate) => candidate.event.final);
	const final = found === undefined ? null : { ...found, dtmfDigits: dtmfOf(found.event, parsers) };
	return {
		status: 200,
		body: { received: parsed.events.length, forThisCall: mine.length, resumed: final !== null },
		final,
	};
}

/** The keypad digits an event's receipt reports, by its provider's parser. */
function dtmfOf(event: CallEvent, parsers: readonly ReceiptParser[]): string | null {
	const parser = parsers.find((candidate) => candidate.provider === event.provider);
	try {
		return parser?.digits?.(event.raw) ?? null;
	} catch {
		return null;
	}
}
