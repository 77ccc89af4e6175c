/**
 * Twilio status callbacks (providers.md §6): form-encoded POSTs to a call's `StatusCallback`, one
 * per requested event, read here as the core's body decoding gives them (a record of strings; a
 * repeated field becomes a list and is then not read as text). Delivery order is not promised:
 * `SequenceNumber` counts a call's callbacks from 0 and becomes the event's `sequence`.
 */
import {
	isFinalStatus,
	type AnsweredBy,
	type CallEvent,
	type CallStatus,
	type ReceiptParseOptions,
} from '../../core/events';
import type { ReceiptParser } from '../../core/adapter';
import { field, isRecord, numeric, table, text } from '../../core/objects';
import { toUtcIso } from '../../core/time';

import { CALL_SID } from './common';

/** Twilio's CallStatus words (case as sent). `canceled` has no status of its own: failed. */
const STATUS_BY_NAME = table<CallStatus>({
	queued: 'queued',
	initiated: 'initiated',
	ringing: 'ringing',
	'in-progress': 'answered',
	answered: 'answered',
	completed: 'completed',
	busy: 'busy',
	'no-answer': 'no-answer',
	failed: 'failed',
	canceled: 'failed',
});

/** Machine detection's AnsweredBy, in the event model's four words. */
const ANSWERED_BY = table<AnsweredBy>({
	human: 'human',
	machine_start: 'machine',
	machine_end_beep: 'machine',
	machine_end_silence: 'machine',
	machine_end_other: 'machine',
	fax: 'fax',
	unknown: 'unknown',
});

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const RFC_2822 =
	/^(?:[A-Z][a-z]{2}, )?(\d{1,2}) ([A-Z][a-z]{2}) (\d{4}) (\d{2}):(\d{2}):(\d{2}) (?:([+-])(\d{2})(\d{2})|GMT|UT|Z)$/;

/**
 * Twilio's `Timestamp` (RFC 2822, e.g. `Sat, 06 Dec 2026 10:00:05 +0000`) as ISO 8601 in UTC;
 * null when it is no such date or names one the calendar does not have (the core checks that).
 */
export function rfc2822ToIso(stamp: string): string | null {
	const match = RFC_2822.exec(stamp.trim());
	const month = match ? MONTHS.indexOf(match[2]) + 1 : 0;
	if (!match || month === 0) return null;
	const [, day, , year, hours, minutes, seconds, sign, offsetHours, offsetMinutes] = match;
	const zone = sign === undefined ? 'Z' : `${sign}${offsetHours}:${offsetMinutes}`;
	const pad = (value: string | number) => String(value).padStart(2, '0');
	return toUtcIso(`${year}-${pad(month)}-${pad(day)}T${hours}:${minutes}:${seconds}${zone}`);
}

/** A status callback of a call: the account, the call's SID and a status, as Twilio always sends. */
function isCallback(body: unknown): body is Record<string, unknown> {
	if (!isRecord(body)) return false;
	const sid = text(field(body, 'CallSid'));
	return (
		sid !== null &&
		CALL_SID.test(sid) &&
		text(field(body, 'CallStatus')) !== null &&
		/^AC/.test(text(field(body, 'AccountSid')) ?? '')
	);
}

const entries = (body: unknown): unknown[] => (Array.isArray(body) ? body : [body]);

/** A whole number from 0, or null. */
function sequenceOf(value: unknown): number | null {
	const number = numeric(value);
	return number !== null && Number.isSafeInteger(number) && number >= 0 ? number : null;
}

/** The events of Twilio status callbacks; the AsyncAmdStatusCallback's result (no CallStatus) is not one. */
export function parseTwilioReceipts(body: unknown, options: ReceiptParseOptions = {}) {
	const receivedAt = (options.receivedAt ?? new Date()).toISOString();
	return entries(body)
		.filter(isCallback)
		.map((callback) => {
			const providerStatus = text(field(callback, 'CallStatus'));
			const status = STATUS_BY_NAME.get((providerStatus ?? '').toLowerCase()) ?? 'unknown';
			const stamp = text(field(callback, 'Timestamp'));
			const timestamp = stamp === null ? null : rfc2822ToIso(stamp);
			const answeredBy = text(field(callback, 'AnsweredBy'));
			const event: Omit<CallEvent, 'provider'> & { provider: 'twilio' } = {
				provider: 'twilio',
				status,
				final: isFinalStatus(status),
				providerStatus,
				providerCode: text(field(callback, 'SipResponseCode')),
				description: null,
				messageId: text(field(callback, 'CallSid')),
				campaignId: null,
				correlationId: null,
				callbackData: null,
				to: text(field(callback, 'To')),
				from: text(field(callback, 'From')),
				timestamp,
				durationSeconds: numeric(field(callback, 'CallDuration')),
				price: null,
				receivedAt,
				answeredBy: answeredBy === null ? null : (ANSWERED_BY.get(answeredBy) ?? 'unknown'),
				sequence: sequenceOf(field(callback, 'SequenceNumber')),
				// A stamp that names no real time keeps the payload, so it is not lost.
				...(options.includeRaw || (stamp !== null && timestamp === null) ? { raw: body } : {}),
			};
			return event;
		});
}

/** Twilio's receipt parser: status callbacks of calls, whatever events were asked for. */
export const twilioReceipts = {
	provider: 'twilio',
	matches(body: unknown): boolean {
		return entries(body).some(isCallback);
	},
	parse: parseTwilioReceipts,
} satisfies ReceiptParser;
