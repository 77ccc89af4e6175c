/**
 * The Voice Receipt Trigger's whole decision for one request, n8n-free: the node only reads its
 * parameters and the request, calls `receiveReceiptsInto`, and writes what it returns.
 */
import type { ReceiptParser } from '../adapter';
import type { CallEvent } from '../events';
import { checkAuthenticity, type AuthenticityRule, type InboundRequest } from '../signature';
import { decodeReceiptBody } from './body';
import { ReceiptMemory, type DedupeOptions, type RecentReceipts } from './memory';
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
	timeZone?: string;
	includeRaw?: boolean;
	receivedAt?: Date;
	parsers?: readonly ReceiptParser[];
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
}

export type ReceiveOutcome =
	| { status: 401; body: { error: 'unauthorized'; message: string } }
	| { status: 400; body: { error: 'not-a-receipt'; message: string } }
	| {
			status: 200;
			body: ReceiptSummary;
			/** The events to start a run with; none means no run. */
			events: CallEvent[];
			/** The duplicate memory to store back; absent when duplicates are not dropped. */
			memory?: RecentReceipts;
	  };

/**
 * The whole decision for one request: authenticity first (401, nothing parsed or remembered),
 * then the body (400 when it is not a receipt), then duplicates (remembered before filtering, so
 * a retried receipt stays a duplicate whatever the filters), then the filters. `memory` is updated
 * in place; `memoryChanged` says whether it differs from before (receipts remembered or forgotten).
 */
export function receiveReceiptsInto(
	request: ReceiptRequest,
	memory: ReceiptMemory,
	options: ReceiveOptions,
): Exclude<ReceiveOutcome, { status: 200 }> | (Extract<ReceiveOutcome, { status: 200 }> & { memoryChanged: boolean }) {
	const authenticity = checkAuthenticity(request, options.authenticity);
	if (!authenticity.ok) return { status: 401, body: { error: 'unauthorized', message: authenticity.reason } };

	const receivedAt = options.receivedAt ?? new Date();
	let body: unknown;
	try {
		body = decodeReceiptBody(request.body, request.rawBody, request.contentType);
	} catch (error) {
		// Too deep or too large to be a receipt (ReceiptBodyError): refused before it is read.
		return { status: 400, body: { error: 'not-a-receipt', message: `${(error as Error).message} Nothing was recorded.` } };
	}
	const parsed = parseReceipts(body, {
		provider: options.provider,
		parsers: options.parsers,
		timeZone: options.timeZone,
		includeRaw: options.includeRaw,
		receivedAt,
	});
	if ('error' in parsed) return { status: 400, body: { error: parsed.error, message: parsed.message } };

	let candidates = parsed.events;
	let duplicates = 0;
	let memoryChanged = false;
	if (options.dedupe !== false) {
		const deduped = memory.remember(parsed.events, { ...options.dedupe, now: receivedAt });
		candidates = deduped.fresh;
		duplicates = deduped.duplicates.length;
		memoryChanged = deduped.changed;
	}
	const events = filterEvents(candidates, options);
	return {
		status: 200,
		body: { received: parsed.events.length, emitted: events.length, duplicates, filtered: candidates.length - events.length },
		events,
		memoryChanged,
	};
}

/** `receiveReceiptsInto` for a caller that stores the memory as JSON: takes it and returns it. */
export function receiveReceipts(request: ReceiptRequest, storedMemory: unknown, options: ReceiveOptions): ReceiveOutcome {
	const memory = ReceiptMemory.from(storedMemory);
	const outcome = receiveReceiptsInto(request, memory, options);
	if (outcome.status !== 200) return outcome;
	const accepted = { status: outcome.status, body: outcome.body, events: outcome.events };
	return options.dedupe === false ? accepted : { ...accepted, memory: memory.toRecentReceipts() };
}
