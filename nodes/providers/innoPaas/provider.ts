import { defineProvider } from '../../core/provider';
import { innoPaasCall } from './call';
import { innoPaasBatch } from './campaign';
import { INNOPAAS } from './common';
import { innoPaasReceipts } from './receipts';
import { innoPaasSignatures } from './signature';
import { notifyWait } from './wait';

/** InnoPaaS as the core needs it (its n8n side is added in index.ts). */
export const innoPaasProvider = defineProvider({
	id: 'innoPaas',
	displayName: INNOPAAS,
	credentialType: 'innoPaasApi',
	paths: [
		{
			id: 'innoPaas',
			name: 'InnoPaaS (Chuanglan 253)',
			call: innoPaasCall,
			campaign: innoPaasBatch,
			wait: notifyWait,
		},
	],
	receipts: innoPaasReceipts,
	authenticity: innoPaasSignatures,
});
