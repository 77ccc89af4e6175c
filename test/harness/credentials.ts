/**
 * In-memory credentials for the harness, and an `ICredentialsHelper` that behaves like the one
 * in n8n's cli (packages/cli/src/credentials-helper.ts) for the parts community nodes touch:
 * defaults applied on decrypt, generic + function `authenticate`, and `preAuthentication` with a
 * hidden `expirable` field whose refreshed value is written back to the store.
 */
import { getAdditionalKeys } from 'n8n-core';
import {
	ICredentialsHelper,
	NodeHelpers,
	isExpression,
	type ICredentialDataDecryptedObject,
	type ICredentialsExpressionResolveValues,
	type ICredentialType,
	type ICredentials,
	type IExecuteData,
	type IHttpRequestHelper,
	type IHttpRequestOptions,
	type INode,
	type INodeCredentialsDetails,
	type INodeParameters,
	type INodeProperties,
	type IRequestOptionsSimplified,
	type IWorkflowExecuteAdditionalData,
	type Workflow,
	type WorkflowExecuteMode,
} from 'n8n-workflow';

export interface StoredCredential {
	id: string;
	name: string;
	type: string;
	data: ICredentialDataDecryptedObject;
}

/** One call of a credential type's `preAuthentication` function. */
export interface PreAuthenticationCall {
	type: string;
	credentialId: string | null;
	/** true when n8n re-ran it after a 401 (or the configured retry status). */
	expired: boolean;
}

/**
 * The harness's "credentials table". Reuse one store across `runWorkflow` calls to see tokens
 * cached by `preAuthentication` in one execution being reused by the next.
 */
export class CredentialStore {
	readonly entries = new Map<string, StoredCredential>();
	readonly preAuthenticationCalls: PreAuthenticationCall[] = [];
	/** Every `updateCredentials` write, in order (a copy of the data written). */
	readonly updates: Array<{ id: string; type: string; data: ICredentialDataDecryptedObject }> = [];

	/** `initial` is keyed by credential type name; each entry's id and name default to that name. */
	constructor(initial: Record<string, ICredentialDataDecryptedObject> = {}) {
		for (const [type, data] of Object.entries(initial)) this.set(type, data);
	}

	set(type: string, data: ICredentialDataDecryptedObject, id = type, name = id): StoredCredential {
		const entry = { id, name, type, data: structuredClone(data) };
		this.entries.set(id, entry);
		return entry;
	}

	/** A copy of the stored (raw, undecorated) data, by credential id. */
	get(id: string): ICredentialDataDecryptedObject | undefined {
		const entry = this.entries.get(id);
		return entry && structuredClone(entry.data);
	}

	/** The first stored credential of a type, as a node's `credentials` reference. */
	refFor(type: string): INodeCredentialsDetails | undefined {
		for (const entry of this.entries.values()) {
			if (entry.type === type) return { id: entry.id, name: entry.name };
		}
		return undefined;
	}
}

const notSupported = (what: string) => new Error(`${what} is not supported in harness`);

export class HarnessCredentialsHelper extends ICredentialsHelper {
	private readonly types = new Map<string, ICredentialType>();

	constructor(
		readonly store: CredentialStore,
		credentialTypes: ICredentialType[] = [],
	) {
		super();
		for (const type of credentialTypes) this.types.set(type.name, type);
	}

	getType(name: string): ICredentialType {
		const type = this.types.get(name);
		if (!type) throw new Error(`Unknown credential type "${name}" (pass it in credentialTypes)`);
		return type;
	}

