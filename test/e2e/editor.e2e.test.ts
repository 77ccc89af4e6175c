/**
 * The action nodes in the real n8n editor (2.41.1, Debian's Chromium driven by playwright-core),
 * as a newcomer meets them: a new Make Voice Call shows Provider first and the Webex Connect
 * text-to-speech form, whatever credentials exist. Only an InnoPaaS credential exists here, the
 * case in which n8n's editor used to hide Provider and silently make the node an InnoPaaS call
 * (a parameter named in a credential's `displayOptions.show` became its "main auth field").
 * Screenshots of each step are kept in .e2e/screenshots/ (`npm run screenshots` makes the README's).
 */
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import type { Browser } from 'playwright-core';

import { launchChromium, openEditor, type Editor } from '../../scripts/editor';
import { nodeType } from '../support/e2e';
import { startN8n, type N8nInstance } from '../support/n8n';
import { packedTarball, REPO_ROOT } from '../support/pack';
import { TEST_PATHS } from '../support/providers';

const SHOTS = path.join(REPO_ROOT, '.e2e', 'screenshots');
const TRIGGER = 'When clicking ‘Execute workflow’';

let n8n: N8nInstance;
let browser: Browser;
let editor: Editor;
let innoPaas: { id: string; name: string };

const shot = (name: string) => editor.page.screenshot({ path: path.join(SHOTS, `${name}.png`) });

