/**
 * The sandbox: a real n8n 2.x with this package installed as a community package, the provider
 * simulator standing in for every provider of the registry, sandbox credentials pointing at it,
 * and the example workflows imported and active. `npm run dev` (scripts/dev.ts), the e2e test and
 * `npm run screenshots` all start it through startSandbox(). Offline and deterministic: the
 * simulator decides each call's outcome from the number's last digit.
 *
 * Expects a built package (dist/): the npm scripts run `npm run build` first.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

import { PROVIDERS } from '../nodes/providers/registry';
import { TWILIO_SIM } from '../test/simulator/providers/twilio';
import { startSimulator, type Simulator } from '../test/simulator/server';
import { ensureN8n, startN8n, type N8nInstance } from '../test/support/n8n';
import { packPackage } from '../test/support/pack';
import {
	accessCredentials,
	freshAccess,
	loadExamples,
	prepareExample,
	receiptsUrl,
	type ExampleAccess,
	type ExampleKey,
} from './examples';
import { startServices, type SandboxServices } from './services';

export const DEFAULT_PORTS = { n8n: 5678, simulator: 8787, services: 8788 } as const;

/** The owner account the sandbox's n8n is set up with. */
export const SANDBOX_OWNER = {
	email: 'sandbox@example.com',
	password: 'Sandbox-Passw0rd',
	firstName: 'Sandbox',
	lastName: 'Owner',
};

/** What the simulator accepts, and so what the sandbox credentials hold. */
export const SANDBOX_KEYS = {
	webexServiceKey: 'sim-webex-key',
	routeeApplicationId: 'sim-routee-app',
	routeeApplicationSecret: 'sim-routee-secret',
	innoPaasAppId: 'sim-innopaas-app',
	innoPaasAppKey: 'sim-innopaas-key',
	twilioAuthToken: 'sim-twilio-auth-token',
};

export interface SandboxOptions {
	/** Ports; a taken default port is replaced by a free one. 0 picks a free port. */
	n8nPort?: number;
	simulatorPort?: number;
	servicesPort?: number;
	/** The simulator's pause before each receipt of a call. Default 1000 ms, so events arrive as a call would unfold. */
	receiptDelayMs?: number;
	/** Where n8n's output goes; by default a file in its (temporary) user folder. */
	logFile?: string;
	/** Progress messages; default stderr. */
	log?: (message: string) => void;
}

export interface SandboxCredential {
	id: string;
	name: string;
	type: string;
}

export interface SandboxWorkflow {
	id: string;
	name: string;
	file: string;
	active: boolean;
	/** The workflow in the editor. */
	url: string;
}

/** Everything about a running sandbox that can be printed or written to a file. */
export interface SandboxInfo {
	editorUrl: string;
	login: { email: string; password: string };
	simulatorUrl: string;
	servicesUrl: string;
	/** Example 3's Voice Receipt Trigger with its query secret: the Notify URL every example uses. */
	receiptsUrl: string;
	/** Example 2's webhook, as a CRM would call it (with the header in `access.crmHeader`). */
	crmWebhookUrl: string;
	/** Example 4's chat endpoint (with the login in `access.chatLogin`). */
	chatUrl: string;
	/** The webhook ids and secrets generated for this sandbox's examples. */
	access: ExampleAccess;
	crmActivitiesUrl: string;
	/** Example 5's pretend SMS gateway. */
	smsMessagesUrl: string;
	credentials: SandboxCredential[];
	workflows: Record<ExampleKey, SandboxWorkflow>;
	/** Providers whose credential type this n8n did not know, so no sandbox credential was made. */
	missingProviders: string[];
	/** n8n's process and its task runners when the sandbox became ready. */
	pids: number[];
	/** n8n's user folder (temporary: removed when the sandbox stops). */
	n8nUserFolder: string;
	logFile?: string;
}

