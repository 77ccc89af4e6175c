/**
 * The n8n side of a provider path: how Make Voice Call and Send Voice Campaign show its fields and
 * read them per item. Only n8n types are imported, so the adapters stay usable without n8n.
 */
import type { IDataObject, IDisplayOptions, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

/** How Make Voice Call offers one provider path. */
export interface CallForm {
	/** Shown under the path's name in the Provider option. */
	description: string;
	/** Its fields; the node shows them only when this path is chosen. */
	properties: INodeProperties[];
	/** The item's parameters as the adapter's normalised request (validated by the adapter). */
	read(context: IExecuteFunctions, itemIndex: number): Record<string, unknown>;
}

/** How Send Voice Campaign offers one provider path. */
export interface CampaignForm extends CallForm {
	/** The campaign's fields (everything but the recipients), read from the first item. */
	read(context: IExecuteFunctions, itemIndex: number): Record<string, unknown>;
	/** Per-recipient fields beyond the number and correlation id, read from each item. */
	readRecipient?(context: IExecuteFunctions, itemIndex: number): Record<string, unknown>;
	/** Requests in flight at once unless the user says otherwise. */
	defaultConcurrency: number;
}

/** Shows a property only for the given provider paths. */
export const forProviders = (providers: string[], property: INodeProperties): INodeProperties => ({
	...property,
	displayOptions: { ...property.displayOptions, show: { ...property.displayOptions?.show, provider: providers } },
});

/** A provider path's optional fields, in the collection every path calls Options. */
export const optionsCollection = (options: INodeProperties[]): INodeProperties => ({
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options,
});

/** The path's Options collection as an object (absent: empty). */
export const readOptions = (context: IExecuteFunctions, itemIndex: number) =>
	context.getNodeParameter('options', itemIndex, {}) as IDataObject;

/** The text a voice reads aloud (text-to-speech), shown with the content type that says it. */
export const spokenTextProperty = (maxChars: number, displayOptions: IDisplayOptions): INodeProperties => ({
	displayName: 'Text',
	name: 'text',
	type: 'string',
	typeOptions: { rows: 4 },
	default: '',
	required: true,
	displayOptions,
	description: `What the person hears, at most ${maxChars.toLocaleString('en-US')} characters`,
});
