import {
	defaultCountryProperty,
	optionsCollection,
	readOptions,
	type CallForm,
	type CampaignForm,
} from '../formParts';
import { splitNumbers } from '../../core/phone';
import {
	innoPaasOptions,
	innoPaasTemplateIdProperty,
	innoPaasTemplateVariablesProperty,
	readInnoPaasOptions,
	readTemplateVariables,
} from './fields';

/**
 * InnoPaaS / Chuanglan 253: one number per item through `batch-notify`. The number is `to`, as
 * for every provider of this node (the subtitle, Continue On Fail's rows and a provider switch
 * all read `to`); InnoPaaS's own `mobile` field is built from it and the template variables.
 */
export const notifyForm: CallForm = {
	description:
		'A voice notification from an approved template, one number per item, through InnoPaaS',
	properties: [
		{
			displayName: 'To',
			name: 'to',
			type: 'string',
			default: '',
			required: true,
			placeholder: '+442079460001',
			description:
				'The number to call, in international format with the country code, or a national number read in the default country (sent to InnoPaaS without the +). One number per item.',
		},
		defaultCountryProperty,
		innoPaasTemplateIdProperty,
		innoPaasTemplateVariablesProperty,
		optionsCollection(innoPaasOptions),
	],
	read(context, itemIndex) {
		return {
			...readInnoPaasOptions(context, readOptions(context, itemIndex)),
			recipients: splitNumbers(context.getNodeParameter('to', itemIndex)).map((to) => ({ to })),
			templateId: context.getNodeParameter('templateId', itemIndex),
			variables: readTemplateVariables(context, itemIndex),
		};
	},
};

/** batch-notify with up to 1,000 numbers per request, each with its own template variables. */
export const notifyCampaignForm: CampaignForm = {
	description:
		'Voice notifications from an approved template, with per-recipient variables, redial and hangup SMS',
	defaultConcurrency: 2,
	properties: [
		innoPaasTemplateIdProperty,
		innoPaasTemplateVariablesProperty,
		optionsCollection(innoPaasOptions),
	],
	read(context, itemIndex) {
		return {
			...readInnoPaasOptions(context, readOptions(context, itemIndex)),
			templateId: context.getNodeParameter('templateId', itemIndex),
		};
	},
	readRecipient: (context, itemIndex) => ({ variables: readTemplateVariables(context, itemIndex) }),
};
