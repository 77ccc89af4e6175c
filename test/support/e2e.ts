/**
 * Helpers for the real-n8n end-to-end suite (test/e2e): node type names, reading run data out of
 * the executions n8n's public API returns, waiting, raw signed POSTs, and secret scanning.
 */
import { createHmac, randomUUID } from 'node:crypto';
import * as path from 'node:path';
import { request } from 'undici';

import type { HttpResult, N8nInstance } from './n8n';
import { e2eVersion } from './n8nLines';
import { REPO_ROOT } from './pack';

export const PACKAGE = 'n8n-nodes-outbound-voice';

/** `<package>.<node>`, the type n8n gives a community package's node. */
export const nodeType = (name: 'makeVoiceCall' | 'sendVoiceCampaign' | 'voiceReceiptTrigger') =>
	`${PACKAGE}.${name}`;

/** Where n8n logs for one e2e file on one n8n line (.e2e/logs/, kept after the run for a failing test's post-mortem). */
export const logFile = (name: string) =>
	path.join(REPO_ROOT, '.e2e', 'logs', `${name}-n8n-${e2eVersion()}.log`);

export interface ItemJson {
	json: Record<string, any>;
	pairedItem?: unknown;
}

/**
 * The items a node emitted in an execution as the public API returns it (`includeData=true`):
 * its first run, output 0 by default. Empty when the node did not run.
 */
export function nodeItems(
	execution: Record<string, any>,
	nodeName: string,
	output = 0,
	run = 0,
): ItemJson[] {
	const runs = execution?.data?.resultData?.runData?.[nodeName];
	return (runs?.[run]?.data?.main?.[output] ?? []) as ItemJson[];
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Polls `probe` until it returns something other than undefined/false, or throws with `what`
 * and the last value seen once `timeoutMs` have passed.
 */
export async function waitFor<T>(
	what: string,
	probe: () => Promise<T | undefined | false> | T | undefined | false,
	{ timeoutMs = 20_000, intervalMs = 200 }: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await probe();
		if (value !== undefined && value !== false) return value;
		if (Date.now() > deadline)
			throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
		await delay(intervalMs);
	}
}

/**
 * The executions of a workflow, oldest first (by numeric id), once exactly `count` of them exist
 * and have finished. Fails if more than `count` appear.
 */
export async function waitForExecutions(
	n8n: N8nInstance,
	workflowId: string,
	count: number,
	timeoutMs = 30_000,
): Promise<Array<Record<string, any>>> {
	const executions = await waitFor(
		`${count} finished executions of workflow ${workflowId}`,
		async () => {
			const list = await n8n.executions(workflowId);
			if (list.length > count)
				throw new Error(`workflow ${workflowId} has ${list.length} executions, expected ${count}`);
			return list.length === count &&
				list.every((execution) => execution.finished || execution.stoppedAt)
				? list
				: undefined;
		},
		{ timeoutMs },
	);
	return [...executions].sort((a, b) => Number(a.id) - Number(b.id));
}

/** An exact body (bytes as given) POSTed to `url`; the answer parsed as JSON when it is JSON. */
export async function postRaw(
	url: string,
	raw: string,
	headers: Record<string, string> = {},
): Promise<HttpResult> {
	const response = await request(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json', ...headers },
		body: raw,
	});
	const text = await response.body.text();
	let body: unknown = text;
	try {
		body = JSON.parse(text);
	} catch {
		// Not JSON: keep the text.
	}
	return { status: response.statusCode, headers: response.headers, body };
}

/** Webex Connect's `x-hub-signature`: hex HMAC-SHA256 of the raw body keyed with the hub secret. */
export function hubSignature(raw: string, secret: string): string {
	return createHmac('sha256', secret).update(raw).digest('hex');
}

/**
 * Which of `secrets` (and their Basic-auth / URL-encoded forms) occur in `haystack`, with a
 * short excerpt of the first place each occurs: `[]` when none leaks.
 */
export function leakedSecrets(haystack: string, secrets: string[]): string[] {
	const leaks: string[] = [];
	for (const secret of secrets) {
		if (secret.length < 6) throw new Error(`"${secret}" is too short to scan for reliably`);
		for (const form of new Set([secret, encodeURIComponent(secret)])) {
			const at = haystack.indexOf(form);
			if (at >= 0)
				leaks.push(`${secret} at …${haystack.slice(Math.max(0, at - 80), at + form.length + 40)}…`);
		}
	}
	return leaks;
}

/** Everything n8n's public API returns about a workflow's executions, with their data, as text. */
export async function executionsText(n8n: N8nInstance, workflowIds: string[]): Promise<string> {
	const parts: string[] = [];
	for (const id of workflowIds) parts.push(JSON.stringify(await n8n.executions(id)));
	return parts.join('\n');
}

export interface ActiveTrigger {
	workflowId: string;
	/** The trigger's production URL: `<n8n>/webhook/<webhookId>/voice-receipts`. */
	url: string;
}

/**
 * Creates and activates a workflow holding only a Voice Receipt Trigger (with a fixed
 * `webhookId`, so its production URL is known), and waits until its URL is registered.
 * `credential` is its Voice Receipt Webhook credential; `credentials` any other, by type (a
 * provider's credential holding a signature's secret).
 */
export async function activateReceiptTrigger(
	n8n: N8nInstance,
	{
		name = 'Voice receipts',
		parameters,
		credential,
		credentials = {},
		typeVersion = 1,
	}: {
		name?: string;
		parameters: Record<string, unknown>;
		/** The suites' receipts carry fixed past time stamps, which version 1.1 takes as stale by default. */
		typeVersion?: number;
		credential?: { id: string; name: string };
		credentials?: Record<string, { id: string; name: string }>;
	},
): Promise<ActiveTrigger> {
	const webhookId = randomUUID();
	const nodeCredentials = {
		...credentials,
		...(credential ? { voiceReceiptWebhookApi: credential } : {}),
	};
	const workflow = await n8n.createWorkflow({
		name,
		nodes: [
			{
				id: randomUUID(),
				name: 'Voice Receipt Trigger',
				type: nodeType('voiceReceiptTrigger'),
				typeVersion,
				position: [0, 0],
				webhookId,
				parameters: { options: {}, ...parameters },
				...(Object.keys(nodeCredentials).length > 0 ? { credentials: nodeCredentials } : {}),
			},
		],
		connections: {},
	});
	await n8n.activateWorkflow(workflow.id);
	const url = `${n8n.baseUrl}/webhook/${webhookId}/voice-receipts`;
	await waitUntilRegistered(url);
	return { workflowId: workflow.id, url };
}

/**
 * Waits until n8n has registered a production webhook URL (a moment after activation). Probes
 * with a CORS preflight, which n8n answers 204 for a registered path and 404 otherwise, without
 * starting a run.
 */
export async function waitUntilRegistered(url: string): Promise<void> {
	await waitFor(`${url} to be registered`, async () => {
		const response = await request(url, {
			method: 'OPTIONS',
			headers: { origin: 'http://127.0.0.1', 'access-control-request-method': 'POST' },
		});
		await response.body.dump();
		return response.statusCode === 204;
	});
}
