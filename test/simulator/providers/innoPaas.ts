/**
 * InnoPaaS / Chuanglan 253 international voice notification, as providers.md §4 and seed 004
 * describe it: `POST /open/int-voice/batch-notify`, form-encoded, `appId` and `appKey` in the form,
 * and the call detail record POSTed to `billUrl`.
 *
 * Choices made where the documents are silent (tests and README cite these):
 * - Every answer is HTTP 200 with `{ code, message }` (and `data: { callId }` on success). Only
 *   "200000" is documented; these codes are made up: 400001 appId or appKey missing, 400002
 *   appId or appKey wrong, 400003 not form-encoded, 400100 mandatory parameter missing, 400101
 *   invalid parameter, 400102 more than 1000 numbers; an injected 500 carries 500000. Messages
 *   name the field; only the two credential refusals mention appId/appKey.
 * - appId and appKey are checked first, before any parameter (the credential test relies on it:
 *   a request with nothing to dial is refused with 400100 when they are right).
 * - `mobile`: entries separated by ";" (a trailing ";" is tolerated), each `number` or
 *   `number,var1|var2`. A number is digits only, no "+", 7 to 15 digits, no leading 0. Up to
 *   1000 numbers. An empty variable (`a||b`, a trailing "|", a "," with nothing after) is invalid.
 *   Templates are unknown to the simulator, so the count of variables is not checked.
 * - `countryCode`: two upper-case letters; not compared with the numbers.
 * - Lengths: billUrl ≤ 250 (and http(s)), transData ≤ 50 characters. `displayNum` digits.
 *   `ttsVoice` a language tag like en-US. Flags: smsHangupStatus 0/1 (1 needs smsTemplateId),
 *   smsSendType 0–3 (3 needs smsSendLimit, an integer ≥ 1), sendType 1/2 (1 needs
 *   taskStartTime), maxRecallCount 0–3, recallInterval an integer ≥ 1, required when
 *   maxRecallCount > 0, redialling (maxRecallCount, default 1, × recallInterval, default 60) at
 *   most 3 days, noConnected/noAnswer "true"/"false".
 * - Task times `yyyyMMddHHmmss`, read as China time (UTC+8, assumed); the start at most 8 days
 *   ahead plus one day of grace for the unknown zone; the end after the start. A scheduled task's
 *   records are not delayed.
 * - Unknown fields are only warnings. One `callId` per request, shared by all its numbers.
 * - The call detail record (shape ASSUMED: no document gives it) is POSTed as JSON to billUrl,
 *   one per number once the call and its redials ended; see InnoPaasCallRecord and
 *   INNOPAAS_OUTCOME_BY_LAST_DIGIT. Its times are China time (UTC+8) `yyyyMMddHHmmss`.
 * - Dial counters count every accepted number as "+<number>" (redials are not counted again).
 */
import { randomUUID } from 'node:crypto';

import type {
	Provider,
	ProviderContext,
	SimRequest,
	SimResponse,
	SimulatorProvider,
} from '../types';
import { isHttpUrl } from '../validation';

const NAME = 'innoPaas';

/** The InnoPaaS application batch-notify accepts. */
export interface InnoPaasAccount {
	/** Default `sim-innopaas-app`. */
	innoPaasAppId: string;
	/** Default `sim-innopaas-key`. */
	innoPaasAppKey: string;
}

type Context = ProviderContext<InnoPaasAccount>;

export const INNOPAAS_PATH = '/open/int-voice/batch-notify';
export const INNOPAAS_SUCCESS = '200000';
export const INNOPAAS_MAX_NUMBERS = 1000;
const EIGHT_DAYS_MS = 8 * 24 * 3600 * 1000;
const GRACE_MS = 24 * 3600 * 1000;
const CHINA_OFFSET_MS = 8 * 3600 * 1000;

export const INNOPAAS_CODES = {
	credentialsMissing: '400001',
	credentialsWrong: '400002',
	notForm: '400003',
	missing: '400100',
	invalid: '400101',
	tooMany: '400102',
} as const;

