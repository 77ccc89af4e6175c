/**
 * Runs nodes through n8n-core's real `WorkflowExecute`: real parameter/expression resolution,
 * real HTTP helpers (`OutboundHttp`), real `continueOnFail` / error handling, real static data.
 */
import { setupN8nCore, withLogCapture, type LogEntry } from './bootstrap';

import { ExecutionLifecycleHooks, ExternalSecretsProxy, WorkflowExecute } from 'n8n-core';
import {
	NodeHelpers,
	Workflow,
	type ExecutionError,
	type ICredentialDataDecryptedObject,
	type ICredentialType,
	type IConnections,
	type IDataObject,
	type IExecuteFunctions,
	type INode,
	type INodeExecutionData,
	type INodeParameters,
	type INodeType,
	type INodeTypes,
	type IRun,
	type IRunData,
	type IVersionedNodeType,
	type IWorkflowExecuteAdditionalData,
	type IWorkflowSettings,
	type WorkflowExecuteMode,
} from 'n8n-workflow';

import { CredentialStore, HarnessCredentialsHelper } from './credentials';

/** Type name of the harness's "Manual Trigger": a start node that emits the run's `items`. */
export const SOURCE_NODE_TYPE = 'harness.itemsSource';
export const SOURCE_NODE_NAME = 'Source';

import { name as PACKAGE_NAME } from '../../package.json';

export type AnyNodeType = INodeType | IVersionedNodeType;
/** Workflow JSON node; `id`, `typeVersion`, `position` and `parameters` may be omitted. */
export type WorkflowNode = Pick<INode, 'name' | 'type'> & Partial<INode>;
/** An input item: its json, or a whole item (recognised by an object-valued `json` key). */
export type InputItem = IDataObject | INodeExecutionData;

export interface RunWorkflowOptions {
	/** Node types by type name, e.g. `{ 'n8n-nodes-outbound-voice.makeVoiceCall': new MakeVoiceCall() }`. */
	nodeTypes?: Record<string, AnyNodeType>;
	nodes: WorkflowNode[];
	connections: IConnections;
	/** Emitted by every node of type SOURCE_NODE_TYPE. Plain objects become `{ json }`. Default `[{}]`. */
	items?: InputItem[];
	/** Node to start from; default the first SOURCE_NODE_TYPE node. */
	startNode?: string;
	/** A store (reuse it across runs) or `{ [credentialTypeName]: data }` for a fresh one. */
	credentials?: CredentialStore | Record<string, ICredentialDataDecryptedObject>;
	credentialTypes?: ICredentialType[];
	/** Workflow static data to start with; pass `result.staticData` to the next run to chain. */
	staticData?: IDataObject;
	settings?: IWorkflowSettings;
	mode?: WorkflowExecuteMode;
}

export interface WorkflowRunResult {
	run: IRun;
	runData: IRunData;
	/**
	 * The error that failed the execution. n8n stores errors in run data as plain objects, so
	 * this is the instance the node actually threw when there is one (`instanceof NodeApiError`
	 * works), else that stored object as an Error.
	 */
	error?: Error;
	/** The Error instance each node's `execute` threw, by node name (even if the run continued). */
	thrown: Record<string, Error>;
	/** Everything logged through n8n's Logger / LoggerProxy during this run. */
	logs: LogEntry[];
	/** Static data after the run (plain copy). */
	staticData: IDataObject;
	credentials: CredentialStore;
	/** Items a node emitted on one output (default output 0, first run). */
	output(nodeName: string, outputIndex?: number, runIndex?: number): INodeExecutionData[];
	/** What the run ran on, to resume a waiting execution (see waiting.ts). */
	workflow: Workflow;
	additionalData: IWorkflowExecuteAdditionalData;
	mode: WorkflowExecuteMode;
}

let executionCounter = 0;

