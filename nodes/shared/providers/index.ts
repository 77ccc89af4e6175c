import { innoPaasBatch, innoPaasCall, innoPaasReceipts } from './innoPaas';
import { routeeCampaign, routeeConversation, routeeReceipts } from './routee';
import type { CallAdapter, ReceiptParser } from './types';
import { imiconnectMessagingV1, webexConnectMakeCall, webexConnectReceipts } from './webexConnect';

/**
 * The registry: every provider path the nodes offer, by the value of their `provider` option.
 * A new provider adds its adapter here and its options to the nodes.
 */
export const CALL_ADAPTERS = {
	webexConnect: webexConnectMakeCall,
	imiconnectMessaging: imiconnectMessagingV1,
	routee: routeeConversation,
	innoPaas: innoPaasCall,
} satisfies Record<string, CallAdapter>;

export type CallProviderId = keyof typeof CALL_ADAPTERS;

/**
 * Adapters for a whole campaign, by the same `provider` values. Webex Connect's call APIs take
 * 1,000 numbers per request already; other providers have a campaign API of their own.
 */
export const CAMPAIGN_ADAPTERS = {
	webexConnect: webexConnectMakeCall,
	imiconnectMessaging: imiconnectMessagingV1,
	routee: routeeCampaign,
	innoPaas: innoPaasBatch,
} satisfies Record<string, CallAdapter>;

/** Receipt parsers, tried in order when the provider is detected from the payload. */
export const RECEIPT_PARSERS: readonly ReceiptParser[] = [webexConnectReceipts, routeeReceipts, innoPaasReceipts];

function lookup(registry: Record<string, CallAdapter>, id: string): CallAdapter {
	const adapter: CallAdapter | undefined = registry[id];
	if (adapter === undefined) throw new Error(`Unknown provider "${id}"`);
	return adapter;
}

export const callAdapter = (id: string): CallAdapter => lookup(CALL_ADAPTERS, id);
export const campaignAdapter = (id: string): CallAdapter => lookup(CAMPAIGN_ADAPTERS, id);

export * from './types';
export * from './webexConnect';
export * from './routee';
export * from './innoPaas';
