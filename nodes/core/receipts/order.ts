/**
 * Out-of-order events: providers do not promise to deliver a call's receipts in order (a retried
 * `ringing` can arrive after the call's `completed`). `EndedCalls` remembers, for the duplicate
 * window, the calls whose final event was taken, so that a later event of such a call can be
 * dropped instead of reported as news.
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
	/** Events of calls whose final event was taken before (in an earlier request or earlier in this list). */
	outOfOrder: T[];
	/** Ids of the calls this list ended (for `forget` if the request is not taken after all). */
	ended: string[];
}

export class EndedCalls {
	private window = new DigestWindow();

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
	 * Goes through fresh events in order: an event of a call that has ended is out of order; a
	 * final event ends its call. Calls ended longer than `windowMs` ago are forgotten first.
	 */
	sort<T extends CallEvent>(
		events: readonly T[],
		{ now, windowMs }: { now: number; windowMs: number },
	): OrderResult<T> {
		this.window.dropOldest((at) => now - at >= windowMs);
		const result: OrderResult<T> = { kept: [], outOfOrder: [], ended: [] };
		for (const event of events) {
			const callId = callIdOf(event);
			const words = callId === undefined ? undefined : digestWords(callId);
			if (words !== undefined && this.window.has(...words)) {
				result.outOfOrder.push(event);
				continue;
			}
			if (words !== undefined && event.final) {
				this.window.add(...words, now);
				result.ended.push(callId!);
			}
			result.kept.push(event);
		}
		return result;
	}

	/** Forgets these calls' ends (ids from `sort`). */
	forget(callIds: Iterable<string>): void {
		for (const callId of callIds) {
			const words = digestWords(callId);
			if (words !== undefined) this.window.remove(...words);
		}
	}

	/** Call ids, oldest first. */
	*callIds(): IterableIterator<string> {
		for (const [w0, w1, w2] of this.window.entries()) yield digestText(w0, w1, w2);
	}
}
