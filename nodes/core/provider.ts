/**
 * What the core needs of a provider, n8n-free: its adapters, receipt parser and signatures. Each
 * provider folder's provider.ts exports one of these; the n8n side (forms, fields, pickers) is
 * added to it in the folder's index.ts, and the registry lists them. The core itself never loads
 * a provider: functions that work over providers take them (or their parsers and signatures) as
 * arguments.
 */
import type { CallAdapter, ReceiptParser } from './adapter';
import type { CallbackSupport } from './callback';
import type { AuthenticityMethod } from './signature';

/**
 * One way to place calls through a provider: a value of the action nodes' Provider option. Webex
 * Connect has two (Make Call v2 and the Messaging API v1), which share its credential and receipts.
 */
export interface ProviderPath {
	/** The value of the action nodes' `provider` option. */
	id: string;
	/** Its name in that option. */
	name: string;
	/** Make Voice Call: one item's call. */
	call: CallAdapter;
	/** Send Voice Campaign: a batch of recipients (or one, see `CallAdapter.maxRecipientsPerRequest`). */
	campaign: CallAdapter;
	/** Make Voice Call's "Call and Wait for Outcome": where the call's receipts go, and when they can come. */
	wait: CallbackSupport;
}

/** Everything the core needs of one provider. */
export interface ProviderRecord {
	/** The provider of the events its receipts become, and the trigger's Provider option value. */
	id: string;
	displayName: string;
	/** The n8n credential type holding its secrets (a name; the class lives in credentials/). */
	credentialType: string;
	paths: readonly ProviderPath[];
	receipts: ReceiptParser;
	/** Signatures it offers beyond the generic secrets (the trigger's Authentication options). */
	authenticity: readonly AuthenticityMethod[];
}

/** Keeps the literal ids of a record's paths, so its n8n side can be checked to cover each one. */
export const defineProvider = <const Record extends ProviderRecord>(record: Record): Record =>
	record;

/** The receipt parsers of `providers`, in their order (the order receipts are detected in). */
export const receiptParsersOf = (providers: readonly ProviderRecord[]): readonly ReceiptParser[] =>
	providers.map((provider) => provider.receipts);

/** The signatures `providers` offer, in their order. */
export const signaturesOf = (providers: readonly ProviderRecord[]): readonly AuthenticityMethod[] =>
	providers.flatMap((provider) => provider.authenticity);
