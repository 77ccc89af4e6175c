/**
 * The setup node tests of a setting (guardrails, Do-Not-Call Numbers, …) share: a runner of one
 * action node with every provider account of the file's simulator, one that takes a setting group
 * first, and (re-exported) Webex Connect text-to-speech parameters.
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

/**
 * Takes the value of one parameter group (`guardrails`, `compliance`) first, for the tests of that
 * setting; other parameters go in `options.parameters`.
 */
export const groupRunner =
	(run: ReturnType<typeof nodeRunner>, group: string) =>
	(
		value: INodeParameters,
		items: IDataObject[],
		options: RunOptions & { parameters?: INodeParameters } = {},
	): Promise<NodeRunResult> =>
		run({ ...options.parameters, [group]: value }, items, options);
