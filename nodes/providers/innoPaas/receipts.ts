import { isFinalStatus, keepsRaw, type CallEvent, type CallStatus } from '../../core/events';
import { field, isRecord, numeric, squash, table, text } from '../../core/objects';
import type { ReceiptParser } from '../../core/adapter';
import { innoPaasReceiptTime } from './time';

/**
 * InnoPaaS POSTs a call detail record to `billUrl`, but no document gives its shape: only that it
 * carries `transData` and relates to the `callId` of batch-notify. So this parser guesses, and
 * says where (ASSUMPTIONS, also in the README):
 * - the body is JSON: one record, an array of records, or `{ data: record | record[] }`;
 * - a record names its call `callId` (or callid, call_id) and its number `mobile` (or phone,
 *   called, calledNumber, callee, to, number), digits without "+", as batch-notify takes them;
 * - the outcome is a word under `status` (or callStatus, state, result, callResult) and/or
 *   `statusDesc` (or statusMsg, desc, description, message, reason), in English or Chinese; a
 *   numeric status has no known meaning, so such a record is `completed` when it has a talk time
 *   above 0 and `unknown` otherwise; the numeric value stays in `providerCode`;
 * - talk time in seconds under `duration` (or callDuration, billDuration, talkTime,
 *   talkDuration, answerDuration); the charge under `fee` (or price, cost, amount, charge);
 * - times are `yyyyMMddHHmmss` or ISO 8601; zone-less ones are read in the trigger's time zone,
 *   else in Asia/Shanghai (Chuanglan is a Shanghai company); the event time is the end of the
 *   call (`endTime`, callEndTime, hangupTime, finishTime), else answerTime, startTime,
 *   callStartTime, createTime, time or timestamp, in that order;
 * - `transData` comes back as it was sent and becomes `callbackData`;
 * - one record per number per call, sent once the call (and its redials) ended.
 * Everything else stays in `raw` when asked for.
 */
const DEFAULT_ZONE = 'Asia/Shanghai';

const CALL_ID = ['callId', 'callid', 'call_id'];
const NUMBER = ['mobile', 'phone', 'called', 'calledNumber', 'callee', 'to', 'number'];
const STATUS = ['status', 'callStatus', 'state', 'result', 'callResult'];
const DESCRIPTION = ['statusDesc', 'statusMsg', 'desc', 'description', 'message', 'reason'];
const DURATION = [
	'duration',
	'callDuration',
	'billDuration',
	'talkTime',
	'talkDuration',
	'answerDuration',
];
const PRICE = ['fee', 'price', 'cost', 'amount', 'charge'];
const CALLER = ['displayNum', 'caller', 'callerNumber', 'from'];
const END_TIME = ['endTime', 'callEndTime', 'hangupTime', 'finishTime'];
const OTHER_TIME = ['answerTime', 'startTime', 'callStartTime', 'createTime', 'time', 'timestamp'];

/** English status words, compared lower case without spaces or punctuation. */
const STATUS_BY_WORD = table<CallStatus>({
	answered: 'completed',
	answer: 'completed',
	success: 'completed',
	succeeded: 'completed',
	successful: 'completed',
	completed: 'completed',
	complete: 'completed',
	connected: 'completed',
	ok: 'completed',
	noanswer: 'no-answer',
	unanswered: 'no-answer',
	notanswered: 'no-answer',
	timeout: 'no-answer',
	noresponse: 'no-answer',
	busy: 'busy',
	userbusy: 'busy',
	rejected: 'rejected',
	reject: 'rejected',
	refused: 'rejected',
	declined: 'rejected',
	failed: 'failed',
	fail: 'failed',
	failure: 'failed',
	error: 'failed',
	unreachable: 'failed',
	poweroff: 'failed',
	poweredoff: 'failed',
	invalidnumber: 'failed',
	emptynumber: 'failed',
	vacantnumber: 'failed',
	notconnected: 'failed',
	cancelled: 'failed',
	canceled: 'failed',
	ringing: 'ringing',
	calling: 'initiated',
	initiated: 'initiated',
	queued: 'queued',
	pending: 'queued',
});

