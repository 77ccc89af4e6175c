import type {
	CredentialFields,
	ProviderRequest,
	ProviderResponse,
	RecipientOutcome,
} from '../../core/adapter';
import {
	errorOutcome,
	isSuccess,
	unreadableSuccess,
	type AmbiguousOutcome,
	type ErrorOutcome,
} from '../../core/answers';
import { compact, field, isRecord, text } from '../../core/objects';
import type { InnoPaasBatch } from './schema';

export const INNOPAAS = 'InnoPaaS';
export const INNOPAAS_API_URL = 'https://api.tig253.com';
export const BATCH_NOTIFY_PATH = '/open/int-voice/batch-notify';
/** The one code the documents give: success. The rest of the code table is unknown. */
export const SUCCESS_CODE = '200000';

export const MAX_NUMBERS = 1000;
export const MAX_BILL_URL = 250;
export const MAX_TRANS_DATA = 50;
export const MAX_RECALL_COUNT = 3;
/** Redialling may span at most 3 days in all. */
export const MAX_REDIAL_MINUTES = 3 * 24 * 60;
/** A scheduled task starts at most 8 days ahead. */
export const MAX_START_AHEAD_MS = 8 * 24 * 60 * 60 * 1000;
/**
 * A task's window: InnoPaaS documents no limit for `taskEndTime`, only that redialling spans at
 * most 3 days; later than that after the start, nothing is called, so it is refused.
 */
export const MAX_TASK_SPAN_MS = MAX_REDIAL_MINUTES * 60 * 1000;

export function innoPaasBaseUrl(credentials: CredentialFields): string {
	return (text(credentials.baseUrl) ?? INNOPAAS_API_URL).replace(/\/+$/, '');
}

/**
 * What an answer means. Only `code` "200000" is documented (success, `data.callId`); any other
 * code is a refusal whose meaning is unknown, so its code and message are kept verbatim.
 */
export function readAnswer(
	response: ProviderResponse,
):
	| { kind: 'success'; callId: string | null; message: string | null }
	| ErrorOutcome
	| AmbiguousOutcome {
	const body = response.body;
	const code = text(field(body, 'code'));
	const message = text(field(body, 'message', 'msg'));
	if (!isSuccess(response)) return errorOutcome(response, code, message);
	if (!isRecord(body) || code === null)
		return unreadableSuccess(INNOPAAS, response, 'without a code', 'the call');
	if (code !== SUCCESS_CODE) {
		return {
			kind: 'error',
			httpStatus: response.statusCode,
			code,
			message: message ?? `${INNOPAAS} answered code ${code} without a message`,
		};
	}
	return { kind: 'success', callId: text(field(field(body, 'data'), 'callId', 'callid')), message };
}

/** What batch-notify's body is built from: a single call or a batch. */
export type NotifyCall = Omit<InnoPaasBatch, 'recipients'> & {
	recipients: Array<{ to: string; correlationId?: string; variables?: string[] }>;
	variables?: string[];
};

const flag = (value: boolean | undefined, yes: string, no: string) =>
	value === undefined ? undefined : value ? yes : no;
const digits = (value: number | undefined) => (value === undefined ? undefined : String(value));

/** `number,var1|var2` per recipient (numbers without "+"), joined with ";". */
export function packMobile(recipients: NotifyCall['recipients'], shared?: string[]): string {
	return recipients
		.map((recipient) => {
			const variables = recipient.variables ?? shared ?? [];
			const number = recipient.to.replace(/^\+/, '');
			return variables.length > 0 ? `${number},${variables.join('|')}` : number;
		})
		.join(';');
}

/** The form body of batch-notify, every value a string; appId and appKey are the credential's. */
function notifyBody(call: NotifyCall): Record<string, string> {
	return compact({
		mobile: packMobile(call.recipients, call.variables),
		countryCode: call.countryCode,
		templateId: call.templateId,
		billUrl: call.billUrl,
		transData: call.transData,
		displayNum: call.displayNum,
		smsHangupStatus: flag(call.smsHangupStatus, '1', '0'),
		smsTemplateId: call.smsTemplateId,
		smsSendType: digits(call.smsSendType),
		smsSendLimit: digits(call.smsSendLimit),
		sendType: call.sendType === undefined ? undefined : call.sendType === 'scheduled' ? '1' : '2',
		taskStartTime: call.taskStartTime,
		taskEndTime: call.taskEndTime,
		taskName: call.taskName,
		maxRecallCount: digits(call.maxRecallCount),
		recallInterval: digits(call.recallInterval),
		noConnected: flag(call.noConnected, 'true', 'false'),
		noAnswer: flag(call.noAnswer, 'true', 'false'),
		ttsVoice: call.ttsVoice,
	}) as Record<string, string>;
}

export function parseNotify(call: NotifyCall, response: ProviderResponse, batch: boolean) {
	const answer = readAnswer(response);
	if (answer.kind !== 'success') return answer;
	return {
		kind: 'accepted' as const,
		requestedAt: null,
		...(batch ? { campaignId: answer.callId } : {}),
		// One callId per request: every number of a batch shares it (call records name the number).
		recipients: call.recipients.map(
			(recipient): RecipientOutcome => ({
				to: recipient.to,
				status: 'queued',
				messageId: answer.callId,
				correlationId: recipient.correlationId ?? null,
				code: '200000',
				message: answer.message,
			}),
		),
	};
}

/** What the single call and the batch adapters share: one endpoint, one credential. */
export const NOTIFY_ENDPOINT = {
	id: 'innoPaas',
	displayName: INNOPAAS,
	credentialType: 'innoPaasApi',
	tokenAuth: false,
	baseUrl: innoPaasBaseUrl,
	buildRequest: (call: NotifyCall): ProviderRequest => ({
		method: 'POST',
		path: BATCH_NOTIFY_PATH,
		encoding: 'form',
		body: notifyBody(call),
	}),
} as const;
