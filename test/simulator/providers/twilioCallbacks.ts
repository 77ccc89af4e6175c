/**
 * What happens to a simulated Twilio call, and the status callbacks that say so: form-encoded
 * POSTs signed with `X-Twilio-Signature` (base64 HMAC-SHA1, keyed with the account's Auth Token,
 * of the URL followed by every parameter's name and value, sorted by name). Written apart from the
 * package's own signature code on purpose, so a mistake there is not mirrored here.
 */
import { createHmac } from 'node:crypto';

import type { MachineDetection, TwilioEvent } from './twilioCall';
import type { ReceiptBuilder, ReceiptJob } from '../types';

export type TwilioFinalStatus = 'completed' | 'busy' | 'no-answer' | 'failed' | 'canceled';

export interface TwilioOutcome {
	summary: string;
	/** The progress the call makes before it ends: `in-progress` means answered. */
	progress: ReadonlyArray<'initiated' | 'ringing' | 'in-progress'>;
	final: TwilioFinalStatus;
	/** Seconds talked (`CallDuration` of the final callback). */
	duration: number;
	sipResponseCode: number;
	/** What machine detection finds, by mode; absent when nobody answered. */
	answeredBy?: (mode: MachineDetection, number: string) => string;
}

const ANSWERED = ['initiated', 'ringing', 'in-progress'] as const;
const human = () => 'human';

/** `DetectMessageEnd` waits for the greeting's end; the second-last digit says how it ended. */
function machine(mode: MachineDetection, number: string): string {
	if (mode === 'Enable') return 'machine_start';
	const digit = Number(number.slice(-2, -1));
	return digit <= 3 ? 'machine_end_beep' : digit <= 6 ? 'machine_end_silence' : 'machine_end_other';
}

/**
 * What happens to a call, by the last digit of `To` (AnsweredBy only with MachineDetection):
 *
 * | digit | callbacks' CallStatus                                | AnsweredBy                 |
 * |-------|------------------------------------------------------|----------------------------|
 * | 0–2   | initiated, ringing, in-progress, completed (18 s)    | human                      |
 * | 3     | initiated, ringing, in-progress, completed (25 s)    | machine_start (Enable) or machine_end_beep / _silence / _other (DetectMessageEnd; second-last digit 0–3 / 4–6 / 7–9) |
 * | 4     | initiated, ringing, in-progress, completed (4 s)     | fax                        |
 * | 5     | initiated, ringing, busy (SIP 486)                   | –                          |
 * | 6     | initiated, ringing, no-answer (SIP 487)              | –                          |
 * | 7     | initiated, failed (SIP 404)                          | –                          |
 * | 8     | initiated, ringing, canceled (SIP 487)               | –                          |
 * | 9     | initiated, ringing, in-progress, completed (12 s)    | unknown (detection timed out) |
 */
export const TWILIO_OUTCOME_BY_LAST_DIGIT: Readonly<Record<string, TwilioOutcome>> = (() => {
	const talked: TwilioOutcome = {
		summary: 'a person answered, then hung up',
		progress: ANSWERED,
		final: 'completed',
		duration: 18,
		sipResponseCode: 200,
		answeredBy: human,
	};
	return {
		'0': talked,
		'1': talked,
		'2': talked,
		'3': { ...talked, summary: 'an answering machine took it', duration: 25, answeredBy: machine },
		'4': { ...talked, summary: 'a fax machine answered', duration: 4, answeredBy: () => 'fax' },
		'5': {
			summary: 'busy',
			progress: ['initiated', 'ringing'],
			final: 'busy',
			duration: 0,
			sipResponseCode: 486,
		},
		'6': {
			summary: 'no answer',
			progress: ['initiated', 'ringing'],
			final: 'no-answer',
			duration: 0,
			sipResponseCode: 487,
		},
		'7': {
			summary: 'failed',
			progress: ['initiated'],
			final: 'failed',
			duration: 0,
			sipResponseCode: 404,
		},
		'8': {
			summary: 'canceled while ringing',
			progress: ['initiated', 'ringing'],
			final: 'canceled',
			duration: 0,
			sipResponseCode: 487,
		},
		'9': {
			...talked,
			summary: 'machine detection could not tell',
			duration: 12,
			answeredBy: () => 'unknown',
		},
	};
})();

export function twilioOutcomeFor(number: string): TwilioOutcome {
	return TWILIO_OUTCOME_BY_LAST_DIGIT[number.slice(-1)] ?? TWILIO_OUTCOME_BY_LAST_DIGIT['0'];
}

