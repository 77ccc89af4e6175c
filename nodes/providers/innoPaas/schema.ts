import { z } from 'zod/v4';

import { kindOf, shown } from '../../core/objects';
import { isDateTimeLike } from '../../core/time';
import { shownTime, timeZoneField } from '../../core/timeInput';
import {
	anyNumber,
	formatCount,
	httpUrl,
	msisdn,
	optionalBoolean,
	optionalInteger,
	optionalMaxChars,
	optionalText,
	optionalTextRule,
	recipientList,
	reject,
	requiredText,
	singleRecipient,
} from '../../core/validation';
import { recipientSchema } from '../../core/recipientSchema';
import {
	INNOPAAS,
	MAX_BILL_URL,
	MAX_NUMBERS,
	MAX_RECALL_COUNT,
	MAX_REDIAL_MINUTES,
	MAX_START_AHEAD_MS,
	MAX_TASK_SPAN_MS,
	MAX_TRANS_DATA,
} from './common';
import { callingCodeOf, callingCodeOfCountry, countryOfNumber } from './countries';
import { readInnoPaasTime, toCompactLocal } from './time';

/** `mobile` packs numbers and variables with these: `number,var1|var2;number,…`. */
const SEPARATORS = [',', '|', ';'] as const;

/** Template variables in the template's order; none may contain a separator of `mobile`. */
export const templateVariables = (name: string) =>
	z
		.array(z.unknown())
		.optional()
		.transform((values, ctx) =>
			values?.map((value, index) => {
				if (value === undefined || value === null) return '';
				if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
					return String(value);
				ctx.addIssue({
					code: 'custom',
					message: `${name} ${index + 1} is ${kindOf(value)}, not text`,
				});
				return '';
			}),
		)
		.superRefine((values, ctx) => {
			(values ?? []).forEach((value, index) => {
				const separator = SEPARATORS.find((character) => value.includes(character));
				if (separator !== undefined) {
					ctx.addIssue({
						code: 'custom',
						message: `${name} ${index + 1} ("${value}") contains "${separator}"; ${INNOPAAS} separates numbers and variables with "," "|" and ";", so a variable may not contain them`,
					});
				} else if (value.trim() === '') {
					ctx.addIssue({
						code: 'custom',
						message: `${name} ${index + 1} is empty: give every template variable a value`,
					});
				}
			});
		})
		.transform((values) => (values === undefined || values.length === 0 ? undefined : values));

const isoCountry = optionalText('countryCode').transform((value, ctx) => {
	if (value === undefined) return undefined;
	if (!/^[A-Za-z]{2}$/.test(value)) {
		return reject(
			ctx,
			`countryCode "${value}" is not an ISO 3166-1 alpha-2 code such as GB, DE or CN`,
		);
	}
	return value.toUpperCase();
});

/** The operator's calling number: digits, sent without "+" like every InnoPaaS number. */
const displayNumber = optionalText('displayNum').transform((value, ctx) => {
	if (value === undefined) return undefined;
	const digits = value.replace(/[\s\-.()/]/g, '').replace(/^\+/, '');
	if (!/^\d{1,20}$/.test(digits)) {
		return reject(
			ctx,
			`displayNum "${value}" must be a phone number of digits (the calling number your operator gave you)`,
		);
	}
	return digits;
});

const languageTag = optionalText('ttsVoice').superRefine((value, ctx) => {
	if (value !== undefined && !/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(value)) {
		ctx.addIssue({
			code: 'custom',
			message: `ttsVoice "${value}" is not a language tag such as en-US or zh-CN`,
		});
	}
});

const billUrl = httpUrl('billUrl').superRefine((value, ctx) => {
	if (value !== undefined && value.length > MAX_BILL_URL) {
		ctx.addIssue({
			code: 'custom',
			message: `billUrl is ${formatCount(value.length)} characters; ${INNOPAAS} allows at most ${formatCount(MAX_BILL_URL)}`,
		});
	}
});

/** "immediate" (2) or "scheduled" (1), the provider's numbers also accepted. */
const sendType = z
	.union([z.string(), anyNumber])
	.optional()
	.transform((value, ctx) => {
		const word = String(value ?? '')
			.trim()
			.toLowerCase();
		if (word === '') return undefined;
		if (word === '1' || word === 'scheduled') return 'scheduled' as const;
		if (word === '2' || word === 'immediate') return 'immediate' as const;
		return reject(ctx, `sendType "${shown(value)}" is not one of "immediate", "scheduled"`);
	});

