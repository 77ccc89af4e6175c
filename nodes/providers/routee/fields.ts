import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { spokenTextProperty } from '../formParts';
import {
	CALLBACK_STRATEGIES,
	MAX_ROUTEE_TEXT,
	MAX_SENDER_DIGITS,
	ROUTEE_LANGUAGES,
} from './common';

const onlyFor = (type: string) => ({ show: { type: [type] } });

const LANGUAGE_NAMES: Record<string, string> = {
	'en-US': 'English (US)',
	'en-GB': 'English (UK)',
	'de-DE': 'German',
	'fr-FR': 'French',
	'it-IT': 'Italian',
	'es-ES': 'Spanish (Spain)',
	'es-LA': 'Spanish (Latin America)',
	'pt-BR': 'Portuguese (Brazil)',
	'el-GR': 'Greek',
	'bg-BG': 'Bulgarian',
	'pl-PL': 'Polish',
	'hu-HU': 'Hungarian',
	'sv-SE': 'Swedish',
	'ru-RU': 'Russian',
};

/** The caller ID: Routee voice senders are numeric. */
export const routeeFromProperty: INodeProperties = {
	displayName: 'From',
	name: 'from',
	type: 'string',
	default: '',
	required: true,
	placeholder: '306912345678',
	description: `The caller ID the person sees: a number of digits only (at most ${MAX_SENDER_DIGITS}), usually one bought in your Routee account`,
};

/** What the call says: a text read aloud (SAY) or a .wav file (PLAY). */
export const routeeContentProperties: INodeProperties[] = [
	{
		displayName: 'Type',
		name: 'type',
		type: 'options',
		options: [
			{
				name: 'Say a Text',
				value: 'SAY',
				description: 'Routee reads a text aloud (text-to-speech)',
			},
			{
				name: 'Play a .Wav File',
				value: 'PLAY',
				description: 'Routee plays an audio file from a URL',
			},
		],
		default: 'SAY',
		description: 'What the person hears when they answer',
	},
	spokenTextProperty(MAX_ROUTEE_TEXT, onlyFor('SAY')),
	{
		displayName: 'Language',
		name: 'language',
		type: 'options',
		options: ROUTEE_LANGUAGES.map((value) => ({
			name: `${LANGUAGE_NAMES[value]} (${value})`,
			value,
		})),
		default: 'en-US',
		displayOptions: onlyFor('SAY'),
		description:
			'Language of the text, e.g. English (UK) (en-GB); Routee picks a voice of that language and the gender below',
	},
	{
		displayName: 'Gender',
		name: 'gender',
		type: 'options',
		options: [
			{ name: 'Female', value: 'female' },
			{ name: 'Male', value: 'male' },
		],
		default: 'female',
		displayOptions: onlyFor('SAY'),
		description: 'Whether a female or a male voice reads the text',
	},
	{
		displayName: 'File URL',
		name: 'fileURL',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'https://example.com/prompts/reminder.wav',
		displayOptions: onlyFor('PLAY'),
		description: 'Public http(s) URL of a .wav file that Routee downloads and plays',
	},
];

/** `{ type: 'SAY', text, language, gender }` or `{ type: 'PLAY', fileURL }`. */
export function readRouteeContent(
	context: IExecuteFunctions,
	itemIndex: number,
): Record<string, unknown> {
	const type = context.getNodeParameter('type', itemIndex) as string;
	const param = (name: string) => context.getNodeParameter(name, itemIndex);
	return type === 'PLAY'
		? { type, fileURL: param('fileURL') }
		: { type, text: param('text'), language: param('language'), gender: param('gender') };
}

