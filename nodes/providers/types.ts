/**
 * The n8n side of a provider: its forms, pickers and texts, added to the core-side record of its
 * folder's provider.ts (core/provider.ts) in the folder's index.ts. Only n8n types are imported.
 */
import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import type { ProviderPath, ProviderRecord } from '../core/provider';
import type { CallForm, CampaignForm } from './formParts';

/** A path with the forms Make Voice Call and Send Voice Campaign show for it. */
export interface NodePath extends ProviderPath {
	callForm: CallForm;
	campaignForm: CampaignForm;
}

type LoadOptionsMethods = Record<
	string,
	(this: ILoadOptionsFunctions) => Promise<INodePropertyOptions[]>
>;

/** A provider as the nodes use it: its core record with the n8n parts of each path. */
export interface NodeProvider extends ProviderRecord {
	paths: readonly NodePath[];
	/** The trigger's Provider option description. */
	receiptsDescription: string;
	/** The action nodes' field that takes a receipt URL, as they name it (the trigger's notice lists it). */
	receiptUrlField: string;
	/** Other names people search for it by; the nodes' codex files list them with displayName. */
	searchAliases?: readonly string[];
	/** Methods that fill its fields' pickers (`loadOptionsMethod`), by name, in both action nodes. */
	loadOptions?: LoadOptionsMethods;
}

/** The n8n parts of one provider: a form pair for each of its paths (by path id), and its texts. */
export interface NodeParts<PathId extends string> {
	forms: Record<PathId, { call: CallForm; campaign: CampaignForm }>;
	receiptsDescription: string;
	receiptUrlField: string;
	searchAliases?: readonly string[];
	loadOptions?: LoadOptionsMethods;
}

/** A provider's core record with its n8n parts; every path must have its forms (checked by type). */
export function withNodeParts<const Record extends ProviderRecord>(
	record: Record,
	parts: NodeParts<Record['paths'][number]['id']>,
): NodeProvider {
	const forms: Partial<NodeParts<string>['forms']> = parts.forms;
	return {
		...record,
		paths: record.paths.map((path) => {
			const form = forms[path.id];
			if (form === undefined) throw new Error(`Provider path "${path.id}" has no forms`);
			return { ...path, callForm: form.call, campaignForm: form.campaign };
		}),
		receiptsDescription: parts.receiptsDescription,
		receiptUrlField: parts.receiptUrlField,
		...(parts.searchAliases === undefined ? {} : { searchAliases: parts.searchAliases }),
		...(parts.loadOptions === undefined ? {} : { loadOptions: parts.loadOptions }),
	};
}
