import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { MAX_TTS_TEXT, REQUESTED_RECEIPTS } from '../../shared/providers/webexConnect/makeCall';
import { readRecipients, toProperty, webexCommonOptions } from './shared';
import { forProviders, optionsCollection, type CallForm } from './types';

const PROVIDER = 'webexConnect';
const show = (property: Parameters<typeof forProviders>[1]) => forProviders([PROVIDER], property);
const onlyFor = (contentType: string) => ({ show: { contentType: [contentType] } });

/** The caller ID of a Make Call request. */
export const webexFromProperty: INodeProperties = {
	displayName: 'From',
	name: 'from',
	type: 'string',
	default: '',
	required: true,
	placeholder: '+14155550100',
	description:
		'Caller ID (CLI) the person sees: a voice-enabled number bought in your Webex Connect account, in international format',
};

/** What the call says: Azure text-to-speech or an uploaded media prompt. */
export const webexContentProperties: INodeProperties[] = [
	{
		displayName: 'Content Type',
		name: 'contentType',
		type: 'options',
		options: [
			{ name: 'Text to Speech', value: 'TTS', description: 'Say a text with an Azure voice' },
			{ name: 'Media Prompt', value: 'media', description: 'Play an audio prompt uploaded to Voice Media' },
		],
		default: 'TTS',
	},
	{
		displayName: 'Text',
		name: 'text',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		required: true,
		displayOptions: onlyFor('TTS'),
		description: `What the caller hears, at most ${MAX_TTS_TEXT.toLocaleString('en-US')} characters`,
	},
	{
		displayName: 'TTS Processor',
		name: 'ttsProcessor',
		type: 'options',
		options: [{ name: 'Azure', value: 'Azure' }],
		default: 'Azure',
		displayOptions: onlyFor('TTS'),
		description: 'The speech engine; Webex Connect supports only Azure',
	},
	{
		displayName: 'Language',
		name: 'language',
		type: 'string',
		default: 'en-US',
		required: true,
		displayOptions: onlyFor('TTS'),
		description: 'Azure language code of the text, e.g. en-US, en-GB, de-DE',
	},
	{
		displayName: 'Voice',
		name: 'voice',
		type: 'string',
		default: 'JennyNeural',
		required: true,
		displayOptions: onlyFor('TTS'),
		description: 'Azure voice name for the language, e.g. JennyNeural or GuyNeural',
	},
	{
		displayName: 'Voice Type',
		name: 'voiceType',
		type: 'options',
		options: [
			{ name: 'Neural', value: 'neural' },
			{ name: 'Standard', value: 'standard' },
		],
		default: 'neural',
		displayOptions: onlyFor('TTS'),
		description: 'Whether the voice is a neural or a standard Azure voice',
	},
	{
		displayName: 'Gender',
		name: 'gender',
		type: 'options',
		options: [
			{ name: 'Female', value: 'female' },
			{ name: 'Male', value: 'male' },
			{ name: 'Neutral', value: 'neutral' },
		],
		default: 'female',
		displayOptions: onlyFor('TTS'),
		description: 'Gender of the chosen voice',
	},
	{
		displayName: 'Region',
		name: 'region',
		type: 'string',
		default: 'eastus',
		required: true,
		displayOptions: onlyFor('TTS'),
		description: 'Azure speech region that synthesises the voice, e.g. eastus or westeurope',
	},
	{
		displayName: 'Media ID',
		name: 'mediaId',
		type: 'string',
		default: '',
		required: true,
		displayOptions: onlyFor('media'),
		description: 'ID of the prompt uploaded under Tools → Voice Media in Webex Connect',
	},
];

export function readWebexContent(context: IExecuteFunctions, itemIndex: number): Record<string, unknown> {
	const param = (name: string) => context.getNodeParameter(name, itemIndex);
	if (param('contentType') === 'media') return { type: 'media', mediaId: param('mediaId') };
	return {
		type: 'TTS',
		ttsProcessor: param('ttsProcessor'),
		language: param('language'),
		voice: param('voice'),
		region: param('region'),
		text: param('text'),
		voiceType: param('voiceType'),
		gender: param('gender'),
	};
}

/** Make Call options beyond those both Webex Connect APIs take. */
export const webexMakeCallOptions: INodeProperties[] = [
	{
		displayName: 'Requested Receipts',
		name: 'requestedReceipts',
		type: 'multiOptions',
		options: REQUESTED_RECEIPTS.map((value) => ({
			name: value.replace(/\b\w/g, (letter) => letter.toUpperCase()),
			value,
		})),
		default: [],
		description: 'Call events to receive at the notify URL. None chosen means the service’s defaults.',
	},
	{
		displayName: 'Send At',
		name: 'sendAt',
		type: 'dateTime',
		default: '',
		description: 'Place the call later, at this time. Empty means now.',
	},
];

export function readWebexMakeCallOptions(options: IDataObject) {
	const requested = options.requestedReceipts as string[] | undefined;
	return { requestedReceipts: requested?.length ? requested : undefined, sendAt: options.sendAt };
}

/** Webex Connect Make Call: text-to-speech through Azure, or a media prompt. */
export const webexConnectForm: CallForm = {
	provider: PROVIDER,
	name: 'Webex Connect (Make Call)',
	description: 'Text-to-speech or a media prompt through the Webex Connect Make Call API (v2)',
	properties: [
		show(webexFromProperty),
		show(toProperty),
		...webexContentProperties.map(show),
		show(optionsCollection([...webexCommonOptions, ...webexMakeCallOptions])),
	],

	read(context, itemIndex) {
		const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
		return {
			from: context.getNodeParameter('from', itemIndex),
			recipients: readRecipients(context, itemIndex, options.correlationId),
			priority: options.priority,
			callbackData: options.callbackData,
			notifyUrl: options.notifyUrl,
			...readWebexMakeCallOptions(options),
			content: readWebexContent(context, itemIndex),
		};
	},
};
