import { defineProvider } from '../../core/provider';
import { twilioCall } from './call';
import { twilioCampaign } from './campaign';
import { TWILIO } from './common';
import { twilioReceipts } from './receipts';
import { twilioSignatures } from './signature';
import { twilioWait } from './wait';

/** Twilio Programmable Voice as the core needs it (its n8n side is added in index.ts). */
export const twilioProvider = defineProvider({
	id: 'twilio',
	displayName: TWILIO,
	credentialType: 'twilioVoiceApi',
	paths: [
		{
			id: 'twilio',
			name: 'Twilio Programmable Voice',
			call: twilioCall,
			campaign: twilioCampaign,
			wait: twilioWait,
		},
	],
	receipts: twilioReceipts,
	authenticity: twilioSignatures,
});
