import { withNodeParts } from '../types';
import { azureVoices } from './fields';
import {
	makeCallCampaignForm,
	makeCallForm,
	messagingV1CampaignForm,
	messagingV1Form,
} from './forms';
import { webexConnectProvider } from './provider';

/** Webex Connect as the nodes use it: its core record, its forms and the Azure voice picker. */
export const webexConnect = withNodeParts(webexConnectProvider, {
	forms: {
		webexConnect: { call: makeCallForm, campaign: makeCallCampaignForm },
		imiconnectMessaging: { call: messagingV1Form, campaign: messagingV1CampaignForm },
	},
	receiptsDescription: 'Read every receipt as a Webex Connect (IMIconnect) delivery receipt',
	receiptUrlField: 'Notify URL',
	searchAliases: ['IMIconnect'],
	loadOptions: { azureVoices },
});
