/**
 * InnoPaaS and the Calling Window: a task can be scheduled up to 8 days ahead (`taskStartTime`,
 * with `taskEndTime` the latest it may start), and InnoPaaS redials on its own, by default once,
 * an hour later (seed 004; both redial policies default to true).
 */
import {
	DEFAULT_RING_MARGIN_MS,
	fieldInstant,
	type WindowSupport,
} from '../../core/callingWindow/support';
import { MAX_START_AHEAD_MS, MAX_TASK_SPAN_MS } from './common';
import type { InnoPaasBatch } from './schema';
import { COMPACT_TIME, toCompactLocal } from './time';

/** InnoPaaS redials once by default, an hour later (providers.md §4). */
export const DEFAULT_RECALLS = 1;
export const DEFAULT_RECALL_MINUTES = 60;

type Task = Pick<
	InnoPaasBatch,
	'maxRecallCount' | 'recallInterval' | 'noAnswer' | 'noConnected' | 'timeZone'
>;

/** From the first call to the last redial, in ms: none when both redial policies are off. */
export function redialSpanMs(task: Task): number {
	const redials = task.noAnswer !== false || task.noConnected !== false;
	return redials
		? (task.maxRecallCount ?? DEFAULT_RECALLS) *
				(task.recallInterval ?? DEFAULT_RECALL_MINUTES) *
				60_000
		: 0;
}

const SECOND = 1000;

/** Both InnoPaaS adapters' declarations (a single call and a batch share batch-notify). */
export function innoPaasWindow<Call extends Task>(): WindowSupport<Call> {
	return {
		ringMarginMs: DEFAULT_RING_MARGIN_MS,
		sendTime: {
			field: 'taskStartTime',
			maxAheadMs: MAX_START_AHEAD_MS,
			userTime(fields) {
				const start = fieldInstant(fields, 'taskStartTime', [COMPACT_TIME]);
				if (start === undefined) return null;
				const lastStart = fieldInstant(fields, 'taskEndTime', [COMPACT_TIME]);
				return { field: 'taskStartTime', start, ...(lastStart ? { lastStart } : {}) };
			},
			scheduled(call, start, latestStart) {
				const zone = call.timeZone ?? 'UTC';
				// Task times have whole seconds: start no earlier, end no later than asked.
				const from = Math.ceil(start.getTime() / SECOND) * SECOND;
				const until = Math.min(
					Math.floor(latestStart.getTime() / SECOND) * SECOND,
					from + MAX_TASK_SPAN_MS,
				);
				return {
					...call,
					sendType: 'scheduled',
					taskStartTime: toCompactLocal(new Date(from), zone),
					taskEndTime: toCompactLocal(new Date(Math.max(until, from + SECOND)), zone),
				};
			},
		},
		redials: {
			fields: 'Max Redials (maxRecallCount) and Redial Interval (recallInterval)',
			spanMs: redialSpanMs,
			setByUser: (call) => call.maxRecallCount !== undefined || call.recallInterval !== undefined,
			off: (call) => ({ ...call, maxRecallCount: 0 }),
		},
	};
}
