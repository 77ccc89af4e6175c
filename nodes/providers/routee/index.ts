import { defineProvider } from '../types';
import { routeeConversation } from './call';
import { routeeCampaign } from './campaign';
import { ROUTEE } from './common';
import { campaignForm, conversationForm } from './forms';
import { routeeReceipts } from './receipts';
import { routeeSignatures } from './signature';
import { conversationWait } from './wait';

/** Routee's credential tests itself with a literal request (a token, then the balance), so it has no credentialTest.ts. */
export const routee = defineProvider({
	id: 'routee',
	displayName: ROUTEE,
	credentialType: 'routeeApi',
	paths: [
		{
			id: 'routee',
			name: ROUTEE,
			call: routeeConversation,
			campaign: routeeCampaign,
			callForm: conversationForm,
			campaignForm,
			wait: conversationWait,
		},
	],
	receipts: routeeReceipts,
	receiptsDescription: 'Read every receipt as a Routee voice callback',
	receiptUrlField: 'Callback',
	authenticity: routeeSignatures,
});