/** Every batch-notify field but `mobile` (built from the recipients) and the credential's. */
const notifyFields = {
	templateId: requiredText('templateId'),
	countryCode: isoCountry,
	displayNum: displayNumber,
	ttsVoice: languageTag,
	billUrl,
	transData: optionalMaxChars('transData', MAX_TRANS_DATA, INNOPAAS),
	maxRecallCount: optionalInteger('maxRecallCount', 0, MAX_RECALL_COUNT, INNOPAAS),
	recallInterval: optionalInteger('recallInterval', 1),
	noConnected: optionalBoolean('noConnected'),
	noAnswer: optionalBoolean('noAnswer'),
	smsHangupStatus: optionalBoolean('smsHangupStatus'),
	smsTemplateId: optionalText('smsTemplateId'),
	smsSendType: optionalInteger('smsSendType', 0, 3, INNOPAAS),
	smsSendLimit: optionalInteger('smsSendLimit', 1),
	sendType,
	/** A date-time (ISO 8601, epoch, Date); without a zone it is read in `timeZone`. */
	taskStartTime: z.unknown(),
	taskEndTime: z.unknown(),
	/** IANA zone the task times are written in; default UTC (the node passes the workflow's zone). */
	timeZone: timeZoneField,
	taskName: optionalText('taskName'),
};

interface NotifyInput {
	recipients: Array<{ to: string; variables?: string[] }>;
	countryCode?: string;
	maxRecallCount?: number;
	recallInterval?: number;
	smsHangupStatus?: boolean;
	smsTemplateId?: string;
	smsSendType?: number;
	smsSendLimit?: number;
	sendType?: 'immediate' | 'scheduled';
	taskStartTime?: unknown;
	taskEndTime?: unknown;
	timeZone?: string;
}

function checkRules(call: NotifyInput, ctx: z.RefinementCtx): void {
	const issue = (path: string, message: string) =>
		ctx.addIssue({ code: 'custom', path: [path], message });
	if ((call.maxRecallCount ?? 0) > 0 && call.recallInterval === undefined) {
		issue(
			'recallInterval',
			`recallInterval is required when maxRecallCount is ${call.maxRecallCount}: the minutes between redials`,
		);
	}
	if (call.recallInterval !== undefined) {
		// The provider redials once by default (maxRecallCount 1).
		const count = call.maxRecallCount ?? 1;
		const span = count * call.recallInterval;
		if (span > MAX_REDIAL_MINUTES) {
			issue(
				'recallInterval',
				`redialling would span ${formatCount(span)} minutes (maxRecallCount ${count} × recallInterval ${formatCount(call.recallInterval)}); ${INNOPAAS} allows at most ${formatCount(MAX_REDIAL_MINUTES)} (3 days)`,
			);
		}
	}
	if (call.smsHangupStatus === true && call.smsTemplateId === undefined) {
		issue('smsTemplateId', 'smsTemplateId is required when the hangup SMS is on (smsHangupStatus)');
	}
	if (call.smsSendType === 3 && call.smsSendLimit === undefined) {
		issue(
			'smsSendLimit',
			'smsSendLimit is required when smsSendType is 3: the seconds a call must last before the hangup SMS is sent',
		);
	}
}

const given = (value: unknown): boolean =>
	value !== undefined && value !== null && !(typeof value === 'string' && value.trim() === '');

