import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import type { CallAdapter, ReceiptParser } from '../core/adapter';
import type { CallbackSupport } from '../core/callback';
import type { AuthenticityMethod } from '../core/signature';
import type { CallForm, CampaignForm } from './formParts';

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
	/** Send Voice Campaign: a batch of recipients. */
	campaign: CallAdapter;
	callForm: CallForm;
	campaignForm: CampaignForm;
	/** Make Voice Call's "Call and Wait for Outcome": where the call's receipts go, and when they can come. */
	wait: CallbackSupport;
}

/** Everything the package knows of one provider: its folder's index.ts exports one of these. */
export interface ProviderRecord<Id extends string = string> {
	/** The provider of the events its receipts become, and the trigger's Provider option value. */
	id: Id;
	displayName: string;
	/**
	 * The n8n credential type holding its secrets. Its class tests itself (`test`, with the request
	 * and its reading in the folder's credentialTest.ts when they are more than a literal).
	 */
	credentialType: string;
	paths: readonly ProviderPath[];
	receipts: ReceiptParser;
	/** The trigger's Provider option description. */
	receiptsDescription: string;
	/** The action nodes' field that takes a receipt URL, as they name it (the trigger's notice lists it). */
	receiptUrlField: string;
	/** Other names people search for it by; the nodes' codex files list them with displayName. */
	searchAliases?: readonly string[];
	/** Signatures it offers beyond the generic secrets (the trigger's Authentication options). */
	authenticity: readonly AuthenticityMethod[];
	/** Methods that fill its fields' pickers (`loadOptionsMethod`), by name, in both action nodes. */
	loadOptions?: Record<string, (this: ILoadOptionsFunctions) => Promise<INodePropertyOptions[]>>;
}

/** Keeps the literal id (and authenticity kinds) of a record, from which the registry's types derive. */
export const defineProvider = <const Record extends ProviderRecord>(record: Record): Record =>
	record;
