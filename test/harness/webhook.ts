import { randomUUID } from 'node:crypto';
/**
 * Runs a trigger node's `webhook()` the way n8n 2.41's webhook server does, in-process:
 *
 * - the request body is read and parsed like n8n's body parser (`req.rawBody` is a Buffer of the
 *   bytes sent; JSON, form-encoded via Node's `querystring`, and text/plain bodies become
 *   `req.body`; a JSON body that does not parse is answered 422 before the node runs);
 * - the node runs inside n8n-core's real `WebhookContext` (real parameters with defaults,
 *   credentials through the harness's credentials helper, real workflow static data);
 * - its result is answered like `executeWebhook` in packages/cli/src/webhooks/webhook-helpers.ts:
 *   `noWebhookResponse` → whatever the node wrote to the response; no `workflowData` → no run,
 *   `webhookResponse` (or n8n's "Webhook call received") with the description's response code;
 *   otherwise a run starts and, in `onReceived` mode, n8n answers from the description's
 *   `responseData` (default "firstEntryJson", sent as that literal text) or `webhookResponse`;
 * - workflow static data is returned as n8n 2.41 persists it for the next request (production
 *   mode): n8n saves it when the request is answered, which for a run answered by n8n comes
 *   after the runner has reset the change flag, so such a call's changes are NOT kept. A node
 *   that answers itself (`noWebhookResponse`) or starts no run has its changes saved.
 *
 * Only `onReceived` is modelled; the workflow after the trigger is not run (its items are returned).
 */
import { setupN8nCore, withLogCapture, type LogEntry } from './bootstrap';

import { ExecutionLifecycleHooks, HookContext, WebhookContext, WorkflowExecute } from 'n8n-core';
import {
	NodeHelpers,
	Workflow,
	createRunExecutionData,
	jsonParse,
	type ICredentialDataDecryptedObject,
	type ICredentialType,
	type IDataObject,
	type IHttpRequestMethods,
	type INode,
	type INodeExecutionData,
	type INodeParameters,
	type INodeType,
	type INodeTypes,
	type IWebhookData,
	type IWebhookDescription,
	type IWebhookResponseData,
	type IWorkflowExecuteAdditionalData,
	type WorkflowActivateMode,
	type WorkflowExecuteMode,
} from 'n8n-workflow';
import { parse as parseQueryString } from 'node:querystring';

import { CredentialStore, HarnessCredentialsHelper } from './credentials';
import { deduplicationStore } from './deduplication';
import { buildAdditionalData, defaultVersion, plainStaticData, type AnyNodeType } from './run';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const PACKAGE_NAME = (require('../../package.json') as { name: string }).name;
const BASE_URL = 'http://localhost:5678';

export interface WebhookRequestInput {
	/** Default: the webhook description's httpMethod. */
	method?: string;
	/** Header names in any case (Node lower-cases them). */
	headers?: Record<string, string | string[]>;
	query?: Record<string, string | string[]>;
	/**
	 * The body as sent: a string or Buffer is sent byte for byte (sign exactly these bytes);
	 * anything else is sent as JSON. Absent: no body.
	 */
	body?: unknown;
}

export interface RunWebhookOptions {
	node: AnyNodeType;
	/** Default `<package name>.<description.name>`. */
	type?: string;
	typeVersion?: number;
	/** Node name in the workflow; default the description's default name. */
	name?: string;
	parameters?: INodeParameters;
	/** The node's webhookId (n8n sets one per trigger); the production path is `<webhookId>/<path>`. */
	webhookId?: string;
	/** Which of the node's webhooks; default `default`. */
	webhookName?: string;
	request?: WebhookRequestInput;
	credentials?: CredentialStore | Record<string, ICredentialDataDecryptedObject>;
	credentialTypes?: ICredentialType[];
	/** Static data to start from; pass `result.staticData` to chain calls. */
	staticData?: IDataObject;
	/** The workflow's id; default a new one per call, as if each call were another workflow. */
	workflowId?: string;
	/** `webhook` (production URL, the default) or `manual` (test URL). */
	mode?: WorkflowExecuteMode;
	/**
	 * n8n fails to create the run (an overloaded or broken instance: the database or, in queue mode,
	 * Redis unreachable): it answers 500 instead and no run starts.
	 */
	failRunCreation?: boolean;
	/**
	 * n8n takes this long to create the run (or to fail to): the answer waits for it, so other
	 * requests can arrive meanwhile.
	 */
	creatingRun?: Promise<void>;
}

