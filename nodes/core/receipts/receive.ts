/**
 * The Voice Receipt Trigger's whole decision for one request, n8n-free: the node only reads its
 * parameters and the request, calls `receiveReceiptsInto`, and writes what it returns.
 */
import type { ReceiptParser } from '../adapter';
import type { ReceiptEvent } from '../events';
import {
	checkAuthenticity,
	type AuthenticityMethod,
	type AuthenticityRule,
	type InboundRequest,
} from '../signature';
import {
	decodeReceiptBody,
	eventTextRefusal,
	receiptCountRefusal,
	refusedBodyAnswer,
} from './body';
import {
	DEFAULT_DEDUPE_WINDOW_MS,
	eventIdOf,
	ReceiptMemory,
	type DedupeOptions,
	type RecentReceipts,
} from './memory';
import { EndedCalls } from './order';
import { filterEvents, parseReceipts, type EventFilter, type ReceiptProviderChoice } from './parse';

export interface ReceiptRequest extends InboundRequest {
	/** The body as n8n parsed it (`req.body`). */
	body: unknown;
	contentType?: string | string[];
}

export interface ReceiveOptions extends EventFilter {
	authenticity: AuthenticityRule;
	provider?: ReceiptProviderChoice;
	/** Drop receipts seen recently (default on); false turns it off. */
	dedupe?: false | Omit<DedupeOptions, 'now'>;
	/**
	 * Drop events of calls whose final event was taken within the duplicate window, and events
	 * numbered below one taken for their call (`sequence`) (needs the `EndedCalls` argument of
	 * `receiveReceiptsInto`). Default off.
	 */
	dropOutOfOrder?: boolean;
	/**
	 * Drop receipts whose time stamp is older than this (ms) as `stale`: a replay of a receipt is then
	 * either still remembered as a duplicate or too old. Receipts without a time stamp are kept.
	 */
	maxAgeMs?: number;
	/**
	 * Receipts (by `eventId`) whose first copy was taken but is still becoming a run: a copy of one
	 * is answered 503, never 2xx, since that run may yet fail to be created (and then the copy is
	 * the receipt's only chance).
	 */
	inProgress?: ReadonlySet<string>;
	timeZone?: string;
	includeRaw?: boolean;
	receivedAt?: Date;
	/** The providers' receipt parsers, in detection order. */
	parsers: readonly ReceiptParser[];
	/** The providers' own signatures the authenticity rule may name. */
	signatures?: readonly AuthenticityMethod[];
}

/** What the trigger answers when it accepts a request. */
export interface ReceiptSummary {
	/** Receipts in the body. */
	received: number;
	/** Events handed to the workflow. */
	emitted: number;
	/** Receipts dropped as repeats of ones seen recently. */
	duplicates: number;
	/** Receipts dropped by the status / final-only filters. */
	filtered: number;
	/**
	 * Receipts of calls whose final event was taken before, or numbered below one taken before (only
	 * with `dropOutOfOrder`).
	 */
	outOfOrder?: number;
	/** Receipts whose time stamp is older than the maximum receipt age (only with `maxAgeMs`). */
	stale?: number;
}

/** What one accepted request added to the memories: to be forgotten if the request is not taken after all. */
export interface Remembered {
	eventIds: string[];
	endedCalls: string[];
}

/** Seconds a sender is asked to wait before it delivers a receipt again that is still in progress. */
export const IN_PROGRESS_RETRY_AFTER_SECONDS = 5;

export type ReceiveOutcome =
	/** Only "unauthorized": a stranger learns nothing of the method, header or parameter expected. */
	| { status: 401; body: { error: 'unauthorized' } }
	| {
			status: 503;
			body: { error: 'in-progress'; message: string };
			/** For the Retry-After header. */
			retryAfterSeconds: number;
	  }
	| { status: 400; body: { error: 'not-a-receipt'; message: string } }
	| { status: 413; body: { error: 'too-large'; message: string } }
	| {
			status: 200;
			body: ReceiptSummary;
			/** The events to start a run with; none means no run. */
			events: ReceiptEvent[];
			/** The duplicate memory to store back; absent when duplicates are not dropped. */
			memory?: RecentReceipts;
	  };

export type ReceiveIntoOutcome =
	| Exclude<ReceiveOutcome, { status: 200 }>
	| (Extract<ReceiveOutcome, { status: 200 }> & { memoryChanged: boolean; remembered: Remembered });

/**
 * The whole decision for one request: authenticity first (401, nothing parsed or remembered),
 * then the body (400 when it is not a receipt), then receipts too old (`maxAgeMs`), then duplicates
 * (503 when one is a copy of a receipt still `inProgress`) (remembered before filtering, so
 * a retried receipt stays a duplicate whatever the filters), then out-of-order events (with
 * `dropOutOfOrder` and `ended`), then the filters. `memory` and `ended` are updated in place;
 * `memoryChanged` says whether the memory differs from before (receipts remembered or forgotten),
 * `remembered` what this request added.
 */
