import { randomUUID } from 'node:crypto';
import type { HttpResult, N8nClient } from './n8n';

/** A node as it appears in workflow JSON; name and position are filled in when missing. */
export interface NodeJson {
	type: string;
	typeVersion: number;
	parameters: Record<string, unknown>;
	name?: string;
	credentials?: Record<string, { id: string; name: string }>;
	[key: string]: unknown;
}

export interface RunViaWebhookOptions {
	/** `allEntries` (default): the body is the array of the node's output items' JSON; `firstEntryJson`: the first one's. */
	responseData?: 'allEntries' | 'firstEntryJson';
	workflowName?: string;
	/** Workflow settings, e.g. a `timezone`; default `{ executionOrder: 'v1' }`. */
	settings?: Record<string, unknown>;
}

export interface WebhookRun<T> extends HttpResult<T> {
	workflowId: string;
}

/**
 * Runs one action node in a real n8n the way production does: an active workflow
 * Webhook (responds with the last node's output) → Split Out (one item per element of the
 * request body) → the node, called over HTTP. The node's output comes back as the response body;
 * a failing node gives a 500 and its error is in `n8n.executions(workflowId)`.
 */
export async function runViaWebhook<T = any>(
	n8n: N8nClient,
	node: NodeJson,
	items: Array<Record<string, unknown>>,
	{
		responseData = 'allEntries',
		workflowName = `e2e ${node.type}`,
		settings,
	}: RunViaWebhookOptions = {},
): Promise<WebhookRun<T>> {
	const webhookPath = `e2e-${randomUUID()}`;
	const nodeName = node.name ?? 'Node under test';
	const workflow = await n8n.createWorkflow({
		name: workflowName,
		nodes: [
			{
				id: randomUUID(),
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				// Without a webhookId the production webhook is not registered under a stable URL.
				webhookId: randomUUID(),
				parameters: {
					httpMethod: 'POST',
					path: webhookPath,
					responseMode: 'lastNode',
					responseData,
					options: {},
				},
			},
			{
				id: randomUUID(),
				name: 'Items',
				type: 'n8n-nodes-base.splitOut',
				typeVersion: 1,
				position: [200, 0],
				parameters: { fieldToSplitOut: 'body', options: {} },
			},
			{ id: randomUUID(), position: [400, 0], ...node, name: nodeName },
		],
		connections: {
			Webhook: { main: [[{ node: 'Items', type: 'main', index: 0 }]] },
			Items: { main: [[{ node: nodeName, type: 'main', index: 0 }]] },
		},
		...(settings ? { settings } : {}),
	});
	await n8n.activateWorkflow(workflow.id);
	const result = await n8n.webhook<T>('POST', webhookPath, items);
	return { ...result, workflowId: workflow.id };
}
