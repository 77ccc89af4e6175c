import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { PROVIDERS } from '../providers/lists';

/** The action nodes' `loadOptions` methods (their pickers' lists), from the providers that have some. */
export const loadOptions: Record<
	string,
	(this: ILoadOptionsFunctions) => Promise<INodePropertyOptions[]>
> = Object.assign({}, ...PROVIDERS.map((provider) => provider.loadOptions ?? {}));
