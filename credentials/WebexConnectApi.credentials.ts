import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { WEBEX_CONNECT_HOSTS } from '../nodes/providers/webexConnect/common';
import { webexConnectCredentialTest } from '../nodes/providers/webexConnect/credentialTest';

export class WebexConnectApi implements ICredentialType {
	name = 'webexConnectApi';

	displayName = 'Webex Connect (IMIconnect) API';

	icon = {
		light: 'file:../icons/webexConnect.svg',
		dark: 'file:../icons/webexConnect.dark.svg',
	} as const;

	documentationUrl =
		'https://github.com/n8n-nodes-outbound-voice/n8n-nodes-outbound-voice#webex-connect-imiconnect-api';

	properties: INodeProperties[] = [
		{
			displayName: 'Service Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'The key of the Webex Connect service that places the calls (Assets → Apps/Services → your service → Service Key). It is sent as the "key" header.',
		},
		{
			displayName: 'Region',
			name: 'region',
			type: 'options',
			options: Object.entries(WEBEX_CONNECT_HOSTS).map(([value, host]) => ({
				name: host.name,
				value,
				description: host.url,
			})),
			default: 'us',
			description:
				'Where your Webex Connect tenant lives. Older IMIconnect tenants use one of the legacy hosts.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'https://api.eu.webexconnect.io',
			description:
				'Optional. When set, it replaces the region: for a private endpoint, a proxy or a sandbox.',
		},
	];

	/**
	 * The service key in the `key` header. A function rather than n8n's declarative
	 * `={{$credentials.apiKey}}`, which runs the expression engine for every request (about 0.7 ms
	 * each, paid once per batch of a campaign).
	 */
	authenticate = async (
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> => ({
		...requestOptions,
		headers: { ...requestOptions.headers, key: String(credentials.apiKey ?? '') },
	});

	/** An empty Make Call request, which dials nobody: see credentialTest.ts for how it is read. */
	test: ICredentialTestRequest = webexConnectCredentialTest;
}
