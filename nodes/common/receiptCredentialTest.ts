import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	INodeCredentialTestResult,
} from 'n8n-workflow';

import { secretProblem } from './receiptAuthentication';

/**
 * The Voice Receipt Webhook credential holds secrets that only this package checks, on requests
 * that providers send to n8n. There is no provider endpoint to ask whether they are right, so
 * the test checks what can be checked locally and says so; it never sends the secret anywhere.
 */
export async function testVoiceReceiptWebhookCredential(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const data = credential.data ?? {};
	const user = typeof data.user === 'string' ? data.user : '';
	const problem = secretProblem(data.secret);
	if (problem !== null) return { status: 'Error', message: problem };
	if (user.includes(':')) {
		return { status: 'Error', message: 'A Basic auth user name cannot contain ":"' };
	}
	return {
		status: 'OK',
		message:
			'Saved. Nothing is sent to a provider: the trigger checks this secret on each incoming receipt.',
	};
}
