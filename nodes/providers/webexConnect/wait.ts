import type { CallbackSupport } from '../../core/callback';
import type { MakeCall, MessagingV1Call } from './call';

/** Make Call (v2): receipts go to `notifyUrl`; a `sendAt` in the future delays the call. */
export const makeCallWait: CallbackSupport = {
	field: 'notifyUrl',
	withUrl: (input, url) => ({ ...input, notifyUrl: url }),
	window(call) {
		const { sendAt } = call as MakeCall;
		return { startsAt: sendAt === undefined ? undefined : new Date(sendAt) };
	},
};

/**
 * Messaging API v1: receipts go to `notifyurl`; until its `expiry` the platform may still deliver
 * the call (and reports "Message Expired" after it).
 */
export const messagingV1Wait: CallbackSupport = {
	field: 'notifyurl',
	withUrl: (input, url) => ({ ...input, notifyUrl: url }),
	window(call) {
		const { expiry } = call as MessagingV1Call;
		return { lastStartAt: expiry === undefined ? undefined : new Date(expiry) };
	},
};
