/** Every provider list of the package comes from the registry: the nodes, the trigger, the credentials. */
import { readFileSync } from 'fs';
import { join } from 'path';

import { NodeHelpers, type INodeProperties, type INodePropertyOptions } from 'n8n-workflow';

import { MakeVoiceCall } from '../../nodes/MakeVoiceCall/MakeVoiceCall.node';
import {
	AUTHENTICITY_METHODS,
	PROVIDER_PATHS,
	PROVIDERS,
	RECEIPT_PARSERS,
} from '../../nodes/providers/lists';
import { SendVoiceCampaign } from '../../nodes/SendVoiceCampaign/SendVoiceCampaign.node';
import { VoiceReceiptTrigger } from '../../nodes/VoiceReceiptTrigger/VoiceReceiptTrigger.node';
import { credentialTypeOf, TEST_PATHS, TEST_PROVIDERS } from '../support/providers';

const root = join(__dirname, '..', '..');
const property = (properties: INodeProperties[], name: string) =>
	properties.find((candidate) => candidate.name === name)!;
const values = (options: INodeProperties['options']) =>
	(options as INodePropertyOptions[]).map((option) => option.value);

describe.each([
	['Make Voice Call', new MakeVoiceCall()],
	['Send Voice Campaign', new SendVoiceCampaign()],
])('%s', (_name, node) => {
	it('offers every registered path as Provider, the first by default', () => {
		const provider = property(node.description.properties, 'provider');
		expect(values(provider.options)).toEqual(PROVIDER_PATHS.map((path) => path.id));
		expect(provider.default).toBe(PROVIDER_PATHS[0].id);
	});

	it('asks for each provider’s credential while one of its paths is chosen, and tests none itself (no testedBy)', () => {
		const expected = PROVIDERS.map((provider) => ({
			name: provider.credentialType,
			required: true,
			displayOptions: {
				hide: {
					provider: PROVIDERS.filter((other) => other !== provider).flatMap((other) =>
						other.paths.map((path) => path.id),
					),
				},
			},
		}));
		// Make Voice Call also takes the receipts' secret, for Call and Wait for Outcome (checked in test/nodes/MakeVoiceCall).
		expect(
			node.description.credentials!.filter(
				(credential) => credential.name !== 'voiceReceiptWebhookApi',
			),
		).toEqual(expected);
		// Provider credentials test themselves (a `test` in their class): no node tests them.
		const tests = Object.keys(
			(node as { methods?: { credentialTest?: object } }).methods?.credentialTest ?? {},
		);
		expect(tests.filter((name) => name !== 'voiceReceiptWebhookApiTest')).toEqual([]);
	});

	it('shows, for each Provider value, exactly the credential of that provider (as n8n decides it)', () => {
		for (const provider of PROVIDERS) {
			for (const path of provider.paths) {
				const shown = node.description.credentials!.filter((credential) =>
					// On the node's parameters with their defaults, as n8n decides it.
					NodeHelpers.displayParameter(
						NodeHelpers.getNodeParameters(
							node.description.properties,
							{ provider: path.id },
							true,
							false,
							null,
							node.description,
						)!,
						credential,
						null,
						node.description,
					),
				);
				expect([path.id, shown.map((credential) => credential.name)]).toEqual([
					path.id,
					[provider.credentialType],
				]);
			}
		}
	});

	// n8n's editor takes a parameter named in a credential's displayOptions.show as the node's
	// "main auth field" and hides it (see credentialDisplayOptions); the e2e screenshot test shows it.
	it('keeps Provider a visible first parameter: no credential is shown by `show`, and the credential picker follows Provider', () => {
		for (const credential of node.description.credentials!)
			expect(credential.displayOptions?.show).toBeUndefined();
		const [first, second] = node.description.properties;
		expect(first.name).toBe('provider');
		expect(second).toMatchObject({ type: 'credentials' });
		expect(second.displayOptions).toBeUndefined();
	});

	it('shows each path’s fields only while that path is chosen', () => {
		for (const field of node.description.properties) {
			const shownFor = field.displayOptions?.show?.provider as string[] | undefined;
			if (shownFor !== undefined)
				expect(shownFor.every((id) => PROVIDER_PATHS.some((path) => path.id === id))).toBe(true);
		}
	});
});

