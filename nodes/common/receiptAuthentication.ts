/**
 * How a receipt proves it comes from the provider: the Authentication options of the Voice
 * Receipt Trigger and of Make Voice Call's "Call and Wait for Outcome", and the rule they make
 * with the Voice Receipt Webhook credential's secrets.
 */
import {
	NodeOperationError,
	type INodeCredentialDescription,
	type IDisplayOptions,
	type INodeProperties,
	type INodePropertyOptions,
	type IWebhookFunctions,
} from 'n8n-workflow';

import type { AuthenticityKind, AuthenticityRule } from '../core/signature';
import { AUTHENTICITY_METHODS, CREDENTIAL_SIGNATURES } from '../providers/lists';

/** The credential holding the receipts' secret (and user, for Basic auth). */
export const RECEIPT_CREDENTIAL = 'voiceReceiptWebhookApi';

/** The shortest secret the receipts' credential accepts: shorter ones can be guessed. */
export const MIN_SECRET_LENGTH = 16;

/** Why `secret` cannot protect receipts, or null when it can. */
export function secretProblem(secret: unknown): string | null {
	const value = typeof secret === 'string' ? secret : '';
	if (value === '') return 'Enter the secret that incoming receipts must carry';
	if (value !== value.trim())
		// HTTP drops spaces around header values, so such a secret could never match.
		return 'The secret starts or ends with spaces; remove them';
	if (value.length < MIN_SECRET_LENGTH)
		return `The secret has ${value.length} characters; use at least ${MIN_SECRET_LENGTH} (a random one, e.g. from a password manager), so that it cannot be guessed`;
	return null;
}

const byName = (a: INodePropertyOptions, b: INodePropertyOptions) => a.name.localeCompare(b.name);

/** The secrets every provider can send, and the signatures providers offer (their signature.ts). */
export const AUTHENTICATION_OPTIONS: INodePropertyOptions[] = [
	{
		name: 'Basic Auth',
		value: 'basicAuth',
		description:
			'The provider sends a user and password in the Authorization header (many accept them in the URL: https://user:password@…)',
	},
	{
		name: 'Header Secret',
		value: 'headerSecret',
		description: 'The provider sends the secret in a request header',
	},
	{
		name: 'None',
		value: 'none',
		description: 'Accept any request to this URL',
	},
	{
		name: 'Query Secret',
		value: 'querySecret',
		description:
			'The secret is part of the URL you give the provider, e.g. …/voice-receipts?secret=…',
	},
	...AUTHENTICITY_METHODS.map((method) => ({
		name: method.name,
		value: method.kind,
		description: method.description,
	})),
].sort(byName);

/** The signatures whose secret is in their provider's own credential (Twilio's Auth Token). */
export const PROVIDER_CREDENTIAL_KINDS = CREDENTIAL_SIGNATURES.map((signature) => signature.kind);

/** Every Authentication option that needs the Voice Receipt Webhook credential. */
export const WITH_CREDENTIAL = AUTHENTICATION_OPTIONS.map(
	(option) => option.value as string,
).filter((value) => value !== 'none' && !PROVIDER_CREDENTIAL_KINDS.includes(value));

/** The providers' credentials that hold a signature's secret, each shown while its signature is chosen. */
export function signatureCredentials(kindParameter: string): INodeCredentialDescription[] {
	const types = [...new Set(CREDENTIAL_SIGNATURES.map((signature) => signature.credentialType))];
	return types.map((name) => ({
		name,
		required: true,
		displayOptions: {
			show: {
				[kindParameter]: CREDENTIAL_SIGNATURES.filter(
					(signature) => signature.credentialType === name,
				).map((signature) => signature.kind),
			},
		},
	}));
}

/** The names of a node's authentication parameters. */
export interface AuthenticationParameters {
	kind: string;
	headerName: string;
	queryParameter: string;
}

export const TRIGGER_AUTHENTICATION: AuthenticationParameters = {
	kind: 'authentication',
	headerName: 'headerName',
	queryParameter: 'queryParameter',
};

/** The header and query parameter fields of the chosen method, under `show`. */
export function authenticationDetailProperties(
	names: AuthenticationParameters,
	show: IDisplayOptions['show'] = {},
): INodeProperties[] {
	return [
		{
			displayName: 'Header Name',
			name: names.headerName,
			type: 'string',
			default: 'X-Receipt-Secret',
			required: true,
			displayOptions: { show: { ...show, [names.kind]: ['headerSecret'] } },
			description: 'The request header that must hold the secret of the credential',
		},
		{
			displayName: 'Query Parameter',
			name: names.queryParameter,
			type: 'string',
			default: 'secret',
			required: true,
			displayOptions: { show: { ...show, [names.kind]: ['querySecret'] } },
			description:
				'The URL query parameter that must hold the secret of the credential. Add it to the URL you give the provider, as in …/voice-receipts?secret=your-secret.',
		},
	];
}

/** The rule for the selected Authentication option, with the credential's secrets. */
export async function authenticityRule(
	context: IWebhookFunctions,
	names: AuthenticationParameters = TRIGGER_AUTHENTICATION,
): Promise<AuthenticityRule> {
	const kind = context.getNodeParameter(names.kind, 'none') as AuthenticityKind;
	if (kind === 'none') return { kind };
	const own = CREDENTIAL_SIGNATURES.find((signature) => signature.kind === kind);
	if (own !== undefined) {
		// The provider's credential (the trigger's, or the calling node's own): an empty field fails closed.
		const credential = await context.getCredentials<Record<string, unknown>>(own.credentialType);
		const secret = credential[own.field];
		return { kind, secret: typeof secret === 'string' ? secret : '' };
	}
	const credential = await context.getCredentials<{ secret?: string; user?: string }>(
		RECEIPT_CREDENTIAL,
	);
	// A secret short enough to guess counts as none: every request is refused (401).
	const secret = secretProblem(credential.secret) === null ? (credential.secret as string) : '';
	switch (kind) {
		case 'headerSecret':
			return { kind, secret, headerName: context.getNodeParameter(names.headerName, '') as string };
		case 'querySecret':
			return {
				kind,
				secret,
				parameter: context.getNodeParameter(names.queryParameter, '') as string,
			};
		case 'basicAuth':
			return { kind, user: credential.user ?? '', password: secret };
		default:
			if (!AUTHENTICITY_METHODS.some((method) => method.kind === kind)) {
				throw new NodeOperationError(context.getNode(), `Unknown authentication "${String(kind)}"`);
			}
			// A provider's own signature, checked with the secret.
			return { kind, secret };
	}
}
