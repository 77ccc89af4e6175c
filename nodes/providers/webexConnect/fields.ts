import type {
	IDataObject,
	IExecuteFunctions,
	ILoadOptionsFunctions,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import { spokenTextProperty } from '../formParts';
import { splitNumbers } from '../../core/phone';
import { AZURE_LANGUAGE_OPTIONS, AZURE_REGION_OPTIONS, azureVoiceOptions } from './azureTts';
import { MAX_TTS_TEXT, REQUESTED_RECEIPTS } from './call';
import { PRIORITIES } from './common';

const onlyFor = (contentType: string) => ({ show: { contentType: [contentType] } });

/** `to`: one or several numbers of one item. */
export const toProperty: INodeProperties = {
	displayName: 'To',
	name: 'to',
	type: 'string',
	default: '',
	required: true,
	placeholder: '+442079460001, +442079460002',
	description:
		'The number(s) to call, in international format with the country code, or national numbers read in the default country. Separate several numbers with commas, or map an array from a previous node. Spaces, dashes, dots and brackets are ignored; a leading 00 counts as +.',
};

/** The item's `to` numbers, each with the item's correlation id. */
export function readRecipients(
	context: IExecuteFunctions,
	itemIndex: number,
	correlationId: unknown,
) {
	return splitNumbers(context.getNodeParameter('to', itemIndex)).map((to) => ({
		to,
		correlationId,
	}));
}

/** Fields both Webex Connect APIs take, named as Make Call names them. */
export const webexCommonOptions: INodeProperties[] = [
	{
		displayName: 'Callback Data',
		name: 'callbackData',
		type: 'string',
		default: '',
		description: 'Any text you want back in every receipt of this call, e.g. a CRM record ID',
	},
	{
		displayName: 'Correlation ID',
		name: 'correlationId',
		type: 'string',
		default: '',
		description:
			'Your own reference for this call, returned in the answer and in every receipt (at most 50 bytes). Use it to match receipts to your records.',
	},
	{
		displayName: 'Notify URL',
		name: 'notifyUrl',
		type: 'string',
		default: '',
		placeholder: 'https://n8n.example.com/webhook/…/voice-receipts',
		description:
			'Where Webex Connect posts the call receipts. Paste the production URL of a Voice Receipt Trigger to turn them into events.',
	},
	{
		displayName: 'Priority',
		name: 'priority',
		type: 'options',
		options: PRIORITIES.map((value) => ({ name: value[0].toUpperCase() + value.slice(1), value })),
		default: 'medium',
		description: 'Delivery priority among your account’s messages',
	},
];

/** Options of a whole campaign; the correlation id is per recipient instead. */
export const webexCampaignOptions = webexCommonOptions.filter(
	(option) => option.name !== 'correlationId',
);

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
			{
				name: 'Media Prompt',
				value: 'media',
				description: 'Play an audio prompt uploaded to Voice Media',
			},
		],
		default: 'TTS',
	},
	spokenTextProperty(MAX_TTS_TEXT, onlyFor('TTS')),
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
		type: 'options',
		options: AZURE_LANGUAGE_OPTIONS,
		default: 'en-US',
		required: true,
		displayOptions: onlyFor('TTS'),
		description:
			'Language and accent of the text (an Azure locale), e.g. English (United Kingdom) — en-GB. Type to search. Another Azure locale can be given with an expression.',
	},
	{
		displayName: 'Voice Name or ID',
		name: 'voice',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'azureVoices', loadOptionsDependsOn: ['language'] },
		default: 'JennyNeural',
		required: true,
		displayOptions: onlyFor('TTS'),
		description:
			'The Azure neural voice that reads the text, listed for the chosen language, e.g. JennyNeural (en-US) or SoniaNeural (en-GB). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
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
		description:
			'Gender of the chosen voice, as the Voice list shows it, e.g. Female for JennyNeural',
	},
	{
		displayName: 'Region',
		name: 'region',
		type: 'options',
		options: AZURE_REGION_OPTIONS,
		default: 'eastus',
		required: true,
		displayOptions: onlyFor('TTS'),
		description:
			'The Azure speech region that synthesises the voice, e.g. East US — eastus or UK South — uksouth; usually the one nearest the people called. Another region can be given with an expression.',
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

/** The Voice picker's options: the voices of the chosen Language (loadOptions method `azureVoices`). */
export async function azureVoices(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return azureVoiceOptions(this.getCurrentNodeParameter('language'));
}

export function readWebexContent(
	context: IExecuteFunctions,
	itemIndex: number,
): Record<string, unknown> {
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
		description:
			'Call events to receive at the notify URL. None chosen means the service’s defaults.',
	},
	{
		displayName: 'Send At',
		name: 'sendAt',
		type: 'dateTime',
		default: '',
		description:
			'Place the call later, at this time. Empty means now. A time without a zone is read in the workflow’s time zone.',
	},
];

export function readWebexMakeCallOptions(options: IDataObject) {
	const requested = options.requestedReceipts as string[] | undefined;
	return { requestedReceipts: requested?.length ? requested : undefined, sendAt: options.sendAt };
}

/** What the call runs: an IVR call flow or a media prompt (exactly one). */
export const imiconnectContentProperties: INodeProperties[] = [
	{
		displayName: 'Play',
		name: 'voiceContent',
		type: 'options',
		options: [
			{
				name: 'Call Flow',
				value: 'callflowid',
				description: 'Run an IVR flow built in the Flow Builder',
			},
			{
				name: 'Media Prompt',
				value: 'media',
				description: 'Play an audio file uploaded to Voice Media',
			},
		],
		default: 'callflowid',
	},
	{
		displayName: 'Call Flow ID',
		name: 'callflowid',
		type: 'string',
		default: '',
		required: true,
		displayOptions: { show: { voiceContent: ['callflowid'] } },
		description: 'ID of the voice flow created in the Flow Builder',
	},
	{
		displayName: 'Media',
		name: 'media',
		type: 'string',
		default: '',
		required: true,
		displayOptions: { show: { voiceContent: ['media'] } },
		description: 'Prompt ID of the audio file uploaded under Tools → Voice Media',
	},
];

export function readImiconnectContent(
	context: IExecuteFunctions,
	itemIndex: number,
): Record<string, unknown> {
	const voiceContent = context.getNodeParameter('voiceContent', itemIndex) as string;
	return { [voiceContent]: context.getNodeParameter(voiceContent, itemIndex) };
}

/** Messaging API options beyond those both Webex Connect APIs take. */
export const imiconnectOptions: INodeProperties[] = [
	{
		displayName: 'CLI',
		name: 'cli',
		type: 'string',
		default: '',
		placeholder: '+14155550100',
		description:
			'Caller Line ID shown to the person called; set up with your regional support team',
	},
	{
		displayName: 'Expiry',
		name: 'expiry',
		type: 'dateTime',
		default: '',
		description:
			'After this time the call is no longer placed. A time without a zone is read in the workflow’s time zone.',
	},
];