/** Chinese phrases, most specific first ("未接通" before "接通"). */
const STATUS_BY_PHRASE: ReadonlyArray<readonly [string, CallStatus]> = [
	['无人接听', 'no-answer'],
	['未接听', 'no-answer'],
	['无应答', 'no-answer'],
	['无法接通', 'failed'],
	['未接通', 'no-answer'],
	['空号', 'failed'],
	['关机', 'failed'],
	['停机', 'failed'],
	['失败', 'failed'],
	['拒接', 'rejected'],
	['拒绝', 'rejected'],
	['用户忙', 'busy'],
	['占线', 'busy'],
	['忙', 'busy'],
	['已接听', 'completed'],
	['接听', 'completed'],
	['接通', 'completed'],
	['成功', 'completed'],
];

function statusOfWord(word: string | null): CallStatus | undefined {
	if (word === null) return undefined;
	const byWord = STATUS_BY_WORD.get(squash(word));
	if (byWord !== undefined) return byWord;
	return STATUS_BY_PHRASE.find(([phrase]) => word.includes(phrase))?.[1];
}

const first = (record: Record<string, unknown>, names: string[]): unknown =>
	names
		.map((name) => field(record, name))
		.find((value) => value !== undefined && value !== null && value !== '');

function isCallRecord(value: unknown): value is Record<string, unknown> {
	if (!isRecord(value) || text(first(value, CALL_ID)) === null) return false;
	// Not another provider's: Webex envelopes and Routee's status objects.
	if (field(value, 'deliveryInfoNotification') !== undefined || isRecord(field(value, 'status')))
		return false;
	return [NUMBER, STATUS, ['transData']].some((names) => first(value, names) !== undefined);
}

/** Records in a body: one, an array, or under `data`. */
function records(body: unknown): Record<string, unknown>[] {
	const data = field(body, 'data');
	const container = !isCallRecord(body) && (Array.isArray(data) || isRecord(data)) ? data : body;
	return (Array.isArray(container) ? container : [container]).filter(isCallRecord);
}

function e164(number: string | null): string | null {
	if (number === null) return null;
	const compact = number.replace(/[\s\-.()]/g, '');
	if (/^\d+$/.test(compact))
		return compact.startsWith('00') ? `+${compact.slice(2)}` : `+${compact}`;
	return compact;
}

/** InnoPaaS call detail records, POSTed to `billUrl` (shape assumed: see above). */
export const innoPaasReceipts: ReceiptParser = {
	provider: 'innoPaas',

	matches(body) {
		return records(body).length > 0;
	},

	parse(body, options = {}) {
		const receivedAt = (options.receivedAt ?? new Date()).toISOString();
		const zone = options.timeZone ?? DEFAULT_ZONE;
		return records(body).map((record): CallEvent => {
			const rawStatus = first(record, STATUS);
			const statusText = text(rawStatus);
			const description = text(first(record, DESCRIPTION));
			const numericStatus = statusText !== null && /^-?\d+$/.test(statusText);
			const durationSeconds = numeric(first(record, DURATION));
			const status =
				(numericStatus ? undefined : statusOfWord(statusText)) ??
				statusOfWord(description) ??
				(durationSeconds !== null && durationSeconds > 0 ? 'completed' : 'unknown');
			const stamps = [...END_TIME, ...OTHER_TIME]
				.map((name) => text(field(record, name)))
				.filter((stamp): stamp is string => stamp !== null);
			const time = innoPaasReceiptTime(stamps[0] ?? null, zone);
			return {
				provider: 'innoPaas',
				status,
				final: isFinalStatus(status),
				providerStatus: numericStatus ? description : (statusText ?? description),
				providerCode: numericStatus ? statusText : text(field(record, 'code')),
				description,
				messageId: text(first(record, CALL_ID)),
				campaignId: text(field(record, 'taskId')),
				correlationId: null,
				callbackData: text(field(record, 'transData')),
				to: e164(text(first(record, NUMBER))),
				from: text(first(record, CALLER)),
				timestamp: time.timestamp,
				durationSeconds,
				price: numeric(first(record, PRICE)),
				receivedAt,
				// Its own entry only, never the whole body: an unknown status or a stamp that names no
				// real time keeps it, so it is not lost.
				...(keepsRaw(status, time, options) ? { raw: record } : {}),
			};
		});
	},
};
