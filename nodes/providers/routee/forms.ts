import { splitNumbers } from '../../core/phone';
import {
	defaultCountryProperty,
	optionsCollection,
	readOptions,
	type CallForm,
	type CampaignForm,
} from '../formParts';
import {
	readRouteeCallback,
	readRouteeContent,
	routeeCampaignOptions,
	routeeContentProperties,
	routeeConversationOptions,
	routeeFromProperty,
} from './fields';

/** One call per item through the voice conversation API, text-to-speech or a .wav file. */
export const conversationForm: CallForm = {
	description: 'Text-to-speech or a .wav file, one call per item, through the Routee voice API',
	properties: [
		routeeFromProperty,
		{
			displayName: 'To',
			name: 'to',
			type: 'string',
			default: '',
			required: true,
			placeholder: '+306900000000',
			description:
				'The number to call, in international format with the country code, or a national number read in the default country. One number per item: Routee places one call per request.',
		},
		defaultCountryProperty,
		...routeeContentProperties,
		optionsCollection(routeeConversationOptions),
	],
	read(context, itemIndex) {
		const options = readOptions(context, itemIndex);
		return {
			from: context.getNodeParameter('from', itemIndex),
			recipients: splitNumbers(context.getNodeParameter('to', itemIndex)).map((to) => ({ to })),
			content: readRouteeContent(context, itemIndex),
			callback: readRouteeCallback(options, 'callback'),
			hangupDelay: options.hangupDelay,
			collect: options.collectDigits === true ? { maxDigits: options.maxDigits } : undefined,
		};
	},
};

/** "Send a Voice Campaign": up to 1,000 numbers per campaign; larger lists become numbered campaigns. */
export const campaignForm: CampaignForm = {
	description:
		'A Routee voice campaign: text-to-speech or a .wav file, with quiet hours, scheduling and DTMF',
	defaultConcurrency: 2,
	properties: [
		routeeFromProperty,
		{
			displayName: 'Campaign Name',
			name: 'name',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'Delivery reminders',
			description:
				'2 to 30 characters: Latin letters, digits, spaces and "-". A list of more than 1,000 numbers becomes several campaigns named "… 1", "… 2".',
		},
		...routeeContentProperties,
		optionsCollection(routeeCampaignOptions),
	],
	read(context, itemIndex) {
		const options = readOptions(context, itemIndex);
		const { type, ...content } = readRouteeContent(context, itemIndex);
		return {
			from: context.getNodeParameter('from', itemIndex),
			campaignName: context.getNodeParameter('name', itemIndex),
			...(type === 'PLAY' ? { fileURL: content.fileURL } : { message: content }),
			callback: readRouteeCallback(options, 'callback'),
			campaignCallback: readRouteeCallback(options, 'campaignCallback'),
			hangupDelay: options.hangupDelay,
			respectQuietHours: options.respectQuietHours,
			scheduledDate: options.scheduledDate || undefined,
			// A Scheduled Date without a zone (the date picker's) is wall-clock time in the workflow's zone.
			timeZone: context.getTimezone(),
			collectDtmfDigits: options.collectDtmfDigits,
			collectDtmfAwaitSeconds: options.collectDtmfDigits
				? options.collectDtmfAwaitSeconds
				: undefined,
			contacts: splitNumbers(options.contacts),
			groups: splitNumbers(options.groups),
		};
	},
	unlistedAudience(campaign) {
		const count = (list: unknown, one: string, many: string) => {
			const size = Array.isArray(list) ? list.length : 0;
			return size === 0 ? [] : [`${size} ${size === 1 ? one : many}`];
		};
		const audience = [
			...count(campaign.contacts, 'Routee contact', 'Routee contacts'),
			...count(campaign.groups, 'Routee group', 'Routee groups'),
		];
		return audience.length === 0 ? null : audience.join(' and ');
	},
};
