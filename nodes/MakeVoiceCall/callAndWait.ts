import {
	NodeApiError,
	NodeOperationError,
	type IExecuteFunctions,
	type INodeExecutionData,
	type JsonObject,
} from 'n8n-workflow';

import { readCompliance } from '../common/compliance';
import { readDeliveryPolicy } from '../common/deliveryOptions';
import { startRunGuard } from '../common/guardrails';
import {
	RECEIPT_CREDENTIAL,
	secretProblem,
	WITH_CREDENTIAL,
} from '../common/receiptAuthentication';
import { rowsFor } from '../common/results';
import { deliver, Pacer } from '../common/transport';
import { requestFieldsOf } from '../core/adapter';
import { windowedCall, windowSupportOf } from '../core/callingWindow';
import { waitUntil } from '../core/callback';
import { GuardrailError } from '../core/guardrails';
import { awaitsReceipts, notPlacedRow, timeoutRow } from '../core/outcome';
import { splitNumbers } from '../core/phone';
import { recipientRow } from '../core/recipientRow';
import { InputError, parseInput } from '../core/validation';
import { readInDefaultCountry } from '../providers/formParts';
import { providerPath } from '../providers/lists';
import type { NodePath } from '../providers/types';
import { readWaitLimit, WAIT_AUTHENTICATION } from './waitProperties';

/** Why one run places one call: what a user (or a model) should do instead. */
export const ONE_CALL_PER_RUN =
	'n8n resumes a waiting execution once, so Call and Wait for Outcome places one call per run and waits for it. ' +
	'To call several people and wait for each, put a Loop Over Items node (Batch Size 1) before this node, or call a sub-workflow per item (Execute Workflow, mode "Run once for each item"). ' +
	'To call many people at once, use Place the Call (or Send Voice Campaign) with a Voice Receipt Trigger.';

/** A refusal before anybody is dialled: an error, or with Continue On Fail a failed row per item. */
interface Refusal {
	refused: string;
	itemIndex: number;
	status: 'invalid' | 'blocked' | 'suppressed' | 'outside-window';
}

const refuse = (
	refused: string,
	itemIndex = 0,
	status: Refusal['status'] = 'invalid',
): Refusal => ({ refused, itemIndex, status });

/**
 * "Call and Wait for Outcome": places the item's one call with this execution's resume URL as
 * the provider's callback, then puts the execution to wait. n8n resumes the node with what its
 * webhook returns (the call joined with its final receipt, see waitForOutcome.ts) or, once the
 * Limit Wait Time has passed, with the item it waits on: the call marked as timed out.
 */
export async function callAndWait(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const provider = this.getNodeParameter('provider', 0) as string;
	const requestedAt = new Date().toISOString();
	const result = await placeAndWait(this, providerPath(provider), items.length, requestedAt);
	if (!('refused' in result)) return result;
	if (!this.continueOnFail()) {
		throw new NodeOperationError(this.getNode(), result.refused, {
			itemIndex: result.itemIndex,
			description: 'Nobody was called.',
		});
	}
	// Every item still comes out, each with the reason, as "Place the Call" does with bad input.
	return [
		items.map((_, itemIndex) => {
			const to = splitNumbers(this.getNodeParameter('to', itemIndex, '')).join(', ');
			const call = recipientRow({
				provider,
				status: result.status,
				to,
				message: result.refused,
				requestedAt,
			});
			return { json: { ...notPlacedRow(call) }, pairedItem: { item: itemIndex } };
		}),
	];
}

