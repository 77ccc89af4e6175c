import { withNodeParts } from '../types';
import { campaignForm, conversationForm } from './forms';
import { routeeProvider } from './provider';

/**
 * Routee as the nodes use it: its core record and its forms. Its credential tests itself with a
 * literal request (a token, then the balance), so it has no credentialTest.ts.
 */
export const routee = withNodeParts(routeeProvider, {
	forms: { routee: { call: conversationForm, campaign: campaignForm } },
	receiptsDescription: 'Read every receipt as a Routee voice callback',
	receiptUrlField: 'Callback',
});