/**
 * The call detail record the simulator POSTs to billUrl. ASSUMED shape: InnoPaaS documents only
 * that it carries transData and relates to the callId.
 */
export interface InnoPaasCallRecord {
	callId: string;
	/** The number as sent, digits without "+". */
	mobile: string;
	countryCode: string;
	templateId: string;
	displayNum: string;
	/** ANSWERED, NO_ANSWER, BUSY, REJECTED or FAILED. */
	status: string;
	statusDesc: string;
	/** China time (UTC+8), yyyyMMddHHmmss; answerTime is "" when not answered. */
	startTime: string;
	answerTime: string;
	endTime: string;
	/** Seconds talked. */
	duration: number;
	/** Redials made. */
	recallCount: number;
	/** Charge (made-up price per answered call). */
	fee: number;
	/** Whether the hangup SMS was sent. */
	smsSent: boolean;
	transData: string;
}

export interface InnoPaasOutcome {
	summary: string;
	/** providers.md §5 normalised status the record must map to. */
	finalStatus: 'completed' | 'busy' | 'no-answer' | 'rejected' | 'failed';
	status: string;
	statusDesc: string;
	duration: number;
}

const ANSWERED: InnoPaasOutcome = {
	summary: 'answered',
	finalStatus: 'completed',
	status: 'ANSWERED',
	statusDesc: 'Answered',
	duration: 18,
};
const NO_ANSWER: InnoPaasOutcome = {
	summary: 'no answer',
	finalStatus: 'no-answer',
	status: 'NO_ANSWER',
	statusDesc: 'No answer',
	duration: 0,
};

/**
 * One record per number, by the number's last digit:
 *
 * | digit | record status                                         | final status            |
 * |-------|-------------------------------------------------------|-------------------------|
 * | 0–4   | ANSWERED, 18 s                                        | completed               |
 * | 5     | no answer first; ANSWERED (6 s) on the first redial   | completed (recallCount 1) |
 * |       | when redialling is on (maxRecallCount ≥ 1, noAnswer), |                         |
 * |       | else NO_ANSWER                                        | no-answer               |
 * | 6     | BUSY                                                  | busy                    |
 * | 7     | NO_ANSWER, after every redial allowed                 | no-answer               |
 * | 8     | REJECTED                                              | rejected                |
 * | 9     | FAILED ("Powered off"), after every redial allowed    | failed                  |
 */
export const INNOPAAS_OUTCOME_BY_LAST_DIGIT: Readonly<Record<string, InnoPaasOutcome>> = {
	'0': ANSWERED,
	'1': ANSWERED,
	'2': ANSWERED,
	'3': ANSWERED,
	'4': ANSWERED,
	'5': {
		summary: 'answered on the first redial',
		finalStatus: 'completed',
		status: 'ANSWERED',
		statusDesc: 'Answered',
		duration: 6,
	},
	'6': {
		summary: 'busy',
		finalStatus: 'busy',
		status: 'BUSY',
		statusDesc: 'User busy',
		duration: 0,
	},
	'7': NO_ANSWER,
	'8': {
		summary: 'rejected',
		finalStatus: 'rejected',
		status: 'REJECTED',
		statusDesc: 'Rejected by the user',
		duration: 0,
	},
	'9': {
		summary: 'powered off',
		finalStatus: 'failed',
		status: 'FAILED',
		statusDesc: 'Powered off',
		duration: 0,
	},
};

export function innoPaasOutcomeFor(number: string): InnoPaasOutcome {
	return INNOPAAS_OUTCOME_BY_LAST_DIGIT[number.slice(-1)] ?? ANSWERED;
}

class Rejection extends Error {
	constructor(
		readonly code: string,
		readonly reason: string,
	) {
		super(`${code}: ${reason}`);
	}
}

