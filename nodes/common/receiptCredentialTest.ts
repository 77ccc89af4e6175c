import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	INodeCredentialTestResult,
} from 'n8n-workflow';

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
	const secret = typeof data.secret === 'string' ? data.secret : '';
	const user = typeof data.user === 'string' ? data.user : '';
	if (secret === '') {
		return { status: 'Error', message: 'Enter the secret that incoming receipts must carry' };
	}
	if (secret !== secret.trim()) {
		// HTTP drops spaces around header values, so such a secret could never match.
		return { status: 'Error', message: 'The secret starts or ends with spaces; remove them' };
	}
	if (user.includes(':')) {
		return { status: 'Error', message: 'A Basic auth user name cannot contain ":"' };
	}
	return {
		status: 'OK',
		message:
			'Saved. Nothing is sent to a provider: the trigger checks this secret on each incoming receipt.',
	};
}
