/**
 * The example workflows are safe to copy: every trigger authenticated in a way its sender can
 * send, every action node with guardrails, no webhook id or secret usable from the repository
 * (the sandbox generates them at import, and the Notify URLs follow), and Example 3 never dials
 * the number a receipt names.
 */
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';

import {
	EXAMPLES_DIR,
	freshAccess,
	loadExamples,
	prepareExample,
	receiptsUrl,
} from '../../scripts/examples';
import type { WorkflowJson } from '../support/n8n';

type Node = Record<string, any>;

const PACKAGE = 'n8n-nodes-outbound-voice';
const files = readdirSync(EXAMPLES_DIR).filter((file) => file.endsWith('.json'));
const examples = files.map((file) => ({
	file,
	text: readFileSync(path.join(EXAMPLES_DIR, file), 'utf8'),
	workflow: JSON.parse(readFileSync(path.join(EXAMPLES_DIR, file), 'utf8')) as WorkflowJson,
}));
const nodesOf = (workflow: WorkflowJson) => workflow.nodes as Node[];
const allNodes = examples.flatMap(({ file, workflow }) =>
	nodesOf(workflow).map((node) => ({ file, node })),
);
const ofType = (...types: string[]) => allNodes.filter(({ node }) => types.includes(node.type));

const ACTION_TYPES = [
	'makeVoiceCall',
	'makeVoiceCallTool',
	'sendVoiceCampaign',
	'sendVoiceCampaignTool',
].map((name) => `${PACKAGE}.${name}`);
const RECEIPTS_TRIGGER = `${PACKAGE}.voiceReceiptTrigger`;
const NOTIFY_URL =
	'http://127.0.0.1:5678/webhook/REPLACE-WEBHOOK-ID-receipts/voice-receipts?secret=REPLACE-SECRET-receipts';

