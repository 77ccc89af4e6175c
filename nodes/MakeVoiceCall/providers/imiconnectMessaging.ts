import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readRecipients, toProperty, webexCommonOptions } from './shared';
import { forProviders, optionsCollection, type CallForm } from './types';

const PROVIDER = 'imiconnectMessaging';
const show = (property: Parameters<typeof forProviders>[1]) => forProviders([PROVIDER], property);

/** What the call runs: an IVR call flow or a media prompt (exactly one). */
export const imiconnectContentProperties: INodeProperties[] = [
	{
		displayName: 'Play',
		name: 'voiceContent',
		type: 'options',
		options: [
			{ name: 'Call Flow', value: 'callflowid', description: 'Run an IVR flow built in the Flow Builder' },
			{ name: 'Media Prompt', value: 'media', description: 'Play an audio file uploaded to Voice Media' },
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

export function readImiconnectContent(context: IExecuteFunctions, itemIndex: number): Record<string, unknown> {
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
		description: 'Caller Line ID shown to the person called; set up with your regional support team',
	},
	{
		displayName: 'Expiry',
		name: 'expiry',
		type: 'dateTime',
		default: '',
		description: 'After this time the call is no longer placed',
	},
];

/** The legacy IMIconnect Messaging API v1: an IVR call flow or a media prompt. */
export const imiconnectMessagingForm: CallForm = {
	provider: PROVIDER,
	name: 'IMIconnect Messaging API (v1)',
	description: 'An IVR call flow or a media prompt through the legacy IMIconnect Messaging API',
	properties: [
		show(toProperty),
		...imiconnectContentProperties.map(show),
		show(optionsCollection([...webexCommonOptions, ...imiconnectOptions])),
	],

	read(context, itemIndex) {
		const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
		return {
			...readImiconnectContent(context, itemIndex),
			cli: options.cli,
			recipients: readRecipients(context, itemIndex, undefined),
			correlationId: options.correlationId,
			priority: options.priority,
			callbackData: options.callbackData,
			notifyUrl: options.notifyUrl,
			expiry: options.expiry,
		};
	},
};
