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

/** Requests in flight at once: at Twilio's default rate more would only wait for their turn. */
export const TWILIO_CONCURRENCY = 5;

/**
 * Send Voice Campaign through Twilio, in single-call mode: one request per recipient, at most
 * TWILIO_CONCURRENCY at once, started at the account's default calls per second. Each recipient
 * carries its own content, so the spoken text may differ per row.
 */
export const twilioCampaign: CallAdapter<TwilioCampaignCall> = {
	...twilioAdapterBase,
	concurrency: TWILIO_CONCURRENCY,
	callsPerSecond: TWILIO_CALLS_PER_SECOND,
	schema: campaignSchema,
	recipientSchema: campaignRecipient,
	buildRequest(call, credentials) {
		const [recipient] = call.recipients;
		return callRequest(callParameters(call, recipient.to, recipient.content), credentials);
	},
	parseResponse: readCall,
};
