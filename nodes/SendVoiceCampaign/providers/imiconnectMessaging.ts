import type { IDataObject } from 'n8n-workflow';

import {
	imiconnectContentProperties,
	imiconnectOptions,
	readImiconnectContent,
} from '../../MakeVoiceCall/providers/imiconnectMessaging';
import { forProviders, optionsCollection } from '../../MakeVoiceCall/providers/types';
import type { CampaignForm } from './types';
import { webexCampaignOptions } from './webexConnect';

const PROVIDER = 'imiconnectMessaging';
const show = (property: Parameters<typeof forProviders>[1]) => forProviders([PROVIDER], property);

/** The IMIconnect Messaging API v1 with up to 1,000 destinations per request. */
export const imiconnectMessagingCampaignForm: CampaignForm = {
	provider: PROVIDER,
	name: 'IMIconnect Messaging API (v1)',
	description: 'An IVR call flow or a media prompt through the legacy IMIconnect Messaging API',
	defaultConcurrency: 4,
	properties: [
		...imiconnectContentProperties.map(show),
		show(optionsCollection([...webexCampaignOptions, ...imiconnectOptions])),
	],

	read(context, itemIndex) {
		const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
		return {
			...readImiconnectContent(context, itemIndex),
			cli: options.cli,
			priority: options.priority,
			callbackData: options.callbackData,
			notifyUrl: options.notifyUrl,
			expiry: options.expiry,
		};
	},
};
