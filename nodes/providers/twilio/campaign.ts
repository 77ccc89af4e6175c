import type { CallAdapter } from '../../core/adapter';
import {
	callParameters,
	callRequest,
	campaignRecipient,
	campaignSchema,
	readCall,
	twilioAdapterBase,
	TWILIO_CALLS_PER_SECOND,
	type TwilioCampaignCall,
} from './call';
import { CALLS_PER_SECOND_FIELD } from './common';

/**
 * Requests in flight at once. Each starts at its turn of the account's pace (the Pacer), so more
 * only help an account whose calls per second outruns the time Twilio takes to answer one.
 */
export const TWILIO_CONCURRENCY = 5;

/**
 * Send Voice Campaign through Twilio, in single-call mode: one request per recipient, at most
 * TWILIO_CONCURRENCY at once, started at the account's calls per second (the credential's Calls
 * per Second, Twilio's default 1 when empty). Each recipient carries its own content, so the
 * spoken text may differ per row.
 */
export const twilioCampaign: CallAdapter<TwilioCampaignCall> = {
	...twilioAdapterBase,
	concurrency: TWILIO_CONCURRENCY,
	callsPerSecond: TWILIO_CALLS_PER_SECOND,
	callsPerSecondField: CALLS_PER_SECOND_FIELD,
	schema: campaignSchema,
	recipientSchema: campaignRecipient,
	buildRequest(call, credentials) {
		const [recipient] = call.recipients;
		return callRequest(callParameters(call, recipient.to, recipient.content), credentials);
	},
	parseResponse: readCall,
};
