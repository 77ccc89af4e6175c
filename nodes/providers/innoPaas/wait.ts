import type { CallbackSupport } from '../../core/callback';
import type { InnoPaasCall } from './schema';
import { MAX_BILL_URL } from './common';
import { innoPaasUtcIso } from './time';
import { redialSpanMs } from './window';

/**
 * The call record goes to `billUrl` (at most 250 characters) once the call and its redials have
 * ended. A scheduled task starts at `taskStartTime` and may start until `taskEndTime` (both
 * `yyyyMMddHHmmss` in the item's time zone); redialling adds `maxRecallCount` × `recallInterval`
 * minutes. Seed 004: both redial policies (`noAnswer`, `noConnected`) default to true, so InnoPaaS
 * redials unless the node turns both off or sets `maxRecallCount` to 0.
 */
export const notifyWait: CallbackSupport = {
	field: 'billUrl',
	maxUrlLength: MAX_BILL_URL,
	withUrl: (input, url) => ({ ...input, billUrl: url }),
	window(call) {
		const task = call as InnoPaasCall;
		const zone = task.timeZone ?? 'UTC';
		const instant = (compact: string | undefined) => {
			const iso = compact === undefined ? null : innoPaasUtcIso(compact, zone);
			return iso === null ? undefined : new Date(iso);
		};
		return {
			startsAt: instant(task.taskStartTime),
			lastStartAt: instant(task.taskEndTime),
			redialMs: redialSpanMs(task),
		};
	},
};
