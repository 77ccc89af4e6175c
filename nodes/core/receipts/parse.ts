/** Receipts to events over the parsers the caller hands in, and the trigger's event filters. */
import type { ReceiptParser } from '../adapter';
import type { CallEvent, ReceiptEvent, ReceiptParseOptions, ReceiptProvider } from '../events';
import { isRecord } from '../objects';
import { eventIdOf } from './memory';

/** The trigger's `provider` option: detect from the payload, or one provider. */
export type ReceiptProviderChoice = 'auto' | ReceiptProvider;

export interface ParseReceiptsOptions extends ReceiptParseOptions {
	/** Default `auto`: each receipt goes to the first of the parsers whose `matches` accepts it. */
	provider?: ReceiptProviderChoice;
}

export type ParseReceiptsResult =
	| { events: ReceiptEvent[] }
	| { error: 'not-a-receipt'; message: string };

function safely<T>(fn: () => T, fallback: T): T {
	try {
		return fn();
	} catch {
		return fallback;
	}
}

/** The first parser that recognises one receipt, if any. */
export function detectReceiptParser(
	receipt: unknown,
	parsers: readonly ReceiptParser[],
): ReceiptParser | undefined {
	return parsers.find((parser) => safely(() => parser.matches(receipt), false));
}

function notAReceipt(message: string): ParseReceiptsResult {
	return { error: 'not-a-receipt', message };
}

function describeValue(value: unknown): string {
	if (value === undefined || value === null || value === '') return 'empty';
	if (typeof value === 'string') return 'text that is neither JSON nor form data';
	if (Array.isArray(value)) return value.length === 0 ? 'an empty array' : 'an array';
	if (isRecord(value)) return Object.keys(value).length === 0 ? 'an empty object' : 'an object';
	return `a ${typeof value}`;
}

/**
 * Turns a decoded body into events: one receipt, or an array of receipts (each detected on its
 * own, so one body may even mix providers). A receipt whose status no table knows becomes
 * `unknown` and always keeps its own receipt entry under `raw` (never the whole body), as does one
 * whose time stamp names no real time (its `timestamp` is null); other events carry `raw` only
 * when `includeRaw` is set. Every
 * event gets its `eventId` (the receipt's digest). A body that is not a receipt at all is an
 * error, never an empty list. `parsers` are the providers to read, in detection order (the
 * package's registry hands in every provider it knows).
 */
export function parseReceipts(
	body: unknown,
	parsers: readonly ReceiptParser[],
	options: ParseReceiptsOptions = {},
): ParseReceiptsResult {
	const choice = options.provider ?? 'auto';
	const known = parsers.map((parser) => parser.provider).join(', ') || 'none';

	if (
		!(isRecord(body) && Object.keys(body).length > 0) &&
		!(Array.isArray(body) && body.length > 0)
	) {
		return notAReceipt(
			`The request body is ${describeValue(body)}, not a voice receipt. Expected a JSON or form-encoded receipt from one of: ${known}.`,
		);
	}

	let fixed: ReceiptParser | undefined;
	if (choice !== 'auto') {
		fixed = parsers.find((parser) => parser.provider === choice);
		if (fixed === undefined) {
			return notAReceipt(
				`This version cannot read receipts of provider "${choice}" (it reads: ${known}). Set the trigger's Provider to detect from the payload.`,
			);
		}
	}

	const receipts: unknown[] = Array.isArray(body) ? body : [body];
	const where = (index: number) =>
		Array.isArray(body) ? `Element ${index} of the body` : 'The body';
	const parseOptions: ReceiptParseOptions = {
		timeZone: options.timeZone,
		receivedAt: options.receivedAt ?? new Date(),
		includeRaw: options.includeRaw === true,
	};
	const events: ReceiptEvent[] = [];
	for (const [index, receipt] of receipts.entries()) {
		const parser = fixed ?? detectReceiptParser(receipt, parsers);
		if (parser === undefined) {
			return notAReceipt(
				`${where(index)} is not a voice receipt of any known provider (${known}). Nothing was recorded.`,
			);
		}
		let parsed: CallEvent[];
		try {
			parsed = parser.parse(receipt, parseOptions);
		} catch (error) {
			return notAReceipt(
				`${where(index)} could not be read as a ${parser.provider} receipt: ${(error as Error).message}`,
			);
		}
		if (parsed.length === 0) {
			return notAReceipt(
				`${where(index)} is not a ${parser.provider} receipt (it holds no delivery event). Nothing was recorded.`,
			);
		}
		for (const event of parsed) {
			// `raw` is the parser's: the receipt entry the event was read from, kept when asked for, for
			// a status no table knows and for a time stamp that names no real time (see keepsRaw).
			const { raw, ...fields } = event;
			const identified: ReceiptEvent = { eventId: eventIdOf(fields), ...fields };
			events.push(raw === undefined ? identified : { ...identified, raw });
		}
	}
	return { events };
}

export interface EventFilter {
	/** Statuses to emit; empty or absent emits every status. */
	statuses?: readonly string[];
	/** Emit only events after which nothing more happens to the call. */
	finalOnly?: boolean;
}

export function filterEvents<T extends CallEvent>(
	events: readonly T[],
	filter: EventFilter = {},
): T[] {
	const wanted =
		filter.statuses && filter.statuses.length > 0 ? new Set(filter.statuses) : undefined;
	return events.filter(
		(event) =>
			(wanted === undefined || wanted.has(event.status)) && (!filter.finalOnly || event.final),
	);
}