const missing = (field: string) => new Rejection(INNOPAAS_CODES.missing, `${field} is required`);
const invalid = (field: string, why: string) =>
	new Rejection(INNOPAAS_CODES.invalid, `${field} ${why}`);

function answer(
	code: string,
	message: string,
	data?: unknown,
	warnings: string[] = [],
): SimResponse {
	return {
		status: 200,
		body: JSON.stringify({ code, message, ...(data === undefined ? {} : { data }) }),
		code,
		reason: message,
		warnings,
	};
}

const KNOWN_FIELDS = [
	'appId',
	'appKey',
	'mobile',
	'countryCode',
	'templateId',
	'billUrl',
	'transData',
	'displayNum',
	'smsHangupStatus',
	'smsTemplateId',
	'smsSendType',
	'smsSendLimit',
	'sendType',
	'taskStartTime',
	'taskEndTime',
	'taskName',
	'maxRecallCount',
	'recallInterval',
	'noConnected',
	'noAnswer',
	'ttsVoice',
];

/** `yyyyMMddHHmmss` read as China time; undefined when not a real date. */
function parseCompact(value: string): Date | undefined {
	const match = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(value);
	if (!match) return undefined;
	const [year, month, day, hour, minute, second] = match.slice(1).map(Number);
	const utc = Date.UTC(year, month - 1, day, hour, minute, second) - CHINA_OFFSET_MS;
	const check = new Date(utc + CHINA_OFFSET_MS);
	if (
		check.getUTCMonth() !== month - 1 ||
		check.getUTCDate() !== day ||
		hour > 23 ||
		minute > 59 ||
		second > 59
	)
		return undefined;
	return new Date(utc);
}

const chinaCompact = (date: Date) =>
	new Date(date.getTime() + CHINA_OFFSET_MS).toISOString().replace(/[-:T]/g, '').slice(0, 14);

const wholeNumber = (value: string, min: number, max?: number) =>
	/^\d+$/.test(value) && Number(value) >= min && (max === undefined || Number(value) <= max);

interface Entry {
	number: string;
	variables: string[];
}

