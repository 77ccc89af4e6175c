/**
 * The package's programmatic API (index.js): the core, every registered provider, and the core's
 * functions over providers with the registered ones as their default. Free of n8n: it loads no
 * n8n package (the providers' form descriptions are plain objects typed with n8n's types only).
 */
import type { ReceiptParser } from './core/adapter';
import {
	detectReceiptParser as detectWith,
	parseReceipts as parseWith,
	receiveReceipts as receiveWith,
	receiveReceiptsInto as receiveIntoWith,
	type EndedCalls,
	type ParseReceiptsOptions,
	type ParseReceiptsResult,
	type ReceiptMemory,
	type ReceiptRequest,
	type ReceiveIntoOutcome,
	type ReceiveOptions,
	type ReceiveOutcome,
} from './core/receipts';
import {
	checkAuthenticity as checkWith,
	type AuthenticityMethod,
	type AuthenticityResult,
	type AuthenticityRule,
	type InboundRequest,
} from './core/signature';
import { AUTHENTICITY_METHODS, RECEIPT_PARSERS } from './providers/lists';

export * from './core';
export * from './providers/adapters';
export {
	AUTHENTICITY_METHODS,
	CALL_ADAPTERS,
	CAMPAIGN_ADAPTERS,
	PROVIDER_PATHS,
	PROVIDERS,
	RECEIPT_PARSERS,
} from './providers/lists';

/** Options of the core's receipt functions, whose providers default to the registered ones. */
export type WithRegisteredProviders<Options> = Omit<Options, 'parsers' | 'signatures'> & {
	parsers?: readonly ReceiptParser[];
	signatures?: readonly AuthenticityMethod[];
};

const registered = <Options>(options: WithRegisteredProviders<Options>) =>
	// Object.assign, not a spread followed by fields: Node 20 takes about a microsecond for that.
	Object.assign({}, options, {
		parsers: options.parsers ?? RECEIPT_PARSERS,
		signatures: options.signatures ?? AUTHENTICITY_METHODS,
	});

/** The core's `parseReceipts` over `options.parsers`, by default every registered provider's. */
export function parseReceipts(
	body: unknown,
	options: WithRegisteredProviders<ParseReceiptsOptions> = {},
): ParseReceiptsResult {
	return parseWith(body, options.parsers ?? RECEIPT_PARSERS, options);
}

/** The first registered parser (or of `parsers`) that recognises one receipt, if any. */
export function detectReceiptParser(
	receipt: unknown,
	parsers: readonly ReceiptParser[] = RECEIPT_PARSERS,
): ReceiptParser | undefined {
	return detectWith(receipt, parsers);
}

/** The core's `checkAuthenticity`, knowing every registered provider's signatures. */
export function checkAuthenticity(
	request: InboundRequest,
	rule: AuthenticityRule,
	methods: readonly AuthenticityMethod[] = AUTHENTICITY_METHODS,
): AuthenticityResult {
	return checkWith(request, rule, methods);
}

/** The core's `receiveReceiptsInto`, with the registered providers by default. */
export function receiveReceiptsInto(
	request: ReceiptRequest,
	memory: ReceiptMemory,
	options: WithRegisteredProviders<ReceiveOptions>,
	ended?: EndedCalls,
): ReceiveIntoOutcome {
	return receiveIntoWith(request, memory, registered(options), ended);
}

/** The core's `receiveReceipts`, with the registered providers by default. */
export function receiveReceipts(
	request: ReceiptRequest,
	storedMemory: unknown,
	options: WithRegisteredProviders<ReceiveOptions>,
): ReceiveOutcome {
	return receiveWith(request, storedMemory, registered(options));
}
