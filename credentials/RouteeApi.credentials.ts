import type {
	IAuthenticateGeneric,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	INodeProperties,
} from 'n8n-workflow';

import {
	ROUTEE_TOKEN_KEY_EXPRESSION,
	routeeTokenKey,
	routeeTokenUrl,
} from '../nodes/providers/routee/common';

/**
 * Routee: application ID and secret, exchanged for a bearer token (OAuth 2.0 client credentials
 * against auth.routee.net). The token is cached in the hidden `accessToken` field; n8n fetches a
 * new one when it is empty, and once more when Routee answers 401 or 403 (the adapter says which).
 */
export class RouteeApi implements ICredentialType {
	name = 'routeeApi';

	displayName = 'Routee API';

	icon = { light: 'file:../icons/routee.svg', dark: 'file:../icons/routee.dark.svg' } as const;

	documentationUrl =
		'https://github.com/n8n-nodes-outbound-voice/n8n-nodes-outbound-voice#routee-api';

	properties: INodeProperties[] = [
		{
			displayName: 'Application ID',
			name: 'applicationId',
			type: 'string',
			default: '',
			required: true,
			description: 'The ID of a Routee application (Routee dashboard → Applications)',
		},
		{
			displayName: 'Application Secret',
			name: 'applicationSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The secret of that application (the lock icon next to it in the dashboard)',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'https://sandbox.example.com',
			description:
				'Optional. When set, both the token request (<base URL>/oauth/token) and the API calls go here instead of auth.routee.net and connect.routee.net: for a sandbox or a proxy.',
		},
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
		{
			// Which Base URL the cached token was issued for: it is never sent anywhere else.
			displayName: 'Cached for Base URL',
			name: 'cachedForBaseUrl',
			type: 'hidden',
			default: '',
		},
	];

	/** Client credentials grant: Basic auth with ID and secret, `grant_type=client_credentials`. */
	async preAuthentication(
		this: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
	): Promise<IDataObject> {
		const url = routeeTokenUrl(credentials);
		let answer: unknown;
		try {
			answer = await this.helpers.httpRequest({
				method: 'POST',
				url,
				auth: {
					username: String(credentials.applicationId ?? ''),
					password: String(credentials.applicationSecret ?? ''),
				},
				headers: { 'content-type': 'application/x-www-form-urlencoded' },
				body: { grant_type: 'client_credentials' },
				json: true,
				timeout: 30_000,
			});
		} catch (error) {
			// An HTTP answer of the token endpoint is explained by the node from its status and body;
			// either way nothing was sent to Routee's API: say so, so the call is not reported as
			// refused by Routee, nor as maybe placed.
			if ((error as { response?: unknown }).response !== undefined)
				throw Object.assign(error as object, { notSent: true });
			const code = (error as { code?: unknown }).code;
			throw Object.assign(
				new Error(
					`Could not get a Routee access token from ${url} (${String(code ?? 'no answer')})`,
				),
				{
					code: typeof code === 'string' ? code : 'ROUTEE_TOKEN_UNAVAILABLE',
					notSent: true,
				},
			);
		}
		const token = (answer as { access_token?: unknown } | null)?.access_token;
		if (typeof token !== 'string' || token === '') {
			throw Object.assign(
				new Error(`The Routee token endpoint ${url} answered without an access_token`),
				{
					code: 'ROUTEE_TOKEN_MISSING',
					notSent: true,
				},
			);
		}
		return { accessToken: token, cachedForBaseUrl: routeeTokenKey(credentials) };
	}

	/**
	 * The cached token goes only to the Base URL it was issued for (routeeTokenKey). After the Base
	 * URL changed, the request carries none: the host answers 401, and n8n fetches a token there.
	 */
	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: `={{ "Bearer " + ($credentials.cachedForBaseUrl === ${ROUTEE_TOKEN_KEY_EXPRESSION} ? $credentials.accessToken : "") }}`,
			},
		},
	};

	/** Reads the account balance: proves the token works and changes nothing. */
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{ $credentials.baseUrl || "https://connect.routee.net" }}',
			url: '/accounts/me/balance',
			method: 'GET',
		},
		rules: [
			{
				type: 'responseCode',
				properties: { value: 401, message: 'Routee did not accept the application ID and secret' },
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message: 'Routee refused the access token: check the application and its permissions',
				},
			},
		],
	};
}
