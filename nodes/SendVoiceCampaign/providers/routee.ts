import type { IDataObject, INodeProperties } from 'n8n-workflow';

import {
	readRouteeCallback,
	readRouteeContent,
	routeeCallbackOption,
	routeeCallOptions,
	routeeContentProperties,
	routeeFromProperty,
} from '../../MakeVoiceCall/providers/routee';
import { forProviders, optionsCollection } from '../../MakeVoiceCall/providers/types';
import { splitNumbers } from '../../shared/phone';
import type { CampaignForm } from './types';

const PROVIDER = 'routee';
const show = (property: INodeProperties) => forProviders([PROVIDER], property);

const campaignOptions: INodeProperties[] = [
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
		description: 'IDs of Routee contacts to call as well, separated by commas (called once, with the first batch)',
	},
	{
		displayName: 'Groups',
		name: 'groups',
		type: 'string',
		default: '',
		placeholder: 'customers, vip',
		description: 'Names of Routee contact groups to call as well, separated by commas (called once, with the first batch)',
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
		description: 'Start the campaign at this time instead of now',
	},
];

/** Routee "Send a Voice Campaign": up to 1,000 numbers per campaign; larger lists become numbered campaigns. */
export const routeeCampaignForm: CampaignForm = {
	provider: PROVIDER,
	name: 'Routee',
	description: 'A Routee voice campaign: text-to-speech or a .wav file, with quiet hours, scheduling and DTMF',
	defaultConcurrency: 2,
	properties: [
		show(routeeFromProperty),
		show({
			displayName: 'Campaign Name',
			name: 'name',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'Delivery reminders',
			description:
				'2 to 30 characters: Latin letters, digits, spaces and "-". A list of more than 1,000 numbers becomes several campaigns named "… 1", "… 2".',
		}),
		...routeeContentProperties.map(show),
		show(optionsCollection(campaignOptions)),
	],

	read(context, itemIndex) {
		const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const { type, ...content } = readRouteeContent(context, itemIndex);
		return {
			from: context.getNodeParameter('from', itemIndex),
			name: context.getNodeParameter('name', itemIndex),
			...(type === 'PLAY' ? { fileURL: content.fileURL } : { message: content }),
			callback: readRouteeCallback(options, 'callback'),
			campaignCallback: readRouteeCallback(options, 'campaignCallback'),
			hangupDelay: options.hangupDelay,
			respectQuietHours: options.respectQuietHours,
			scheduledDate: options.scheduledDate || undefined,
			collectDtmfDigits: options.collectDtmfDigits,
			collectDtmfAwaitSeconds: options.collectDtmfDigits ? options.collectDtmfAwaitSeconds : undefined,
			contacts: splitNumbers(options.contacts),
			groups: splitNumbers(options.groups),
		};
	},
};
