/** The n8n fields of Twilio's forms (both action nodes), and how an item's values are read. */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { GuardrailError, parseAllowedDestinations, readCallLimit } from '../../core/guardrails';
import {
	DEFAULT_TIME_LIMIT,
	MACHINE_DETECTION_TIMEOUT,
	MAX_RING_SECONDS,
	MAX_TIME_LIMIT,
	STATUS_CALLBACK_EVENTS,
} from './call';
import { TWILIO } from './common';
import { MAX_TWIML } from './twiml';

const onlyFor = (...content: string[]) => ({ show: { twilioContent: content } });

export const twilioFromProperty: INodeProperties = {
	displayName: 'From',
	name: 'from',
	type: 'string',
	default: '',
	required: true,
	placeholder: '+15005550006',
	description:
		'The caller ID the person sees: a phone number of your Twilio account, or a number you verified in Twilio as a caller ID, in international format (+ and the country code)',
};

/** What the person hears: the node writes the TwiML for Say and Play; the other two are yours. */
export const twilioContentProperties: INodeProperties[] = [
	{
		displayName: 'Content',
		name: 'twilioContent',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Say a Text', value: 'say', description: 'Twilio reads a text aloud' },
			{ name: 'Play an Audio File', value: 'play', description: 'Twilio plays an MP3 or WAV URL' },
			{
				name: 'Your Own TwiML',
				value: 'twiml',
				description:
					'TwiML you write. Not allowed with Guardrails or as an AI agent tool: TwiML can dial any number.',
			},
			{
				name: 'A TwiML URL',
				value: 'url',
				description:
					'Twilio fetches the TwiML from your URL. Not allowed with Guardrails or as an AI agent tool.',
			},
		],
		default: 'say',
		description: 'What the person hears when they answer',
	},
	{
		displayName: 'Text',
		name: 'text',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		required: true,
		displayOptions: onlyFor('say'),
		description: `What the person hears, read aloud by Twilio. The call's TwiML, this text included, may have at most ${MAX_TWIML.toLocaleString('en-US')} characters; an ampersand, a quote or an angle bracket counts 4 to 6 once escaped.`,
	},
	{
		displayName: 'Voice',
		name: 'voice',
		type: 'string',
		default: '',
		placeholder: 'Polly.Joanna',
		displayOptions: onlyFor('say'),
		description:
			'Optional. A Twilio voice such as alice, Polly.Joanna or Google.en-US-Standard-C; empty: Twilio’s default voice.',
	},
	{
		displayName: 'Language',
		name: 'language',
		type: 'string',
		default: '',
		placeholder: 'en-US',
		displayOptions: onlyFor('say'),
		description: 'Optional. The language of the text, such as en-US or de-DE.',
	},
	{
		displayName: 'Audio URL',
		name: 'audioUrl',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'https://example.com/message.mp3',
		displayOptions: onlyFor('play'),
		description: 'An http(s) URL of an MP3 or WAV file that Twilio can fetch',
	},
	{
		displayName: 'TwiML',
		name: 'twiml',
		type: 'string',
		typeOptions: { rows: 6 },
		default: '',
		required: true,
		placeholder: '<Response><Say>Hello</Say></Response>',
		displayOptions: onlyFor('twiml'),
		description: `Your call flow as a TwiML document, at most ${MAX_TWIML.toLocaleString('en-US')} characters. Sent as you wrote it: only use values you trust.`,
	},
	{
		displayName: 'TwiML URL',
		name: 'twimlUrl',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'https://example.com/call-flow.xml',
		displayOptions: onlyFor('url'),
		description: 'Twilio fetches the call flow (TwiML) from this URL when the person answers',
	},
];

