/**
 * Out-of-order events: providers do not promise to deliver a call's receipts in order (a retried
 * `ringing` can arrive after the call's `completed`). `EndedCalls` remembers, for the duplicate
 * window, the calls whose final event was taken, so that a later event of such a call can be
 * dropped instead of reported as news; and, for providers that number a call's events
 * (`sequence`, Twilio's SequenceNumber), the highest number taken per call, so that an event
 * older than one already taken is dropped too (`ringing` after `in-progress`). Events without a
 * number are judged by the final event alone, as before.
 */
import type { CallEvent } from '../events';
import { receiptDigest } from './memory';
import { DigestWindow, digestText, digestWords } from './window';

/**
 * What identifies one call across its receipts: provider, message id (or, without one, the callback
 * data), number and correlation id. Undefined when a receipt names neither a message id, callback
 * data nor a number: such receipts cannot be told apart by call and are never out of order.
 */
export type CallFields = Pick<
	CallEvent,
	'provider' | 'messageId' | 'callbackData' | 'to' | 'correlationId'
>;

export function callKey(event: CallFields): string | undefined {
	if (event.messageId === null && event.callbackData === null && event.to === null)
		return undefined;
	return [
		event.provider,
		event.messageId ?? `~${event.callbackData ?? ''}`,
		event.to ?? '',
		event.correlationId ?? '',
	].join('|');
}

/** The call's id: 96 bits of SHA-256 of its key, as receipt digests are. */
export function callIdOf(event: CallFields): string | undefined {
	const key = callKey(event);
	return key === undefined ? undefined : receiptDigest(`call|${key}`);
}

export interface OrderResult<T extends CallEvent> {
	/** Events to go on with, in order. */
	kept: T[];
	/**
	 * Events of calls whose final event was taken before, or numbered below one taken before (in an
	 * earlier request or earlier in this list).
	 */
	outOfOrder: T[];
	/**
	 * Ids of the calls whose memory this list changed: it ended them, or raised their highest
	 * sequence number (for `forget` if the request is not taken after all).
	 */
	ended: string[];
}

/** An event's sequence number when it has a usable one. */
const sequenceOf = (event: CallEvent): number | undefined =>
	typeof event.sequence === 'number' && Number.isFinite(event.sequence)
		? event.sequence
		: undefined;

export class EndedCalls {
	private window = new DigestWindow();
	/**
	 * Per call (id) that numbers its events, the highest sequence number taken and when (ms), in
	 * the order they were last raised (a raise moves the entry to the end), so the oldest expire first.
	 */
	private sequences = new Map<string, { sequence: number; at: number }>();

	get size(): number {
		return this.window.size;
	}

	get bytes(): number {
		return this.window.bytes;
	}

	/** Whether the call with this id ended within the window. */
	hasEnded(callId: string): boolean {
		const words = digestWords(callId);
		return words !== undefined && this.window.has(...words);
	}

	/**
	 * Goes through fresh events in order: an event of a call that has ended is out of order, and so
	 * is one whose sequence number is below the highest taken for its call; a final event ends its
	 * call. Calls ended, and sequence numbers taken, longer than `windowMs` ago are forgotten first.
	 */
	sort<T extends CallEvent>(
		events: readonly T[],
		{ now, windowMs }: { now: number; windowMs: number },
	): OrderResult<T> {
		this.window.dropOldest((at) => now - at >= windowMs);
		for (const [callId, { at }] of this.sequences) {
			if (now - at < windowMs) break;
			this.sequences.delete(callId);
		}
		const result: OrderResult<T> = { kept: [], outOfOrder: [], ended: [] };
		const changed = new Set<string>();
		for (const event of events) {
			const callId = callIdOf(event);
			const words = callId === undefined ? undefined : digestWords(callId);
			if (words === undefined) {
				result.kept.push(event);
				continue;
			}
			const sequence = sequenceOf(event);
			const highest = this.sequences.get(callId!)?.sequence;
			const older = sequence !== undefined && highest !== undefined && sequence < highest;
			if (older || this.window.has(...words)) {
				result.outOfOrder.push(event);
				continue;
			}
			if (event.final) {
				// Ended: every later event of the call is out of order, its number no longer matters.
				this.window.add(...words, now);
				this.sequences.delete(callId!);
				changed.add(callId!);
			} else if (sequence !== undefined && (highest === undefined || sequence > highest)) {
				this.sequences.delete(callId!);
				this.sequences.set(callId!, { sequence, at: now });
				changed.add(callId!);
			}
			result.kept.push(event);
		}
		result.ended = [...changed];
		return result;
	}

	/**
	 * Forgets what `sort` remembered of these calls (ids from its `ended`): their ends, and their
	 * highest sequence numbers, so a retry of an event that was not taken after all is news again.
	 */
	forget(callIds: Iterable<string>): void {
		for (const callId of callIds) {
			const words = digestWords(callId);
			if (words !== undefined) this.window.remove(...words);
			this.sequences.delete(callId);
		}
	}

	/** Call ids, oldest first. */
	*callIds(): IterableIterator<string> {
		for (const [w0, w1, w2] of this.window.entries()) yield digestText(w0, w1, w2);
	}
}
