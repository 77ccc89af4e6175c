import { defineProvider } from '../types';
import { imiconnectMessagingV1, webexConnectMakeCall } from './call';
import { makeCallCampaign, messagingV1Campaign } from './campaign';
import { WEBEX_CONNECT } from './common';
import { azureVoices } from './fields';
import {
	makeCallCampaignForm,
	makeCallForm,
	messagingV1CampaignForm,
	messagingV1Form,
} from './forms';
import { webexConnectReceipts } from './receipts';
import { webexConnectSignatures } from './signature';
import { makeCallWait, messagingV1Wait } from './wait';

export const webexConnect = defineProvider({
	id: 'webexConnect',
	displayName: WEBEX_CONNECT,
	searchAliases: ['IMIconnect'],
	credentialType: 'webexConnectApi',
	paths: [
		{
			id: 'webexConnect',
			name: 'Webex Connect: Make Call API (v2)',
			call: webexConnectMakeCall,
			campaign: makeCallCampaign,
			callForm: makeCallForm,
			campaignForm: makeCallCampaignForm,
			wait: makeCallWait,
		},
		{
			id: 'imiconnectMessaging',
			name: 'Webex Connect: Messaging API v1 (Legacy IMIconnect)',
			call: imiconnectMessagingV1,
			campaign: messagingV1Campaign,
			callForm: messagingV1Form,
			campaignForm: messagingV1CampaignForm,
			wait: messagingV1Wait,
		},
	],
	receipts: webexConnectReceipts,
	receiptsDescription: 'Read every receipt as a Webex Connect (IMIconnect) delivery receipt',
	receiptUrlField: 'Notify URL',
	authenticity: webexConnectSignatures,
	loadOptions: { azureVoices },
});
