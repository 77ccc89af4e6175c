import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	INodeCredentialTestResult,
} from 'n8n-workflow';

import { field, text } from '../../core/objects';
import { BATCH_NOTIFY_PATH, innoPaasBaseUrl } from './common';

/** Words that name the app credentials or their check, in the English or Chinese of an answer. */
const INNOPAAS_AUTH_WORDS = /app\s*_?\s*(id|key)|\bauth|credential|secret|password|\bsign(ature)?\b|鉴权|认证|密钥|账号|账户|帐号/i;

/**
 * InnoPaaS has no "who am I" endpoint and no published code table. This sends batch-notify with
 * nothing to dial (empty mobile, countryCode and templateId), which InnoPaaS must refuse. ASSUMED:
 * it checks appId/appKey before the parameters, and its refusal of bad credentials names them
 * ("appId", "appKey", "auth", 鉴权, 密钥, …). A refusal that does not is a parameter complaint,
 * so the credentials passed. The provider's code and message are shown as they came.
 */
export async function testInnoPaasCredential(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const data: ICredentialDataDecryptedObject = credential.data ?? {};
	const baseUrl = innoPaasBaseUrl(data);
	let response: { statusCode: number; body: unknown };
	try {
		// Credential tests are handed only the legacy request helper (n8n 2.41 CredentialTestContext).
		// eslint-disable-next-line @n8n/community-nodes/no-deprecated-workflow-functions
		response = await this.helpers.request({
			method: 'POST',
			uri: `${baseUrl}${BATCH_NOTIFY_PATH}`,
			form: { appId: data.appId, appKey: data.appKey, mobile: '', countryCode: '', templateId: '' },
			json: true,
			simple: false,
			resolveWithFullResponse: true,
			timeout: 15_000,
		});
	} catch (error) {
		const code = text((error as { cause?: { code?: unknown } }).cause?.code) ?? 'connection failed';
		return { status: 'Error', message: `Could not reach ${baseUrl} (${code}): check the base URL` };
	}
	if (response.statusCode === 401 || response.statusCode === 403) {
		return { status: 'Error', message: `InnoPaaS did not accept the app ID and key (HTTP ${response.statusCode})` };
	}
	if (response.statusCode === 404) return { status: 'Error', message: `No InnoPaaS voice API at ${baseUrl}: check the base URL` };
	if (response.statusCode >= 400) {
		return { status: 'Error', message: `InnoPaaS answered HTTP ${response.statusCode}; try again later` };
	}
	const code = text(field(response.body, 'code'));
	const message = text(field(response.body, 'message', 'msg')) ?? '';
	if (code === null) {
		return { status: 'Error', message: `${baseUrl} did not answer like the InnoPaaS API (no code): check the base URL` };
	}
	if (INNOPAAS_AUTH_WORDS.test(message)) {
		return { status: 'Error', message: `InnoPaaS did not accept the app ID and key: ${message} (code ${code})` };
	}
	return { status: 'OK', message: `App ID and key accepted (InnoPaaS went on to check the empty test call: ${message || 'no message'}, code ${code})` };
}
