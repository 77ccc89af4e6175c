import { logFile } from '../support/e2e';
import { startN8n, type N8nInstance } from '../support/n8n';
import { packedTarball } from '../support/pack';

const PACKAGE = 'n8n-nodes-outbound-voice';

describe('a real n8n with the packed package installed as a community package', () => {
	let n8n: N8nInstance;

	beforeAll(async () => {
		n8n = await startN8n({
			packageTarball: packedTarball(),
			logFile: logFile('smoke'),
		});
	});

	afterAll(async () => {
		await n8n?.stop();
	});

	it('knows the Make Voice Call node', async () => {
		const node = (await n8n.types('nodes')).find(
			(type) => type.name === `${PACKAGE}.makeVoiceCall`,
		);
		expect(node).toMatchObject({
			displayName: 'Make Voice Call',
			credentials: expect.arrayContaining([expect.objectContaining({ name: 'webexConnectApi' })]),
		});
	});

	it('knows the Webex Connect credential, in the editor and in the public API', async () => {
		const credentials = (await n8n.types('credentials')).map((type) => type.name);
		expect(credentials).toContain('webexConnectApi');
		expect((await n8n.api('GET', '/credentials/schema/webexConnectApi')).status).toBe(200);
	});

	it('knows every node and credential of the package, each credential in the public API too', async () => {
		const nodes = (await n8n.types('nodes')).map((type) => type.name);
		expect(nodes).toEqual(
			expect.arrayContaining(
				['makeVoiceCall', 'sendVoiceCampaign', 'voiceReceiptTrigger'].map(
					(name) => `${PACKAGE}.${name}`,
				),
			),
		);
		const credentials = ['webexConnectApi', 'routeeApi', 'innoPaasApi', 'voiceReceiptWebhookApi'];
		expect((await n8n.types('credentials')).map((type) => type.name)).toEqual(
			expect.arrayContaining(credentials),
		);
		for (const credential of credentials)
			expect({
				credential,
				status: (await n8n.api('GET', `/credentials/schema/${credential}`)).status,
			}).toEqual({ credential, status: 200 });
	});

	it('reads each node’s codex file: categories, search aliases, documentation', async () => {
		for (const name of ['makeVoiceCall', 'sendVoiceCampaign', 'voiceReceiptTrigger']) {
			const node = (await n8n.types('nodes')).find((type) => type.name === `${PACKAGE}.${name}`);
			expect(node?.codex).toMatchObject({
				categories: expect.arrayContaining(['Communication']),
				alias: expect.arrayContaining(['Voice', 'Phone', 'Call']),
				resources: {
					primaryDocumentation: [{ url: expect.stringContaining('n8n-nodes-outbound-voice#') }],
				},
			});
		}
	});

	it('logged no error loading the package', () => {
		expect(n8n.logs()).not.toMatch(
			new RegExp(`Failed to load package|Skipping package "${PACKAGE}"`),
		);
	});

	it('stops without leaving a process behind', async () => {
		expect(n8n.pids().length).toBeGreaterThan(0);
		await n8n.stop();
		expect(n8n.pids()).toEqual([]);
	});
});
