/**
 * Resumes a waiting execution in-process, the way n8n 2.41's cli does (packages/cli/src/webhooks/
 * waiting-webhooks.ts and webhook-helpers.ts, wait-tracker.ts), for fast node tests of nodes that
 * call `putExecutionToWait`:
 *
 * - `resumeByWebhook`: a request to the node's resume URL. As n8n does, the stored execution is
 *   loaded (here: a JSON copy of the run's data), the waiting node is disabled and `waitTill`
 *   cleared, and the node's `webhook()` runs in n8n-core's `WebhookContext` with that run data.
 *   No `workflowData`: the request is answered and the stored execution stays as it was, still
 *   waiting. With `workflowData`: it becomes the waiting node's input (`forwardAllOutputs`), and
 *   n8n-core's `WorkflowExecute.processRunExecutionData` runs the rest of the workflow.
 * - `resumeAfterTimeout`: the wait tracker's resume once `waitTill` has passed: the run data is
 *   processed again with `waitTill` still set, so n8n-core disables the waiting node and passes
 *   its stored input through.
 *
 * Not modelled: n8n's check of the signed resume URL before the node runs (the e2e tests cover
 * it), the "no action required" page for a finished execution, and the database.
 */
import { WebhookContext, WorkflowExecute } from 'n8n-core';
import {
	NodeHelpers,
	type IHttpRequestMethods,
	type IRun,
	type IRunExecutionData,
	type IWebhookData,
	type IWebhookResponseData,
	type IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

import { withLogCapture, type LogEntry } from './bootstrap';
import type { WorkflowRunResult } from './run';
import {
	FakeResponse,
	fakeRequest,
	parseBody,
	type WebhookRequestInput,
	type WebhookResponse,
} from './webhook';

/** A waiting execution as n8n stores it: the run's data, and what it ran on. */
export interface WaitingExecution {
	data: IRunExecutionData;
	run: WorkflowRunResult;
}

/** The execution a run left waiting (a JSON copy, as n8n stores it); throws if it did not wait. */
export function waitingExecution(run: WorkflowRunResult): WaitingExecution {
	if (!run.run.data.waitTill) throw new Error(`the run did not wait (status ${run.run.status})`);
	return { data: JSON.parse(JSON.stringify(run.run.data)) as IRunExecutionData, run };
}

export interface ResumeResult {
	response: WebhookResponse;
	/** What `webhook()` returned. */
	webhookResult: IWebhookResponseData;
	/** The resumed run, when the webhook returned workflowData; undefined while the execution still waits. */
	resumed?: IRun;
	logs: LogEntry[];
}

/** A request to the waiting node's resume URL. */
export async function resumeByWebhook(
	execution: WaitingExecution,
	request: WebhookRequestInput,
): Promise<ResumeResult> {
	const { run } = execution;
	// Each request loads the execution afresh: what an earlier request did in memory is not kept.
	const data = JSON.parse(JSON.stringify(execution.data)) as IRunExecutionData;
	const nodeName = data.resultData.lastNodeExecuted!;
	const node = run.workflow.getNode(nodeName)!;
	const nodeType = run.workflow.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
	const description = NodeHelpers.getVersionedNodeType(nodeType).description.webhooks?.find(
		(webhook) => webhook.restartWebhook === true,
	);
	if (description === undefined || !nodeType.webhook)
		throw new Error(`node "${nodeName}" has no waiting webhook`);

	// waiting-webhooks.ts: the waiting node is disabled and waitTill cleared before the webhook runs.
	data.executionData!.nodeExecutionStack[0].node.disabled = true;
	data.waitTill = undefined;

	const path = `/webhook-waiting/${run.additionalData.executionId}/${node.id}`;
	const req = fakeRequest(request, String(description.httpMethod), path);
	const parseError = parseBody(req);
	if (parseError) throw new Error(`the request body does not parse: ${parseError}`);
	const res = new FakeResponse();
	const additionalData: IWorkflowExecuteAdditionalData = {
		...run.additionalData,
		httpRequest: req as unknown as IWorkflowExecuteAdditionalData['httpRequest'],
		httpResponse: res as unknown as IWorkflowExecuteAdditionalData['httpResponse'],
	};
	const webhookData: IWebhookData = {
		httpMethod: String(description.httpMethod) as IHttpRequestMethods,
		node: node.name,
		path: node.id,
		webhookDescription: description,
		workflowId: run.workflow.id,
		workflowExecuteAdditionalData: additionalData,
	};
	const logs: LogEntry[] = [];
	const context = new WebhookContext(
		run.workflow,
		node,
		additionalData,
		run.mode,
		webhookData,
		[],
		data,
	);
	const webhookResult = await withLogCapture(
		logs,
		async () => await nodeType.webhook!.call(context),
	);
	if (webhookResult.workflowData === undefined)
		return { response: res.toResponse(), webhookResult, logs };

	// webhook-helpers.ts prepareExecutionData: the webhook's data becomes the resumed node's output.
	const entry = data.executionData!.nodeExecutionStack[0];
	entry.data.main = webhookResult.workflowData;
	entry.metadata = { ...entry.metadata, forwardAllOutputs: true };
	const resumed = await withLogCapture(
		logs,
		async () =>
			await new WorkflowExecute(run.additionalData, run.mode, data).processRunExecutionData(
				run.workflow,
			),
	);
	return { response: res.toResponse(), webhookResult, resumed, logs };
}

/** The wait tracker's resume once the Limit Wait Time has passed. */
export async function resumeAfterTimeout(execution: WaitingExecution): Promise<IRun> {
	const data = JSON.parse(JSON.stringify(execution.data)) as IRunExecutionData;
	// Dates do not survive JSON; n8n reads waitTill back as a Date.
	data.waitTill = new Date(execution.data.waitTill as Date);
	const { run } = execution;
	return await new WorkflowExecute(run.additionalData, run.mode, data).processRunExecutionData(
		run.workflow,
	);
}

/** Items a node emitted in a run (its last run by default), on one output. */
export function outputOf(run: IRun, nodeName: string, output = 0, runIndex?: number) {
	const runs = run.data.resultData.runData[nodeName] ?? [];
	const task = runs[runIndex ?? runs.length - 1];
	return task?.data?.main?.[output] ?? [];
}
