/**
 * The harness's webhook runner on tiny inline triggers: it answers the way n8n 2.41's
 * executeWebhook does, so what the Voice Receipt Trigger relies on (answering itself with
 * noWebhookResponse) is checked against the alternatives it avoids.
 */
import { describe, expect, it } from '@jest/globals';
import type {
	INodeType,
	IWebhookFunctions,
	IWebhookResponseData,
	IWebhookDescription,
} from 'n8n-workflow';

import { runWebhook } from './webhook';

/** A trigger whose webhook() bumps a counter in static data and returns `result`. */
function fixture(
	result: IWebhookResponseData,
	webhook: Partial<IWebhookDescription> = {},
): INodeType {
	return {
		description: {
			displayName: 'Fixture Trigger',
			name: 'fixtureTrigger',
			group: ['trigger'],
			version: 1,
			description: 'Test-only trigger',
			defaults: { name: 'Fixture Trigger' },
			inputs: [],
			outputs: ['main'],
			properties: [],
			webhooks: [
				{
					name: 'default',
					httpMethod: 'POST',
					responseMode: 'onReceived',
					path: 'hook',
					...webhook,
				},
			],
		},
		async webhook(this: IWebhookFunctions) {
			const data = this.getWorkflowStaticData('node');
			data.count = ((data.count as number | undefined) ?? 0) + 1;
			if (result.noWebhookResponse) {
				const res = this.getResponseObject();
				res.writeHead(202, { 'content-type': 'text/plain' });
				res.end('answered by the node');
			}
			return result;
		},
	};
}

const run = (node: INodeType) =>
	runWebhook({ node, type: 'fixture.trigger', webhookId: 'w-1', request: { body: { a: 1 } } });
const items = [[{ json: { a: 1 } }]];

describe('harness webhook runner (n8n 2.41 executeWebhook semantics)', () => {
	it('noWebhookResponse: sends what the node wrote and keeps its static data', async () => {
		const result = await run(fixture({ noWebhookResponse: true, workflowData: items }));
		expect(result.response).toMatchObject({ status: 202, text: 'answered by the node' });
		expect(result).toMatchObject({
			answeredByNode: true,
			startsRun: true,
			staticData: { 'node:Fixture Trigger': { count: 1 } },
		});
		expect(result.path).toBe('/webhook/w-1/hook');
	});

	it('no workflowData: no run, n8n answers webhookResponse (or its default) and keeps static data', async () => {
		const custom = await run(
			fixture({ webhookResponse: { ok: true } }, { responseCode: '={{201}}' }),
		);
		expect(custom.response).toMatchObject({ status: 201, body: { ok: true } });
		expect(custom).toMatchObject({
			startsRun: false,
			staticData: { 'node:Fixture Trigger': { count: 1 } },
		});
		expect((await run(fixture({}))).response.body).toEqual({ message: 'Webhook call received' });
	});

	it('a run answered by n8n: the literal "firstEntryJson" by default, and static data changes are lost', async () => {
		const result = await run(fixture({ workflowData: items, webhookResponse: { ignored: true } }));
		expect(result.response).toMatchObject({ status: 200, text: 'firstEntryJson' });
		expect(result.startsRun).toBe(true);
		expect(result.staticData).toEqual({});
		expect(result.staticDataInMemory).toEqual({ 'node:Fixture Trigger': { count: 1 } });
	});

	it('a run answered by n8n with an empty responseData sends webhookResponse', async () => {
		const result = await run(
			fixture({ workflowData: items, webhookResponse: { summary: 1 } }, { responseData: '' }),
		);
		expect(result.response).toMatchObject({ status: 200, body: { summary: 1 } });
	});

	it('a throwing webhook: 500, nothing saved', async () => {
		const node = fixture({});
		node.webhook = async function () {
			throw new Error('boom');
		};
		const result = await run(node);
		expect(result.response).toMatchObject({
			status: 500,
			body: { message: 'Workflow Webhook Error: Workflow could not be started!' },
		});
		expect(result.error?.message).toBe('boom');
	});
});