export interface WebhookResponse {
	status: number;
	headers: Record<string, string>;
	/** The body parsed as JSON when it is JSON, else the text; undefined when empty. */
	body: unknown;
	text: string;
}

export interface WebhookRunResult {
	/** What the HTTP client would receive. */
	response: WebhookResponse;
	/** Whether n8n would start a workflow run. */
	startsRun: boolean;
	/** The node answered itself (`noWebhookResponse`). */
	answeredByNode: boolean;
	/** Items the trigger emitted on output 0 (empty when no run starts). */
	items: INodeExecutionData[];
	/**
	 * What the trigger passed on in the run it started (n8n runs a start node's `execute`, when it
	 * has one, with those items); the items themselves for a node without `execute`.
	 */
	runItems: INodeExecutionData[];
	/** Hints the trigger's step in the run added (`addExecutionHints`). */
	runHints: string[];
	/** What `webhook()` returned; undefined when it threw or n8n refused the body first. */
	webhookResult?: IWebhookResponseData;
	/** What `webhook()` threw (n8n answers 500 and records a failed execution). */
	error?: Error;
	/**
	 * Static data as n8n 2.41 would have saved it after this call (what the next request loads;
	 * pass it as `staticData` to chain calls). See the file comment for when changes are lost.
	 */
	staticData: IDataObject;
	/** Static data in memory right after `webhook()` returned, saved or not. */
	staticDataInMemory: IDataObject;
	logs: LogEntry[];
	credentials: CredentialStore;
	/** The production (or test) URL path, e.g. `/webhook/<webhookId>/voice-receipts`. */
	path: string;
	url: string;
}