/** How the next calls' callbacks are delivered (control endpoint `/__sim/twilio/callbacks`). */
export interface CallbackDelivery {
	/** `reversed`: the final callback first (SequenceNumber still counts in event order). */
	order: 'in-order' | 'reversed';
	/** Each callback sent this many times, byte for byte the same. */
	copies: number;
}

/** `X-Twilio-Signature` of a form POST to `url` (the URL exactly as posted, query included). */
export function twilioSignature(authToken: string, url: string, rawForm: string): string {
	const params = [...new URLSearchParams(rawForm)].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
	const data = url + params.map(([name, value]) => name + value).join('');
	return createHmac('sha1', authToken).update(data, 'utf8').digest('base64');
}

/** RFC 2822 in UTC, as Twilio writes dates: `Sat, 06 Dec 2026 10:00:05 +0000`. */
export const rfc2822 = (date: Date) => date.toUTCString().replace(/GMT$/, '+0000');

export interface PlacedCall {
	accountSid: string;
	authToken: string;
	callSid: string;
	to: string;
	from: string;
	statusCallback: string;
	events: readonly TwilioEvent[];
	machineDetection?: MachineDetection;
	/** AnsweredBy goes to AsyncAmdStatusCallback instead of the status callbacks. */
	asyncAmd: boolean;
}

/** The status each requested event reports, in the order the call makes them. */
function reportedStatuses(call: PlacedCall, outcome: TwilioOutcome): string[] {
	const statuses: string[] = [];
	if (call.events.includes('initiated') && outcome.progress.includes('initiated'))
		statuses.push('initiated');
	if (call.events.includes('ringing') && outcome.progress.includes('ringing'))
		statuses.push('ringing');
	if (call.events.includes('answered') && outcome.progress.includes('in-progress'))
		statuses.push('in-progress');
	if (call.events.includes('completed')) statuses.push(outcome.final);
	return statuses;
}

/** The status callbacks of one call, as a receipt job (built once, at the first delivery). */
export function statusCallbackJob(
	call: PlacedCall,
	delivery: CallbackDelivery,
	startAfterMs: number,
): ReceiptJob {
	const outcome = twilioOutcomeFor(call.to);
	const statuses = reportedStatuses(call, outcome);
	const answeredBy =
		call.machineDetection && !call.asyncAmd && outcome.answeredBy
			? outcome.answeredBy(call.machineDetection, call.to)
			: undefined;
	let bodies: Array<Record<string, string>> | undefined;
	const bodyAt = (index: number, now: Date) => {
		bodies ??= statuses.map((status, sequence) => {
			const final = sequence === statuses.length - 1 && status === outcome.final;
			return {
				AccountSid: call.accountSid,
				ApiVersion: '2010-04-01',
				CallSid: call.callSid,
				CallStatus: status,
				Called: call.to,
				Caller: call.from,
				Direction: 'outbound-api',
				From: call.from,
				To: call.to,
				Timestamp: rfc2822(now),
				SequenceNumber: String(sequence),
				CallbackSource: 'call-progress-events',
				...(final
					? {
							CallDuration: String(outcome.duration),
							SipResponseCode: String(outcome.sipResponseCode),
						}
					: {}),
				...(answeredBy !== undefined && (status === 'in-progress' || final)
					? { AnsweredBy: answeredBy }
					: {}),
			};
		});
		return bodies[index];
	};
	const order = statuses.map((_, index) => index);
	if (delivery.order === 'reversed') order.reverse();
	return {
		provider: 'twilio',
		url: call.statusCallback,
		encoding: 'form',
		retries: 0,
		startAfterMs,
		sign: (raw) => ({
			'x-twilio-signature': twilioSignature(call.authToken, call.statusCallback, raw),
		}),
		receipts: order.flatMap((index) =>
			Array.from({ length: delivery.copies }, (): ReceiptBuilder => (now) => bodyAt(index, now)),
		),
	};
}

/** The AsyncAmdStatusCallback POST, when the call was answered and detection ran in the background. */
export function asyncAmdJob(
	call: Omit<PlacedCall, 'statusCallback'>,
	url: string,
	startAfterMs: number,
): ReceiptJob | undefined {
	const outcome = twilioOutcomeFor(call.to);
	if (!call.machineDetection || !outcome.answeredBy) return undefined;
	const answeredBy = outcome.answeredBy(call.machineDetection, call.to);
	return {
		provider: 'twilio',
		url,
		encoding: 'form',
		retries: 0,
		startAfterMs,
		sign: (raw) => ({ 'x-twilio-signature': twilioSignature(call.authToken, url, raw) }),
		receipts: [
			() => ({
				AccountSid: call.accountSid,
				CallSid: call.callSid,
				AnsweredBy: answeredBy,
				MachineDetectionDuration: answeredBy === 'human' ? '2180' : '4050',
			}),
		],
	};
}
