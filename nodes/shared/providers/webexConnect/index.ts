export { WEBEX_CONNECT_HOSTS, webexConnectBaseUrl } from './common';
export { webexConnectMakeCall, makeCallSchema, REQUESTED_RECEIPTS, MAX_TTS_TEXT, type MakeCall } from './makeCall';
export { imiconnectMessagingV1, messagingV1Schema, type MessagingV1Call } from './messagingV1';
export { webexConnectReceipts } from './receipts';
