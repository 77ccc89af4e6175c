import { defineProvider } from '../../core/provider';
import { routeeConversation } from './call';
import { routeeCampaign } from './campaign';
import { ROUTEE } from './common';
import { routeeReceipts } from './receipts';
import { routeeSignatures } from './signature';
import { conversationWait } from './wait';

/** Routee as the core needs it (its n8n side is added in index.ts). */
export const routeeProvider = defineProvider({
	id: 'routee',
	displayName: ROUTEE,
	credentialType: 'routeeApi',
	paths: [
		{
			id: 'routee',
			name: ROUTEE,
			call: routeeConversation,
			campaign: routeeCampaign,
			wait: conversationWait,
		},
	],
	receipts: routeeReceipts,
	authenticity: routeeSignatures,
});
