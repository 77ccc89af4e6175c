import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { credentialTest } from '../common/credentialTests';
import { loadOptions } from '../common/loadOptions';
import { deliveryOptionsProperty } from '../common/deliveryOptions';
import {
	credentialDisplayOptions,
	credentialPlacement,
	pathProperties,
	providerNameExpression,
	providerProperty,
} from '../common/providerFields';
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
		// Listed here, not derived: n8n's linter finds credential tests only in the node's own text.
		// A unit test checks this list against the provider registry. Each credential is shown for its
		// provider's paths only, with `hide` (see credentialDisplayOptions): Provider stays visible.
		credentials: [
			{
				name: 'webexConnectApi',
				required: true,
				testedBy: 'webexConnectApiTest',
				displayOptions: credentialDisplayOptions('webexConnectApi'),
			},
			{ name: 'routeeApi', required: true, displayOptions: credentialDisplayOptions('routeeApi') },
			{
				name: 'innoPaasApi',
				required: true,
				testedBy: 'innoPaasApiTest',
				displayOptions: credentialDisplayOptions('innoPaasApi'),
			},
		],
		properties: [
			providerProperty('campaignForm', 'Which voice API runs the campaign. The credential below is one of this provider’s.'),
			credentialPlacement,
			...recipientProperties,
			...pathProperties('campaignForm'),
			campaignSettingsProperty,
			deliveryOptionsProperty,
		],
	};

	methods = { credentialTest, loadOptions };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await runCampaign.call(this);
	}
}
