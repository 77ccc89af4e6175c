import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import { INNOPAAS_API_URL } from '../nodes/providers/innoPaas/common';
import { innoPaasCredentialTest } from '../nodes/providers/innoPaas/credentialTest';

/**
 * InnoPaaS (Chuanglan 253) voice: app ID and app key, sent as form fields of every request (the
 * API has no header authentication). InnoPaaS calls the key `appKey`; here it is `appSecretKey`,
 * a name that says it is a secret (n8n's lint reads the name to decide whether masking it is right).
 */
export class InnoPaasApi implements ICredentialType {
	name = 'innoPaasApi';

	displayName = 'InnoPaaS (Chuanglan 253) Voice API';

	icon = { light: 'file:../icons/innoPaas.svg', dark: 'file:../icons/innoPaas.dark.svg' } as const;

	documentationUrl =
		'https://github.com/n8n-nodes-outbound-voice/n8n-nodes-outbound-voice#innopaas-chuanglan-253-voice-api';

	properties: INodeProperties[] = [
		{
			displayName: 'App ID',
			name: 'appId',
			type: 'string',
			default: '',
			required: true,
			description: 'Your InnoPaaS app ID (InnoPaaS console → Features → API Details)',
		},
		{
			displayName: 'App Key',
			name: 'appSecretKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The app key shown next to the app ID. It is sent in the body of every request.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: INNOPAAS_API_URL,
			description: 'Where the InnoPaaS API lives. Change it only for a sandbox or a proxy.',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			body: { appId: '={{$credentials.appId}}', appKey: '={{$credentials.appSecretKey}}' },
		},
	};

	/** An empty batch-notify, which dials nobody: see credentialTest.ts. */
	test: ICredentialTestRequest = innoPaasCredentialTest;
}