/** A workflow with a Manual Trigger alone (a node is then added after it, as a person would). */
async function blankWorkflow(name: string, nodes: Array<Record<string, unknown>> = []) {
	return n8n.createWorkflow({
		name,
		nodes: [
			{
				id: `${name}-trigger`,
				name: TRIGGER,
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			...nodes,
		],
		connections: {},
		settings: { executionOrder: 'v1' },
	});
}

const savedNode = async (workflowId: string, type: string) =>
	(
		(await n8n.api('GET', `/workflows/${workflowId}`)).body.nodes as Array<Record<string, any>>
	).find((node) => node.type === type);

beforeAll(async () => {
	mkdirSync(SHOTS, { recursive: true });
	n8n = await startN8n({
		packageTarball: packedTarball(),
		logFile: path.join(REPO_ROOT, '.e2e', 'logs', 'editor.log'),
	});
	// The only credential: before, the editor picked it for every new node and switched Provider to it.
	innoPaas = await n8n.createCredential('InnoPaaS (e2e)', 'innoPaasApi', {
		appId: 'e2e-app',
		appSecretKey: 'e2e-key',
		baseUrl: 'http://127.0.0.1:9',
	});
	browser = await launchChromium();
	editor = await openEditor(browser, n8n.baseUrl, n8n.owner);
}, 180_000);

afterAll(async () => {
	await browser?.close();
	await n8n?.stop();
});

describe('a new Make Voice Call in the editor, with only an InnoPaaS credential', () => {
	let workflowId: string;

	it('shows Provider first, Webex Connect Make Call by default, its credential field right below, and the text-to-speech form', async () => {
		workflowId = (await blankWorkflow('new Make Voice Call')).id;
		await editor.openWorkflow(`${n8n.baseUrl}/workflow/${workflowId}`);
		await editor.addNodeAfterTrigger('Make Voice Call', 'Place a voice call');
		await shot('make-voice-call-new-node');

		const labels = await editor.parameterLabels();
		expect(labels.slice(0, 14)).toEqual([
			'Provider',
			'Credential',
			'Operation',
			'From',
			'To',
			'Default Country',
			'Content Type',
			'Text',
			'TTS Processor',
			'Language',
			'Voice Name or ID',
			'Voice Type',
			'Gender',
			'Region',
		]);
		expect(labels).not.toContain('Template ID');
		expect(await editor.optionShown('provider')).toBe('Webex Connect: Make Call API (v2)');
		// No Webex Connect credential exists: the field offers to create one, and InnoPaaS's is not taken.
		expect(await editor.credentialShown()).toBe('Connect to Webex Connect (IMIconnect)');
		expect(await editor.optionShown('language')).toBe('English (United States) — en-US');
		expect(await editor.optionShown('voice')).toBe('Jenny (female)');
	});

	it('offers every provider’s paths as Provider, in the registry’s order', async () => {
		expect(await editor.optionNames('provider')).toEqual(TEST_PATHS.map((path) => path.name));
	});

	it('lists the chosen language’s Azure voices in the Voice picker', async () => {
		await editor.chooseOption('language', 'English (United Kingdom)');
		const voices = await editor.optionNames('voice');
		expect(voices).toEqual(expect.arrayContaining(['Sonia (female)', 'Ryan (male)']));
		expect(voices).not.toContain('Jenny (female)');
		await editor.chooseOption('voice', 'Sonia (female)');
	});

	it('saved as it was shown: Provider unchanged and no credential of another provider', async () => {
		await editor.save();
		const node = await savedNode(workflowId, nodeType('makeVoiceCall'));
		expect(node?.parameters.provider ?? 'webexConnect').toBe('webexConnect');
		expect(node?.parameters).toMatchObject({ language: 'en-GB', voice: 'SoniaNeural' });
		expect(node?.credentials ?? {}).toEqual({});
	});

	it('follows Provider with the credential field: InnoPaaS takes the InnoPaaS credential and shows its form', async () => {
		await editor.chooseOption('provider', 'InnoPaaS');
		await shot('make-voice-call-innopaas');
		expect(await editor.credentialShown()).toBe(innoPaas.name);
		const labels = await editor.parameterLabels();
		expect(labels.slice(0, 7)).toEqual([
			'Provider',
			'Credential',
			'Operation',
			'To',
			'Default Country',
			'Template ID',
			'Template Variables',
		]);
		expect(labels).not.toContain('Text');

		await editor.chooseOption('provider', 'Routee');
		expect(await editor.credentialShown()).toBe('Connect to Routee');
		expect((await editor.parameterLabels()).slice(0, 2)).toEqual(['Provider', 'Credential']);
		await editor.closeNode();
	});
});

describe('the other action node and saved workflows', () => {
	it('a new Send Voice Campaign shows Provider first too, on Webex Connect Make Call', async () => {
		const { id } = await blankWorkflow('new Send Voice Campaign');
		await editor.openWorkflow(`${n8n.baseUrl}/workflow/${id}`);
		await editor.addNodeAfterTrigger('Send Voice Campaign');
		await shot('send-voice-campaign-new-node');
		expect((await editor.parameterLabels()).slice(0, 4)).toEqual([
			'Provider',
			'Credential',
			'To',
			'Correlation ID',
		]);
		expect(await editor.optionShown('provider')).toBe('Webex Connect: Make Call API (v2)');
		expect(await editor.credentialShown()).toBe('Connect to Webex Connect (IMIconnect)');
		await editor.closeNode();
	});

	it('a saved campaign shows its Compliance settings: Calling Window, Do-Not-Call Numbers and Outside the Window (Schedule)', async () => {
		const { id } = await blankWorkflow('saved campaign with a calling window', [
			{
				id: 'saved-compliance',
				name: 'Send Voice Campaign',
				type: nodeType('sendVoiceCampaign'),
				typeVersion: 1,
				position: [260, 0],
				parameters: {
					to: '={{ $json.phone }}',
					compliance: {
						callingWindow: 'Mon-Fri 09:00-20:00; Sat 10:00-18:00',
						doNotCall: '+442079460001, +442079460002',
						outsideWindow: 'schedule',
					},
				},
			},
		]);
		await editor.openWorkflow(`${n8n.baseUrl}/workflow/${id}`);
		await editor.openNode('Send Voice Campaign');
		await editor.page
			.locator('[data-test-id="parameter-input-outsideWindow"]')
			.scrollIntoViewIfNeeded();
		await shot('send-voice-campaign-compliance');
		const labels = await editor.parameterLabels();
		const compliance = labels.indexOf('Compliance');
		expect(compliance).toBeGreaterThan(0);
		expect(labels).toEqual(
			expect.arrayContaining(['Calling Window', 'Do-Not-Call Numbers', 'Outside the Window']),
		);
		expect(labels.indexOf('Calling Window')).toBeGreaterThan(compliance);
		expect(await editor.optionShown('outsideWindow')).toBe('Schedule');
		await editor.closeNode();
	});

	it('a saved workflow with provider "imiconnectMessaging" opens on the Messaging API v1 and its call flow form', async () => {
		const { id } = await blankWorkflow('saved Messaging API v1 call', [
			{
				id: 'saved-v1',
				name: 'Make Voice Call',
				type: nodeType('makeVoiceCall'),
				typeVersion: 1,
				position: [260, 0],
				parameters: {
					provider: 'imiconnectMessaging',
					to: '+442079460001',
					voiceContent: 'callflowid',
					callflowid: 'flow-7',
				},
			},
		]);
		await editor.openWorkflow(`${n8n.baseUrl}/workflow/${id}`);
		await editor.openNode('Make Voice Call');
		expect(await editor.optionShown('provider')).toBe(
			'Webex Connect: Messaging API v1 (Legacy IMIconnect)',
		);
		expect((await editor.parameterLabels()).slice(0, 6)).toEqual([
			'Provider',
			'Credential',
			'Operation',
			'To',
			'Default Country',
			'Play',
		]);
		expect(
			await editor.page.locator('[data-test-id="parameter-input-callflowid"] input').inputValue(),
		).toBe('flow-7');
		await editor.closeNode();
	});

	it('the Voice Receipt Trigger says, visibly, that an empty Statuses filter lets every status through', async () => {
		const { id } = await n8n.createWorkflow({
			name: 'receipts',
			nodes: [
				{
					id: 'r1',
					name: 'Voice Receipt Trigger',
					type: nodeType('voiceReceiptTrigger'),
					typeVersion: 1,
					position: [0, 0],
					webhookId: 'e2e-editor-receipts',
					parameters: {},
				},
			],
			connections: {},
			settings: { executionOrder: 'v1' },
		});
		await editor.openWorkflow(`${n8n.baseUrl}/workflow/${id}`);
		await editor.openNode('Voice Receipt Trigger');
		const statuses = editor.page.locator('[data-test-id="ndv"] [data-test-id="parameter-item"]', {
			hasText: 'Statuses',
		});
		const hint = statuses.getByText('Empty means every status starts the workflow');
		await hint.waitFor();
		expect(await hint.isVisible()).toBe(true);
		await shot('voice-receipt-trigger-statuses');
		await editor.closeNode();
	});
});
