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
import { PROVIDER_PATHS } from '../providers/lists';

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
				"Days and hours when a recipient's phone may ring, in the recipient's own time zone, from the number. Rules separated by semicolons or new lines; an end before the start runs past midnight. A send time you set (Send At, Scheduled Date, Task Start Time) is checked against it, never moved. Empty: any time.",
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
		{
			displayName: 'Outside the Window',
			name: 'outsideWindow',
			type: 'options',
			options: [
				{
					name: 'Skip',
					value: 'skip',
					description:
						'Do not dial: the row is "outside-window", with the next opening in nextOpening',
				},
				{
					name: 'Schedule',
					value: 'schedule',
					description:
						"Send the call for the window's next opening, one request per opening time. Only paths that take a send time can (Webex Connect Make Call, Routee campaigns, InnoPaaS up to 8 days ahead); elsewhere the run is refused.",
				},
			],
			default: 'skip',
			description: 'What happens to a recipient when the Calling Window is closed for them',
		},
	],
};

interface ComplianceSettings {
	callingWindow?: unknown;
	doNotCall?: unknown;
	outsideWindow?: unknown;
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
	if (
		filledByModel(saved.doNotCall) ||
		filledByModel(saved.callingWindow) ||
		filledByModel(saved.outsideWindow)
	)
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
	return new ComplianceCheck(
		list.value,
		window,
		runClock.now(),
		settings.outsideWindow === 'schedule' ? 'schedule' : 'skip',
	);
}

/** The paths whose adapter for `node` can schedule (it declares a send time), for messages. */
export const schedulingPaths = (node: 'call' | 'campaign'): string[] =>
	PROVIDER_PATHS.flatMap((path) => {
		const field = path[node].window?.sendTime?.field;
		return field === undefined ? [] : [`${path.name} (${field})`];
	});
