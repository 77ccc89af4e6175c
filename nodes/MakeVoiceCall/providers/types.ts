import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

/** How Make Voice Call offers one provider path: its parameters, and how to read them per item. */
export interface CallForm {
	/** Value of the `provider` option. */
	provider: string;
	name: string;
	description: string;
	properties: INodeProperties[];
	/** The item's parameters as the adapter's normalised request (validated by the adapter). */
	read(context: IExecuteFunctions, itemIndex: number): Record<string, unknown>;
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