	getParentTypes(name: string): string[] {
		const parents = this.types.get(name)?.extends ?? [];
		return parents.flatMap((parent) => [parent, ...this.getParentTypes(parent)]);
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	getCredentialsProperties(type: string): INodeProperties[] {
		const own = this.getType(type);
		if (!own.extends) return own.properties;
		// Parents first, then the type's own properties take precedence (as in n8n).
		const merged: INodeProperties[] = [];
		for (const parent of own.extends) {
			NodeHelpers.mergeNodeProperties(merged, this.getCredentialsProperties(parent));
		}
		NodeHelpers.mergeNodeProperties(merged, own.properties);
		return merged;
	}

	/** Stored data + property defaults, with expressions resolved against the calling item. */
	async getDecrypted(
		additionalData: IWorkflowExecuteAdditionalData,
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		mode: WorkflowExecuteMode,
		executeData?: IExecuteData,
		raw?: boolean,
		expressionResolveValues?: ICredentialsExpressionResolveValues,
	): Promise<ICredentialDataDecryptedObject> {
		const entry = nodeCredentials.id ? this.store.entries.get(nodeCredentials.id) : undefined;
		if (!entry || entry.type !== type) {
			throw new Error(
				`Credential with ID "${nodeCredentials.id}" does not exist for type "${type}".`,
			);
		}
		const stored = structuredClone(entry.data);
		if (raw === true) return stored;

		// Like n8n: unknown keys are dropped, missing ones get the property default
		// (so an absent expirable token reads as '' and triggers preAuthentication).
		let data = NodeHelpers.getNodeParameters(
			this.getCredentialsProperties(type),
			stored as INodeParameters,
			true,
			false,
			null,
			null,
		) as ICredentialDataDecryptedObject;
		if (stored.oauthTokenData !== undefined) data.oauthTokenData = stored.oauthTokenData;

		if (expressionResolveValues) {
			const { workflow, runExecutionData, runIndex, itemIndex, node, connectionInputData } =
				expressionResolveValues;
			data = workflow.expression.getParameterValue(
				data as INodeParameters,
				runExecutionData,
				runIndex,
				itemIndex,
				node.name,
				connectionInputData,
				mode,
				getAdditionalKeys(additionalData, mode, null, { isCredential: true }),
				executeData,
				false,
				data,
			) as ICredentialDataDecryptedObject;
		}
		return data;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const { authenticate } = this.getType(typeName);
		if (typeof authenticate === 'function') {
			return await authenticate(credentials, requestOptions as IHttpRequestOptions);
		}
		if (authenticate?.type === 'generic') {
			if (!workflow || !node) {
				throw new Error('Workflow and node are required for declarative credential authentication');
			}
			// Each `properties.<headers|qs|body|auth>.<key>` is an n8n expression over $credentials.
			const resolve = (value: string) =>
				isExpression(value)
					? String(
							workflow.expression.getSimpleParameterValue(
								node,
								value,
								'internal',
								{ $credentials: credentials },
								undefined,
								'',
							) || '',
						)
					: value;
			requestOptions.headers ??= {};
			const target = requestOptions as unknown as Record<string, Record<string, unknown>>;
			for (const [outerKey, pairs] of Object.entries(authenticate.properties)) {
				for (const [key, value] of Object.entries(pairs as Record<string, string>)) {
					target[outerKey] ??= {};
					target[outerKey][resolve(key)] = resolve(value);
				}
			}
		}
		return requestOptions as IHttpRequestOptions;
	}

	/**
	 * n8n-core calls this before every authenticated request (credentialsExpired=false) and again
	 * after a 401 (true). The credential's own `preAuthentication` only runs when the hidden
	 * `expirable` field is empty or expired; its result is persisted and merged into `credentials`.
	 */
	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const type = this.getType(typeName);
		const expirable = type.properties.find(
			(property) => property.type === 'hidden' && property.typeOptions?.expirable === true,
		);
		if (!expirable || typeof type.preAuthentication !== 'function') return undefined;

		// n8n's credential-test node always re-authenticates.
		const isTestingCredentials =
			node?.parameters?.temp === '' && node?.type === 'n8n-nodes-base.noOp';
		if (!(credentials[expirable.name] === '' || credentialsExpired || isTestingCredentials)) {
			return undefined;
		}

		const ref = node.credentials?.[type.name];
		this.store.preAuthenticationCalls.push({
			type: type.name,
			credentialId: ref?.id ?? null,
			expired: credentialsExpired,
		});
		const output = await type.preAuthentication.call(onlyHttpRequest(helpers), credentials);

		// Without the expirable key in the output, n8n neither persists nor merges anything.
		if (output[expirable.name] === undefined || !ref) return undefined;

		// Persist onto the raw stored data, keeping fields the user stored as expressions.
		const stored = (ref.id && this.store.get(ref.id)) || {};
		const toPersist: ICredentialDataDecryptedObject = { ...stored };
		for (const [key, value] of Object.entries(output)) {
			if (key === expirable.name || !isExpression(stored[key])) {
				toPersist[key] = value as ICredentialDataDecryptedObject[string];
			}
		}
		await this.updateCredentials(ref, type.name, toPersist);
		return Object.assign(credentials, output);
	}

	/** Used by n8n-core's OAuth2 path: the hook without the expirable guard or persistence. */
	async runPreAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const { preAuthentication } = this.getType(typeName);
		if (typeof preAuthentication !== 'function') return undefined;
		return (await preAuthentication.call(onlyHttpRequest(helpers), credentials)) as
			| ICredentialDataDecryptedObject
			| undefined;
	}

	async updateCredentials(
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		const entry = nodeCredentials.id ? this.store.entries.get(nodeCredentials.id) : undefined;
		if (!entry || entry.type !== type) {
			throw new Error(
				`Credential with ID "${nodeCredentials.id}" does not exist for type "${type}".`,
			);
		}
		entry.data = structuredClone(data);
		this.store.updates.push({ id: entry.id, type, data: structuredClone(data) });
	}

	async updateCredentialsOauthTokenData(
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		const stored = (nodeCredentials.id && this.store.get(nodeCredentials.id)) || {};
		await this.updateCredentials(nodeCredentials, type, {
			...stored,
			oauthTokenData: data.oauthTokenData,
		});
	}

	async getCredentials(): Promise<ICredentials> {
		throw notSupported('getCredentials (encrypted credentials)');
	}
}

/** n8n hands a credential's preAuthentication only `helpers.httpRequest`, nothing else. */
function onlyHttpRequest(helpers: IHttpRequestHelper): IHttpRequestHelper {
	return {
		helpers: { httpRequest: async (options) => await helpers.helpers.httpRequest(options) },
	};
}
