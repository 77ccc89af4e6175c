/**
 * The example workflows in examples/: what they are, how the sandbox adapts them at import time,
 * and how to run each one against a running n8n (used by the e2e test and the screenshot script).
 *
 * Nothing in the files lets a stranger in: every trigger is authenticated, and its webhook id and
 * secret are placeholders that the sandbox fills in with fresh values at import (so no URL can be
 * guessed from the repository). Placeholders the sandbox rewrites:
 * - `REPLACE-WEBHOOK-ID-<name>`: a fresh webhook id (a UUID) per name, the same in every example
 *   (the Notify URLs point at Example 3's trigger through `REPLACE-WEBHOOK-ID-receipts`);
 * - `REPLACE-SECRET-receipts`: the receipts' query secret, in the Notify URLs, and the secret of the
 *   sandbox's Voice Receipt Webhook credential;
 * - `http://127.0.0.1:5678` (n8n) and `http://127.0.0.1:8788` (the sandbox's pretend CRM and
 *   scripted model, see services.ts) when the sandbox runs on other ports;
 * - credential references `{ "id": "REPLACE-<credential type>", "name": "… (sandbox)" }`: in the
 *   sandbox they become the sandbox credential of that type; in your own n8n, pick yours.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';

import type { N8nClient, WorkflowJson } from '../test/support/n8n';
import { REPO_ROOT } from '../test/support/pack';

export const EXAMPLES_DIR = path.join(REPO_ROOT, 'examples');

/** n8n's address as written in the examples. */
export const EXAMPLE_N8N_URL = 'http://127.0.0.1:5678';
/** The sandbox services' address as written in the examples. */
export const EXAMPLE_SERVICES_URL = 'http://127.0.0.1:8788';

/** Webhook ids in the examples: `REPLACE-WEBHOOK-ID-<name>`, one fresh id per name at import. */
export const WEBHOOK_NAMES = ['receipts', 'crm', 'chat', 'wait', 'queue'] as const;
export type WebhookName = (typeof WEBHOOK_NAMES)[number];
const WEBHOOK_ID_PLACEHOLDER = /REPLACE-WEBHOOK-ID-([a-z]+)/g;
const SECRET_PLACEHOLDER = /REPLACE-SECRET-([a-z]+)/g;

/**
 * What the examples' triggers accept, fresh for each import: webhook ids (Example 3's receipts URL
 * is `/webhook/<receipts>/voice-receipts`, Example 2's `/webhook/<crm>`, Example 4's chat
 * `/webhook/<chat>/chat`), the receipts' query secret, the CRM's header and the chat's login.
 */
export interface ExampleAccess {
	webhookIds: Record<WebhookName, string>;
	receiptsSecret: string;
	crmHeader: { name: string; value: string };
	chatLogin: { user: string; password: string };
}

const randomSecret = () => randomBytes(24).toString('base64url');

export function freshAccess(): ExampleAccess {
	return {
		webhookIds: Object.fromEntries(WEBHOOK_NAMES.map((name) => [name, randomUUID()])) as Record<
			WebhookName,
			string
		>,
		receiptsSecret: randomSecret(),
		crmHeader: { name: 'X-CRM-Secret', value: randomSecret() },
		chatLogin: { user: 'sandbox', password: randomSecret() },
	};
}

/** The data of the sandbox credentials the examples' triggers use, by credential type. */
export const accessCredentials = (access: ExampleAccess) => ({
	voiceReceiptWebhookApi: { secret: access.receiptsSecret, user: '' },
	httpHeaderAuth: { name: access.crmHeader.name, value: access.crmHeader.value },
	httpBasicAuth: { user: access.chatLogin.user, password: access.chatLogin.password },
});

/** Example 3's receipts URL, with its secret: the Notify URL every example gives the provider. */
export const receiptsUrl = (n8nUrl: string, access: ExampleAccess) =>
	`${n8nUrl.replace(/\/+$/, '')}/webhook/${access.webhookIds.receipts}/voice-receipts?secret=${access.receiptsSecret}`;
/** Example 1's (and Example 5's) Manual Trigger. */
export const MANUAL_TRIGGER = 'When clicking ‘Execute workflow’';

export type ExampleKey =
	| 'campaign'
	| 'crmCall'
	| 'receipts'
	| 'agent'
	| 'callAndWait'
	| 'voicemail';

const FILES: Record<ExampleKey, string> = {
	campaign: '1-contact-list-campaign.json',
	crmCall: '2-crm-webhook-call.json',
	receipts: '3-receipts-follow-up.json',
	agent: '4-ai-agent-tool.json',
	callAndWait: '5-call-wait-sms.json',
	voicemail: '7-twilio-voicemail.json',
};

export const EXAMPLE_KEYS = Object.keys(FILES) as ExampleKey[];

export interface Example {
	key: ExampleKey;
	file: string;
	workflow: WorkflowJson;
	/** Whether it has a trigger n8n can activate (Example 1 runs by hand). */
	activatable: boolean;
}

export function loadExamples(): Example[] {
	const present = new Set(readdirSync(EXAMPLES_DIR));
	return EXAMPLE_KEYS.map((key) => {
		const file = FILES[key];
		if (!present.has(file)) throw new Error(`examples/${file} is missing`);
		const workflow = JSON.parse(
			readFileSync(path.join(EXAMPLES_DIR, file), 'utf8'),
		) as WorkflowJson;
		const activatable = !workflow.nodes.some(
			(node) => node.type === 'n8n-nodes-base.manualTrigger',
		);
		return { key, file, workflow, activatable };
	});
}

export interface PlaceholderValues {
	n8nUrl: string;
	servicesUrl: string;
	/** Sandbox credentials by credential type. */
	credentials: Record<string, { id: string; name: string }>;
	access: ExampleAccess;
}

