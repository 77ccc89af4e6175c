import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { deliveryOptionsProperty } from '../common/deliveryOptions';
import { providerCredentials } from '../common/providerCredentials';
import { pathProperties, providerNameExpression, providerProperty } from '../common/providerFields';
import { runCampaign } from './runCampaign';
import { campaignSettingsProperty, recipientProperties } from './settings';

export class SendVoiceCampaign implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Send Voice Campaign',
		name: 'sendVoiceCampaign',
		icon: { light: 'file:../../icons/campaign.svg', dark: 'file:../../icons/campaign.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: `={{ "Campaign via " + ${providerNameExpression()} }}`,
		description: 'Call every input item as one voice campaign, batched to the provider’s limits, with a result per recipient',
		defaults: { name: 'Send Voice Campaign' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: providerCredentials(),
		properties: [
			providerProperty('campaignForm', 'Which voice API runs the campaign'),
			...recipientProperties,
			...pathProperties('campaignForm'),
			campaignSettingsProperty,
			deliveryOptionsProperty,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await runCampaign.call(this);
	}
}
