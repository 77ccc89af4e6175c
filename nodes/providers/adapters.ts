/**
 * Named exports of the public API (nodes/index.ts) for each provider's adapters, schemas, parsers
 * and signatures, for programmatic use; no n8n. Optional: every registered provider is in the
 * public API's PROVIDERS, CALL_ADAPTERS, CAMPAIGN_ADAPTERS and RECEIPT_PARSERS without a line here.
 */
export { WEBEX_CONNECT_HOSTS, webexConnectBaseUrl } from './webexConnect/common';
export {
	imiconnectMessagingV1,
	MAX_TTS_TEXT,
	makeCallSchema,
	messagingV1Schema,
	REQUESTED_RECEIPTS,
	webexConnectMakeCall,
	type MakeCall,
	type MessagingV1Call,
} from './webexConnect/call';
export { webexConnectReceipts } from './webexConnect/receipts';
export { hubSignature, verifyHubSignature, type HubAlgorithm } from './webexConnect/signature';

export {
	CALLBACK_STRATEGIES,
	MAX_ROUTEE_TEXT,
	MAX_SENDER_DIGITS,
	ROUTEE_API_URL,
	ROUTEE_AUTH_URL,
	ROUTEE_GENDERS,
	ROUTEE_LANGUAGES,
	routeeBaseUrl,
	routeeTokenUrl,
} from './routee/common';
export {
	CONVERSATION_MIN_INTERVAL_MS,
	conversationSchema,
	routeeConversation,
	routeeRecipient,
	type RouteeConversation,
} from './routee/call';
export {
	campaignSchema,
	MAX_CAMPAIGN_LIST,
	routeeCampaign,
	type RouteeCampaign,
} from './routee/campaign';
export { routeeReceipts } from './routee/receipts';

export {
	BATCH_NOTIFY_PATH,
	INNOPAAS_API_URL,
	innoPaasBaseUrl,
	MAX_NUMBERS as INNOPAAS_MAX_NUMBERS,
	packMobile,
	SUCCESS_CODE as INNOPAAS_SUCCESS_CODE,
} from './innoPaas/common';
export { callingCodeOf, callingCodeOfCountry, countryOfNumber } from './innoPaas/countries';
export { innoPaasCall } from './innoPaas/call';
export { innoPaasBatch } from './innoPaas/campaign';
export {
	innoPaasBatchSchema,
	innoPaasCallSchema,
	innoPaasRecipient,
	type InnoPaasBatch,
	type InnoPaasCall,
} from './innoPaas/schema';
export { innoPaasReceipts } from './innoPaas/receipts';
export { COMPACT_TIME as INNOPAAS_TIME, toCompactLocal } from './innoPaas/time';