/** Task times as `yyyyMMddHHmmss` wall-clock time in the chosen zone, with the scheduling rules. */
function resolveTimes(
	call: NotifyInput,
	ctx: z.RefinementCtx,
): { taskStartTime?: string; taskEndTime?: string } {
	const zone = call.timeZone ?? 'UTC';
	const issue = (path: string, message: string) =>
		ctx.addIssue({ code: 'custom', path: [path], message });
	const read = (name: 'taskStartTime' | 'taskEndTime'): Date | undefined => {
		const value = call[name];
		if (!given(value)) return undefined;
		// A Date, a luxon DateTime (expressions), text or a UNIX time stamp; zone-less text in `zone`.
		const reading = readInnoPaasTime(value, zone);
		if (reading.ok) return new Date(reading.ms);
		const what =
			typeof value === 'object' && !(value instanceof Date) && !isDateTimeLike(value)
				? `${name} must be a date and time, not ${kindOf(value)}`
				: null;
		issue(name, what ?? `${name} "${shownTime(value)}" ${reading.reason}`);
		return undefined;
	};
	const start = read('taskStartTime');
	const end = read('taskEndTime');
	if (call.sendType !== 'scheduled' && (start !== undefined || end !== undefined)) {
		issue(
			start ? 'taskStartTime' : 'taskEndTime',
			'taskStartTime and taskEndTime apply only to scheduled tasks: set sendType to "scheduled"',
		);
	}
	if (call.sendType === 'scheduled' && start === undefined && !given(call.taskStartTime)) {
		issue('taskStartTime', 'taskStartTime is required for a scheduled task (sendType "scheduled")');
	}
	if (start !== undefined && start.getTime() - Date.now() > MAX_START_AHEAD_MS) {
		const days = (start.getTime() - Date.now()) / 86_400_000;
		issue(
			'taskStartTime',
			`taskStartTime ${toCompactLocal(start, zone)} (${zone}) is ${days.toFixed(1)} days ahead; ${INNOPAAS} schedules at most 8 days ahead`,
		);
	}
	if (end !== undefined && start !== undefined) {
		if (end.getTime() <= start.getTime()) {
			issue(
				'taskEndTime',
				`taskEndTime ${toCompactLocal(end, zone)} is not after taskStartTime ${toCompactLocal(start, zone)} (${zone})`,
			);
		} else if (end.getTime() - start.getTime() > MAX_TASK_SPAN_MS) {
			const days = (end.getTime() - start.getTime()) / 86_400_000;
			issue(
				'taskEndTime',
				`taskEndTime ${toCompactLocal(end, zone)} is ${days.toFixed(1)} days after taskStartTime ${toCompactLocal(start, zone)} (${zone}); ${INNOPAAS} redials for at most 3 days, so a task ends at most 3 days after it starts`,
			);
		}
	}
	return {
		taskStartTime: start === undefined ? undefined : toCompactLocal(start, zone),
		taskEndTime: end === undefined ? undefined : toCompactLocal(end, zone),
	};
}

/**
 * The request's one `countryCode`: the given one (checked against the numbers' calling codes when
 * the table knows the country), else derived from the numbers, which must then agree.
 */
function resolveCountry(call: NotifyInput, ctx: z.RefinementCtx): string {
	// Problems of the numbers' countries concern the recipients (a campaign refuses those rows only).
	const issue = (message: string) =>
		ctx.addIssue({ code: 'custom', path: ['recipients'], message });
	const numbers = call.recipients.map((recipient) => recipient.to);
	if (call.countryCode !== undefined) {
		const expected = callingCodeOfCountry(call.countryCode);
		const stranger = numbers.find(
			(number) =>
				expected !== undefined &&
				callingCodeOf(number) !== null &&
				callingCodeOf(number) !== expected,
		);
		if (stranger !== undefined) {
			issue(
				`countryCode "${call.countryCode}" (calling code +${expected}) does not match to "${stranger}" (calling code +${callingCodeOf(stranger)})`,
			);
		}
		return call.countryCode;
	}
	const countries = new Set<string>();
	for (const number of numbers) {
		const country = countryOfNumber(number);
		if (country === null) {
			issue(
				`countryCode is required for to "${number}": its calling code is not in this node's table, so set countryCode (ISO 3166-1 alpha-2, e.g. GB)`,
			);
			return '';
		}
		countries.add(country);
	}
	if (countries.size > 1) {
		issue(
			`to has numbers of several countries (${[...countries].join(', ')}); ${INNOPAAS} takes one countryCode per request: send each country separately, or set countryCode`,
		);
	}
	return [...countries][0] ?? '';
}

function finish<T extends NotifyInput>(call: T, ctx: z.RefinementCtx) {
	// Input already found wrong goes no further (zod v3 skipped this transform then; zod v4 runs it
	// after a refinement's problem, and an unknown time zone would make resolveTimes throw).
	if (ctx.issues.length > 0) return z.NEVER;
	const countryCode = resolveCountry(call, ctx);
	return { ...call, countryCode, ...resolveTimes(call, ctx) };
}

const singleRecipientFields = {
	to: msisdn('to'),
	correlationId: optionalTextRule('correlationId'),
};
export const innoPaasSingleRecipient = recipientSchema(singleRecipientFields);

/** A batch recipient: the number, and its own template variables. */
export const innoPaasRecipient = recipientSchema({
	...singleRecipientFields,
	variables: templateVariables('template variable'),
});

export const innoPaasCallSchema = z
	.object({
		...notifyFields,
		recipients: singleRecipient(innoPaasSingleRecipient, INNOPAAS),
		variables: templateVariables('template variable'),
	})
	.superRefine(checkRules)
	.transform(finish);

export const innoPaasBatchSchema = z
	.object({
		...notifyFields,
		recipients: recipientList(innoPaasRecipient, MAX_NUMBERS, INNOPAAS),
	})
	.superRefine(checkRules)
	.transform(finish);

export type InnoPaasCall = z.output<typeof innoPaasCallSchema>;
export type InnoPaasBatch = z.output<typeof innoPaasBatchSchema>;
