/**
 * The setup node tests of a setting (guardrails, Do-Not-Call Numbers, …) share: a runner of one
 * action node with every provider account of the file's simulator, and (re-exported) Webex
 * Connect text-to-speech parameters.
 */
import type {
	IDataObject,
	INodeParameters,
	INodeType,
	IVersionedNodeType,
	WorkflowExecuteMode,
} from 'n8n-workflow';

import { VoiceReceiptWebhookApi } from '../../credentials/VoiceReceiptWebhookApi.credentials';
import { runNode, type NodeRunResult } from '../harness';
import type { ProviderAccounts } from './providerAccounts';

export { webexTts } from './webexTts';

export interface RunOptions {
	continueOnFail?: boolean;
	/** The node type, e.g. its Tool variant's. */
	type?: string;
	mode?: WorkflowExecuteMode;
}

/**
 * Runs `node` with `base` parameters under the ones each call gives, and the credentials of every
 * provider account; with `receiptSecret`, also a Voice Receipt Webhook credential (Call and Wait
 * for Outcome needs one).
 */
export function nodeRunner(
	node: () => INodeType | IVersionedNodeType,
	accounts: ProviderAccounts,
	base: INodeParameters,
	{ receiptSecret }: { receiptSecret?: string } = {},
) {
	return (
		parameters: INodeParameters,
		items: IDataObject[],
		{ continueOnFail, type, mode }: RunOptions = {},
	): Promise<NodeRunResult> =>
		runNode({
			node: node(),
			type,
			parameters: { ...base, ...parameters },
			items,
			credentials: {
				...accounts.credentials(),
				...(receiptSecret ? { voiceReceiptWebhookApi: { secret: receiptSecret } } : {}),
			},
			credentialTypes: [
				...accounts.credentialTypes(),
				...(receiptSecret ? [new VoiceReceiptWebhookApi()] : []),
			],
			continueOnFail,
			mode,
		});
}
