import type { INodeCredentialDescription } from 'n8n-workflow';

import { PROVIDERS } from '../providers/lists';
import { credentialDisplayOptions } from './providerFields';

/**
 * The action nodes' credentials: each provider's credential type, asked for while one of its
 * paths is the Provider (written with `hide`, see credentialDisplayOptions). Every one of them
 * tests itself (a `test` in its credential class), so no node names a `testedBy` and n8n's linter
 * needs no literal list here.
 */
export const providerCredentials = (): INodeCredentialDescription[] =>
	PROVIDERS.map((provider) => ({
		name: provider.credentialType,
		required: true,
		displayOptions: credentialDisplayOptions(provider.credentialType),
	}));
