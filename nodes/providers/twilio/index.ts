import { withNodeParts } from '../types';
import { twilioCallForm, twilioCampaignForm } from './forms';
import { twilioProvider } from './provider';

/**
 * Twilio as the nodes use it: its core record and its forms. Its credential tests itself with a
 * literal request (reading the account), so it has no credentialTest.ts.
 */
export const twilio = withNodeParts(twilioProvider, {
	forms: { twilio: { call: twilioCallForm, campaign: twilioCampaignForm } },
	receiptsDescription: 'Read every receipt as a Twilio call status callback',
	receiptUrlField: 'Status Callback',
	searchAliases: ['Twilio Voice', 'Programmable Voice'],
});