export interface Sandbox extends SandboxInfo {
	/** The SandboxInfo fields alone, as plain data. */
	info: SandboxInfo;
	n8n: N8nInstance;
	simulator: Simulator;
	services: SandboxServices;
	/** Stops n8n (and its runners), the simulator and the services; safe to call more than once. */
	stop(): Promise<void>;
}

/** `port` when it is free on 127.0.0.1, else a free one; 0 always gives a free one. */
async function availablePort(port: number): Promise<{ port: number; changed: boolean }> {
	const probe = (wanted: number) =>
		new Promise<number>((resolve) => {
			const server = createServer();
			server.unref();
			server.on('error', () => resolve(0));
			server.listen(wanted, '127.0.0.1', () => {
				const address = server.address();
				server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
			});
		});
	if (port !== 0 && (await probe(port)) === port) return { port, changed: false };
	for (;;) {
		const free = await probe(0);
		if (free) return { port: free, changed: port !== 0 };
	}
}

/** Each provider's sandbox credential fields (the simulator's keys); one entry per registered provider. */
const SANDBOX_CREDENTIAL_DATA: Record<
	(typeof PROVIDERS)[number]['id'],
	(simulatorUrl: string) => Record<string, unknown>
> = {
	webexConnect: (url) => ({ apiKey: SANDBOX_KEYS.webexServiceKey, region: 'us', baseUrl: url }),
	routee: (url) => ({
		applicationId: SANDBOX_KEYS.routeeApplicationId,
		applicationSecret: SANDBOX_KEYS.routeeApplicationSecret,
		baseUrl: url,
	}),
	innoPaas: (url) => ({
		appId: SANDBOX_KEYS.innoPaasAppId,
		appSecretKey: SANDBOX_KEYS.innoPaasAppKey,
		baseUrl: url,
	}),
	twilio: (url) => ({
		accountSid: TWILIO_SIM.account.sid,
		authType: 'authToken',
		authToken: SANDBOX_KEYS.twilioAuthToken,
		baseUrl: url,
	}),
};

