/**
 * A simulator that knows one account of each provider (test/support/providers.ts), started for the
 * test file, and the n8n credentials of those accounts: what node tests over every provider path share.
 */
import type { ICredentialDataDecryptedObject, ICredentialType } from 'n8n-workflow';

import { startSimulator, type Simulator } from '../simulator/server';
import type { CoreOptions } from '../simulator/types';
import { credentialTypeOf, openAccount, TEST_PROVIDERS, type SimulatorAccounts } from './providers';

export interface ProviderAccounts {
	/** The running simulator (set before the file's first test). */
	readonly simulator: Simulator;
	/** The accounts, as the simulator checks them (e.g. `keys.webexServiceKey`). */
	readonly keys: SimulatorAccounts;
	/** Every account's secrets, for scans of output, errors and logs. */
	readonly secrets: string[];
	/** n8n credentials of every provider, by credential type, pointing at the simulator. */
	credentials(): Record<string, ICredentialDataDecryptedObject>;
	/** Every provider's credential type. */
	credentialTypes(): ICredentialType[];
}

/**
 * Registers the file's simulator (started before all tests, reset after each, closed at the end).
 * Receipts are off unless `options` turns them on.
 */
export function useProviderAccounts(prefix: string, options: CoreOptions = {}): ProviderAccounts {
	const accounts = TEST_PROVIDERS.map((provider) => openAccount(provider, prefix));
	const keys = Object.assign({}, ...accounts.map((opened) => opened.account)) as SimulatorAccounts;
	let simulator: Simulator | undefined;
	beforeAll(async () => {
		simulator = await startSimulator({ receipts: false, ...options, ...keys });
	});
	afterEach(() => simulator?.reset());
	afterAll(async () => simulator?.close());
	return {
		keys,
		secrets: accounts.flatMap((opened) => opened.secrets),
		get simulator() {
			if (simulator === undefined) throw new Error('the simulator starts before the first test');
			return simulator;
		},
		credentials() {
			const baseUrl = this.simulator.url;
			return Object.fromEntries(
				accounts.map((opened) => [opened.provider.credentialType, opened.credential(baseUrl)]),
			);
		},
		credentialTypes: () =>
			TEST_PROVIDERS.map((provider) => credentialTypeOf(provider.credentialType)),
	};
}
