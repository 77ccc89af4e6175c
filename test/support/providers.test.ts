/** The test-side registry itself: each record's parts exist and fit together. */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

import { credentialTypeOf, openAccount, TEST_PROVIDERS } from './providers';

describe('TEST_PROVIDERS', () => {
	it('lists each provider’s fixtures folder exactly, contract.json aside', () => {
		const folders = readdirSync(join(__dirname, '..', 'fixtures'), { withFileTypes: true })
			.filter((entry) => entry.isDirectory())
			.map((entry) => entry.name)
			// The test-only provider of the contract test (test/providers/fixtureVoice) has no record.
			.filter((name) => name !== 'fixtureVoice');
		expect(folders.sort()).toEqual(TEST_PROVIDERS.map((provider) => provider.id).sort());
		for (const provider of TEST_PROVIDERS) {
			const files = readdirSync(join(__dirname, '..', 'fixtures', provider.id));
			expect([provider.id, files.sort()]).toEqual([
				provider.id,
				['contract.json', ...provider.fixtures.map((name) => `${name}.json`)].sort(),
			]);
		}
	});

	it('names each simulator provider after its record, and keeps account option names apart', () => {
		const names = TEST_PROVIDERS.flatMap((provider) => Object.keys(provider.simulator.defaults));
		expect(new Set(names).size).toBe(names.length);
		for (const provider of TEST_PROVIDERS)
			expect(provider.simulator.create().name).toBe(provider.id);
	});

	it('gives each test file accounts of its own: every secret differs between two prefixes and shows in the credential', () => {
		for (const provider of TEST_PROVIDERS) {
			const [one, two] = ['file-one', 'file-two'].map((prefix) => openAccount(provider, prefix));
			expect(one.secrets.length).toBeGreaterThan(0);
			for (const secret of one.secrets) expect(two.secrets).not.toContain(secret);
			const credential = JSON.stringify(one.credential('http://127.0.0.1:9'));
			expect(credential).toContain('http://127.0.0.1:9');
			const raw = one.secrets.filter((secret) => credential.includes(secret));
			expect([provider.id, raw.length > 0]).toEqual([provider.id, true]);
		}
	});

	it('finds each credential type among the classes package.json lists, and no type that is not there', () => {
		for (const provider of TEST_PROVIDERS)
			expect(credentialTypeOf(provider.credentialType).name).toBe(provider.credentialType);
		expect(() => credentialTypeOf('noSuchProviderApi')).toThrow(
			'package.json lists no credential type "noSuchProviderApi"',
		);
	});
});
