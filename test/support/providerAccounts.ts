/**
 * A simulator that knows one account of each provider, started for the test file, and the n8n
 * credentials of those accounts: what node tests over every provider path share.
 */
import type { ICredentialDataDecryptedObject, ICredentialType } from 'n8n-workflow';

import { InnoPaasApi } from '../../credentials/InnoPaasApi.credentials';
import { RouteeApi } from '../../credentials/RouteeApi.credentials';
import { WebexConnectApi } from '../../credentials/WebexConnectApi.credentials';
import { startSimulator, type Simulator } from '../simulator/server';

export interface ProviderAccounts {
	/** The running simulator (set before the file's first test). */
	readonly simulator: Simulator;
	/** The accounts' secrets, as the simulator checks them (for secret scans). */
	readonly keys: {
		webexServiceKey: string;
		routeeApplicationId: string;
		routeeApplicationSecret: string;
		innoPaasAppId: string;
		innoPaasAppKey: string;
	};
	/** n8n credentials of every provider, pointing at the simulator. */
	credentials(): Record<string, ICredentialDataDecryptedObject>;
	credentialTypes(): ICredentialType[];
}

/** Registers the file's simulator (started before all tests, reset after each, closed at the end). */
export function useProviderAccounts(prefix: string): ProviderAccounts {
	const keys = {
		webexServiceKey: `${prefix}-webex-key-2a71`,
		routeeApplicationId: `${prefix}-routee-app`,
		routeeApplicationSecret: `${prefix}-routee-secret-9d`,
		innoPaasAppId: `${prefix}-inno-app`,
		innoPaasAppKey: `${prefix}-inno-key-41`,
	};
	let simulator: Simulator | undefined;
	beforeAll(async () => {
		simulator = await startSimulator({ ...keys, receipts: false });
	});
	afterEach(() => simulator?.reset());
	afterAll(async () => simulator?.close());
	return {
		keys,
		get simulator() {
			if (simulator === undefined) throw new Error('the simulator starts before the first test');
			return simulator;
		},
		credentials() {
			const baseUrl = this.simulator.url;
			return {
				webexConnectApi: { apiKey: keys.webexServiceKey, region: 'eu', baseUrl },
				routeeApi: {
					applicationId: keys.routeeApplicationId,
					applicationSecret: keys.routeeApplicationSecret,
					baseUrl,
				},
				innoPaasApi: { appId: keys.innoPaasAppId, appSecretKey: keys.innoPaasAppKey, baseUrl },
			};
		},
		credentialTypes: () => [new WebexConnectApi(), new RouteeApi(), new InnoPaasApi()],
	};
}
