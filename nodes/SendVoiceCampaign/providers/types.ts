import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

/** How Send Voice Campaign offers one provider path. */
export interface CampaignForm {
	/** Value of the `provider` option. */
	provider: string;
	name: string;
	description: string;
	/** Fields of the whole campaign. */
	properties: INodeProperties[];
	/** The campaign's fields (everything but the recipients), read from the first item. */
	read(context: IExecuteFunctions, itemIndex: number): Record<string, unknown>;
	/** Per-recipient fields beyond the number and correlation id, read from each item. */
	readRecipient?(context: IExecuteFunctions, itemIndex: number): Record<string, unknown>;
	/** Requests in flight at once unless the user says otherwise. */
	defaultConcurrency: number;
}
