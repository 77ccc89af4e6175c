/**
 * The Guardrails setting of Make Voice Call and Send Voice Campaign (the rules are n8n-free, in
 * core/guardrails.ts): which destinations the node may dial and how many calls one workflow
 * execution may place. The calls a node placed earlier in the same execution (a loop, an AI agent
 * calling the tool again) are counted in the node's execution context.
 */
import { NodeOperationError, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import {
	parseAllowedDestinations,
	readCallLimit,
	Reservation,
	RunGuard,
	toolGuardrailsRefusal,
} from '../core/guardrails';

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

/** Shown only in the tool variant (`@tool`): what it needs before it places any call. */
export const toolGuardrailsNotice: INodeProperties = {
	displayName:
		'As an AI agent’s tool this node places calls only when Guardrails → Allowed Destinations and Max Calls per Run are set here, as fixed values (not filled in by the model)',
	name: 'toolGuardrailsNotice',
	type: 'notice',
	default: '',
	displayOptions: { show: { '@tool': [true] } },
};

interface GuardrailSettings {
	allowedDestinations?: string;
	maxCallsPerRun?: number;
}

/** Where the node's execution context keeps the count of calls placed. */
const PLACED_KEY = 'guardrailCallsPlaced';

/** Whether the node runs as an AI agent's tool: n8n names a tool variant's type after the node, ending in "Tool". */
const isToolVariant = (context: IExecuteFunctions) => context.getNode().type.endsWith('Tool');

const settingError = (context: IExecuteFunctions, message: string) =>
	new NodeOperationError(context.getNode(), message, {
		description: 'Nobody was called. Correct the Guardrails setting.',
	});

/**
 * This run's guardrails; a setting that cannot be read is a NodeOperationError (nobody is
 * dialled), and so is a tool variant without guardrails fixed by the workflow owner.
 */
export function startRunGuard(context: IExecuteFunctions): RunGuard {
	const settings = context.getNodeParameter('guardrails', 0, {}) as GuardrailSettings;
	const destinations = parseAllowedDestinations(settings.allowedDestinations);
	if (!destinations.ok) throw settingError(context, destinations.message);
	const limit = readCallLimit(settings.maxCallsPerRun);
	if (!limit.ok) throw settingError(context, limit.message);
	if (isToolVariant(context)) {
		// The saved values, before expressions: one the model fills in ($fromAI) is no guardrail.
		const raw = context.getNode().parameters.guardrails;
		const refusal = toolGuardrailsRefusal(
			typeof raw === 'object' && raw !== null && !Array.isArray(raw)
				? (raw as { allowedDestinations?: unknown; maxCallsPerRun?: unknown })
				: {},
			destinations.rule,
			limit.max,
		);
		if (refusal !== null) throw settingError(context, refusal);
	}
	const nodeContext = context.getContext('node');
	// Every run of the node in this execution reads and writes this one count.
	return new RunGuard(destinations.rule, limit.max, {
		read: () => {
			const stored = nodeContext[PLACED_KEY];
			return typeof stored === 'number' ? stored : 0;
		},
		write: (count) => (nodeContext[PLACED_KEY] = count),
	});
}

/**
 * Reserves the run's planned calls (one entry per item or row) before its first request. Over
 * the limit the run is refused (nobody is dialled); with Continue On Fail it goes on with nothing
 * reserved, and each part is admitted on its own while the limit allows.
 */
export function reserveRun(
	context: IExecuteFunctions,
	guard: RunGuard,
	planned: readonly number[],
): { reservation: Reservation; refusal: string | null } {
	const taken = Reservation.take(guard, planned);
	if (typeof taken !== 'string') return { reservation: taken, refusal: null };
	if (!context.continueOnFail()) {
		throw new NodeOperationError(context.getNode(), taken, {
			description:
				'Raise Max Calls per Run in the node’s Guardrails if this many calls are intended.',
		});
	}
	return { reservation: Reservation.none(guard, planned.length), refusal: taken };
}
