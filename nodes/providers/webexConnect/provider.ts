import { defineProvider } from '../../core/provider';
import { imiconnectMessagingV1, webexConnectMakeCall } from './call';
import { makeCallCampaign, messagingV1Campaign } from './campaign';
import { WEBEX_CONNECT } from './common';
import { webexConnectReceipts } from './receipts';
import { webexConnectSignatures } from './signature';
import { makeCallWait, messagingV1Wait } from './wait';

/** Webex Connect as the core needs it (its n8n side is added in index.ts). */
export const webexConnectProvider = defineProvider({
	id: 'webexConnect',
	displayName: WEBEX_CONNECT,
	credentialType: 'webexConnectApi',
	paths: [
		{
			id: 'webexConnect',
			name: 'Webex Connect: Make Call API (v2)',
			call: webexConnectMakeCall,
			campaign: makeCallCampaign,
			wait: makeCallWait,
		},
		{
			id: 'imiconnectMessaging',
			name: 'Webex Connect: Messaging API v1 (Legacy IMIconnect)',
			call: imiconnectMessagingV1,
			campaign: messagingV1Campaign,
			wait: messagingV1Wait,
		},
	],
	receipts: webexConnectReceipts,
	authenticity: webexConnectSignatures,
});
