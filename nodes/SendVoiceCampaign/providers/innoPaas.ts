import type { IDataObject, INodeProperties } from 'n8n-workflow';

import {
	innoPaasOptions,
	innoPaasTemplateIdProperty,
	innoPaasTemplateVariablesProperty,
	readInnoPaasOptions,
	readTemplateVariables,
} from '../../MakeVoiceCall/providers/innoPaas';
import { forProviders, optionsCollection } from '../../MakeVoiceCall/providers/types';
import type { CampaignForm } from './types';

const PROVIDER = 'innoPaas';
const show = (property: INodeProperties) => forProviders([PROVIDER], property);

/** InnoPaaS batch-notify: up to 1,000 numbers per request, each with its own template variables. */
export const innoPaasCampaignForm: CampaignForm = {
	provider: PROVIDER,
	name: 'InnoPaaS (Chuanglan 253)',
	description: 'Voice notifications from an approved template, with per-recipient variables, redial and hangup SMS',
	defaultConcurrency: 2,
	properties: [
		show(innoPaasTemplateIdProperty),
		show(innoPaasTemplateVariablesProperty),
		show(optionsCollection(innoPaasOptions)),
	],

	read(context, itemIndex) {
		const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
		return { ...readInnoPaasOptions(context, options), templateId: context.getNodeParameter('templateId', itemIndex) };
	},

	readRecipient(context, itemIndex) {
		return { variables: readTemplateVariables(context, itemIndex) };
	},
};