describe('Voice Receipt Trigger', () => {
	const { properties, credentials } = new VoiceReceiptTrigger().description;

	it('offers detection and every registered provider', () => {
		expect(values(property(properties, 'provider').options).sort()).toEqual(
			['auto', ...PROVIDERS.map((provider) => provider.id)].sort(),
		);
	});

	it('offers the generic secrets and every provider’s signature, and asks for the receipts’ credential for all but None and the signatures read from a provider’s own credential', () => {
		const kinds = values(property(properties, 'authentication').options);
		expect([...kinds].sort()).toEqual(
			[
				'basicAuth',
				'headerSecret',
				'none',
				'querySecret',
				...AUTHENTICITY_METHODS.map((method) => method.kind),
			].sort(),
		);
		const own = AUTHENTICITY_METHODS.filter((method) => method.credentialField !== undefined);
		expect([...(credentials![0].displayOptions!.show!.authentication as string[])].sort()).toEqual(
			kinds.filter((kind) => kind !== 'none' && !own.some((method) => method.kind === kind)).sort(),
		);
		// Each of those is shown its provider's credential instead (Twilio: the Auth Token of twilioVoiceApi).
		for (const method of own) {
			const provider = PROVIDERS.find((candidate) => candidate.authenticity.includes(method))!;
			expect(credentials).toContainEqual({
				name: provider.credentialType,
				required: true,
				displayOptions: { show: { authentication: [method.kind] } },
			});
		}
		expect(own.map((method) => method.kind)).toContain('twilioSignature');
	});
});

describe('the registry', () => {
	it('detects receipts in the order of the registry', () => {
		expect(RECEIPT_PARSERS).toEqual(PROVIDERS.map((provider) => provider.receipts));
		for (const provider of PROVIDERS) expect(provider.receipts.provider).toBe(provider.id);
	});

	it('has every provider’s credential type test itself with a declarative request', () => {
		for (const provider of PROVIDERS) {
			const credential = credentialTypeOf(provider.credentialType);
			expect([provider.id, typeof credential.test?.request]).toEqual([provider.id, 'object']);
		}
	});

	it('has a credential file and a package.json entry for every provider’s credential type', () => {
		const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
			n8n: { credentials: string[] };
		};
		for (const provider of PROVIDERS) {
			const entry = manifest.n8n.credentials.find((path) => {
				const source = readFileSync(
					join(root, path.replace(/^dist\//, '').replace(/\.js$/, '.ts')),
					'utf8',
				);
				return source.includes(`name = '${provider.credentialType}'`);
			});
			expect(entry).toBeDefined();
		}
	});

	it('has a test-side record for every provider, in its order, with its credential and paths (test/support/providers.ts)', () => {
		expect(TEST_PROVIDERS.map((provider) => [provider.id, provider.credentialType])).toEqual(
			PROVIDERS.map((provider) => [provider.id, provider.credentialType]),
		);
		expect(TEST_PATHS.map((path) => [path.id, path.name])).toEqual(
			PROVIDER_PATHS.map((path) => [path.id, path.name]),
		);
	});

	it('has unique path ids and provider ids', () => {
		const ids = PROVIDER_PATHS.map((path) => path.id);
		expect(new Set(ids).size).toBe(ids.length);
		expect(new Set(PROVIDERS.map((provider) => provider.id)).size).toBe(PROVIDERS.length);
	});
});

describe('the public API (index.js)', () => {
	it('loads without n8n: adapters, receipts, the registry', () => {
		jest.isolateModules(() => {
			for (const name of ['n8n-workflow', 'n8n-core']) {
				jest.doMock(name, () => {
					throw new Error(`${name} was loaded`);
				});
			}
			// eslint-disable-next-line @typescript-eslint/no-require-imports
			const api = require('../../nodes') as typeof import('../../nodes');
			expect(api.PROVIDERS.map((provider) => provider.id)).toEqual(
				PROVIDERS.map((provider) => provider.id),
			);
			expect(typeof api.parseReceipts).toBe('function');
			expect(typeof api.webexConnectMakeCall.buildRequest).toBe('function');
		});
	});
});
