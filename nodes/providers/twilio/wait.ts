import type { CallbackSupport } from '../../core/callback';
import { DEFAULT_TIME_LIMIT, type TwilioCall } from './call';

/**
 * Call and Wait for Outcome: the resume URL is the call's `StatusCallback`, asked for the
 * `completed` event only (the one that ends the wait; with machine detection it carries
 * AnsweredBy). Asynchronous machine detection is not offered: its answer would go to another
 * callback. `Timeout` is how long the phone rings; `TimeLimit` (Twilio's default 4 hours) how long
 * the call may last once answered, so the automatic wait covers a conversation that long.
 */
export const twilioWait: CallbackSupport = {
	field: 'StatusCallback',
	withUrl: (input, url) => ({ ...input, statusCallback: url, statusCallbackEvents: ['completed'] }),
	window: (call) => ({
		ringSeconds: (call as TwilioCall).timeout,
		callSeconds: (call as TwilioCall).timeLimit ?? DEFAULT_TIME_LIMIT,
	}),
};