/** One sandbox credential per provider of the registry, named after it. */
const SANDBOX_CREDENTIALS = PROVIDERS.map((provider) => ({
	provider: provider.displayName,
	type: provider.credentialType,
	name: `${provider.displayName} (sandbox)`,
	data: SANDBOX_CREDENTIAL_DATA[provider.id],
}));

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
	const log = options.log ?? ((message: string) => process.stderr.write(`[sandbox] ${message}\n`));
	const cleanups: Array<() => Promise<void>> = [];
	const cleanUp = async () => {
		// Last started, first stopped: n8n goes before the simulator it calls.
		for (const cleanup of cleanups.splice(0).reverse())
			try {
				await cleanup();
			} catch (error) {
				log(`while stopping: ${(error as Error).message}`);
			}
	};

	try {
		const ports = {
			simulator: await availablePort(options.simulatorPort ?? DEFAULT_PORTS.simulator),
			services: await availablePort(options.servicesPort ?? DEFAULT_PORTS.services),
		};
		for (const [what, { port, changed }] of Object.entries(ports))
			if (changed) log(`the default ${what} port is taken: using ${port}`);

		const simulator = await startSimulator({
			port: ports.simulator.port,
			receiptDelayMs: options.receiptDelayMs ?? 1000,
			...SANDBOX_KEYS,
		});
		cleanups.push(() => simulator.close());
		log(`provider simulator listening on ${simulator.url}`);

		const services = await startServices({ port: ports.services.port });
		cleanups.push(() => services.close());
		log(`pretend CRM, SMS gateway and scripted chat model listening on ${services.url}`);

		const packDir = await mkdtemp(path.join(os.tmpdir(), 'n8n-outbound-voice-sandbox-pack-'));
		cleanups.push(() => rm(packDir, { recursive: true, force: true }));
		const tarball = await packPackage(packDir);
		log(`packed ${path.basename(tarball)}`);

		// A first run installs Node 24 and n8n into the cache (a few minutes); later runs reuse it.
		await ensureN8n();
		const n8nPort = await availablePort(options.n8nPort ?? DEFAULT_PORTS.n8n);
		if (n8nPort.changed) log(`the default n8n port is taken: using ${n8nPort.port}`);
		log('starting n8n (about 15 s, up to 45 s on a busy machine)');
		const n8n = await startN8n({
			packageTarball: tarball,
			port: n8nPort.port,
			owner: SANDBOX_OWNER,
			logFile: options.logFile,
		});
		cleanups.push(() => n8n.stop());

		const knownTypes = new Set((await n8n.types('credentials')).map((type) => type.name));
		const credentials: SandboxCredential[] = [];
		const missingProviders: string[] = [];
		for (const spec of SANDBOX_CREDENTIALS) {
			if (!knownTypes.has(spec.type)) {
				missingProviders.push(spec.provider);
				log(
					`warning: n8n does not know the credential type ${spec.type} (is it listed in package.json "n8n.credentials"?): no ${spec.provider} sandbox credential`,
				);
				continue;
			}
			const created = await n8n.createCredential(spec.name, spec.type, spec.data(simulator.url));
			credentials.push({ id: created.id, name: created.name, type: spec.type });
		}
		const model = await n8n.createCredential('Scripted model (sandbox)', 'openAiApi', {
			apiKey: 'sandbox-no-key-needed',
			url: `${services.url}/v1`,
		});
		credentials.push({ id: model.id, name: model.name, type: 'openAiApi' });

		// Fresh webhook ids and secrets for this import: nothing in the repository opens these URLs.
		const access = freshAccess();
		const triggerCredentials: Record<string, string> = {
			voiceReceiptWebhookApi: 'Voice receipts secret (sandbox)',
			httpHeaderAuth: 'CRM webhook secret (sandbox)',
			httpBasicAuth: 'Chat login (sandbox)',
		};
		for (const [type, data] of Object.entries(accessCredentials(access))) {
			const created = await n8n.createCredential(triggerCredentials[type], type, data);
			credentials.push({ id: created.id, name: created.name, type });
		}

		const byType = Object.fromEntries(
			credentials.map((credential) => [credential.type, credential]),
		);
		const workflows = {} as Record<ExampleKey, SandboxWorkflow>;
		for (const example of loadExamples()) {
			const workflow = prepareExample(example.workflow, {
				n8nUrl: n8n.baseUrl,
				servicesUrl: services.url,
				credentials: byType,
				access,
			});
			const created = await n8n.createWorkflow(workflow);
			if (example.activatable) await n8n.activateWorkflow(created.id);
			workflows[example.key] = {
				id: created.id,
				name: workflow.name,
				file: `examples/${example.file}`,
				active: example.activatable,
				url: `${n8n.baseUrl}/workflow/${created.id}`,
			};
			log(`imported ${example.file}${example.activatable ? ' (active)' : ''}`);
		}

		const info: SandboxInfo = {
			editorUrl: `${n8n.baseUrl}/`,
			login: { email: n8n.owner.email, password: n8n.owner.password },
			simulatorUrl: simulator.url,
			servicesUrl: services.url,
			receiptsUrl: receiptsUrl(n8n.baseUrl, access),
			crmWebhookUrl: `${n8n.baseUrl}/webhook/${access.webhookIds.crm}`,
			chatUrl: `${n8n.baseUrl}/webhook/${access.webhookIds.chat}/chat`,
			access,
			crmActivitiesUrl: `${services.url}/crm/activities`,
			smsMessagesUrl: `${services.url}/sms/messages`,
			credentials,
			workflows,
			missingProviders,
			pids: n8n.pids(),
			n8nUserFolder: n8n.userFolder,
			logFile: options.logFile ?? path.join(n8n.userFolder, 'n8n.log'),
		};
		let stopping: Promise<void> | undefined;
		return { ...info, info, n8n, simulator, services, stop: () => (stopping ??= cleanUp()) };
	} catch (error) {
		await cleanUp();
		throw error;
	}
}