export async function runWorkflow(options: RunWorkflowOptions): Promise<WorkflowRunResult> {
	setupN8nCore();
	const store =
		options.credentials instanceof CredentialStore
			? options.credentials
			: new CredentialStore(options.credentials);
	const items = (options.items ?? [{}]).map(toExecutionItem);
	const types: Record<string, AnyNodeType> = {
		...options.nodeTypes,
		[SOURCE_NODE_TYPE]: itemsSource(items),
	};
	const thrown: Record<string, Error> = {};
	const nodeTypes = nodeTypesOf(types, thrown);
	const nodes = options.nodes.map((node, index) => completeNode(node, index, types, store));

	const startName = options.startNode ?? nodes.find((n) => n.type === SOURCE_NODE_TYPE)?.name;
	if (!startName) throw new Error('runWorkflow: add a SOURCE_NODE_TYPE node or pass startNode');

	const workflow = new Workflow({
		id: 'harness-workflow',
		name: 'Harness workflow',
		nodes,
		connections: options.connections,
		active: false,
		nodeTypes,
		staticData: structuredClone(options.staticData ?? {}),
		settings: { executionOrder: 'v1', ...options.settings },
	});
	const startNode = workflow.getNode(startName);
	if (!startNode) throw new Error(`runWorkflow: no node named "${startName}"`);

	const mode = options.mode ?? 'manual';
	const executionId = String(++executionCounter);
	const additionalData = buildAdditionalData(
		new HarnessCredentialsHelper(store, options.credentialTypes),
		new ExecutionLifecycleHooks(mode, executionId, {
			id: workflow.id,
			name: workflow.name ?? '',
			active: false,
			isArchived: false,
			activeVersionId: null,
			createdAt: new Date(),
			updatedAt: new Date(),
			nodes,
			connections: options.connections,
		}),
		executionId,
	);

	const logs: LogEntry[] = [];
	const run = await withLogCapture(
		logs,
		async () => await new WorkflowExecute(additionalData, mode).run({ workflow, startNode }),
	);
	const runData = run.data.resultData.runData;
	return {
		run,
		runData,
		error: asError(run.data.resultData.error, thrown[run.data.resultData.lastNodeExecuted ?? '']),
		thrown,
		logs,
		staticData: plainStaticData(workflow.staticData),
		credentials: store,
		output: (nodeName, outputIndex = 0, runIndex = 0) =>
			runData[nodeName]?.[runIndex]?.data?.main?.[outputIndex] ?? [],
		workflow,
		additionalData,
		mode,
	};
}

export interface RunNodeOptions {
	node: AnyNodeType;
	/** Default `<package name>.<description.name>`, as n8n names community node types. */
	type?: string;
	typeVersion?: number;
	/** Node name in the workflow; default the description's default name. */
	name?: string;
	parameters?: INodeParameters;
	/** Input items (json, or full items with binary/pairedItem). Default `[{}]`. */
	items?: InputItem[];
	credentials?: CredentialStore | Record<string, ICredentialDataDecryptedObject>;
	credentialTypes?: ICredentialType[];
	/** Sets the node's "On Error" to "Continue" (what `this.continueOnFail()` reads). */
	continueOnFail?: boolean;
	staticData?: IDataObject;
	mode?: WorkflowExecuteMode;
	/** Workflow settings, e.g. `{ timezone: 'Europe/Berlin' }` (what `this.getTimezone()` reads). */
	settings?: IWorkflowSettings;
}

export interface NodeRunResult extends WorkflowRunResult {
	/** Output 0 of the node. */
	items: INodeExecutionData[];
	/** Every output of the node. */
	outputs: INodeExecutionData[][];
	/** The node's error if it failed (also set when the workflow failed before reaching it). */
	error?: Error;
}

