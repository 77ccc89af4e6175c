import type { ICredentialType, INodeProperties } from 'n8n-workflow';

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
			displayName:
				"What the secret is depends on the trigger's Authentication option: the value of the header, the value of the URL query parameter, the Basic auth password, or the Webex Connect hub secret",
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
			description:
				"The shared secret a receipt must carry: at least 16 characters, best a random one (a password manager makes one). For Webex Connect signatures, the hub secret set on the service's outbound webhook.",
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
