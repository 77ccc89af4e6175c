import type { ICredentialTestFunction } from 'n8n-workflow';

import { PROVIDERS } from '../providers/registry';

/** The `testedBy` functions of the action nodes' credentials, from the providers that have one. */
export const credentialTest: Record<string, ICredentialTestFunction> = Object.fromEntries(
	PROVIDERS.flatMap((provider) => ('credentialTest' in provider ? [[provider.credentialTest.name, provider.credentialTest.test]] : [])),
);
