import { field, isRecord, text } from '../../objects';
import type { CredentialFields, ProviderOutcome, ProviderResponse } from '../types';

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

export function innoPaasBaseUrl(credentials: CredentialFields): string {
	return (text(credentials.baseUrl) ?? INNOPAAS_API_URL).replace(/\/+$/, '');
}

const HTTP_MEANING: Record<number, string> = {
	400: 'bad request',
	401: 'authentication failed',
	403: 'forbidden',
	404: 'not found: check the base URL',
	429: 'rate limited: too many requests',
	500: 'internal server error',
	503: 'service unavailable',
};

export const isSuccess = (response: ProviderResponse): boolean =>
	response.statusCode >= 200 && response.statusCode < 300;

/**
 * What an answer means. Only `code` "200000" is documented (success, `data.callId`); any other
 * code is a refusal whose meaning is unknown, so its code and message are kept verbatim.
 */
export function readAnswer(
	response: ProviderResponse,
):
	| { kind: 'success'; callId: string | null; message: string | null }
	| Extract<ProviderOutcome, { kind: 'error' | 'ambiguous' }> {
	const body = response.body;
	const code = text(field(body, 'code'));
	const message = text(field(body, 'message', 'msg'));
	if (!isSuccess(response)) {
		return {
			kind: 'error',
			httpStatus: response.statusCode,
			code: code ?? `HTTP ${response.statusCode}`,
			message: message ?? HTTP_MEANING[response.statusCode] ?? `HTTP ${response.statusCode} without an explanation`,
		};
	}
	if (!isRecord(body) || code === null) {
		return {
			kind: 'ambiguous',
			message: `${INNOPAAS} answered HTTP ${response.statusCode} without a code${
				isRecord(body) ? '' : ' (the body is not JSON)'
			}; the call may have been placed`,
		};
	}
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