/** A `callback` option: where and when Routee posts a message's progress. */
export function routeeCallbackOption(
	name: string,
	displayName: string,
	description: string,
): INodeProperties {
	return {
		displayName,
		name,
		type: 'fixedCollection',
		placeholder: `Add ${displayName}`,
		default: {},
		description,
		options: [
			{
				displayName,
				name: 'settings',
				values: [
					{
						displayName: 'URL',
						name: 'url',
						type: 'string',
						default: '',
						placeholder: 'https://n8n.example.com/webhook/…/voice-receipts',
						description:
							'Where Routee posts. Paste the production URL of a Voice Receipt Trigger to turn the posts into call events.',
					},
					{
						displayName: 'Strategy',
						name: 'strategy',
						type: 'options',
						options: CALLBACK_STRATEGIES.map((value) => ({
							name: value === 'OnChange' ? 'On Every Change' : 'On Completion',
							value,
							description:
								value === 'OnChange'
									? 'A post each time the status changes (queued, ringing, answered, …)'
									: 'One post when the call has ended',
						})),
						default: 'OnChange',
						description: 'When Routee posts',
					},
				],
			},
		],
	};
}

/** The `{ url, strategy }` of a callback option, if set. */
export const readRouteeCallback = (options: IDataObject, name: string): IDataObject | undefined =>
	(options[name] as IDataObject | undefined)?.settings as IDataObject | undefined;

/** Options a single call and a campaign share. */
export const routeeCallOptions: INodeProperties[] = [
	routeeCallbackOption(
		'callback',
		'Callback',
		'Where and when Routee posts the progress of each call',
	),
	{
		displayName: 'Hangup Delay (Seconds)',
		name: 'hangupDelay',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 30,
		description:
			'How long to let the phone ring before giving up. Without it, the network decides.',
	},
];

/** Options of a single call (a conversation) beyond those it shares with a campaign. */
export const routeeConversationOptions: INodeProperties[] = [
	...routeeCallOptions,
	{
		displayName: 'Collect Keypad Digits',
		name: 'collectDigits',
		type: 'boolean',
		default: false,
		description:
			'Whether to collect the keys the person presses after the message (a COLLECT verb). Call and Wait for Outcome outputs them as dtmfDigits.',
	},
	{
		displayName: 'Max Digits',
		name: 'maxDigits',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 30 },
		default: 1,
		displayOptions: { show: { collectDigits: [true] } },
		description: 'The most keys to collect',
	},
];

/** Options of a campaign beyond those of a single call. */
export const routeeCampaignOptions: INodeProperties[] = [
	...routeeCallOptions,
	routeeCallbackOption(
		'campaignCallback',
		'Campaign Callback',
		'Where and when Routee posts the progress of the campaign as a whole',
	),
	{
		displayName: 'Collect DTMF Digits',
		name: 'collectDtmfDigits',
		type: 'boolean',
		default: false,
		description: 'Whether to collect the keys the person presses at the end of the message',
	},
	{
		displayName: 'Collect DTMF Await (Seconds)',
		name: 'collectDtmfAwaitSeconds',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 5,
		displayOptions: { show: { collectDtmfDigits: [true] } },
		description: 'How long to wait for key presses after the message',
	},
	{
		displayName: 'Contacts',
		name: 'contacts',
		type: 'string',
		default: '',
		placeholder: '5a9e0b3c…, 5a9e0b3d…',
		description:
			'IDs of Routee contacts to call as well, separated by commas (called once, with the first batch)',
	},
	{
		displayName: 'Groups',
		name: 'groups',
		type: 'string',
		default: '',
		placeholder: 'customers, vip',
		description:
			'Names of Routee contact groups to call as well, separated by commas (called once, with the first batch)',
	},
	{
		displayName: 'Respect Quiet Hours',
		name: 'respectQuietHours',
		type: 'boolean',
		default: false,
		description: 'Whether Routee holds calls during the recipients’ local quiet hours',
	},
	{
		displayName: 'Scheduled Date',
		name: 'scheduledDate',
		type: 'dateTime',
		default: '',
		description:
			'Start the campaign at this time instead of now. A time without a zone is read in the workflow’s time zone.',
	},
];
