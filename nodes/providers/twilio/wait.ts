import type { CallbackSupport } from '../../core/callback';
import type { TwilioCall } from './call';

/**
 * Call and Wait for Outcome: the resume URL is the call's `StatusCallback`, asked for the
 * `completed` event only (the one that ends the wait; with machine detection it carries
 * AnsweredBy). Asynchronous machine detection is not offered: its answer would go to another
 * callback. `Timeout` is how long the phone rings.
 */
export const twilioWait: CallbackSupport = {
	field: 'StatusCallback',
	withUrl: (input, url) => ({ ...input, statusCallback: url, statusCallbackEvents: ['completed'] }),
	window: (call) => ({ ringSeconds: (call as TwilioCall).timeout }),
};
