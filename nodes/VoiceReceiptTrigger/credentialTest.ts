/** The Voice Receipt Webhook credential's test lives in nodes/common: Make Voice Call's waiting webhook uses the credential too. */
export { testVoiceReceiptWebhookCredential } from '../common/receiptCredentialTest';
