/**
 * Texts that name the providers, built from the registry: a provider added there is named in
 * every description without editing it.
 */
import { PROVIDERS } from '../providers/registry';

/** "A", "A and B", "A, B and C" (or "or"). */
export function listed(words: readonly string[], conjunction: 'and' | 'or' = 'and'): string {
	if (words.length <= 1) return words.join('');
	return `${words.slice(0, -1).join(', ')} ${conjunction} ${words[words.length - 1]}`;
}

/** Every provider by name: "Webex Connect, Routee and InnoPaaS". */
export const PROVIDER_NAMES = listed(PROVIDERS.map((provider) => provider.displayName));

/** The fields that take a receipt URL: "Notify URL (Webex Connect), … or Bill URL (InnoPaaS)". */
export const RECEIPT_URL_FIELDS = listed(
	PROVIDERS.map((provider) => `${provider.receiptUrlField} (${provider.displayName})`),
	'or',
);

/** The same fields without the providers' names: "Notify URL, Callback or Bill URL". */
export const RECEIPT_URL_FIELD_NAMES = listed(
	[...new Set(PROVIDERS.map((provider) => provider.receiptUrlField))],
	'or',
);

/** The Authentication options that are a provider's own signature: "Webex Connect Signature". */
export const SIGNATURE_NAMES = listed(
	PROVIDERS.flatMap((provider) => provider.authenticity.map((method) => method.name)),
	'or',
);
