import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { deliveryOptionsProperty } from '../common/deliveryOptions';
import { complianceProperty } from '../common/compliance';
import { guardrailsProperty, toolGuardrailsNotice } from '../common/guardrails';
import { loadOptions } from '../common/loadOptions';
import { providerCredentials } from '../common/providerCredentials';
import {
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
		description:
			'Call every input item as one voice campaign, batched to the provider’s limits, with a result per recipient',
		defaults: { name: 'Send Voice Campaign' },
		// What an AI agent's model reads about the tool (unless the workflow gives its own description).
		usableAsTool: {
			replacements: {
				description:
					'Places real phone calls, which cost money, to every number given, as one campaign: a voice reads the same text to each person who answers. Numbers in international E.164 format (+ and the country code, e.g. +442079460123). Returns one result per number: queued (the provider took it), or why it was not called (invalid, duplicate, or blocked by the workflow owner’s guardrails). Do not retry refused numbers.',
			},
		},
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: providerCredentials(),
		properties: [
			providerProperty(
				'campaignForm',
				'Which voice API runs the campaign. The credential below is one of this provider’s.',
			),
			credentialPlacement,
			...recipientProperties,
			...pathProperties('campaignForm'),
			campaignSettingsProperty,
			toolGuardrailsNotice,
			guardrailsProperty,
			complianceProperty,
			deliveryOptionsProperty,
		],
	};

	methods = { loadOptions };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await runCampaign.call(this);
	}
}
