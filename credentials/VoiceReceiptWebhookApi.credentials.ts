import type { ICredentialType, INodeProperties } from 'n8n-workflow';

import { SIGNATURE_NAMES } from '../nodes/common/providerTexts';

/** The providers' own signatures, when any provider signs its receipts (the secret is then the signing key). */
const SIGNATURES = SIGNATURE_NAMES === '' ? '' : ` (${SIGNATURE_NAMES})`;

/**
 * Secrets the Voice Receipt Trigger checks on incoming receipts. Nothing is sent anywhere with
 * them, so there is no remote request to test: the trigger's `testedBy` function checks the
 * fields locally (see nodes/common/receiptCredentialTest.ts).
 */
export class VoiceReceiptWebhookApi implements ICredentialType {
	name = 'voiceReceiptWebhookApi';

	displayName = 'Voice Receipt Webhook API';

	icon = { light: 'file:../icons/receipt.svg', dark: 'file:../icons/receipt.dark.svg' } as const;

	documentationUrl =
		'https://github.com/n8n-nodes-outbound-voice/n8n-nodes-outbound-voice#voice-receipt-webhook';

	properties: INodeProperties[] = [
		{
			displayName: `What the secret is depends on the trigger's Authentication option: the value of the header, the value of the URL query parameter, the Basic auth password, or the key a provider signs its receipts with${SIGNATURES}`,
			name: 'notice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'Secret',
			name: 'secret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: `The shared secret a receipt must carry: at least 16 characters, best a random one (a password manager makes one). For a provider's signature${SIGNATURES}, the secret set for signing in the provider's console.`,
		},
		{
			displayName: 'User',
			name: 'user',
			type: 'string',
			default: '',
			description:
				'Only for Basic auth: the user name the provider sends with the secret as password',
		},
	];
}
