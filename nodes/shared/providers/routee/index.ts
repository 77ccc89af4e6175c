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
} from './common';
export {
	CONVERSATION_MIN_INTERVAL_MS,
	conversationSchema,
	routeeConversation,
	routeeRecipient,
	type RouteeConversation,
} from './conversation';
export { campaignSchema, MAX_CAMPAIGN_LIST, routeeCampaign, type RouteeCampaign } from './campaign';
export { routeeReceipts } from './receipts';
