import type { ICredentialDataDecryptedObject, ICredentialTestRequest, IDataObject, IHttpRequestHelper } from 'n8n-workflow';

import { field, text } from '../../core/objects';
import { BATCH_NOTIFY_PATH, INNOPAAS_API_URL, innoPaasBaseUrl } from './common';

/**
 * InnoPaaS has no "who am I" endpoint and no published code table. The test sends batch-notify
 * with nothing to dial (empty mobile, countryCode and templateId), which InnoPaaS must refuse.
 * ASSUMED: it checks appId and appKey before the parameters, and its refusal of bad credentials
 * names them ("appId", "appKey", "auth", 鉴权, 密钥, …); a refusal that does not is a complaint
 * about the parameters, so the credentials passed.
 *
 * Reading a refusal's words takes code, and n8n lets a credential's own code make requests only
 * in `preAuthentication` (with the `httpRequest` helper; a test function on a node gets only the
 * deprecated `request`). n8n runs `preAuthentication` before the request of every credential test,
 * and otherwise only while the credential's hidden expirable field is empty, which it never is
 * (see InnoPaasApi.credentials.ts): calls never pay for this check. It sends the empty
 * batch-notify, throws with the reason when InnoPaaS refuses the credentials, and returns nothing
 * to store. The declarative request below then repeats it and fails when the answer has no code.
 */
const EMPTY_NOTIFY = { mobile: '', countryCode: '', templateId: '' };
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

/** Words that name the app credentials or their check, in the English or Chinese of an answer. */
const INNOPAAS_AUTH_WORDS = /app\s*_?\s*(id|key)|\bauth|credential|secret|password|\bsign(ature)?\b|鉴权|认证|密钥|账号|账户|帐号/i;

export const innoPaasCredentialTest: ICredentialTestRequest = {
	request: {
		method: 'POST',
		url: `={{ ($credentials.baseUrl || "${INNOPAAS_API_URL}").replace(/\\/+$/, "") + "${BATCH_NOTIFY_PATH}" }}`,
		headers: FORM,
		body: EMPTY_NOTIFY,
		json: true,
		timeout: 15_000,
	},
	rules: [
		{
			type: 'responseSuccessBody',
			properties: { key: 'code', value: undefined, message: 'This does not answer like the InnoPaaS API (no code): check the base URL' },
		},
	],
};

/** Why InnoPaaS's answer to the empty batch-notify fails the test, or null when the credentials passed. */
export function refusalOf(baseUrl: string, answer: { statusCode: number; body: unknown }, secret: string): string | null {
	const { statusCode, body } = answer;
	if (statusCode === 401 || statusCode === 403) return `InnoPaaS did not accept the app ID and key (HTTP ${statusCode})`;
	if (statusCode === 404) return `No InnoPaaS voice API at ${baseUrl}: check the base URL`;
	if (statusCode >= 400) return `InnoPaaS answered HTTP ${statusCode}; try again later`;
	const code = text(field(body, 'code'));
	// The provider's words are shown as they came, but never the key, should an answer echo it.
	const message = (text(field(body, 'message', 'msg')) ?? '').split(secret || '\u0000').join('*****');
	if (code === null) return `${baseUrl} did not answer like the InnoPaaS API (no code): check the base URL`;
	if (INNOPAAS_AUTH_WORDS.test(message)) return `InnoPaaS did not accept the app ID and key: ${message} (code ${code})`;
	return null;
}

/** The credential's `preAuthentication`: the check above, before the test's own request. */
export async function checkInnoPaasCredentials(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject): Promise<IDataObject> {
	const baseUrl = innoPaasBaseUrl(credentials);
	const secret = String(credentials.appSecretKey ?? '');
	let answer: { statusCode: number; body: unknown };
	try {
		answer = (await this.helpers.httpRequest({
			method: 'POST',
			url: `${baseUrl}${BATCH_NOTIFY_PATH}`,
			headers: FORM,
			body: { appId: String(credentials.appId ?? ''), appKey: secret, ...EMPTY_NOTIFY },
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			timeout: 15_000,
		})) as { statusCode: number; body: unknown };
	} catch (error) {
		// In words: n8n replaces a message naming a network error code with its own, without the URL.
		const code = text(fromCause(error, 'code')) ?? '';
		throw new Error(`Could not reach ${baseUrl} (${NETWORK_ERRORS[code] ?? 'the connection failed'}): check the base URL`);
	}
	const refusal = refusalOf(baseUrl, { statusCode: answer.statusCode, body: parsed(answer.body) }, secret);
	if (refusal !== null) throw new Error(refusal);
	return {};
}

const NETWORK_ERRORS: Record<string, string> = {
	ECONNREFUSED: 'connection refused',
	ENOTFOUND: 'unknown host',
	EAI_AGAIN: 'unknown host',
	ECONNRESET: 'connection reset',
	ETIMEDOUT: 'no answer in time',
	ECONNABORTED: 'no answer in time',
};

function fromCause(error: unknown, key: string): unknown {
	const record = error as Record<string, unknown> | null;
	return record?.[key] ?? (record?.cause as Record<string, unknown> | undefined)?.[key];
}

/** InnoPaaS may label its JSON as text. */
function parsed(body: unknown): unknown {
	if (typeof body !== 'string') return body;
	try {
		return JSON.parse(body);
	} catch {
		return body;
	}
}
