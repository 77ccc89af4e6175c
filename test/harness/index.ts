/** In-process n8n execution harness for jest: see run.ts (runWorkflow/runNode) and credentials.ts. */
export { logsToText, setupN8nCore, unscopedLogs, type LogEntry, type LogLevel } from './bootstrap';
export {
	CredentialStore,
	HarnessCredentialsHelper,
	type PreAuthenticationCall,
	type StoredCredential,
} from './credentials';
export {
	SOURCE_NODE_NAME,
	SOURCE_NODE_TYPE,
	runNode,
	runWorkflow,
	type AnyNodeType,
	type InputItem,
	type NodeRunResult,
	type RunNodeOptions,
	type RunWorkflowOptions,
	type WorkflowNode,
	type WorkflowRunResult,
} from './run';
export {
	runWebhook,
	runWebhookMethod,
	type RunWebhookOptions,
	type WebhookRequestInput,
	type WebhookResponse,
	type WebhookRunResult,
} from './webhook';
export { runAtOnce, type ConcurrentRun } from './concurrent';
export { CONNECTION_SUCCESSFUL, runCredentialTest, type CredentialTestRun } from './credentialTest';
