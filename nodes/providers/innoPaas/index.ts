import { withNodeParts } from '../types';
import { notifyCampaignForm, notifyForm } from './forms';
import { innoPaasProvider } from './provider';

/** InnoPaaS as the nodes use it: its core record and its forms. */
export const innoPaas = withNodeParts(innoPaasProvider, {
	forms: { innoPaas: { call: notifyForm, campaign: notifyCampaignForm } },
	receiptsDescription: 'Read every receipt as an InnoPaaS (Chuanglan 253) call record',
	receiptUrlField: 'Bill URL',
	searchAliases: ['Chuanglan 253'],
});
