import { isRecord } from '../../core/objects';
import type { CallbackSupport } from '../../core/callback';
import type { RouteeConversation } from './call';

/**
 * A conversation's receipts go to `callback.url`. The strategy chosen in the node's Callback
 * option is kept; without one, OnCompletion: Routee posts only the final status, which is all
 * the wait needs. `hangupDelay` is how long the phone rings.
 */
export const conversationWait: CallbackSupport = {
	field: 'callback.url',
	withUrl(input, url) {
		const strategy =
			isRecord(input.callback) && input.callback.strategy !== undefined
				? input.callback.strategy
				: 'OnCompletion';
		return { ...input, callback: { url, strategy } };
	},
	window(call) {
		const { hangupDelay } = call as RouteeConversation;
		return { ringSeconds: hangupDelay };
	},
};
