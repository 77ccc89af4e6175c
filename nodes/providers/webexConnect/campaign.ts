/**
 * Both Webex Connect APIs take 1,000 numbers per request already, each with its own correlation
 * id: a campaign is a series of the same requests as a single call.
 */
export {
	imiconnectMessagingV1 as messagingV1Campaign,
	webexConnectMakeCall as makeCallCampaign,
} from './call';
