import type { ICredentialsDisplayOptions, INodeProperties } from 'n8n-workflow';

import { forProviders } from '../providers/formParts';
import { PROVIDER_PATHS, PROVIDERS } from '../providers/lists';

type FormOf = 'callForm' | 'campaignForm';

/**
 * The action nodes' Provider option: one value per registered path, a normal visible parameter
 * (see credentialDisplayOptions for why the editor leaves it alone).
 */
export const providerProperty = (form: FormOf, description: string): INodeProperties => ({
	displayName: 'Provider',
	name: 'provider',
	type: 'options',
	noDataExpression: true,
	options: PROVIDER_PATHS.map((path) => ({
		name: path.name,
		value: path.id,
		description: path[form].description,
	})),
	// The first registered path (a unit test keeps the two in step).
	default: 'webexConnect',
	// n8n's editor chooses a credential itself only for a node that holds none; after a switch the
	// node still holds the previous provider's, and a node cannot set one.
	description: `${description} After you change Provider, choose that credential again. n8n fills it in by itself only on a new node.`,
});

/**
 * Where the editor draws the credential picker: n8n's editor puts it in place of the first
 * displayed parameter of type `credentials` (a placeholder that shows nothing itself, as n8n's
 * own Notion and Evaluation nodes use it). Placed after Provider, the picker follows the choice
 * it depends on; without it the picker would sit above Provider.
 */
export const credentialPlacement: INodeProperties = {
	displayName: 'Credential',
	name: 'providerCredential',
	type: 'credentials',
	default: '',
};

/**
 * A credential's display options: shown for its provider's paths only, so the credential field
 * lists that provider's credentials alone and a new node never takes another provider's.
 *
 * Written as `hide` on the other providers' paths, not as `show` on its own: n8n's editor treats
 * any parameter named in a credential's `displayOptions.show`, whose every option some
 * credential lists, as the node's "main auth field" (editor-ui `getMainAuthField`). It then hides
 * that parameter from the node, offers its options as credential types inside "Create new
 * credential", and lets any credential of any listed type be picked (which silently switched
 * Provider to whichever credential existed). `getNodeAuthFields` reads only `show`, so with `hide`
 * the node has no auth field and Provider stays an ordinary parameter.
 */
export const credentialDisplayOptions = (credentialType: string): ICredentialsDisplayOptions => ({
	hide: {
		provider: PROVIDERS.filter((provider) => provider.credentialType !== credentialType).flatMap(
			(provider) => provider.paths.map((path) => path.id),
		),
	},
});

/** Every path's fields, each shown only while its path is chosen. */
export const pathProperties = (form: FormOf): INodeProperties[] =>
	PROVIDER_PATHS.flatMap((path) =>
		path[form].properties.map((property) => forProviders([path.id], property)),
	);

/** The n8n expression that names the chosen path, for a node's subtitle. */
export const providerNameExpression = (): string =>
	`${JSON.stringify(Object.fromEntries(PROVIDER_PATHS.map((path) => [path.id, path.name])))}[$parameter["provider"]]`;