/** Runs one node behind a source node: `Source → node`. */
export async function runNode(options: RunNodeOptions): Promise<NodeRunResult> {
	const { description } = NodeHelpers.getVersionedNodeType(options.node, options.typeVersion);
	const type = options.type ?? `${PACKAGE_NAME}.${description.name}`;
	const name = options.name ?? description.defaults.name ?? description.displayName;
	const result = await runWorkflow({
		nodeTypes: { [type]: options.node },
		nodes: [
			{ name: SOURCE_NODE_NAME, type: SOURCE_NODE_TYPE },
			{
				name,
				type,
				typeVersion: options.typeVersion,
				parameters: options.parameters ?? {},
				...(options.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
			},
		],
		connections: { [SOURCE_NODE_NAME]: { main: [[{ node: name, type: 'main', index: 0 }]] } },
		items: options.items,
		credentials: options.credentials,
		credentialTypes: options.credentialTypes,
		staticData: options.staticData,
		mode: options.mode,
		settings: options.settings,
	});
	const task = result.runData[name]?.[0];
	const outputs = (task?.data?.main ?? []).map((output) => output ?? []);
	const error = task?.error ? asError(task.error, result.thrown[name]) : result.error;
	return { ...result, items: outputs[0] ?? [], outputs, error };
}

/** The harness's start node: emits the run's items (like a Manual Trigger with pinned data). */
function itemsSource(items: INodeExecutionData[]): INodeType {
	return {
		description: {
			displayName: 'Harness Items Source',
			name: 'itemsSource',
			group: ['trigger'],
			version: 1,
			description: 'Emits the items given to the harness',
			defaults: { name: SOURCE_NODE_NAME },
			inputs: [],
			outputs: ['main'],
			properties: [],
		},
		// n8n calls `execute` with its own context as `this`, so the items live in the closure.
		execute: async () => [structuredClone(items)],
	};
}

function toExecutionItem(item: InputItem): INodeExecutionData {
	return isExecutionItem(item) ? structuredClone(item) : { json: structuredClone(item) };
}

function isExecutionItem(item: InputItem): item is INodeExecutionData {
	return typeof item.json === 'object' && item.json !== null && !Array.isArray(item.json);
}

/** Maps a stored (plain) error back to the instance the node threw, if it is the same one. */
function asError(stored: ExecutionError | undefined, thrownByNode: Error | undefined) {
	if (!stored) return undefined;
	if (thrownByNode?.message === stored.message) return thrownByNode;
	return Object.assign(new Error(stored.message), stored);
}

function nodeTypesOf(
	types: Record<string, AnyNodeType>,
	thrown: Record<string, Error>,
): INodeTypes {
	const getByName = (type: string) => {
		const nodeType = types[type];
		if (!nodeType) throw new Error(`Unknown node type "${type}" (pass it in nodeTypes)`);
		return nodeType;
	};
	const recording = new Map<INodeType, INodeType>();
	return {
		getByName,
		getByNameAndVersion: (type, version) => {
			const nodeType = NodeHelpers.getVersionedNodeType(getByName(type), version);
			if (!recording.has(nodeType)) recording.set(nodeType, recordThrown(nodeType, thrown));
			return recording.get(nodeType)!;
		},
		getKnownTypes: () => ({}),
	};
}

/**
 * The same node type, but `execute` notes what it throws: WorkflowExecute keeps only a plain
 * copy of errors, and tests want `instanceof NodeApiError` and the real fields.
 */
function recordThrown(nodeType: INodeType, thrown: Record<string, Error>): INodeType {
	const { execute } = nodeType;
	if (!execute) return nodeType;
	const wrapped = Object.create(nodeType) as INodeType;
	wrapped.execute = async function (this: IExecuteFunctions) {
		try {
			return await execute.call(this);
		} catch (error) {
			if (error instanceof Error) thrown[this.getNode().name] = error;
			throw error;
		}
	};
	return wrapped;
}

/** Fills what workflow JSON from the editor always has, and attaches stored credentials. */
function completeNode(
	node: WorkflowNode,
	index: number,
	types: Record<string, AnyNodeType>,
	store: CredentialStore,
): INode {
	const nodeType = types[node.type];
	const complete: INode = {
		id: `node-${index}`,
		position: [index * 220, 0],
		parameters: {},
		...node,
		typeVersion: node.typeVersion ?? (nodeType ? defaultVersion(nodeType) : 1),
	};
	if (!complete.credentials && nodeType) {
		// Like picking the credential in the editor: every declared type we have one for.
		const declared = NodeHelpers.getVersionedNodeType(nodeType, complete.typeVersion).description
			.credentials;
		for (const { name } of declared ?? []) {
			const ref = store.refFor(name);
			if (ref) complete.credentials = { ...(complete.credentials ?? {}), [name]: ref };
		}
	}
	return complete;
}

export function defaultVersion(nodeType: AnyNodeType): number {
	if ('nodeVersions' in nodeType) return nodeType.currentVersion;
	const { version } = nodeType.description;
	return Array.isArray(version) ? Math.max(...version) : version;
}

/** n8n wraps static data in an observable proxy; copy it out as plain JSON. */
export function plainStaticData(staticData: IDataObject): IDataObject {
	return JSON.parse(JSON.stringify(staticData)) as IDataObject;
}

/**
 * The cli builds this in `WorkflowExecuteAdditionalData.getBase()` (not exported by n8n-core),
 * so here are the fields n8n-core reads while running plain action nodes. The URLs must parse:
 * every node context builds `$execution.resumeUrl` from `webhookWaitingBaseUrl`.
 */
export function buildAdditionalData(
	credentialsHelper: HarnessCredentialsHelper,
	hooks: ExecutionLifecycleHooks,
	executionId: string,
): IWorkflowExecuteAdditionalData {
	const base = 'http://localhost:5678';
	const unsupported = (what: string) => async () => {
		throw new Error(`${what} is not supported in harness`);
	};
	return {
		credentialsHelper,
		hooks,
		executionId,
		currentNodeExecutionIndex: 0,
		restApiUrl: `${base}/rest`,
		instanceBaseUrl: `${base}/`,
		formBaseUrl: `${base}/form`,
		formWaitingBaseUrl: `${base}/form-waiting`,
		formTestBaseUrl: `${base}/form-test`,
		webhookBaseUrl: `${base}/webhook`,
		webhookWaitingBaseUrl: `${base}/webhook-waiting`,
		webhookTestBaseUrl: `${base}/webhook-test`,
		mcpBaseUrl: `${base}/mcp`,
		mcpTestBaseUrl: `${base}/mcp-test`,
		variables: {},
		externalSecretsProxy: new ExternalSecretsProxy(),
		logAiEvent: () => {},
		executeWorkflow: unsupported('executeWorkflow (sub-workflows)'),
		getRunExecutionData: unsupported('getRunExecutionData'),
		getRuntimeCredential: unsupported('getRuntimeCredential'),
		startRunnerTask: unsupported('startRunnerTask (Code node task runner)'),
	};
}
