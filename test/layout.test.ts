/** The source layout the README promises, checked on the source files themselves. */
import { readdirSync, readFileSync, statSync } from 'fs';
import { join, relative } from 'path';

import { PROVIDERS } from '../nodes/providers/registry';

const root = join(__dirname, '..');

function filesUnder(folder: string): string[] {
	return readdirSync(folder).flatMap((name) => {
		const path = join(folder, name);
		return statSync(path).isDirectory() ? filesUnder(path) : path.endsWith('.ts') ? [path] : [];
	});
}

const source = (path: string) => readFileSync(path, 'utf8');
const imports = (path: string) =>
	[...source(path).matchAll(/^import[^;]*?from '([^']+)';/gms)].map((match) => match[1]);
const show = (path: string) => relative(root, path);

/** Files of a provider folder that hold n8n descriptions or n8n calls; everything else is core. */
const N8N_SIDE = new Set(['index.ts', 'fields.ts', 'forms.ts', 'credentialTest.ts']);
const PROVIDER_FILES = [
	'index.ts',
	'common.ts',
	'call.ts',
	'campaign.ts',
	'receipts.ts',
	'signature.ts',
	'fields.ts',
	'forms.ts',
];

describe('source layout', () => {
	// Counted in Prettier's 100-column lines (which wrap more than the hand-wrapped ~140 before).
	it('keeps every file in nodes/ and credentials/ to about 350 lines', () => {
		const long = [...filesUnder(join(root, 'nodes')), ...filesUnder(join(root, 'credentials'))]
			.map((path) => [show(path), source(path).split('\n').length] as const)
			.filter(([, lines]) => lines > 350);
		expect(long).toEqual([]);
	});

	it('has no node import another node’s files', () => {
		const nodes = ['MakeVoiceCall', 'SendVoiceCampaign', 'VoiceReceiptTrigger'];
		for (const node of nodes) {
			for (const path of filesUnder(join(root, 'nodes', node))) {
				const foreign = imports(path).filter((from) =>
					nodes.some((other) => other !== node && from.includes(`/${other}/`)),
				);
				expect([show(path), foreign]).toEqual([show(path), []]);
			}
		}
	});

	it('keeps the core and the adapters free of n8n (no import at all, not even of types)', () => {
		const core = filesUnder(join(root, 'nodes', 'core'));
		const adapters = PROVIDERS.flatMap((provider) =>
			filesUnder(join(root, 'nodes', 'providers', provider.id)).filter(
				(path) => !N8N_SIDE.has(path.split('/').pop()!),
			),
		);
		for (const path of [...core, ...adapters]) {
			const n8n = imports(path).filter(
				(from) =>
					from.startsWith('n8n-') ||
					from.includes('/common/') ||
					/\/(MakeVoiceCall|SendVoiceCampaign|VoiceReceiptTrigger)\//.test(from),
			);
			expect([show(path), n8n]).toEqual([show(path), []]);
		}
	});

	it('gives every provider folder the same file names', () => {
		for (const provider of PROVIDERS) {
			const names = readdirSync(join(root, 'nodes', 'providers', provider.id));
			expect([provider.id, PROVIDER_FILES.filter((name) => !names.includes(name))]).toEqual([
				provider.id,
				[],
			]);
			// The credential class tests itself: with a literal request in the class, or with the
			// request (and the code reading its answer) from the folder's credentialTest.ts.
			const credentialFile = filesUnder(join(root, 'credentials')).find((path) =>
				source(path).includes(`name = '${provider.credentialType}'`),
			)!;
			const fromFolder = imports(credentialFile).includes(
				`../nodes/providers/${provider.id}/credentialTest`,
			);
			expect([
				provider.id,
				/\btest: ICredentialTestRequest = (\{|\w+;)/.test(source(credentialFile)),
			]).toEqual([provider.id, true]);
			expect([provider.id, names.includes('credentialTest.ts')]).toEqual([provider.id, fromFolder]);
		}
	});
});
