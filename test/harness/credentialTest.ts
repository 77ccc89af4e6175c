/**
 * A credential type's declarative `test`, run the way n8n's credential tester runs it
 * (packages/cli/src/services/credentials-tester.service.ts, `runRequestTest`, alike in n8n 1.123
 * and 2.41): the request becomes the routing of the one property of a temporary
 * `n8n-nodes-base.noOp` node, n8n-core's RoutingNode sends it through
 * `httpRequestWithAuthentication` (so the credential's `preAuthentication` and `authenticate`
 * apply), and then the rules are read:
 * - the request threw with an HTTP answer: a `responseCode` rule with that status gives its
 *   message, any other status outside 2xx fails with the status text;
 * - it threw without one: the error's `cause.code` (ECONNREFUSED…), else its message;
 * - it answered: the first `responseSuccessBody` rule whose `key` (read with lodash's `get`)
 *   holds exactly `value` fails with its message; otherwise the test passes.
 * The end-to-end suite checks the same credentials through a real n8n's "Test" button.
 */
import { ExecutionLifecycleHooks, ExecuteContext, RoutingNode } from 'n8n-core';
import {
	createEmptyRunExecutionData,
	NodeHelpers,
	Workflow,
	type ICredentialDataDecryptedObject,
	type ICredentialType,
	type IDataObject,
	type INode,
	type INodeCredentialTestResult,
	type INodeParameters,
	type INodeType,
	type INodeTypes,
} from 'n8n-workflow';

import { setupN8nCore, withLogCapture, type LogEntry } from './bootstrap';
import { CredentialStore, HarnessCredentialsHelper } from './credentials';
import { buildAdditionalData } from './run';

/** What n8n answers when a test passes. */
export const CONNECTION_SUCCESSFUL = 'Connection successful!';

/** n8n reads a rule's key with lodash's `get` (the lodash n8n-workflow depends on). */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const get = require('lodash/get') as (value: unknown, path: string) => unknown;

/** The temporary node n8n builds around a credential's test request. */
function testNode(credential: ICredentialType): INodeType {
	return {
		description: {
			displayName: 'No Operation, do nothing',
			name: 'n8n-nodes-base.noOp',
			group: ['organization'],
			version: 1,
			description: 'Temporary node of the credential tester',
			defaults: { name: 'Temp-Node' },
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: credential.name, required: true }],
			properties: [
				{
					displayName: 'Temp',
					name: 'temp',
					type: 'string',
					default: '',
					routing: { request: credential.test!.request },
				},
			],
		},
	};
}

interface ThrownByRequest {
	message: string;
	cause?: { response?: { status: number; statusText?: string }; code?: string };
}

export interface CredentialTestRun {
	result: INodeCredentialTestResult;
	/** What n8n logged meanwhile. */
	logs: LogEntry[];
}

/** Tests `data` as an unsaved credential of type `credential`, as the editor's "Test" button does. */
export async function runCredentialTest(
	credential: ICredentialType,
	data: ICredentialDataDecryptedObject,
	store = new CredentialStore(),
): Promise<CredentialTestRun> {
	if (!credential.test) throw new Error(`${credential.name} has no declarative test`);
	setupN8nCore();
	const nodeType = testNode(credential);
	const node: INode = {
		id: 'temp',
		name: 'Temp-Node',
		type: nodeType.description.name,
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		credentials: { [credential.name]: { id: null, name: 'unsaved' } },
	};
	const nodeTypes: INodeTypes = {
		getByName: () => nodeType,
		getByNameAndVersion: () => nodeType,
		getKnownTypes: () => ({}),
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	const helper = new HarnessCredentialsHelper(store, [credential]);
	const additionalData = buildAdditionalData(
		helper,
		new ExecutionLifecycleHooks('internal', 'credential-test', {} as never),
		'credential-test',
	);
	// n8n applies the properties' defaults before testing (applyDefaultsAndOverwrites).
	const decrypted = NodeHelpers.getNodeParameters(
		credential.properties,
		data as INodeParameters,
		true,
		false,
		null,
		null,
	) as ICredentialDataDecryptedObject;
	const context = new ExecuteContext(
		workflow,
		workflow.getNode(node.name)!,
		additionalData,
		'internal',
		createEmptyRunExecutionData(),
		0,
		[],
		{ main: [[{ json: {} }]] },
		{ node, data: {}, source: null },
		[],
	);
	const routingNode = new RoutingNode(context, nodeType, {
		id: '',
		name: 'unsaved',
		type: credential.name,
		data: decrypted,
	});
	const rules = (credential.test.rules ?? []) as Array<{ type: string; properties: IDataObject }>;
	const logs: LogEntry[] = [];
	let response: Awaited<ReturnType<RoutingNode['runNode']>>;
	try {
		response = await withLogCapture(logs, async () => await routingNode.runNode());
	} catch (thrown) {
		const error = thrown as ThrownByRequest;
		const answer = error.cause?.response;
		if (answer) {
			const rule = rules.find(
				(candidate) =>
					candidate.type === 'responseCode' && candidate.properties.value === answer.status,
			);
			if (rule)
				return { logs, result: { status: 'Error', message: String(rule.properties.message) } };
			if (answer.status < 199 || answer.status > 299) {
				return {
					logs,
					result: {
						status: 'Error',
						message: answer.statusText || `Received HTTP status code: ${answer.status}`,
					},
				};
			}
		} else if (error.cause?.code) {
			return { logs, result: { status: 'Error', message: error.cause.code } };
		}
		return { logs, result: { status: 'Error', message: String(error.message) } };
	}
	const body = response?.[0]?.[0]?.json as unknown;
	for (const rule of rules) {
		if (
			rule.type === 'responseSuccessBody' &&
			get(body, String(rule.properties.key)) === rule.properties.value
		) {
			return { logs, result: { status: 'Error', message: String(rule.properties.message) } };
		}
	}
	return { logs, result: { status: 'OK', message: CONNECTION_SUCCESSFUL } };
}
