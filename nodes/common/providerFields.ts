import type { INodeProperties } from 'n8n-workflow';

import { forProviders } from '../providers/formParts';
import { PROVIDER_PATHS } from '../providers/registry';

type FormOf = 'callForm' | 'campaignForm';

/** The action nodes' Provider option: one value per registered path. */
export const providerProperty = (form: FormOf, description: string): INodeProperties => ({
	displayName: 'Provider',
	name: 'provider',
	type: 'options',
	noDataExpression: true,
	options: PROVIDER_PATHS.map((path) => ({ name: path.name, value: path.id, description: path[form].description })),
	// The first registered path (a unit test keeps the two in step).
	default: 'webexConnect',
	description,
});

/** Every path's fields, each shown only while its path is chosen. */
export const pathProperties = (form: FormOf): INodeProperties[] =>
	PROVIDER_PATHS.flatMap((path) => path[form].properties.map((property) => forProviders([path.id], property)));

/** The n8n expression that names the chosen path, for a node's subtitle. */
export const providerNameExpression = (): string =>
	`${JSON.stringify(Object.fromEntries(PROVIDER_PATHS.map((path) => [path.id, path.name])))}[$parameter["provider"]]`;
