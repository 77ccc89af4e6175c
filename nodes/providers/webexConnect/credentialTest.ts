import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	INodeCredentialTestResult,
} from 'n8n-workflow';

import { field, text } from '../../core/objects';
import { webexConnectBaseUrl } from './common';

/**
 * Webex Connect has no "who am I" endpoint. An empty Make Call request is refused before anything
 * is dialled: 401 for a wrong key, a validation code (7000/7003/7004) for a right one. Legacy
 * tenants without /v2/messages are tried on the v1 Messaging API the same way.
 */
export async function testWebexConnectCredential(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const data: ICredentialDataDecryptedObject = credential.data ?? {};
	const baseUrl = webexConnectBaseUrl(data);
	for (const path of ['/v2/messages', '/resources/v1/messaging']) {
		let response: { statusCode: number; body: unknown };
		try {
			// Credential tests are handed only the legacy request helper (n8n 2.41 CredentialTestContext).
			// eslint-disable-next-line @n8n/community-nodes/no-deprecated-workflow-functions
			response = await this.helpers.request({
				method: 'POST',
				uri: `${baseUrl}${path}`,
				headers: { key: data.apiKey },
				body: {},
				json: true,
				simple: false,
				resolveWithFullResponse: true,
				timeout: 15_000,
			});
		} catch (error) {
			const code = text((error as { cause?: { code?: unknown } }).cause?.code) ?? 'connection failed';
			return { status: 'Error', message: `Could not reach ${baseUrl} (${code}): check the region or base URL` };
		}
		const entries = field(response.body, 'response');
		const code = text(field(response.body, 'code')) ?? text(field(Array.isArray(entries) ? entries[0] : undefined, 'code'));
		if (response.statusCode === 401 || code === '7001' || code === '7002') {
			return { status: 'Error', message: 'Webex Connect did not accept the service key' };
		}
		if (response.statusCode === 404) continue;
		if (response.statusCode < 500) return { status: 'OK', message: 'Service key accepted' };
		return { status: 'Error', message: `Webex Connect answered HTTP ${response.statusCode}; try again later` };
	}
	return { status: 'Error', message: `No Webex Connect API at ${baseUrl}: check the region or base URL` };
}
