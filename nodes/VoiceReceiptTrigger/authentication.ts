import {
	NodeOperationError,
	type DisplayCondition,
	type IHookFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import {
	AUTHENTICATION_OPTIONS,
	RECEIPT_CREDENTIAL,
	secretProblem,
	WITH_CREDENTIAL,
} from '../common/receiptAuthentication';

/**
 * The trigger's Authentication option, for the node versions `version` matches. n8n leaves a
 * parameter equal to its default out of saved workflows, so a new default needs a new version:
 * 1 keeps None, 1.1 defaults to Query Secret, which every provider can send (it is part of the URL).
 */
export const authenticationProperty = (
	defaultKind: string,
	version: number | DisplayCondition,
): INodeProperties => ({
	displayName: 'Authentication',
	name: 'authentication',
	type: 'options',
	noDataExpression: true,
	options: AUTHENTICATION_OPTIONS,
	default: defaultKind,
	displayOptions: { show: { '@version': [version] } },
	description:
		'How a request proves it comes from your provider. Requests that fail are answered 401 and start no run.',
});

/** Refuses to activate the trigger with a secret short enough to guess. */
export async function refuseWeakSecret(context: IHookFunctions): Promise<void> {
	const kind = context.getNodeParameter('authentication', 'none') as string;
	if (!WITH_CREDENTIAL.includes(kind)) return;
	const credential = await context.getCredentials<{ secret?: string }>(RECEIPT_CREDENTIAL);
	const problem = secretProblem(credential.secret);
	if (problem !== null) {
		throw new NodeOperationError(
			context.getNode(),
			`The Voice Receipt Webhook credential cannot protect this trigger: ${problem}.`,
			{ description: 'Receipts are refused until the credential has a strong secret.' },
		);
	}
}
