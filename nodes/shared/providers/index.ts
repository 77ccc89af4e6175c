import type { CallAdapter, ReceiptParser } from './types';
import { imiconnectMessagingV1, webexConnectMakeCall, webexConnectReceipts } from './webexConnect';

/**
 * The registry: every provider path the nodes offer, by the value of their `provider` option.
 * A new provider adds its adapter here and its options to the nodes.
 */
export const CALL_ADAPTERS = {
	webexConnect: webexConnectMakeCall,
	imiconnectMessaging: imiconnectMessagingV1,
} satisfies Record<string, CallAdapter>;

export type CallProviderId = keyof typeof CALL_ADAPTERS;

/** Receipt parsers, tried in order when the provider is detected from the payload. */
export const RECEIPT_PARSERS: readonly ReceiptParser[] = [webexConnectReceipts];

export function callAdapter(id: string): CallAdapter {
	const adapter: CallAdapter | undefined = (CALL_ADAPTERS as Record<string, CallAdapter>)[id];
	if (adapter === undefined) throw new Error(`Unknown provider "${id}"`);
	return adapter;
}

export * from './types';
export * from './webexConnect';