/** Runs one request through a trigger node's webhook. */
export async function runWebhook(options: RunWebhookOptions): Promise<WebhookRunResult> {
	setupN8nCore();
	const setup = prepare(options);
	const { workflow, node, webhookData, additionalData, mode, store } = setup;
	const description = webhookData.webhookDescription;
	const input = options.request ?? {};
	const request = fakeRequest(input, webhookData.httpMethod, setup.urlPath);
	const response = new FakeResponse();
	const logs: LogEntry[] = [];
	const before = plainStaticData(workflow.staticData);
	const finish = async (
		answer: WebhookResponse,
		rest: Partial<
			Pick<WebhookRunResult, 'startsRun' | 'answeredByNode' | 'items' | 'webhookResult' | 'error'>
		> = {},
	): Promise<WebhookRunResult> => {
		// The answer has gone out: the connection closes (what a node watching its response sees).
		response.close(answer.status);
		let saved = savedStaticData(mode, before, plainStaticData(workflow.staticData), rest);
		let run: { items: INodeExecutionData[]; hints: string[]; staticData?: IDataObject } = {
			items: rest.items ?? [],
			hints: [],
		};
		if (rest.startsRun) {
			run = await runTriggerStep(setup, rest.items ?? [], saved, logs);
			if (run.staticData !== undefined) saved = run.staticData;
		}
		return finished(answer, rest, saved, run);
	};
	const finished = (
		answer: WebhookResponse,
		rest: Partial<
			Pick<WebhookRunResult, 'startsRun' | 'answeredByNode' | 'items' | 'webhookResult' | 'error'>
		>,
		saved: IDataObject,
		run: { items: INodeExecutionData[]; hints: string[] },
	): WebhookRunResult => ({
		response: answer,
		startsRun: false,
		answeredByNode: false,
		items: [],
		...rest,
		runItems: rest.startsRun ? run.items : [],
		runHints: run.hints,
		staticData: saved,
		staticDataInMemory: plainStaticData(workflow.staticData),
		logs,
		credentials: store,
		path: setup.urlPath,
		url: `${BASE_URL}${setup.urlPath}`,
	});

	const parseError = parseBody(request);
	if (parseError)
		return finish(
			jsonResponse(422, { code: 422, message: 'Failed to parse request body', hint: parseError }),
		);

	additionalData.httpRequest = request as unknown as IWorkflowExecuteAdditionalData['httpRequest'];
	additionalData.httpResponse =
		response as unknown as IWorkflowExecuteAdditionalData['httpResponse'];
	const nodeType = workflow.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
	if (!nodeType.webhook) throw new Error(`runWebhook: node type ${node.type} has no webhook()`);
	const context = new WebhookContext(workflow, node, additionalData, mode, webhookData, [], null);

	let result: IWebhookResponseData;
	try {
		result = await withLogCapture(logs, async () => await nodeType.webhook!.call(context));
	} catch (error) {
		return finish(
			jsonResponse(500, {
				code: 0,
				message: 'Workflow Webhook Error: Workflow could not be started!',
			}),
			{
				error: error as Error,
			},
		);
	}

	const additionalKeys = { $executionId: undefined };
	const responseCode = Number(
		workflow.expression.getSimpleParameterValue(
			node,
			description.responseCode as string | undefined,
			mode,
			additionalKeys,
			undefined,
			200,
		),
	);
	const answeredByNode = result.noWebhookResponse === true;
	const items = result.workflowData?.[0] ?? [];

	if (answeredByNode) {
		return finish(response.toResponse(), {
			answeredByNode,
			startsRun: result.workflowData !== undefined,
			items,
			webhookResult: result,
		});
	}
	if (result.workflowData === undefined) {
		const data =
			result.webhookResponse !== undefined
				? result.webhookResponse
				: { message: 'Webhook call received' };
		return finish(legacyResponse(responseCode, data), { webhookResult: result });
	}

	const responseMode = workflow.expression.getSimpleParameterValue(
		node,
		description.responseMode as string | undefined,
		mode,
		additionalKeys,
		undefined,
		'onReceived',
	);
	if (responseMode !== 'onReceived') {
		throw new Error(
			`runWebhook models responseMode "onReceived" only, not "${String(responseMode)}"`,
		);
	}
	await options.creatingRun;
	if (options.failRunCreation) {
		// executeWebhook: WorkflowRunner.run threw → responseCallback(error) → 500, no run.
		// The runner reset static data's change flag before it failed: nothing the node changed is saved.
		const answer = jsonResponse(500, {
			code: 0,
			message: 'There was a problem executing the workflow',
		});
		response.close(answer.status);
		return finished(answer, { webhookResult: result }, before, { items: [], hints: [] });
	}
	const responseData = workflow.expression.getComplexParameterValue(
		node,
		description.responseData,
		mode,
		additionalKeys,
		undefined,
		'firstEntryJson',
	);
	// extractWebhookOnReceivedResponse (packages/cli/src/webhooks/webhook-on-received-response-extractor.ts)
	const body =
		responseData === 'noData'
			? undefined
			: responseData
				? responseData
				: result.webhookResponse !== undefined
					? result.webhookResponse
					: { message: 'Workflow was started' };
	return finish(legacyResponse(responseCode, body), {
		startsRun: true,
		items,
		webhookResult: result,
	});
}

/**
 * The run n8n starts with the webhook's items, as far as the trigger goes: like WorkflowRunner's
 * `runMainProcess`, a new Workflow with the static data the database holds (what the request's own
 * changes did not reach, see `savedStaticData`), the trigger as the start node with those items, run
 * by n8n-core's WorkflowExecute (which calls a start node's `execute` when it has one); static data
 * the run changed is saved after it. Nodes after the trigger are not part of the harness workflow.
 */
async function runTriggerStep(
	setup: ReturnType<typeof prepare>,
	items: INodeExecutionData[],
	stored: IDataObject,
	logs: LogEntry[],
): Promise<{ items: INodeExecutionData[]; hints: string[]; staticData?: IDataObject }> {
	const { workflow: webhookWorkflow, node, mode, store } = setup;
	deduplicationStore();
	const workflow = new Workflow({
		id: webhookWorkflow.id,
		name: webhookWorkflow.name,
		nodes: [node],
		connections: {},
		active: true,
		nodeTypes: webhookWorkflow.nodeTypes,
		staticData: structuredClone(stored),
		settings: { executionOrder: 'v1' },
	});
	const executionId = `run-${++runCounter}`;
	const additionalData = buildAdditionalData(
		new HarnessCredentialsHelper(store),
		new ExecutionLifecycleHooks(mode, executionId, {
			id: workflow.id,
			name: workflow.name ?? '',
			active: true,
			isArchived: false,
			activeVersionId: null,
			createdAt: new Date(),
			updatedAt: new Date(),
			nodes: [node],
			connections: {},
		}),
		executionId,
	);
	const runExecutionData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [
				{ node: workflow.getNode(node.name)!, data: { main: [items] }, source: null },
			],
		},
	});
	const run = await withLogCapture(
		logs,
		async () =>
			await new WorkflowExecute(additionalData, mode, runExecutionData).processRunExecutionData(
				workflow,
			),
	);
	const taskData = run.data.resultData.runData[node.name]?.[0];
	if (run.data.resultData.error)
		throw new Error(`the trigger's step in the run failed: ${run.data.resultData.error.message}`);
	return {
		items: taskData?.data?.main?.[0] ?? [],
		hints: (taskData?.hints ?? []).map((hint) => hint.message),
		staticData:
			workflow.staticData.__dataChanged === true ? plainStaticData(workflow.staticData) : undefined,
	};
}

