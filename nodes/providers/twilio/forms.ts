import { splitNumbers } from '../../core/phone';
import {
	defaultCountryProperty,
	optionsCollection,
	readOptions,
	type CallForm,
	type CampaignForm,
} from '../formParts';
import {
	contentType,
	readTwilioContent,
	readTwilioSettings,
	refuseOwnCallFlow,
	twilioCallOptions,
	twilioContentProperties,
	twilioFromProperty,
	TWILIO_TO_DESCRIPTION,
} from './fields';

/** One call per item: Say, Play, your own TwiML or a TwiML URL, with machine detection. */
export const twilioCallForm: CallForm = {
	description: 'A call per item through Twilio Programmable Voice: text-to-speech, audio or TwiML',
	properties: [
		twilioFromProperty,
		{
			displayName: 'To',
			name: 'to',
			type: 'string',
			default: '',
			required: true,
			placeholder: '+14155550100',
			description: TWILIO_TO_DESCRIPTION,
		},
		defaultCountryProperty,
		...twilioContentProperties,
		optionsCollection(twilioCallOptions),
	],
	read(context, itemIndex) {
		refuseOwnCallFlow(context, contentType(context, itemIndex));
		return {
			from: context.getNodeParameter('from', itemIndex),
			recipients: splitNumbers(context.getNodeParameter('to', itemIndex)).map((to) => ({ to })),
			content: readTwilioContent(context, itemIndex),
			...readTwilioSettings(readOptions(context, itemIndex)),
		};
	},
};

/**
 * One Twilio call per recipient, paced. The content (the text, its voice) is read for each row,
 * so an expression such as {{ $json.name }} personalises every call.
 */
export const twilioCampaignForm: CampaignForm = {
	description: 'One Twilio call per recipient, paced to your account’s calls per second',
	defaultConcurrency: 2,
	properties: [
		twilioFromProperty,
		...twilioContentProperties,
		optionsCollection(twilioCallOptions),
	],
	read(context, itemIndex) {
		// Checked once for the campaign: the content type is the same for every row.
		refuseOwnCallFlow(context, contentType(context, itemIndex));
		return {
			from: context.getNodeParameter('from', itemIndex),
			...readTwilioSettings(readOptions(context, itemIndex)),
		};
	},
	readRecipient: (context, itemIndex) => ({ content: readTwilioContent(context, itemIndex) }),
};