function parseMobile(mobile: string): Entry[] {
	const parts = mobile.split(';');
	if (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
	if (parts.length > INNOPAAS_MAX_NUMBERS) {
		throw new Rejection(
			INNOPAAS_CODES.tooMany,
			`mobile has ${parts.length} numbers, at most ${INNOPAAS_MAX_NUMBERS}`,
		);
	}
	return parts.map((part, i) => {
		const comma = part.indexOf(',');
		const number = comma < 0 ? part : part.slice(0, comma);
		if (!/^[1-9]\d{6,14}$/.test(number)) {
			throw invalid(
				'mobile',
				`entry ${i + 1}: ${JSON.stringify(number)} is not a number with its country code (digits only, no "+")`,
			);
		}
		const variables = comma < 0 ? [] : part.slice(comma + 1).split('|');
		if (variables.some((variable) => variable === '')) {
			throw invalid('mobile', `entry ${i + 1}: a template variable is empty`);
		}
		return { number, variables };
	});
}

interface Task {
	entries: Entry[];
	countryCode: string;
	templateId: string;
	billUrl?: string;
	transData: string;
	displayNum: string;
	smsOn: boolean;
	smsSendType: number;
	maxRecallCount: number;
	noAnswerRedial: boolean;
	noConnectedRedial: boolean;
}

function validate(form: URLSearchParams): Task {
	const get = (name: string) => form.get(name) ?? undefined;
	const mobile = get('mobile');
	if (mobile === undefined || mobile === '') throw missing('mobile');
	const countryCode = get('countryCode');
	if (countryCode === undefined || countryCode === '') throw missing('countryCode');
	const templateId = get('templateId');
	if (templateId === undefined || templateId === '') throw missing('templateId');
	const entries = parseMobile(mobile);
	if (!/^[A-Z]{2}$/.test(countryCode))
		throw invalid(
			'countryCode',
			`${JSON.stringify(countryCode)} is not an ISO 3166-1 alpha-2 code`,
		);

	const billUrl = get('billUrl');
	if (billUrl !== undefined) {
		if (billUrl.length > 250)
			throw invalid('billUrl', `is ${billUrl.length} characters, at most 250`);
		if (!isHttpUrl(billUrl)) throw invalid('billUrl', 'must be an http(s) URL');
	}
	const transData = get('transData');
	if (transData !== undefined && [...transData].length > 50)
		throw invalid('transData', `is ${[...transData].length} characters, at most 50`);
	const displayNum = get('displayNum');
	if (displayNum !== undefined && !/^\d{1,20}$/.test(displayNum))
		throw invalid('displayNum', 'must be digits');
	const ttsVoice = get('ttsVoice');
	if (ttsVoice !== undefined && !/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(ttsVoice))
		throw invalid('ttsVoice', `${JSON.stringify(ttsVoice)} is not a language tag`);

	const smsHangupStatus = get('smsHangupStatus');
	if (smsHangupStatus !== undefined && !['0', '1'].includes(smsHangupStatus))
		throw invalid('smsHangupStatus', 'must be 0 or 1');
	if (smsHangupStatus === '1' && !get('smsTemplateId')) throw missing('smsTemplateId');
	const smsSendType = get('smsSendType');
	if (smsSendType !== undefined && !wholeNumber(smsSendType, 0, 3))
		throw invalid('smsSendType', 'must be 0, 1, 2 or 3');
	const smsSendLimit = get('smsSendLimit');
	if (smsSendType === '3' && smsSendLimit === undefined) throw missing('smsSendLimit');
	if (smsSendLimit !== undefined && !wholeNumber(smsSendLimit, 1))
		throw invalid('smsSendLimit', 'must be a whole number of at least 1');

	const sendType = get('sendType');
	if (sendType !== undefined && !['1', '2'].includes(sendType))
		throw invalid('sendType', 'must be 1 or 2');
	const start = get('taskStartTime');
	const end = get('taskEndTime');
	if (sendType === '1' && start === undefined) throw missing('taskStartTime');
	const startDate = start === undefined ? undefined : parseCompact(start);
	if (start !== undefined && startDate === undefined)
		throw invalid('taskStartTime', 'must be yyyyMMddHHmmss');
	const endDate = end === undefined ? undefined : parseCompact(end);
	if (end !== undefined && endDate === undefined)
		throw invalid('taskEndTime', 'must be yyyyMMddHHmmss');
	if (startDate && startDate.getTime() > Date.now() + EIGHT_DAYS_MS + GRACE_MS)
		throw invalid('taskStartTime', 'is more than 8 days ahead');
	if (startDate && endDate && endDate.getTime() <= startDate.getTime())
		throw invalid('taskEndTime', 'must be after taskStartTime');

	const maxRecallCount = get('maxRecallCount');
	if (maxRecallCount !== undefined && !wholeNumber(maxRecallCount, 0, 3))
		throw invalid('maxRecallCount', 'must be 0 to 3');
	const recallInterval = get('recallInterval');
	if (maxRecallCount !== undefined && Number(maxRecallCount) > 0 && recallInterval === undefined)
		throw missing('recallInterval');
	if (recallInterval !== undefined && !wholeNumber(recallInterval, 1))
		throw invalid('recallInterval', 'must be a whole number of minutes');
	const count = Number(maxRecallCount ?? 1);
	if (count * Number(recallInterval ?? 60) > 3 * 24 * 60)
		throw invalid('recallInterval', 'redialling may span at most 3 days');
	for (const flag of ['noConnected', 'noAnswer']) {
		const value = get(flag);
		if (value !== undefined && !['true', 'false'].includes(value))
			throw invalid(flag, 'must be true or false');
	}
	return {
		entries,
		countryCode,
		templateId,
		billUrl,
		transData: transData ?? '',
		displayNum: displayNum ?? '',
		smsOn: smsHangupStatus === '1',
		smsSendType: Number(smsSendType ?? 0),
		maxRecallCount: count,
		noAnswerRedial: get('noAnswer') !== 'false',
		noConnectedRedial: get('noConnected') !== 'false',
	};
}

function callRecord(task: Task, callId: string, number: string, now: Date): InnoPaasCallRecord {
	let outcome = innoPaasOutcomeFor(number);
	let recallCount = 0;
	const last = number.slice(-1);
	if (last === '5') {
		if (task.maxRecallCount > 0 && task.noAnswerRedial) recallCount = 1;
		else outcome = NO_ANSWER;
	} else if (last === '7' && task.noAnswerRedial) {
		recallCount = task.maxRecallCount;
	} else if (last === '9' && task.noConnectedRedial) {
		recallCount = task.maxRecallCount;
	}
	const answered = outcome.duration > 0;
	const end = now;
	const start = new Date(end.getTime() - (outcome.duration + 5) * 1000);
	const smsSent =
		task.smsOn &&
		(task.smsSendType === 1 ||
			(task.smsSendType === 0 && answered) ||
			(task.smsSendType === 2 && !answered) ||
			(task.smsSendType === 3 && answered));
	return {
		callId,
		mobile: number,
		countryCode: task.countryCode,
		templateId: task.templateId,
		displayNum: task.displayNum,
		status: outcome.status,
		statusDesc: outcome.statusDesc,
		startTime: chinaCompact(start),
		answerTime: answered ? chinaCompact(new Date(start.getTime() + 5000)) : '',
		endTime: chinaCompact(end),
		duration: outcome.duration,
		recallCount,
		fee: answered ? 0.05 : 0,
		smsSent,
		transData: task.transData,
	};
}

function handle(req: SimRequest, ctx: Context): SimResponse {
	if (!/^application\/x-www-form-urlencoded/i.test(req.headers['content-type'] ?? '')) {
		return answer(INNOPAAS_CODES.notForm, 'content-type must be application/x-www-form-urlencoded');
	}
	const form = new URLSearchParams(req.rawBody);
	const appId = form.get('appId');
	const appKey = form.get('appKey');
	if (!appId || !appKey)
		return answer(INNOPAAS_CODES.credentialsMissing, 'appId and appKey are required');
	if (appId !== ctx.options.innoPaasAppId || appKey !== ctx.options.innoPaasAppKey) {
		return answer(INNOPAAS_CODES.credentialsWrong, 'appId or appKey is incorrect');
	}
	const warnings = [...form.keys()]
		.filter((key) => !KNOWN_FIELDS.includes(key))
		.map((key) => `${key} is not a documented field; the platform ignores it`);
	let task: Task;
	try {
		task = validate(form);
	} catch (error) {
		if (!(error instanceof Rejection)) throw error;
		return answer(error.code, error.reason, undefined, warnings);
	}
	const callId = randomUUID().replace(/-/g, '');
	for (const { number } of task.entries) {
		ctx.countDial(`+${number}`);
		if (task.billUrl === undefined) continue;
		ctx.sendReceipts({
			provider: NAME,
			url: task.billUrl,
			receipts: [(now) => callRecord(task, callId, number, now)],
		});
	}
	return answer(INNOPAAS_SUCCESS, 'success', { callId }, warnings);
}

export const innoPaas: SimulatorProvider<InnoPaasAccount> = {
	defaults: { innoPaasAppId: 'sim-innopaas-app', innoPaasAppKey: 'sim-innopaas-key' },
	create,
};

function create(): Provider<InnoPaasAccount> {
	return {
		name: NAME,
		routes: [
			{
				method: 'POST',
				path: INNOPAAS_PATH,
				handle,
				faultBody: (kind) =>
					kind === '500'
						? { body: JSON.stringify({ code: '500000', message: 'system error' }), code: '500000' }
						: undefined,
			},
		],
	};
}
