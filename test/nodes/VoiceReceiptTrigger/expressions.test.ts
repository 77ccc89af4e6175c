/**
 * The trigger evaluates no expression of its own. With n8n's lazy isolate acquisition
 * (N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true) an expression isolate is taken only when an expression
 * is evaluated, so a receipt whose webhook step and run evaluate nothing costs no isolate. n8n
 * evaluates through `Expression.renderExpression`: these tests count its calls while a receipt
 * goes through the trigger's webhook step and its step in the run (README, "Running at scale").
 */
import { Expression, webhookDescriptionIsNativelyResolvable } from 'n8n-workflow';
import type { INodeParameters } from 'n8n-workflow';

import { VoiceReceiptWebhookApi } from '../../../credentials/VoiceReceiptWebhookApi.credentials';
import { VoiceReceiptTrigger } from '../../../nodes/VoiceReceiptTrigger/VoiceReceiptTrigger.node';
import { runWebhook, type RunWebhookOptions, type WebhookRequestInput } from '../../harness';
import { webexReceipt } from '../../support/receipts';

const SECRET = 'expr-secret-7c41d9a2e5';

/** A Disconnected receipt time-stamped a moment ago (version 1.1 takes it as fresh). */
const freshReceipt = (transid: string) =>
	webexReceipt(
		{ timeStamp: new Date(Date.now() - 1000).toISOString().slice(0, -1) },
		{ transid },
		{ deliveryTransInfo: undefined },
	);

/** Counts n8n's evaluations (`renderExpression` is not part of Expression's typed surface). */
function watchEvaluations() {
	const prototype = Expression.prototype as unknown as {
		renderExpression(expression: string, data: unknown): unknown;
	};
	return jest.spyOn(prototype, 'renderExpression');
}

/** One receipt (`transid`, fresh) through the trigger, version 1.1, with the test secret. */
const receiptThroughTrigger = (
	transid: string,
	options: Omit<RunWebhookOptions, 'node' | 'request' | 'credentials' | 'credentialTypes'>,
	request: Omit<WebhookRequestInput, 'body'> = {},
) =>
	runWebhook({
		node: new VoiceReceiptTrigger(),
		typeVersion: 1.1,
		...options,
		request: { body: freshReceipt(transid), ...request },
		credentials: { voiceReceiptWebhookApi: { secret: SECRET, user: '' } },
		credentialTypes: [new VoiceReceiptWebhookApi()],
	});

/** One receipt through the trigger (webhook step, then its step in the run), counting evaluations. */
async function countEvaluations(
	parameters: INodeParameters,
	query: Record<string, string> = {},
	workflowId?: string,
	transid = 'expr-1',
) {
	const render = watchEvaluations();
	try {
		const result = await receiptThroughTrigger(
			transid,
			{ webhookId: 'c0ffee00-expressions', parameters, workflowId },
			{ query },
		);
		return { result, evaluations: render.mock.calls.map(([expression]) => expression) };
	} finally {
		render.mockRestore();
	}
}

describe('Voice Receipt Trigger: no expression evaluated per receipt', () => {
	it('declares its webhook with plain values, which n8n resolves without the expression engine', () => {
		const { webhooks } = new VoiceReceiptTrigger().description;
		expect(webhooks?.length).toBeGreaterThan(0);
		for (const webhook of webhooks ?? [])
			expect(webhookDescriptionIsNativelyResolvable(webhook)).toBe(true);
	});

	it('evaluates nothing for a receipt that starts a run, with the defaults of a new trigger (Query Secret)', async () => {
		const { result, evaluations } = await countEvaluations({}, { secret: SECRET });
		expect(result.response.status).toBe(200);
		expect(result.startsRun).toBe(true);
		expect(result.runItems.map((item) => item.json.status)).toEqual(['completed']);
		expect(evaluations).toEqual([]);
	});

	it('evaluates nothing with every option set, Check Across Processes included, nor for a repeated receipt', async () => {
		const parameters: INodeParameters = {
			authentication: 'headerSecret',
			statuses: ['completed'],
			finalOnly: true,
			options: {
				checkAcrossProcesses: true,
				storeCallLimitMs: 20,
				dropOutOfOrder: true,
				duplicateMemory: 5000,
				duplicateWindowMinutes: 20,
				includeRaw: true,
				maxReceiptAgeMinutes: 30,
				timeZone: 'Europe/London',
			},
		};
		const workflowId = 'expressions-all-options';
		const headers = { 'x-receipt-secret': SECRET };
		const render = watchEvaluations();
		try {
			const webhook = { webhookId: 'c0ffee01-expressions', parameters, workflowId };
			const first = await receiptThroughTrigger('expr-2', webhook, { headers });
			expect(first.startsRun).toBe(true);
			expect(first.runItems.map((item) => item.json.raw)).toEqual([expect.any(Object)]);
			const again = await receiptThroughTrigger(
				'expr-2',
				{ ...webhook, staticData: first.staticData },
				{ headers },
			);
			// The call has ended: Drop Out-of-Order Events drops the repeat before the duplicate memory.
			expect(again.response.body).toMatchObject({ emitted: 0, outOfOrder: 1 });
			expect(render.mock.calls).toEqual([]);
		} finally {
			render.mockRestore();
		}
	});

	it('evaluates nothing for a refused request', async () => {
		const { result, evaluations } = await countEvaluations(
			{},
			{ secret: 'wrong-secret-0123456789' },
		);
		expect(result.response.status).toBe(401);
		expect(evaluations).toEqual([]);
	});

	it('counts what a user does write as an expression (the count can fail)', async () => {
		const { result, evaluations } = await countEvaluations(
			{ authentication: 'none', finalOnly: '={{ true }}' },
			{},
			undefined,
			'expr-3',
		);
		expect(result.startsRun).toBe(true);
		expect(evaluations.length).toBeGreaterThan(0);
	});
});
