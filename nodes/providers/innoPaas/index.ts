import { defineProvider } from '../types';
import { innoPaasCall } from './call';
import { innoPaasBatch } from './campaign';
import { INNOPAAS } from './common';
import { notifyCampaignForm, notifyForm } from './forms';
import { innoPaasReceipts } from './receipts';
import { innoPaasSignatures } from './signature';
import { notifyWait } from './wait';

export const innoPaas = defineProvider({
	id: 'innoPaas',
	displayName: INNOPAAS,
	searchAliases: ['Chuanglan 253'],
	credentialType: 'innoPaasApi',
	paths: [
		{
			id: 'innoPaas',
			name: 'InnoPaaS (Chuanglan 253)',
			call: innoPaasCall,
			campaign: innoPaasBatch,
			callForm: notifyForm,
			campaignForm: notifyCampaignForm,
			wait: notifyWait,
		},
	],
	receipts: innoPaasReceipts,
	receiptsDescription: 'Read every receipt as an InnoPaaS (Chuanglan 253) call record',
	receiptUrlField: 'Bill URL',
	authenticity: innoPaasSignatures,
});