let runCounter = 0;

/** Runs a node's `webhookMethods[webhookName][method]` in n8n-core's HookContext, as activation does. */
export async function runWebhookMethod(
	options: Omit<RunWebhookOptions, 'request'> & {
		method: 'checkExists' | 'create' | 'delete';
		activation?: WorkflowActivateMode;
	},
): Promise<{ result: boolean | undefined; staticData: IDataObject; logs: LogEntry[] }> {
	setupN8nCore();
	const { workflow, node, webhookData, additionalData, mode } = prepare(options);
	const nodeType = workflow.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
	const fn = nodeType.webhookMethods?.[webhookData.webhookDescription.name]?.[options.method];
	if (!fn)
		throw new Error(
			`runWebhookMethod: no webhookMethods.${webhookData.webhookDescription.name}.${options.method}`,
		);
	const context = new HookContext(
		workflow,
		node,
		additionalData,
		mode,
		options.activation ?? 'activate',
		webhookData,
	);
	const logs: LogEntry[] = [];
	const result = await withLogCapture(logs, async () => await fn.call(context));
	return { result, staticData: plainStaticData(workflow.staticData), logs };
}

function prepare(options: RunWebhookOptions) {
	const store =
		options.credentials instanceof CredentialStore
			? options.credentials
			: new CredentialStore(options.credentials);
	const { description } = NodeHelpers.getVersionedNodeType(options.node, options.typeVersion);
	const type = options.type ?? `${PACKAGE_NAME}.${description.name}`;
	const typeVersion = options.typeVersion ?? defaultVersion(options.node);
	const node: INode = {
		id: 'trigger-node',
		name: options.name ?? description.defaults.name ?? description.displayName,
		type,
		typeVersion,
		position: [0, 0],
		parameters: options.parameters ?? {},
		webhookId: options.webhookId ?? 'harness-webhook-id',
	};
	for (const { name } of description.credentials ?? []) {
		const ref = store.refFor(name);
		if (ref) node.credentials = { ...(node.credentials ?? {}), [name]: ref };
	}
	const nodeTypes: INodeTypes = {
		getByName: (name) => {
			if (name !== type) throw new Error(`Unknown node type "${name}"`);
			return options.node;
		},
		getByNameAndVersion: (name, version) => {
			if (name !== type) throw new Error(`Unknown node type "${name}"`);
			return NodeHelpers.getVersionedNodeType(options.node, version) as INodeType;
		},
		getKnownTypes: () => ({}),
	};
	// The Workflow constructor fills in parameter defaults, as saving a workflow in the editor does.
	const workflow = new Workflow({
		id: options.workflowId ?? randomUUID(),
		name: 'Harness webhook workflow',
		nodes: [node],
		connections: {},
		active: true,
		nodeTypes,
		staticData: structuredClone(options.staticData ?? {}),
		settings: { executionOrder: 'v1' },
	});
	const workflowNode = workflow.getNode(node.name)!;
	const mode = options.mode ?? 'webhook';
	const additionalData = webhookAdditionalData(
		new HarnessCredentialsHelper(store, options.credentialTypes),
		mode,
	);

	const webhookName = options.webhookName ?? 'default';
	const webhookDescription = NodeHelpers.getVersionedNodeType(
		options.node,
		typeVersion,
	).description.webhooks?.find((webhook: IWebhookDescription) => webhook.name === webhookName);
	if (!webhookDescription)
		throw new Error(`runWebhook: the node has no webhook named "${webhookName}"`);
	const describe = <T>(property: keyof IWebhookDescription, fallback: T): T =>
		workflow.expression.getSimpleParameterValue(
			workflowNode,
			webhookDescription[property] as string | undefined,
			mode,
			{},
			undefined,
			fallback as unknown as string,
		) as T;
	let path = String(describe('path', '')).trim().replace(/^\//, '').replace(/\/$/, '');
	path = NodeHelpers.getNodeWebhookPath(
		workflow.id,
		workflowNode,
		path,
		describe('isFullPath', false),
		describe('restartWebhook', false),
	);
	const webhookData: IWebhookData = {
		httpMethod: String(describe('httpMethod', 'GET')).split(',')[0].trim() as IHttpRequestMethods,
		node: workflowNode.name,
		path,
		webhookDescription,
		workflowId: workflow.id,
		workflowExecuteAdditionalData: additionalData,
		webhookId: workflowNode.webhookId,
		isTest: mode === 'manual',
	};
	const urlPath = `/${mode === 'manual' ? 'webhook-test' : 'webhook'}/${path}`;
	return { store, workflow, node: workflowNode, webhookData, additionalData, mode, urlPath };
}

/**
 * What packages/cli/src/webhooks/live-webhooks.ts saves: `saveStaticData` runs in the response
 * callback, only if the data changed flag is still set. A thrown webhook rejects (nothing saved);
 * a run that n8n answers (`onReceived` without `noWebhookResponse`) is created first, and the
 * runner's new Workflow re-wraps the same static data object, resetting the flag. Test webhooks
 * (manual mode) keep static data in memory, so that is returned as is.
 */
function savedStaticData(
	mode: WorkflowExecuteMode,
	before: IDataObject,
	after: IDataObject,
	result: Partial<
		Pick<WebhookRunResult, 'webhookResult' | 'error' | 'startsRun' | 'answeredByNode'>
	>,
): IDataObject {
	if (mode === 'manual') return after;
	if (result.error || result.webhookResult === undefined) return before;
	if (result.answeredByNode || !result.startsRun) return after;
	return before;
}

/** run.ts's additional data, with the hooks of a webhook request. */
function webhookAdditionalData(
	credentialsHelper: HarnessCredentialsHelper,
	mode: WorkflowExecuteMode,
): IWorkflowExecuteAdditionalData {
	const hooks = new ExecutionLifecycleHooks(mode, 'webhook-harness', {
		id: 'harness-workflow',
		name: 'Harness webhook workflow',
		active: true,
		isArchived: false,
		activeVersionId: null,
		createdAt: new Date(),
		updatedAt: new Date(),
		nodes: [],
		connections: {},
	});
	return buildAdditionalData(credentialsHelper, hooks, 'webhook-harness');
}

// ---------------------------------------------------------------------------------------------
// Fake express request and response

export interface FakeRequest {
	method: string;
	url: string;
	path: string;
	headers: Record<string, string | string[]>;
	query: Record<string, string | string[]>;
	params: Record<string, string>;
	body?: unknown;
	rawBody: Buffer;
	contentType?: string;
	encoding: BufferEncoding;
	ip: string;
	ips: string[];
	_body: boolean;
	readRawBody(): Promise<void>;
	get(name: string): string | string[] | undefined;
	header(name: string): string | string[] | undefined;
}

export function fakeRequest(
	input: WebhookRequestInput,
	httpMethod: string,
	path: string,
): FakeRequest {
	const headers: Record<string, string | string[]> = {};
	for (const [name, value] of Object.entries(input.headers ?? {}))
		headers[name.toLowerCase()] = value;
	let rawBody = Buffer.alloc(0);
	if (input.body !== undefined) {
		const isRaw = typeof input.body === 'string' || Buffer.isBuffer(input.body);
		rawBody = isRaw
			? Buffer.from(input.body as string | Buffer)
			: Buffer.from(JSON.stringify(input.body));
		headers['content-type'] ??= 'application/json';
		headers['content-length'] ??= String(rawBody.length);
	}
	const query = { ...(input.query ?? {}) };
	const search = new URLSearchParams();
	for (const [key, value] of Object.entries(query))
		for (const v of [value].flat()) search.append(key, v);
	const url = search.toString() === '' ? path : `${path}?${search.toString()}`;
	const contentTypeHeader = headers['content-type'];
	const contentType = (Array.isArray(contentTypeHeader) ? contentTypeHeader[0] : contentTypeHeader)
		?.split(';')[0]
		.trim()
		.toLowerCase();
	const header = (name: string) => headers[name.toLowerCase()];
	return {
		method: input.method ?? httpMethod,
		url,
		path,
		headers,
		query,
		params: {},
		rawBody,
		contentType,
		encoding: 'utf-8',
		ip: '127.0.0.1',
		ips: [],
		_body: true,
		readRawBody: async () => {},
		get: header,
		header,
	};
}

/** n8n's parseBody (packages/cli/src/middlewares/body-parser.ts); returns an error text on failure. */
export function parseBody(req: FakeRequest): string | undefined {
	if (req.rawBody.length === 0) return undefined;
	const text = req.rawBody.toString(req.encoding).replace(/^\uFEFF/, '');
	try {
		if (req.contentType === 'application/json') req.body = jsonParse(text);
		else if (req.contentType === 'application/x-www-form-urlencoded')
			req.body = parseQueryString(text, undefined, undefined, { maxKeys: 1000 });
		else if (req.contentType === 'text/plain') req.body = text;
	} catch (error) {
		return (error as Error).message;
	}
	return undefined;
}

/** Records what the node writes with the http / express response API. */
export class FakeResponse {
	statusCode = 200;
	headersSent = false;
	writableFinished = false;
	private readonly closeListeners: Array<() => void> = [];

	once(event: string, listener: () => void) {
		if (event === 'close') this.closeListeners.push(listener);
		return this;
	}
	/** The answer (`status`) was sent and the connection closed, as express's response emits 'close'. */
	close(status: number) {
		this.statusCode = status;
		this.writableFinished = true;
		for (const listener of this.closeListeners.splice(0)) listener();
	}
	private readonly headers: Record<string, string> = {};
	private readonly chunks: Buffer[] = [];

	setHeader(name: string, value: string | number | string[]) {
		this.headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
		return this;
	}
	getHeader(name: string) {
		return this.headers[name.toLowerCase()];
	}
	writeHead(status: number, headers?: Record<string, string | number | string[]>) {
		this.statusCode = status;
		for (const [name, value] of Object.entries(headers ?? {})) this.setHeader(name, value);
		this.headersSent = true;
		return this;
	}
	status(code: number) {
		this.statusCode = code;
		return this;
	}
	flushHeaders() {
		this.headersSent = true;
	}
	write(chunk: string | Buffer) {
		this.headersSent = true;
		this.chunks.push(Buffer.from(chunk));
		return true;
	}
	end(chunk?: string | Buffer) {
		if (chunk !== undefined) this.write(chunk);
		this.headersSent = true;
		return this;
	}
	json(body: unknown) {
		this.headers['content-type'] ??= 'application/json; charset=utf-8';
		return this.end(JSON.stringify(body));
	}
	send(body: unknown) {
		if (typeof body === 'string' || Buffer.isBuffer(body)) {
			this.headers['content-type'] ??= 'text/html; charset=utf-8';
			return this.end(body);
		}
		return this.json(body);
	}
	toResponse(): WebhookResponse {
		return makeResponse(this.statusCode, this.headers, Buffer.concat(this.chunks).toString('utf8'));
	}
}

function makeResponse(
	status: number,
	headers: Record<string, string>,
	text: string,
): WebhookResponse {
	let body: unknown = text === '' ? undefined : text;
	if (text !== '') {
		try {
			body = JSON.parse(text);
		} catch {
			// Plain text.
		}
	}
	return { status, headers, body, text };
}

function jsonResponse(status: number, body: unknown): WebhookResponse {
	return makeResponse(
		status,
		{ 'content-type': 'application/json; charset=utf-8' },
		JSON.stringify(body),
	);
}

/** How n8n's webhook request handler sends `{ data, responseCode }`: text as is, else JSON. */
function legacyResponse(status: number, data: unknown): WebhookResponse {
	if (typeof data === 'string')
		return makeResponse(status, { 'content-type': 'text/html; charset=utf-8' }, data);
	return data === undefined ? makeResponse(status, {}, '') : jsonResponse(status, data);
}
