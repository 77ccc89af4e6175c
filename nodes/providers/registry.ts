/**
 * The registry: every provider this package knows, one line each. Every provider list the package
 * needs (the nodes' Provider options, the trigger's Provider and Authentication options, the
 * credential tests, the receipt detection order and the event's provider type) is derived from it.
 */
import type { CallAdapter, ReceiptParser } from '../core/adapter';
import { innoPaas } from './innoPaas';
import { routee } from './routee';
import type { ProviderPath } from './types';
import { webexConnect } from './webexConnect';

/** In the order receipts are detected (the first parser that recognises a payload reads it). */
export const PROVIDERS = [webexConnect, routee, innoPaas] as const;

export type ProviderId = (typeof PROVIDERS)[number]['id'];
export type ProviderAuthenticityKind = (typeof PROVIDERS)[number]['authenticity'][number]['kind'];

/** Every path of the action nodes' Provider option, in the option's order. */
export const PROVIDER_PATHS: readonly ProviderPath[] = PROVIDERS.flatMap(
	(provider): readonly ProviderPath[] => provider.paths,
);

/** Receipt parsers, tried in order when the provider is detected from the payload. */
export const RECEIPT_PARSERS: readonly ReceiptParser[] = PROVIDERS.map(
	(provider) => provider.receipts,
);

export const AUTHENTICITY_METHODS = PROVIDERS.flatMap((provider) => provider.authenticity);

const byPath = (adapter: 'call' | 'campaign') =>
	Object.fromEntries(PROVIDER_PATHS.map((path) => [path.id, path[adapter]])) as Readonly<
		Record<string, CallAdapter>
	>;

/** Make Voice Call's adapters by the value of the `provider` option. */
export const CALL_ADAPTERS = byPath('call');
/** Send Voice Campaign's adapters by the same values. */
export const CAMPAIGN_ADAPTERS = byPath('campaign');

/** The path of a `provider` option value; a value no path has is a bug in a saved workflow. */
export function providerPath(id: string): ProviderPath {
	const path = PROVIDER_PATHS.find((candidate) => candidate.id === id);
	if (path === undefined) throw new Error(`Unknown provider "${id}"`);
	return path;
}
