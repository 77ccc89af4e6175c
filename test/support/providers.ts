/**
 * The test side of every provider, one record each: its simulator file, its fixtures, the account
 * tests give the simulator and the n8n credential data pointing at it, and its Provider option as
 * the editor shows it. The simulator's route table, the node tests' accounts, the registry test and
 * the e2e lists are all built from TEST_PROVIDERS: a new provider adds its simulator file
 * (test/simulator/providers/<id>.ts), its fixtures folder and one record here.
 * Nothing here loads the package's own code (the simulator imports this file), except
 * credentialTypeOf(), on demand.
 */
import type { ICredentialDataDecryptedObject, ICredentialType } from 'n8n-workflow';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { innoPaas, type InnoPaasAccount } from '../simulator/providers/innoPaas';
import { routee, type RouteeAccount } from '../simulator/providers/routee';
import { TWILIO_SIM, twilio, type TwilioAccount } from '../simulator/providers/twilio';
import { webexConnect, type WebexConnectAccount } from '../simulator/providers/webexConnect';
import type { SimulatorProvider } from '../simulator/types';

export interface TestProvider<Account extends object = object> {
	/** The provider's id in the package's registry (nodes/providers/registry.ts). */
	id: string;
	/** Its routes and the account it accepts by default. */
	simulator: SimulatorProvider<Account>;
	/** The n8n credential type of its accounts. */
	credentialType: string;
	/** Its values of the action nodes' Provider option, with their names as the editor lists them. */
	paths: Readonly<Record<string, string>>;
	/** The payloads in test/fixtures/<id>/ besides contract.json (see test/fixtures/README.md). */
	fixtures: readonly string[];
	/** An account of its own for a test file: `prefix` keeps one file's secrets apart from another's. */
	account(prefix: string): Account;
	/** The n8n credential of that account, sent to `baseUrl` (the simulator). */
	credential(account: Account, baseUrl: string): ICredentialDataDecryptedObject;
	/** What of the account must never appear in output, errors or logs. */
	secrets(account: Account): string[];
}

const webexConnectTest: TestProvider<WebexConnectAccount> = {
	id: 'webexConnect',
	simulator: webexConnect,
	credentialType: 'webexConnectApi',
	paths: {
		webexConnect: 'Webex Connect: Make Call API (v2)',
		imiconnectMessaging: 'Webex Connect: Messaging API v1 (Legacy IMIconnect)',
	},
	fixtures: ['receipt.disconnected', 'request.makeCall', 'request.messagingV1'],
	account: (prefix) => ({ webexServiceKey: `${prefix}-webex-key-2a71` }),
	credential: (account, baseUrl) => ({ apiKey: account.webexServiceKey, region: 'eu', baseUrl }),
	secrets: (account) => [account.webexServiceKey],
};

const routeeTest: TestProvider<RouteeAccount> = {
	id: 'routee',
	simulator: routee,
	credentialType: 'routeeApi',
	paths: { routee: 'Routee' },
	fixtures: ['callback.campaign', 'callback.conversation'],
	account: (prefix) => ({
		routeeApplicationId: `${prefix}-routee-app`,
		routeeApplicationSecret: `${prefix}-routee-secret-9d`,
		routeeTokenTtlMs: routee.defaults.routeeTokenTtlMs,
	}),
	credential: (account, baseUrl) => ({
		applicationId: account.routeeApplicationId,
		applicationSecret: account.routeeApplicationSecret,
		baseUrl,
	}),
	secrets: (account) => [
		account.routeeApplicationSecret,
		Buffer.from(`${account.routeeApplicationId}:${account.routeeApplicationSecret}`).toString(
			'base64',
		),
	],
};

const innoPaasTest: TestProvider<InnoPaasAccount> = {
	id: 'innoPaas',
	simulator: innoPaas,
	credentialType: 'innoPaasApi',
	paths: { innoPaas: 'InnoPaaS (Chuanglan 253)' },
	fixtures: ['answer.success', 'callRecord.answered'],
	account: (prefix) => ({
		innoPaasAppId: `${prefix}-inno-app`,
		innoPaasAppKey: `${prefix}-inno-key-41`,
	}),
	credential: (account, baseUrl) => ({
		appId: account.innoPaasAppId,
		appSecretKey: account.innoPaasAppKey,
		baseUrl,
	}),
	secrets: (account) => [account.innoPaasAppKey],
};

const twilioTest: TestProvider<TwilioAccount> = {
	id: 'twilio',
	simulator: twilio,
	credentialType: 'twilioVoiceApi',
	paths: { twilio: 'Twilio Programmable Voice' },
	fixtures: [],
	account: (prefix) => ({
		twilioAuthToken: `${prefix}-twilio-token-6e02`,
		twilioApiKeySecret: `${prefix}-twilio-key-secret-b8`,
	}),
	credential: (account, baseUrl) => ({
		accountSid: TWILIO_SIM.account.sid,
		authType: 'authToken',
		authToken: account.twilioAuthToken,
		baseUrl,
	}),
	secrets: (account) => [
		account.twilioAuthToken,
		account.twilioApiKeySecret,
		Buffer.from(`${TWILIO_SIM.account.sid}:${account.twilioAuthToken}`).toString('base64'),
	],
};

/** Every provider, in the package registry's order. */
export const TEST_PROVIDERS = [webexConnectTest, routeeTest, innoPaasTest, twilioTest] as const;

type AccountOf<Record> = Record extends TestProvider<infer Account> ? Account : never;
type Intersection<Union> = (Union extends unknown ? (all: Union) => void : never) extends (
	all: infer Each,
) => void
	? Each
	: never;

/** Every provider's account options at once: what the simulator is started with. */
export type SimulatorAccounts = Intersection<AccountOf<(typeof TEST_PROVIDERS)[number]>>;

/** Every Provider option value and its name, in the option's order. */
export const TEST_PATHS = TEST_PROVIDERS.flatMap((provider) =>
	Object.entries(provider.paths).map(([id, name]) => ({ id, name, provider: provider.id })),
);

/** One provider's account for a test file, the n8n credential of it and its secrets. */
export function openAccount(provider: TestProvider, prefix: string) {
	const account = provider.account(prefix);
	return {
		provider,
		account,
		credential: (baseUrl: string) => provider.credential(account, baseUrl),
		secrets: provider.secrets(account),
	};
}

const credentialTypes = new Map<string, ICredentialType>();

/**
 * The package's credential type of this name, found as n8n finds it: among the classes of the
 * files package.json lists (their TypeScript sources).
 */
export function credentialTypeOf(name: string): ICredentialType {
	if (credentialTypes.size === 0) {
		const root = join(__dirname, '..', '..');
		const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
			n8n: { credentials: string[] };
		};
		for (const file of manifest.n8n.credentials) {
			const source = join(root, file.replace(/^dist\//, '').replace(/\.js$/, ''));
			const exported = require(source) as Record<string, new () => ICredentialType>;
			for (const Type of Object.values(exported)) {
				if (typeof Type !== 'function') continue;
				const type = new Type();
				credentialTypes.set(type.name, type);
			}
		}
	}
	const type = credentialTypes.get(name);
	if (type === undefined) throw new Error(`package.json lists no credential type "${name}"`);
	return type;
}