/** The optional settings of a call, in the Options collection. */
export const twilioCallOptions: INodeProperties[] = [
	{
		displayName: 'Machine Detection',
		name: 'machineDetection',
		type: 'options',
		options: [
			{
				name: 'Detect (Enable)',
				value: 'Enable',
				description: 'Tell a person from an answering machine as soon as possible',
			},
			{
				name: 'Wait for the Beep (DetectMessageEnd)',
				value: 'DetectMessageEnd',
				description: 'On a machine, start the message after the greeting ends: for voicemail',
			},
		],
		default: 'Enable',
		description:
			'Whether Twilio checks who answered: the result (human, machine, fax, unknown) comes as answeredBy in the receipts and in Call and Wait’s outcome',
	},
	{
		displayName: 'Machine Detection Timeout (Seconds)',
		name: 'machineDetectionTimeout',
		type: 'number',
		typeOptions: { minValue: MACHINE_DETECTION_TIMEOUT[0], maxValue: MACHINE_DETECTION_TIMEOUT[1] },
		default: 30,
		description: `How long machine detection may listen, ${MACHINE_DETECTION_TIMEOUT[0]} to ${MACHINE_DETECTION_TIMEOUT[1]} seconds; after that answeredBy is unknown`,
	},
	{
		displayName: 'Record',
		name: 'record',
		type: 'boolean',
		default: false,
		description: 'Whether Twilio records the call (recordings are kept in your Twilio account)',
	},
	{
		displayName: 'Ring Time (Seconds)',
		name: 'timeout',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: MAX_RING_SECONDS },
		default: 60,
		description: `How long the phone rings before Twilio gives up (no-answer), 1 to ${MAX_RING_SECONDS} seconds (Twilio's Timeout)`,
	},
	{
		displayName: 'Send Digits',
		name: 'sendDigits',
		type: 'string',
		default: '',
		placeholder: 'ww1234#',
		description:
			'Keys to press once the call connects, e.g. an extension: 0-9, #, * and w (half a second’s pause). Not with Machine Detection.',
	},
	{
		displayName: 'Status Callback',
		name: 'statusCallback',
		type: 'string',
		default: '',
		placeholder: 'https://your-n8n.example.com/webhook/…/voice-receipts',
		description:
			'Where Twilio reports on the call: the Production URL of a Voice Receipt Trigger. Call and Wait for Outcome sets its own.',
	},
	{
		displayName: 'Status Callback Events',
		name: 'statusCallbackEvents',
		type: 'multiOptions',
		options: STATUS_CALLBACK_EVENTS.map((event) => ({ name: event, value: event })),
		default: ['completed'],
		description: 'Which moments of the call are reported to the Status Callback',
	},
	{
		displayName: 'Time Limit (Seconds)',
		name: 'timeLimit',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: MAX_TIME_LIMIT },
		default: DEFAULT_TIME_LIMIT,
		description: `The longest the call may last once answered, 1 to ${MAX_TIME_LIMIT.toLocaleString('en-US')} seconds; Twilio then hangs up. Without it Twilio allows 4 hours. Call and Wait for Outcome's automatic Limit Wait Time is the ring time plus this limit plus 10 minutes: a shorter limit ends the wait sooner when no status callback comes, a longer one lets a long conversation end as its real outcome instead of "timeout".`,
	},
];

/**
 * Own TwiML or a TwiML URL can `<Dial>` or `<Refer>` any number, past Allowed Destinations and
 * Max Calls per Run: refused while a guardrail is set, and always when an AI agent uses the node.
 */
export function refuseOwnCallFlow(context: IExecuteFunctions, content: string): void {
	if (content !== 'twiml' && content !== 'url') return;
	const what = content === 'twiml' ? 'Your own TwiML' : 'A TwiML URL';
	if (context.getNode().type.endsWith('Tool'))
		throw new GuardrailError(
			`${what} is not allowed when an AI agent uses this node: TwiML can dial any number. Use Say a Text or Play an Audio File.`,
		);
	if (guardrailsSet(context.getNodeParameter('guardrails', 0, {}) as IDataObject))
		throw new GuardrailError(
			`${what} is not allowed while Guardrails are set: TwiML can dial numbers no guardrail checks. Use Say a Text or Play an Audio File, or remove the Guardrails.`,
		);
}

/** Whether a guardrail is set: Allowed Destinations or Max Calls per Run (one that cannot be read counts). */
function guardrailsSet(settings: IDataObject): boolean {
	const destinations = parseAllowedDestinations(settings.allowedDestinations);
	const limit = readCallLimit(settings.maxCallsPerRun);
	return !destinations.ok || destinations.rule !== null || !limit.ok || limit.max !== null;
}

/** The chosen Content (the same for every item: it takes no expression). */
export const contentType = (context: IExecuteFunctions, itemIndex: number) =>
	context.getNodeParameter('twilioContent', itemIndex, 'say') as string;

/** The item's content, as the schema reads it. */
export function readTwilioContent(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const type = contentType(context, itemIndex);
	const value = (name: string) =>
		context.getNodeParameter(name, itemIndex, '') as IDataObject[string];
	switch (type) {
		case 'play':
			return { type, url: value('audioUrl') };
		case 'twiml':
			return { type, twiml: value('twiml') };
		case 'url':
			return { type, url: value('twimlUrl') };
		default:
			return {
				type,
				text: value('text'),
				voice: value('voice') || undefined,
				language: value('language') || undefined,
			} as IDataObject;
	}
}

/** The Options collection as the schema reads it; an unset option stays absent. */
export function readTwilioSettings(options: IDataObject): IDataObject {
	const events = options.statusCallbackEvents;
	return {
		statusCallback: options.statusCallback,
		statusCallbackEvents: Array.isArray(events) && events.length > 0 ? events : undefined,
		timeout: options.timeout,
		record: options.record,
		machineDetection: options.machineDetection || undefined,
		machineDetectionTimeout: options.machineDetectionTimeout,
		sendDigits: options.sendDigits,
		timeLimit: options.timeLimit,
	};
}

export const TWILIO_TO_DESCRIPTION = `The number to call, in international format with the country code, or a national number read in the default country. One number per item: ${TWILIO} places one call per request. SIP and Client addresses are not accepted.`;
