import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { splitNumbers } from '../../shared/phone';
import {
	CALLBACK_STRATEGIES,
	MAX_ROUTEE_TEXT,
	MAX_SENDER_DIGITS,
	ROUTEE_LANGUAGES,
} from '../../shared/providers/routee/common';
import { forProviders, optionsCollection, type CallForm } from './types';

const PROVIDER = 'routee';
const show = (property: INodeProperties) => forProviders([PROVIDER], property);
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
			{ name: 'Say a Text', value: 'SAY', description: 'Routee reads a text aloud (text-to-speech)' },
			{ name: 'Play a .Wav File', value: 'PLAY', description: 'Routee plays an audio file from a URL' },
		],
		default: 'SAY',
		description: 'What the person hears when they answer',
	},
	{
		displayName: 'Text',
		name: 'text',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		required: true,
		displayOptions: onlyFor('SAY'),
		description: `What the person hears, at most ${MAX_ROUTEE_TEXT.toLocaleString('en-US')} characters`,
	},
	{
		displayName: 'Language',
		name: 'language',
		type: 'options',
		options: ROUTEE_LANGUAGES.map((value) => ({ name: `${LANGUAGE_NAMES[value]} (${value})`, value })),
		default: 'en-US',
		displayOptions: onlyFor('SAY'),
		description: 'Language of the text; it picks the voice',
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
export function readRouteeContent(context: IExecuteFunctions, itemIndex: number): Record<string, unknown> {
	const type = context.getNodeParameter('type', itemIndex) as string;
	const param = (name: string) => context.getNodeParameter(name, itemIndex);
	return type === 'PLAY'
		? { type, fileURL: param('fileURL') }
		: { type, text: param('text'), language: param('language'), gender: param('gender') };
}

/** A `callback` option: where and when Routee posts a message's progress. */
export function routeeCallbackOption(name: string, displayName: string, description: string): INodeProperties {
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
	routeeCallbackOption('callback', 'Callback', 'Where and when Routee posts the progress of each call'),
	{
		displayName: 'Hangup Delay (Seconds)',
		name: 'hangupDelay',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 30,
		description: 'How long to let the phone ring before giving up. Without it, the network decides.',
	},
];

/** Routee: one call per item through the voice conversation API, text-to-speech or a .wav file. */
export const routeeForm: CallForm = {
	provider: PROVIDER,
	name: 'Routee',
	description: 'Text-to-speech or a .wav file, one call per item, through the Routee voice API',
	properties: [
		show(routeeFromProperty),
		show({
			displayName: 'To',
			name: 'to',
			type: 'string',
			default: '',
			required: true,
			placeholder: '+306900000000',
			description:
				'The number to call, in international format with the country code. One number per item: Routee places one call per request.',
		}),
		...routeeContentProperties.map(show),
		show(optionsCollection(routeeCallOptions)),
	],

	read(context, itemIndex) {
		const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
		return {
			from: context.getNodeParameter('from', itemIndex),
			recipients: splitNumbers(context.getNodeParameter('to', itemIndex)).map((to) => ({ to })),
			content: readRouteeContent(context, itemIndex),
			callback: readRouteeCallback(options, 'callback'),
			hangupDelay: options.hangupDelay,
		};
	},
};
