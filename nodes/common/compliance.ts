/**
 * The Compliance setting of Make Voice Call and Send Voice Campaign (the rules are n8n-free, in
 * core/callingWindow): numbers that are never dialled. Read once per run, from the first item,
 * and never from a value an AI model fills in.
 */
import { NodeOperationError, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import {
	ComplianceCheck,
	parseCallingWindow,
	readDoNotCallList,
	type CallingWindow,
} from '../core/callingWindow';
import { filledByModel } from '../core/guardrails';

export const complianceProperty: INodeProperties = {
	displayName: 'Compliance',
	name: 'compliance',
	type: 'collection',
	placeholder: 'Add Compliance Setting',
	default: {},
	description:
		'Whom the node must never call. Set by the workflow owner: a value filled in by an AI model ($fromAI) is refused.',
	options: [
		{
			displayName: 'Calling Window',
			name: 'callingWindow',
			type: 'string',
			default: '',
			placeholder: 'Mon-Fri 09:00-20:00; Sat 10:00-18:00',
			description:
				'Days and hours when a recipient may be called, in the recipient\'s own time zone, from the number. Rules separated by semicolons or new lines; an end before the start runs past midnight. A recipient outside the window is not dialled: its row is "outside-window" with the next opening. Empty: any time.',
		},
		{
			displayName: 'Do-Not-Call Numbers',
			name: 'doNotCall',
			type: 'string',
			default: '',
			placeholder: "={{ $('Opt-outs').all().map(item => item.json.phone) }}",
			description:
				'Numbers never dialled: a list from an expression, or numbers separated by commas or new lines. Read once per run, from the first item (n8n evaluates a field per item): use an expression that lists every number at once, like the placeholder\'s, which reads the phone column of every item of an earlier node. National numbers are read with Default Country. A listed recipient\'s row is "suppressed". An entry that cannot be read stops the run with its value.',
		},
	],
};

interface ComplianceSettings {
	callingWindow?: unknown;
	doNotCall?: unknown;
}

/** The run's clock: the time the Calling Window is checked at. Tests set it. */
export const runClock = { now: (): Date => new Date() };

/** Why nobody was called: the whole run is refused before the first request. */
const settingError = (context: IExecuteFunctions, message: string) =>
	new NodeOperationError(context.getNode(), message, {
		itemIndex: 0,
		description: 'Nobody was called. Correct the Compliance setting.',
	});

/**
 * This run's check: the Do-Not-Call list and Calling Window, read once from the first item (the
 * list normalised with its Default Country), at the run's start time. Throws a NodeOperationError
 * (nobody is dialled) when the model fills either in or either cannot be read.
 */
export function readCompliance(context: IExecuteFunctions): ComplianceCheck {
	const raw = context.getNode().parameters.compliance;
	const saved =
		typeof raw === 'object' && raw !== null && !Array.isArray(raw)
			? (raw as ComplianceSettings)
			: {};
	if (filledByModel(saved.doNotCall) || filledByModel(saved.callingWindow))
		throw settingError(
			context,
			'The Calling Window and Do-Not-Call Numbers are set by the workflow owner, not by the model: a value built with $fromAI() is refused. Nobody was called; do not retry.',
		);
	let settings: ComplianceSettings;
	try {
		settings = context.getNodeParameter('compliance', 0, {}) as ComplianceSettings;
	} catch (error) {
		throw settingError(
			context,
			`Do-Not-Call Numbers could not be read: ${error instanceof Error ? error.message : 'it failed'}`,
		);
	}
	const defaultCountry = context.getNodeParameter('defaultCountry', 0, '') as string;
	const list = readDoNotCallList(settings.doNotCall, defaultCountry || undefined);
	if (!list.ok) throw settingError(context, list.error.message);
	let window: CallingWindow | null = null;
	const windowOff =
		settings.callingWindow === undefined ||
		settings.callingWindow === null ||
		(typeof settings.callingWindow === 'string' && settings.callingWindow.trim() === '');
	if (!windowOff) {
		const read = parseCallingWindow(settings.callingWindow);
		if (!read.ok) throw settingError(context, read.error.message);
		window = read.value;
	}
	return new ComplianceCheck(list.value, window, runClock.now());
}