/** The workflow with the sandbox's URLs, fresh webhook ids, secrets and credentials in place of the examples' placeholders. */
export function prepareExample(workflow: WorkflowJson, values: PlaceholderValues): WorkflowJson {
	const fill = (kind: string, name: string, value: string | undefined) => {
		if (value === undefined) throw new Error(`no ${kind} for the placeholder "${name}"`);
		return value;
	};
	const replaceUrls = (value: unknown): unknown => {
		if (typeof value === 'string')
			return value
				.split(EXAMPLE_N8N_URL)
				.join(values.n8nUrl.replace(/\/+$/, ''))
				.split(EXAMPLE_SERVICES_URL)
				.join(values.servicesUrl.replace(/\/+$/, ''))
				.replace(WEBHOOK_ID_PLACEHOLDER, (_, name: string) =>
					fill('webhook id', name, values.access.webhookIds[name as WebhookName]),
				)
				.replace(SECRET_PLACEHOLDER, (_, name: string) =>
					fill('secret', name, name === 'receipts' ? values.access.receiptsSecret : undefined),
				);
		if (Array.isArray(value)) return value.map(replaceUrls);
		if (typeof value === 'object' && value !== null)
			return Object.fromEntries(
				Object.entries(value).map(([key, inner]) => [key, replaceUrls(inner)]),
			);
		return value;
	};
	const prepared = replaceUrls(workflow) as WorkflowJson;
	for (const node of prepared.nodes) {
		const references = node.credentials as Record<string, { id: string; name: string }> | undefined;
		if (!references) continue;
		for (const type of Object.keys(references)) {
			const credential = values.credentials[type];
			if (!credential)
				throw new Error(`no sandbox credential of type ${type} for node "${String(node.name)}"`);
			references[type] = { id: credential.id, name: credential.name };
		}
	}
	return prepared;
}

// ---------------------------------------------------------------------------------------------
// Running the examples against a running n8n

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `probe` until it returns something other than undefined. */
export async function waitFor<T>(
	what: string,
	probe: () => Promise<T | undefined>,
	timeoutMs = 60_000,
): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await probe();
		if (value !== undefined) return value;
		if (Date.now() > deadline)
			throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
		await delay(250);
	}
}

export type Execution = Record<string, any>;

/** An execution once it has finished (successfully or not), with its run data. */
export async function finishedExecution(
	client: N8nClient,
	workflowId: string,
	executionId: string,
	timeoutMs = 60_000,
) {
	return waitFor(
		`execution ${executionId} of workflow ${workflowId} to finish`,
		async () => {
			const found = (await client.executions(workflowId)).find(
				(execution) => String(execution.id) === String(executionId),
			);
			return found && !['new', 'running', 'waiting'].includes(found.status)
				? (found as Execution)
				: undefined;
		},
		timeoutMs,
	);
}

/** The JSON of every item a node output in an execution (all runs, main output `output`). */
export function nodeOutput(
	execution: Execution,
	nodeName: string,
	output = 0,
): Array<Record<string, any>> {
	const runs = (execution.data?.resultData?.runData?.[nodeName] ?? []) as Array<
		Record<string, any>
	>;
	return runs.flatMap((run) =>
		((run.data?.main?.[output] ?? []) as Array<{ json: Record<string, any> }>).map(
			(item) => item.json,
		),
	);
}

/** Names of the nodes that ran in an execution. */
export function nodesThatRan(execution: Execution): string[] {
	return Object.keys(execution.data?.resultData?.runData ?? {});
}

/** Example 1: runs the campaign workflow as the editor's button does; resolves the finished execution. */
export async function runCampaignExample(
	client: N8nClient,
	workflowId: string,
): Promise<Execution> {
	const executionId = await client.runWorkflow(workflowId, MANUAL_TRIGGER);
	return finishedExecution(client, workflowId, executionId);
}

/**
 * Example 5 (and Example 7): runs it as the editor's button does; resolves the finished execution.
 * The run waits for each call's outcome (about five seconds a call in the sandbox).
 */
export async function runCallAndWaitExample(
	client: N8nClient,
	workflowId: string,
): Promise<Execution> {
	const executionId = await client.runWorkflow(workflowId, MANUAL_TRIGGER);
	return finishedExecution(client, workflowId, executionId, 120_000);
}

/** What the CRM posts to Example 2 by default. */
export const SAMPLE_LEAD = {
	leadId: 'L-1001',
	name: 'Ada',
	phone: '+44 20 7946 0123',
	appointment: 'Tuesday at 10 a.m.',
};

/** Example 2: posts a lead as the CRM would, with its secret header; resolves n8n's answer (Make Voice Call's row). */
export async function postLead(
	client: N8nClient,
	access: ExampleAccess,
	lead: Record<string, unknown> = SAMPLE_LEAD,
) {
	return client.webhook('POST', access.webhookIds.crm, lead, {
		headers: { [access.crmHeader.name]: access.crmHeader.value },
	});
}

/** The chat's Basic auth header (Example 4's Chat Trigger asks for its login). */
export const chatAuthorization = (access: ExampleAccess) =>
	`Basic ${Buffer.from(`${access.chatLogin.user}:${access.chatLogin.password}`).toString('base64')}`;

/** Example 4: one chat message to the agent through the chat webhook, logged in; resolves its answer. */
export async function chatWithAgent(
	client: N8nClient,
	access: ExampleAccess,
	chatInput: string,
	sessionId = 'sandbox-chat',
) {
	return client.webhook<{ output?: string } | string>(
		'POST',
		`${access.webhookIds.chat}/chat`,
		{ action: 'sendMessage', sessionId, chatInput },
		{ headers: { authorization: chatAuthorization(access) } },
	);
}
