import type { IDataObject } from 'n8n-workflow';

import { webexCommonOptions } from '../../MakeVoiceCall/providers/shared';
import { forProviders, optionsCollection } from '../../MakeVoiceCall/providers/types';
import {
	readWebexContent,
	readWebexMakeCallOptions,
	webexContentProperties,
	webexFromProperty,
	webexMakeCallOptions,
} from '../../MakeVoiceCall/providers/webexConnect';
import type { CampaignForm } from './types';

const PROVIDER = 'webexConnect';
const show = (property: Parameters<typeof forProviders>[1]) => forProviders([PROVIDER], property);

/** Options of a whole campaign; the correlation id is per recipient instead. */
export const webexCampaignOptions = webexCommonOptions.filter((option) => option.name !== 'correlationId');

/** Webex Connect Make Call with up to 1,000 numbers per request, each with its own correlation id. */
export const webexConnectCampaignForm: CampaignForm = {
	provider: PROVIDER,
	name: 'Webex Connect (Make Call)',
	description: 'Text-to-speech or a media prompt through the Webex Connect Make Call API (v2)',
	defaultConcurrency: 4,
	properties: [
		show(webexFromProperty),
		...webexContentProperties.map(show),
		show(optionsCollection([...webexCampaignOptions, ...webexMakeCallOptions])),
	],

	read(context, itemIndex) {
		const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
		return {
			from: context.getNodeParameter('from', itemIndex),
			priority: options.priority,
			callbackData: options.callbackData,
			notifyUrl: options.notifyUrl,
			...readWebexMakeCallOptions(options),
			content: readWebexContent(context, itemIndex),
		};
	},
};
