import { imiconnectMessagingCampaignForm } from './imiconnectMessaging';
import { innoPaasCampaignForm } from './innoPaas';
import { routeeCampaignForm } from './routee';
import type { CampaignForm } from './types';
import { webexConnectCampaignForm } from './webexConnect';

/** The provider paths Send Voice Campaign offers, in the order of its `provider` option. */
export const CAMPAIGN_FORMS: CampaignForm[] = [
	webexConnectCampaignForm,
	imiconnectMessagingCampaignForm,
	routeeCampaignForm,
	innoPaasCampaignForm,
];
