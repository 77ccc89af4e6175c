/**
 * The Guardrails setting of Make Voice Call and Send Voice Campaign (the rules are n8n-free, in
 * core/guardrails.ts): which destinations the node may dial and how many calls one workflow
 * execution may place. The calls a node placed earlier in the same execution (a loop, an AI agent
 * calling the tool again) are counted in the node's execution context.
 */
import { NodeOperationError, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { parseAllowedDestinations, readCallLimit, RunGuard } from '../core/guardrails';

export const guardrailsProperty: INodeProperties = {
	displayName: 'Guardrails',
	name: 'guardrails',
	type: 'collection',
	placeholder: 'Add Guardrail',
	default: {},
	description:
		'Limits for calls an AI agent or a large list could place. A call outside them is refused with the reason, and nobody is dialled for it.',
	options: [
		{
			displayName: 'Allowed Destinations',
			name: 'allowedDestinations',
			type: 'string',
			default: '',
			placeholder: 'GB, IE, +1800',
			description:
				'Country codes (ISO, such as GB or DE) and/or number prefixes starting with + (such as +44 or +1800), separated by commas. Only numbers in these countries or starting with these prefixes are dialled. Empty: any number.',
		},
		{
			displayName: 'Max Calls per Run',
			name: 'maxCallsPerRun',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 10,
			description:
				'The most numbers this node may call in one workflow execution, counting every run of the node in it (a loop, or an AI agent using the node as a tool several times). A run that would go over is refused before anyone is dialled. 0: no limit.',
		},
	],
};

interface GuardrailSettings {
	allowedDestinations?: string;
	maxCallsPerRun?: number;
}

/** Where the node's execution context keeps the count of calls placed. */
const PLACED_KEY = 'guardrailCallsPlaced';

/** This run's guardrails; a setting that cannot be read is a NodeOperationError (nobody is dialled). */
export function startRunGuard(context: IExecuteFunctions): RunGuard {
	const settings = context.getNodeParameter('guardrails', 0, {}) as GuardrailSettings;
	const destinations = parseAllowedDestinations(settings.allowedDestinations);
	if (!destinations.ok) {
		throw new NodeOperationError(context.getNode(), destinations.message, {
			description: 'Nobody was called. Correct the Guardrails setting.',
		});
	}
	const limit = readCallLimit(settings.maxCallsPerRun);
	if (!limit.ok)
		throw new NodeOperationError(context.getNode(), limit.message, {
			description: 'Nobody was called. Correct the Guardrails setting.',
		});
	const nodeContext = context.getContext('node');
	const stored = nodeContext[PLACED_KEY];
	// The count is kept for the node's next run in this execution, whatever becomes of this one.
	return new RunGuard(
		destinations.rule,
		limit.max,
		typeof stored === 'number' ? stored : 0,
		(placed) => (nodeContext[PLACED_KEY] = placed),
	);
}

/** Refuses the run up front when it would place more calls than allowed: nobody is dialled. */
export function refuseRunOverLimit(
	context: IExecuteFunctions,
	guard: RunGuard,
	planned: number,
): string | null {
	const refusal = guard.refuseRun(planned);
	if (refusal !== null && !context.continueOnFail()) {
		throw new NodeOperationError(context.getNode(), refusal, {
			description:
				'Raise Max Calls per Run in the node’s Guardrails if this many calls are intended.',
		});
	}
	return refusal;
}
