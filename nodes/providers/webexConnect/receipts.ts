import { isFinalStatus, keepsRaw, type CallEvent, type CallStatus } from '../../core/events';
import { field, isRecord, squash, table, text } from '../../core/objects';
import { receiptTime } from '../../core/time';
import type { ReceiptParser } from '../../core/adapter';

/**
 * Receipt codes from the Make Call error-code table (seeds 000/001); 7519 (answered) is in no seed:
 * providers.md §1 gives it from Webex Connect's public documentation.
 */
const STATUS_BY_CODE = table<CallStatus>({
	'7407': 'initiated', // offered
	'7408': 'initiated', // accepted
	'7519': 'answered', // providers.md §1
	'7411': 'agent-connected', // trombone connected
	'7412': 'agent-released', // trombone released
	'7410': 'completed', // disconnected
	'7402': 'busy',
	'7401': 'no-answer',
	'7406': 'rejected',
	'7409': 'failed', // dropped
	'7404': 'failed', // others
	'7208': 'expired',
});

/**
 * `deliveryStatus` words, compared without case, spaces or punctuation. "Released" has no code;
 * seed 001 defines it as "when the call is ended by the platform": the call is over, but the
 * platform, not the callee, ended it, and nothing in that says anyone answered. So it is final
 * and `failed` (outcome `failed`), not `completed` (which reads as answered); an Answered receipt
 * before it is the proof of an answer.
 */
const STATUS_BY_WORD = table<CallStatus>({
	queued: 'queued',
	offered: 'initiated',
	calloffered: 'initiated',
	accepted: 'initiated',
	callaccepted: 'initiated',
	ringing: 'ringing',
	answered: 'answered',
	tromboneconnected: 'agent-connected',
	trombonereleased: 'agent-released',
	released: 'failed',
	disconnected: 'completed',
	calldisconnected: 'completed',
	busy: 'busy',
	customerbusy: 'busy',
	noanswer: 'no-answer',
	rejected: 'rejected',
	callrejected: 'rejected',
	dropped: 'failed',
	calldropped: 'failed',
	others: 'failed',
	failed: 'failed',
	expired: 'expired',
	messageexpired: 'expired',
});

/** The `deliveryInfoNotification` envelopes in a body: one, several in an array, or none. */
function envelopes(
	body: unknown,
): Array<{ entry: unknown; notification: Record<string, unknown> }> {
	const list = Array.isArray(body) ? body : [body];
	return list.flatMap((entry) => {
		const notification = field(entry, 'deliveryInfoNotification');
		return isRecord(notification) ? [{ entry, notification }] : [];
	});
}

/** Receipts of Webex Connect Make Call and of the IMIconnect Messaging API (same envelope). */
export const webexConnectReceipts: ReceiptParser = {
	provider: 'webexConnect',

	matches(body) {
		return envelopes(body).length > 0;
	},

	parse(body, options = {}) {
		const receivedAt = (options.receivedAt ?? new Date()).toISOString();
		return envelopes(body).flatMap(({ entry, notification }) => {
			const infos = field(notification, 'deliveryInfo');
			const list = (Array.isArray(infos) ? infos : [infos]).filter(isRecord);
			return list.map((info): CallEvent => {
				const code = text(field(info, 'code'));
				const word = text(field(info, 'deliveryStatus'));
				const description = text(field(info, 'Description', 'description'));
				const status =
					(code !== null ? STATUS_BY_CODE.get(code) : undefined) ??
					STATUS_BY_WORD.get(squash(word)) ??
					STATUS_BY_WORD.get(squash(description)) ??
					'unknown';
				const time = receiptTime(text(field(info, 'timeStamp', 'timestamp')), options.timeZone);
				return {
					provider: 'webexConnect',
					status,
					final: isFinalStatus(status),
					providerStatus: word ?? description,
					providerCode: code,
					description,
					messageId: text(field(notification, 'transid', 'messageId')),
					campaignId: null,
					correlationId: text(field(notification, 'correlationId', 'correlationid')),
					callbackData: text(field(notification, 'callbackData')),
					to: text(field(info, 'destination')),
					from: null,
					timestamp: time.timestamp,
					durationSeconds: null,
					price: null,
					receivedAt,
					// Its own receipt, never more: the envelope when it reports this event alone, else its
					// deliveryInfo entry (the envelope's ids are on the event). An unknown status or a stamp
					// that names no real time keeps it, so that it is not lost.
					...(keepsRaw(status, time, options) ? { raw: list.length === 1 ? entry : info } : {}),
				};
			});
		});
	},
};
