/** Every provider list the package uses, derived from the registry (registry.ts) and nothing else. */
import type { CallAdapter, ReceiptParser } from '../core/adapter';
import { receiptParsersOf, signaturesOf } from '../core/provider';
import type { AuthenticityMethod } from '../core/signature';
import { PROVIDERS } from './registry';
import type { NodePath } from './types';

export { PROVIDERS };

/** Every path of the action nodes' Provider option, in the option's order. */
export const PROVIDER_PATHS: readonly NodePath[] = PROVIDERS.flatMap((provider) => provider.paths);

/** Receipt parsers, tried in order when the provider is detected from the payload. */
export const RECEIPT_PARSERS: readonly ReceiptParser[] = receiptParsersOf(PROVIDERS);

/** The providers' own signatures: the trigger's Authentication options beyond the generic ones. */
export const AUTHENTICITY_METHODS: readonly AuthenticityMethod[] = signaturesOf(PROVIDERS);

/** A signature whose secret is a field of its provider's own credential (Twilio's Auth Token). */
export interface CredentialSignature {
	kind: string;
	credentialType: string;
	field: string;
}

/** Every such signature: its Authentication option reads that credential, not the receipts' one. */
export const CREDENTIAL_SIGNATURES: readonly CredentialSignature[] = PROVIDERS.flatMap((provider) =>
	provider.authenticity.flatMap((method) =>
		method.credentialField === undefined
			? []
			: [
					{
						kind: method.kind,
						credentialType: provider.credentialType,
						field: method.credentialField,
					},
				],
	),
);

const byPath = (adapter: 'call' | 'campaign') =>
	Object.fromEntries(PROVIDER_PATHS.map((path) => [path.id, path[adapter]])) as Readonly<
		Record<string, CallAdapter>
	>;

/** Make Voice Call's adapters by the value of the `provider` option. */
export const CALL_ADAPTERS = byPath('call');
/** Send Voice Campaign's adapters by the same values. */
export const CAMPAIGN_ADAPTERS = byPath('campaign');

/** The path of a `provider` option value; a value no path has is a bug in a saved workflow. */
export function providerPath(id: string): NodePath {
	const path = PROVIDER_PATHS.find((candidate) => candidate.id === id);
	if (path === undefined) throw new Error(`Unknown provider "${id}"`);
	return path;
}