export function receiveReceiptsInto(
	request: ReceiptRequest,
	memory: ReceiptMemory,
	options: ReceiveOptions,
	ended?: EndedCalls,
): ReceiveIntoOutcome {
	const authenticity = checkAuthenticity(request, options.authenticity, options.signatures);
	if (!authenticity.ok) return { status: 401, body: { error: 'unauthorized' } };

	const receivedAt = options.receivedAt ?? new Date();
	let body: unknown;
	try {
		body = decodeReceiptBody(request.body, request.rawBody, request.contentType);
	} catch (error) {
		// Too deep or too large to be a receipt: refused before it is read.
		return refusedBodyAnswer(error, 'Nothing was recorded.');
	}
	const parsed = parseReceipts(body, options.parsers, {
		provider: options.provider,
		timeZone: options.timeZone,
		includeRaw: options.includeRaw,
		receivedAt,
	});
	if ('error' in parsed)
		return { status: 400, body: { error: parsed.error, message: parsed.message } };
	const tooMany = receiptCountRefusal(parsed.events.length) ?? eventTextRefusal(parsed.events);
	if (tooMany !== null) return { status: 413, body: { error: 'too-large', message: tooMany } };

	// Too old to be news (a replay, or a retry past the duplicate window): answered 200, as a
	// non-2xx would make the sender deliver it again, and not remembered.
	let candidates = parsed.events;
	let stale: number | undefined;
	if (options.maxAgeMs !== undefined) {
		const oldest = receivedAt.getTime() - options.maxAgeMs;
		candidates = parsed.events.filter(
			(event) => event.timestamp === null || !(Date.parse(event.timestamp) < oldest),
		);
		stale = parsed.events.length - candidates.length;
	}
	let duplicates = 0;
	let memoryChanged = false;
	const remembered: Remembered = { eventIds: [], endedCalls: [] };
	if (options.dedupe !== false) {
		// Object.assign, not a spread followed by a field: Node 20 takes about a microsecond for that.
		const deduped = memory.remember(
			candidates,
			Object.assign({}, options.dedupe, { now: receivedAt }),
		);
		candidates = deduped.fresh as ReceiptEvent[];
		duplicates = deduped.duplicates.length;
		memoryChanged = deduped.changed;
		remembered.eventIds = candidates.map((event) => event.eventId);
		const inProgress = options.inProgress;
		if (inProgress && deduped.duplicates.some((event) => inProgress.has(eventIdOf(event)))) {
			// Not safe yet: take nothing of this request; its retry comes back to a settled memory.
			memory.forget(remembered.eventIds);
			return {
				status: 503,
				body: {
					error: 'in-progress',
					message:
						'A copy of this receipt is still becoming a run; deliver it again shortly. Nothing was recorded.',
				},
				retryAfterSeconds: IN_PROGRESS_RETRY_AFTER_SECONDS,
			};
		}
	}
	let outOfOrder: number | undefined;
	if (options.dropOutOfOrder === true && ended !== undefined) {
		const windowMs =
			(options.dedupe !== false ? options.dedupe?.windowMs : undefined) ?? DEFAULT_DEDUPE_WINDOW_MS;
		const sorted = ended.sort(candidates, { now: receivedAt.getTime(), windowMs });
		candidates = sorted.kept;
		outOfOrder = sorted.outOfOrder.length;
		remembered.endedCalls = sorted.ended;
	}
	const events = filterEvents(candidates, options);
	const summary: ReceiptSummary = {
		received: parsed.events.length,
		emitted: events.length,
		duplicates,
		filtered: candidates.length - events.length,
	};
	if (outOfOrder !== undefined) summary.outOfOrder = outOfOrder;
	if (stale !== undefined) summary.stale = stale;
	return { status: 200, body: summary, events, memoryChanged, remembered };
}

/** `receiveReceiptsInto` for a caller that stores the memory as JSON: takes it and returns it. */
export function receiveReceipts(
	request: ReceiptRequest,
	storedMemory: unknown,
	options: ReceiveOptions,
): ReceiveOutcome {
	const memory = ReceiptMemory.from(storedMemory);
	const outcome = receiveReceiptsInto(request, memory, { ...options, dropOutOfOrder: false });
	if (outcome.status !== 200) return outcome;
	const accepted = { status: outcome.status, body: outcome.body, events: outcome.events };
	return options.dedupe === false ? accepted : { ...accepted, memory: memory.toRecentReceipts() };
}