async function placeAndWait(
	context: IExecuteFunctions,
	path: NodePath,
	itemCount: number,
	requestedAt: string,
): Promise<INodeExecutionData[][] | Refusal> {
	if (context.getNode().type.endsWith('Tool')) {
		return refuse(
			'Call and Wait for Outcome cannot run as an AI agent tool: an agent cannot pause until the call ends. Set the tool’s Operation to Place the Call; it returns at once whether the provider took the call.',
		);
	}
	if (itemCount > 1)
		return refuse(
			`This node received ${itemCount} items, and nobody was called. ${ONE_CALL_PER_RUN}`,
			1,
		);
	const compliance = readCompliance(context);
	const guard = startRunGuard(context);
	const adapter = path.call;

	const weak = await weakReceiptSecret(context);
	if (weak !== null) return refuse(weak);
	const url = await resumeUrl(context);
	if (path.wait.maxUrlLength !== undefined && url.length > path.wait.maxUrlLength) {
		return refuse(
			`n8n’s resume URL for this execution is ${url.length} characters, and ${adapter.displayName} takes at most ${path.wait.maxUrlLength} in ${path.wait.field}. Use a shorter WEBHOOK_URL for n8n, or Place the Call with a Voice Receipt Trigger.`,
		);
	}
	let call;
	let limit;
	try {
		// National numbers are read in Default Country, as Place the Call reads them.
		const request = readInDefaultCountry(
			path.callForm.read(context, 0),
			context.getNodeParameter('defaultCountry', 0, ''),
		);
		call = parseInput(adapter.schema, path.wait.withUrl(request, url));
		if (call.recipients.length !== 1)
			return refuse(`to has ${call.recipients.length} numbers; ${ONE_CALL_PER_RUN}`);
		// Checked at the user's send time when one is set; never scheduled: n8n cannot wait and then call.
		const plan = compliance.planFor(windowSupportOf(adapter), path.name, call, []);
		const sent = windowedCall(
			compliance,
			windowSupportOf(adapter),
			path.name,
			typeof plan === 'string' ? {} : { ...plan, schedule: null },
			call,
			0,
		);
		const notNow = sent.refused[0]?.refusal;
		if (notNow !== undefined)
			return refuse(
				notNow.status === 'outside-window'
					? `${notNow.message} n8n does not re-run a node after a timed wait, so Call and Wait for Outcome cannot wait for the window and then call: run the workflow at or after the opening.`
					: notNow.message,
				0,
				notNow.status,
			);
		if (typeof sent.call === 'string') return refuse(sent.call);
		call = sent.call;
		limit = waitUntil(readWaitLimit(context), path.wait.window(call), new Date());
		if (!limit.ok) return refuse(limit.message);
		// Last: a call the guardrails admit counts as placed.
		guard.admit(call.recipients.map((recipient) => recipient.to));
	} catch (error) {
		if (error instanceof InputError)
			return refuse(error.message, 0, error instanceof GuardrailError ? 'blocked' : 'invalid');
		throw new NodeOperationError(context.getNode(), error as Error, { itemIndex: 0 });
	}

	const credentials = await context.getCredentials(adapter.credentialType, 0);
	const delivery = await deliver(
		context,
		adapter,
		adapter.baseUrl(credentials),
		adapter.buildRequest(call, requestFieldsOf(adapter, credentials)),
		{
			...readDeliveryPolicy(context, 0),
			pacer: Pacer.for(adapter),
		},
	);
	const { rows, failure } = rowsFor(adapter, call, delivery, requestedAt);
	if (failure !== null && !context.continueOnFail()) {
		throw new NodeApiError(
			context.getNode(),
			{ code: failure.code, message: failure.message } as JsonObject,
			{
				itemIndex: 0,
				httpCode: failure.httpStatus ? String(failure.httpStatus) : undefined,
				message: `${adapter.displayName} refused the call: ${failure.message} (code ${failure.code})`,
				description: 'Nothing was dialled for this item.',
			},
		);
	}
	const placed = rows[0];
	if (!awaitsReceipts(placed))
		return [[{ json: { ...notPlacedRow(placed) }, pairedItem: { item: 0 } }]];

	const waiting: INodeExecutionData = {
		json: { ...timeoutRow(placed, limit.at) },
		pairedItem: { item: 0 },
	};
	// n8n resumes a waiting node with what it was given: the webhook's row when the call ends, or,
	// once the Limit Wait Time has passed, the node's input. So the input becomes this call's
	// "timed out" row: no item is lost, and the webhook reads the awaited call from it.
	context.getExecuteData().data = { main: [[waiting]] };
	await context.putExecutionToWait(limit.at);
	return [[waiting]];
}

/**
 * Why the Voice Receipt Webhook credential's secret cannot check the callbacks (too short, empty),
 * or null. The resume URL would refuse every callback (see authenticityRule): the run would wait
 * out its limit for a call already placed, so nobody is called.
 */
async function weakReceiptSecret(context: IExecuteFunctions): Promise<string | null> {
	const kind = context.getNodeParameter(WAIT_AUTHENTICATION.kind, 0, 'none') as string;
	if (!WITH_CREDENTIAL.includes(kind)) return null;
	const credential = await context.getCredentials<{ secret?: unknown }>(RECEIPT_CREDENTIAL, 0);
	const problem = secretProblem(credential.secret);
	return problem === null
		? null
		: `Receipt Authentication needs the Voice Receipt Webhook credential's secret: ${problem}. With it every callback would be refused, and the run would wait until its time limit for a call already made.`;
}

/**
 * This execution's resume URL, signed by n8n. A query secret is added to it (signed with it),
 * and a Basic auth user and password as the URL's user info, so the provider sends them back.
 */
async function resumeUrl(context: IExecuteFunctions): Promise<string> {
	const kind = context.getNodeParameter(WAIT_AUTHENTICATION.kind, 0, 'none') as string;
	if (kind !== 'querySecret' && kind !== 'basicAuth') return context.getSignedResumeUrl();
	const credential = await context.getCredentials<{ secret?: string; user?: string }>(
		RECEIPT_CREDENTIAL,
		0,
	);
	if (kind === 'querySecret') {
		const parameter = (
			context.getNodeParameter(WAIT_AUTHENTICATION.queryParameter, 0, 'secret') as string
		).trim();
		return context.getSignedResumeUrl({ [parameter]: credential.secret ?? '' });
	}
	const url = new URL(context.getSignedResumeUrl());
	url.username = encodeURIComponent(credential.user ?? '');
	url.password = encodeURIComponent(credential.secret ?? '');
	return url.toString();
}
