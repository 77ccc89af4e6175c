import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import {
	defaultCountryProperty,
	optionsCollection,
	readOptions,
	type CallForm,
	type CampaignForm,
} from '../formParts';
import {
	imiconnectContentProperties,
	imiconnectOptions,
	readImiconnectContent,
	readRecipients,
	readWebexContent,
	readWebexMakeCallOptions,
	toProperty,
	webexCampaignOptions,
	webexCommonOptions,
	webexContentProperties,
	webexFromProperty,
	webexMakeCallOptions,
} from './fields';

const MAKE_CALL = 'Text-to-speech or a media prompt through the Webex Connect Make Call API (v2)';
const MESSAGING_V1 =
	'An IVR call flow or a media prompt through the legacy IMIconnect Messaging API';

/** A Make Call request's fields but the numbers, as a single call and a campaign share them. */
function readMakeCall(context: IExecuteFunctions, itemIndex: number, options: IDataObject) {
	return {
		from: context.getNodeParameter('from', itemIndex),
		priority: options.priority,
		callbackData: options.callbackData,
		notifyUrl: options.notifyUrl,
		...readWebexMakeCallOptions(options),
		// A Send At without a zone (the date picker's) is wall-clock time in the workflow's zone.
		timeZone: context.getTimezone(),
		content: readWebexContent(context, itemIndex),
	};
}

/** A Messaging API v1 request's fields but the numbers. */
function readMessagingV1(context: IExecuteFunctions, itemIndex: number, options: IDataObject) {
	return {
		...readImiconnectContent(context, itemIndex),
		cli: options.cli,
		priority: options.priority,
		callbackData: options.callbackData,
		notifyUrl: options.notifyUrl,
		expiry: options.expiry,
		// An Expiry without a zone (the date picker's) is wall-clock time in the workflow's zone.
		timeZone: context.getTimezone(),
	};
}

/** Make Call: text-to-speech through Azure, or a media prompt, to the item's numbers. */
export const makeCallForm: CallForm = {
	description: MAKE_CALL,
	properties: [
		webexFromProperty,
		toProperty,
		defaultCountryProperty,
		...webexContentProperties,
		optionsCollection([...webexCommonOptions, ...webexMakeCallOptions]),
	],
	read(context, itemIndex) {
		const options = readOptions(context, itemIndex);
		return {
			...readMakeCall(context, itemIndex, options),
			recipients: readRecipients(context, itemIndex, options.correlationId),
		};
	},
};

/** Make Call with up to 1,000 numbers per request, each with its own correlation id. */
export const makeCallCampaignForm: CampaignForm = {
	description: MAKE_CALL,
	defaultConcurrency: 4,
	properties: [
		webexFromProperty,
		...webexContentProperties,
		optionsCollection([...webexCampaignOptions, ...webexMakeCallOptions]),
	],
	read: (context, itemIndex) => readMakeCall(context, itemIndex, readOptions(context, itemIndex)),
};

/** The legacy IMIconnect Messaging API v1: an IVR call flow or a media prompt. */
export const messagingV1Form: CallForm = {
	description: MESSAGING_V1,
	properties: [
		toProperty,
		defaultCountryProperty,
		...imiconnectContentProperties,
		optionsCollection([...webexCommonOptions, ...imiconnectOptions]),
	],
	read(context, itemIndex) {
		const options = readOptions(context, itemIndex);
		return {
			...readMessagingV1(context, itemIndex, options),
			recipients: readRecipients(context, itemIndex, undefined),
			correlationId: options.correlationId,
		};
	},
};

/** The Messaging API v1 with up to 1,000 destinations per request. */
export const messagingV1CampaignForm: CampaignForm = {
	description: MESSAGING_V1,
	defaultConcurrency: 4,
	properties: [
		...imiconnectContentProperties,
		optionsCollection([...webexCampaignOptions, ...imiconnectOptions]),
	],
	read: (context, itemIndex) =>
		readMessagingV1(context, itemIndex, readOptions(context, itemIndex)),
};