describe('examples/: safe to copy', () => {
	it('has seven examples, all checked here', () => {
		expect(files).toHaveLength(7);
		expect(allNodes.length).toBeGreaterThan(30);
	});

	it('authenticates every Voice Receipt Trigger with a query secret (every provider can send it) and a credential', () => {
		const triggers = ofType(RECEIPTS_TRIGGER);
		expect(triggers.map(({ file }) => file)).toEqual([
			'3-receipts-follow-up.json',
			'6-receipts-queue-mode.json',
		]);
		for (const { node } of triggers) {
			expect(node.typeVersion).toBe(1.1);
			expect(node.parameters).toMatchObject({
				authentication: 'querySecret',
				queryParameter: 'secret',
			});
			expect(node.credentials.voiceReceiptWebhookApi.id).toBe('REPLACE-voiceReceiptWebhookApi');
		}
	});

	it('authenticates every Webhook (a header secret the CRM sends) and Chat Trigger (a login)', () => {
		const webhooks = ofType('n8n-nodes-base.webhook');
		expect(webhooks).toHaveLength(1);
		for (const { node } of webhooks) {
			expect(node.parameters.authentication).toBe('headerAuth');
			expect(node.credentials.httpHeaderAuth.id).toBe('REPLACE-httpHeaderAuth');
		}
		const chats = ofType('@n8n/n8n-nodes-langchain.chatTrigger');
		expect(chats).toHaveLength(1);
		for (const { node } of chats) {
			expect(node.parameters.authentication).toBe('basicAuth');
			expect(node.credentials.httpBasicAuth.id).toBe('REPLACE-httpBasicAuth');
		}
	});

	it('fixes no webhook id, webhook path or secret: only placeholders the sandbox fills in', () => {
		const withIds = allNodes.filter(({ node }) => node.webhookId !== undefined);
		expect(withIds.length).toBeGreaterThanOrEqual(5);
		for (const { node } of withIds) expect(node.webhookId).toMatch(/^REPLACE-WEBHOOK-ID-[a-z]+$/);
		for (const { node } of ofType('n8n-nodes-base.webhook'))
			expect(node.parameters.path).toBe(node.webhookId);
		// No UUID-like id of a webhook anywhere (the old fixed ones were such).
		for (const { file, text } of examples) {
			const urls = text.match(/\/webhook(-test)?\/[^"\s]+/g) ?? [];
			for (const url of urls)
				expect([file, url]).toEqual([
					file,
					expect.stringMatching(/^\/webhook\/REPLACE-WEBHOOK-ID-/),
				]);
		}
	});

	it('gives every action node Allowed Destinations and a small Max Calls per Run', () => {
		const actions = ofType(...ACTION_TYPES);
		expect(actions.length).toBeGreaterThanOrEqual(5);
		for (const { file, node } of actions) {
			const { allowedDestinations, maxCallsPerRun } = node.parameters.guardrails ?? {};
			expect([file, node.name, allowedDestinations]).toEqual([file, node.name, 'GB']);
			expect([file, node.name, maxCallsPerRun >= 1 && maxCallsPerRun <= 10]).toEqual([
				file,
				node.name,
				true,
			]);
		}
	});

	it('sends receipts only to the receipts trigger, with its secret', () => {
		for (const { node } of ofType(...ACTION_TYPES)) {
			const { notifyUrl, statusCallback } = node.parameters.options ?? {};
			if (notifyUrl !== undefined) expect(notifyUrl).toBe(NOTIFY_URL);
			if (statusCallback !== undefined) expect(statusCallback).toBe(NOTIFY_URL);
		}
	});

	it('Example 7 waits only for callbacks Twilio signed, and leaves a voicemail only at the number it dialled itself', () => {
		const example = examples.find(({ file }) => file.startsWith('7-'))!.workflow;
		const byName = (name: string) => nodesOf(example).find((node) => node.name === name)!;
		const first = byName('Call with machine detection');
		expect(first.parameters).toMatchObject({
			provider: 'twilio',
			operation: 'sendAndWait',
			receiptAuthentication: 'twilioSignature',
			options: { machineDetection: 'Enable' },
		});
		const voicemail = byName('Leave a voicemail after the beep');
		// The number the first call dialled (its row's `call`), never the `to` a callback reports.
		expect(voicemail.parameters.to).toBe('={{ $json.call.to }}');
		expect(voicemail.parameters.options).toEqual({ machineDetection: 'DetectMessageEnd' });
		expect(
			Object.entries(example.connections)
				.filter(([, out]) => JSON.stringify(out).includes('"Leave a voicemail after the beep"'))
				.map(([from]) => from),
		).toEqual(['Answering machine?']);
		const condition = byName('Answering machine?').parameters.conditions.conditions[0];
		expect([condition.leftValue, condition.rightValue]).toEqual([
			'={{ $json.answeredBy }}',
			'machine',
		]);
	});

	it('Example 3 calls again only a number of your own data, found by correlationId, never the receipt’s `to`', () => {
		const example = examples.find(({ file }) => file.startsWith('3-'))!.workflow;
		const byName = (name: string) => nodesOf(example).find((node) => node.name === name)!;
		const callAgain = byName('Call again');
		expect(callAgain.parameters.to).toBe('={{ $json.phone }}');
		expect(JSON.stringify(callAgain.parameters)).not.toContain('$json.to');
		const lookup = byName('Your contacts: look up the number');
		const phone = lookup.parameters.assignments.assignments.find(
			(field: Node) => field.name === 'phone',
		);
		expect(phone.value).toContain('$json.correlationId');
		expect(phone.value).not.toContain('$json.to');
		// The call goes out only through the check that the lookup found a number.
		expect(example.connections['Wait before calling again']).toEqual({
			main: [[{ node: 'Your contacts: look up the number', type: 'main', index: 0 }]],
		});
		expect(example.connections['One of your contacts?']).toEqual({
			main: [[{ node: 'Call again', type: 'main', index: 0 }], []],
		});
		expect(
			Object.entries(example.connections)
				.filter(([, out]) => JSON.stringify(out).includes('"Call again"'))
				.map(([from]) => from),
		).toEqual(['One of your contacts?']);
	});
});

describe('the sandbox’s import: fresh ids and secrets each time', () => {
	const credentials = Object.fromEntries(
		[
			'webexConnectApi',
			'twilioVoiceApi',
			'openAiApi',
			'voiceReceiptWebhookApi',
			'httpHeaderAuth',
			'httpBasicAuth',
		].map((type) => [type, { id: `id-${type}`, name: `${type} (sandbox)` }]),
	);
	const prepare = () => {
		const access = freshAccess();
		const workflows = loadExamples().map((example) =>
			prepareExample(example.workflow, {
				n8nUrl: 'http://127.0.0.1:40000',
				servicesUrl: 'http://127.0.0.1:40001',
				credentials,
				access,
			}),
		);
		return { access, workflows };
	};

	it('fills in every placeholder with fresh webhook ids and secrets; the Notify URLs follow', () => {
		const first = prepare();
		const second = prepare();
		const text = JSON.stringify(first.workflows);
		expect(text).not.toContain('REPLACE-');
		expect(first.access.receiptsSecret.length).toBeGreaterThanOrEqual(16);
		expect(second.access.receiptsSecret).not.toBe(first.access.receiptsSecret);
		expect(second.access.webhookIds.receipts).not.toBe(first.access.webhookIds.receipts);
		expect(second.access.crmHeader.value).not.toBe(first.access.crmHeader.value);
		expect(second.access.chatLogin.password).not.toBe(first.access.chatLogin.password);

		const ids = first.workflows.flatMap((workflow) =>
			nodesOf(workflow).flatMap((node) => (node.webhookId ? [node.webhookId] : [])),
		);
		for (const id of ids)
			expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
		expect(new Set(ids).size).toBe(ids.length);

		const notifyUrls = first.workflows.flatMap((workflow) =>
			nodesOf(workflow).flatMap((node) =>
				node.parameters.options?.notifyUrl ? [node.parameters.options.notifyUrl] : [],
			),
		);
		expect(notifyUrls.length).toBeGreaterThanOrEqual(3);
		for (const url of notifyUrls)
			expect(url).toBe(receiptsUrl('http://127.0.0.1:40000', first.access));
		const trigger = first.workflows
			.flatMap(nodesOf)
			.find((node) => node.type === RECEIPTS_TRIGGER)!;
		expect(trigger.webhookId).toBe(first.access.webhookIds.receipts);
		expect(trigger.credentials.voiceReceiptWebhookApi).toEqual(credentials.voiceReceiptWebhookApi);
	});
});
