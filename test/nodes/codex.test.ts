/**
 * The codex files n8n reads beside each node (nodes/<Node>/<Node>.node.json: categories and
 * search aliases in the nodes panel, the documentation links of the node and its credentials) and
 * the credentials' documentation URLs: complete, naming every provider of the registry and no other,
 * and every link lands on a heading of the README.
 */
import { readFileSync } from 'fs';
import { join } from 'path';

import { InnoPaasApi } from '../../credentials/InnoPaasApi.credentials';
import { RouteeApi } from '../../credentials/RouteeApi.credentials';
import { TwilioVoiceApi } from '../../credentials/TwilioVoiceApi.credentials';
import { VoiceReceiptWebhookApi } from '../../credentials/VoiceReceiptWebhookApi.credentials';
import { WebexConnectApi } from '../../credentials/WebexConnectApi.credentials';
import { MakeVoiceCall } from '../../nodes/MakeVoiceCall/MakeVoiceCall.node';
import { PROVIDERS } from '../../nodes/providers/registry';
import type { NodeProvider } from '../../nodes/providers/types';
import { SendVoiceCampaign } from '../../nodes/SendVoiceCampaign/SendVoiceCampaign.node';
import { VoiceReceiptTrigger } from '../../nodes/VoiceReceiptTrigger/VoiceReceiptTrigger.node';

const root = join(__dirname, '..', '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
	name: string;
	homepage: string;
	n8n: { nodes: string[] };
};
const README_URL = manifest.homepage.replace(/#readme$/, '');

/** GitHub's anchors for the README's headings (lower case, punctuation dropped, spaces to hyphens, repeats numbered). */
function readmeAnchors(): Set<string> {
	const seen = new Map<string, number>();
	const anchors = new Set<string>();
	let fenced = false;
	for (const line of readFileSync(join(root, 'README.md'), 'utf8').split('\n')) {
		if (line.startsWith('```')) fenced = !fenced;
		const heading = !fenced && /^#{1,6} (.+)$/.exec(line);
		if (!heading) continue;
		const slug = heading[1]
			.trim()
			.toLowerCase()
			.replace(/[^\p{L}\p{N}\s_-]/gu, '')
			.replace(/\s/g, '-');
		const count = seen.get(slug) ?? 0;
		seen.set(slug, count + 1);
		anchors.add(count === 0 ? slug : `${slug}-${count}`);
	}
	return anchors;
}

interface Codex {
	node: string;
	nodeVersion: string;
	codexVersion: string;
	categories: string[];
	subcategories: Record<string, string[]>;
	alias: string[];
	resources: {
		primaryDocumentation: Array<{ url: string }>;
		credentialDocumentation: Array<{ url: string }>;
	};
}

/** The names people search the providers by: each provider's name and its other names. */
const PROVIDER_TERMS = PROVIDERS.flatMap((provider: NodeProvider) => [
	provider.displayName,
	...(provider.searchAliases ?? []),
]);
/** The words every node's codex has that name no provider. */
const GENERIC_ALIASES = ['Voice', 'Phone', 'Call', 'IVR'];

const NODES = [new MakeVoiceCall(), new SendVoiceCampaign(), new VoiceReceiptTrigger()];
const codexOf = (name: string) =>
	JSON.parse(
		readFileSync(
			join(
				root,
				'nodes',
				name[0].toUpperCase() + name.slice(1),
				`${name[0].toUpperCase() + name.slice(1)}.node.json`,
			),
			'utf8',
		),
	) as Codex;

/** The README anchor a link to the repository's README points at. */
function anchorOf(url: string): string {
	expect(url.startsWith(`${README_URL}#`)).toBe(true);
	return url.slice(README_URL.length + 1);
}

describe('codex files', () => {
	it('exist for every node n8n loads, named after it', () => {
		expect(manifest.n8n.nodes).toHaveLength(NODES.length);
		for (const node of NODES) {
			const codex = codexOf(node.description.name);
			expect(codex).toMatchObject({
				node: `${manifest.name}.${node.description.name}`,
				nodeVersion: '1.0',
				codexVersion: '1.0',
			});
		}
	});

	it.each(NODES.map((node) => [node.description.displayName, node.description.name]))(
		'%s: categories with their subcategories, the aliases people search for, documentation on README headings',
		(_displayName, name) => {
			const codex = codexOf(name);
			expect(codex.categories).toContain('Communication');
			for (const category of Object.keys(codex.subcategories))
				expect(codex.categories).toContain(category);
			expect(codex.alias).toEqual(
				expect.arrayContaining(['Voice', 'Phone', 'Call', 'IVR', ...PROVIDER_TERMS]),
			);
			expect(new Set(codex.alias.map((alias) => alias.toLowerCase())).size).toBe(
				codex.alias.length,
			);
			const anchors = readmeAnchors();
			for (const link of [
				...codex.resources.primaryDocumentation,
				...codex.resources.credentialDocumentation,
			]) {
				expect([link.url, anchors.has(anchorOf(link.url))]).toEqual([link.url, true]);
			}
		},
	);

	it('name exactly the providers of the registry: what all three share beyond the generic words', () => {
		const [first, ...others] = NODES.map((node) => codexOf(node.description.name).alias);
		const shared = first.filter((alias) => others.every((aliases) => aliases.includes(alias)));
		expect(shared.filter((alias) => !GENERIC_ALIASES.includes(alias)).sort()).toEqual(
			[...PROVIDER_TERMS].sort(),
		);
	});

	it('name the action nodes by what they place: TTS calls, campaigns', () => {
		expect(codexOf('makeVoiceCall').alias).toEqual(
			expect.arrayContaining(['TTS', 'Text to Speech', 'Outbound Call']),
		);
		expect(codexOf('sendVoiceCampaign').alias).toEqual(
			expect.arrayContaining(['Campaign', 'Voice Campaign', 'Bulk Call', 'TTS']),
		);
		expect(codexOf('voiceReceiptTrigger').alias).toEqual(
			expect.arrayContaining(['Call Status', 'Delivery Receipt', 'Webhook']),
		);
	});
});

describe('credential documentation URLs', () => {
	it.each(
		[
			new WebexConnectApi(),
			new RouteeApi(),
			new InnoPaasApi(),
			new TwilioVoiceApi(),
			new VoiceReceiptWebhookApi(),
		].map((credential) => [credential.name, credential]),
	)('%s links to its own README heading', (_name, credential) => {
		expect(readmeAnchors().has(anchorOf(credential.documentationUrl!))).toBe(true);
	});
});
