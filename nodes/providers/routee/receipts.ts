import { isFinalStatus, keepsRaw, type CallEvent, type CallStatus } from '../../core/events';
import { field, isRecord, numeric, squash, table, text } from '../../core/objects';
import { receiptTime } from '../../core/time';
import type { ReceiptParser } from '../../core/adapter';

/** Routee's message statuses (providers.md §3, §5), compared without case, spaces or punctuation. */
const STATUS_BY_NAME = table<CallStatus>({
	queued: 'queued',
	initiated: 'initiated',
	ringing: 'ringing',
	inprogress: 'answered',
	answered: 'answered',
	completed: 'completed',
	busy: 'busy',
	noanswer: 'no-answer',
	failed: 'failed',
	unsent: 'failed', // not sent: no balance
	terminated: 'failed', // the balance ran out during the call
	unknown: 'unknown',
});

/** The status object: callbacks send `{ name, updatedDate }`, tracking APIs `{ status, date }`. */
function statusOf(
	body: Record<string, unknown>,
): { name: string | null; date: string | null } | null {
	const status = field(body, 'status');
	if (!isRecord(status)) return null;
	return {
		name: text(field(status, 'name', 'status')),
		date: text(field(status, 'updatedDate', 'date')),
	};
}

/** A Routee voice callback: a status object plus the ids only Routee sends. */
function isCallback(body: unknown): body is Record<string, unknown> {
	if (!isRecord(body) || (statusOf(body)?.name ?? null) === null) return false;
	return ['conversationTrackingId', 'campaignTrackingId', 'messageId'].some(
		(name) => text(field(body, name)) !== null,
	);
}

const entries = (body: unknown): unknown[] => (Array.isArray(body) ? body : [body]);

/**
 * The keys the person pressed: Routee's tracking API reports them as `collectedTones` (a COLLECT
 * verb in a conversation's dial plan, or a campaign with `collectDtmfDigits`). Its callbacks are
 * not documented to carry them; when one does, under that name (ASSUMED, as the simulator sends
 * it), they are read as text, a number or a list of tones. Null when there are none.
 */
function collectedTones(receipt: unknown): string | null {
	const tones = field(receipt, 'collectedTones');
	const joined = Array.isArray(tones)
		? tones.map((tone) => text(tone) ?? '').join('')
		: text(tones);
	return joined === null || joined === '' ? null : joined;
}

/**
 * Routee voice callbacks (one message's progress, POSTed as JSON to `callback.url`):
 * - campaign messages carry `messageId`, `campaignTrackingId`, `campaignName`, …;
 * - single calls (/voice/conversation) carry `messageId` and `conversationTrackingId` instead.
 * Make Voice Call outputs the conversation's `trackingId` as `messageId`, so for single calls the
 * event's `messageId` is the `conversationTrackingId` (the voice message's own id stays in `raw`);
 * for campaign messages it is the callback's `messageId` and `campaignTrackingId` is `campaignId`.
 * `{ status, date }` (the tracking APIs' shape) is read like `{ name, updatedDate }`. The
 * `campaignCallback` payload is undocumented and is not claimed (it has no message status object).
 */
export const routeeReceipts: ReceiptParser = {
	provider: 'routee',

	digits: collectedTones,

	matches(body) {
		return entries(body).some(isCallback);
	},

	parse(body, options = {}) {
		const receivedAt = (options.receivedAt ?? new Date()).toISOString();
		return entries(body)
			.filter(isCallback)
			.map((callback): CallEvent => {
				const { name, date } = statusOf(callback)!;
				const status = STATUS_BY_NAME.get(squash(name)) ?? 'unknown';
				const time = receiptTime(date, options.timeZone);
				const conversation = text(field(callback, 'conversationTrackingId'));
				const to = text(field(callback, 'to'));
				return {
					provider: 'routee',
					status,
					final: isFinalStatus(status),
					providerStatus: name,
					providerCode: null,
					description: null,
					messageId: conversation ?? text(field(callback, 'messageId')),
					campaignId: text(field(callback, 'campaignTrackingId')),
					correlationId: null,
					callbackData: null,
					to: to !== null && /^\d+$/.test(to) ? `+${to}` : to,
					from: text(field(callback, 'from')),
					timestamp: time.timestamp,
					durationSeconds: numeric(field(callback, 'duration')),
					price: numeric(field(callback, 'price')),
					receivedAt,
					// Its own entry only, never the whole body: an unknown status or a stamp that names no
					// real time keeps it, so it is not lost.
					...(keepsRaw(status, time, options) ? { raw: callback } : {}),
				};
			});
	},
};
