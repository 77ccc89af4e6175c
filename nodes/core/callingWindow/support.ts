/**
 * What a provider path declares about the Calling Window (its adapter's `window`): how long after
 * its request a phone may still ring, whether it takes a send time (and so can Schedule), and
 * whether the provider redials. The nodes read these declarations; they never list path ids.
 */
import { readTime } from '../time';

/** A path that declares nothing: a minute for the provider's queue before the phone rings. */
export const DEFAULT_RING_MARGIN_MS = 60_000;

/** A send time the user set: when the provider starts, and (a task window) the latest it may start. */
export interface UserSendTime {
	field: string;
	start: Date;
	lastStart?: Date;
}

/** Where a path takes a send time: with one, Outside the Window can Schedule. */
export interface SendTimeSupport<Call> {
	/** The request's field, as the user knows it (sendAt, scheduledDate, taskStartTime). */
	field: string;
	/** How far ahead the provider schedules (InnoPaaS: 8 days); absent: no documented limit. */
	maxAheadMs?: number;
	/**
	 * The send time a request's fields carry (as the form reads them, or validated), or null when
	 * none; a value that cannot be read is left to the adapter's schema, which refuses it.
	 */
	userTime(fields: Record<string, unknown>): UserSendTime | null;
	/** The validated call sent for `start`, to start no later than `latestStart`. */
	scheduled(call: Call, start: Date, latestStart: Date): Call;
}

/** A provider that rings again later on its own (InnoPaaS: once, an hour later, by default). */
export interface RedialSupport<Call> {
	/** Its fields as the user knows them, for messages. */
	fields: string;
	/** From the first ring to the last redial's, in ms (0: no redial). */
	spanMs(call: Call): number;
	/** Whether the user set the redials: then they are never changed, and refused when they ring late. */
	setByUser(call: Call): boolean;
	/** The call with redialling off. */
	off(call: Call): Call;
}

/** A path's declarations (CallAdapter.window); a path without them cannot schedule. */
export interface WindowSupport<Call> {
	/** After its request (or scheduled start), how long until the phone may ring at the latest. */
	ringMarginMs: number;
	sendTime?: SendTimeSupport<Call>;
	redials?: RedialSupport<Call>;
}

/** The adapter's declarations, or those of a path that declares nothing. */
export const windowSupportOf = <Call>(adapter: {
	window?: WindowSupport<Call>;
}): WindowSupport<Call> => adapter.window ?? { ringMarginMs: DEFAULT_RING_MARGIN_MS };

const given = (value: unknown): boolean =>
	value !== undefined && value !== null && !(typeof value === 'string' && value.trim() === '');

/**
 * An instant from a request's field, read like the adapters read it (a zone-less time in the
 * request's `timeZone`, UTC by default); undefined when absent or unreadable.
 */
export function fieldInstant(
	fields: Record<string, unknown>,
	name: string,
	shapes?: readonly RegExp[],
): Date | undefined {
	const value = fields[name];
	if (!given(value)) return undefined;
	const zone = typeof fields.timeZone === 'string' ? fields.timeZone : 'UTC';
	const reading = readTime(value, zone, shapes);
	return reading.ok ? new Date(reading.ms) : undefined;
}

/**
 * The send time of a path whose one field takes an ISO date-time (Webex Connect `sendAt`, Routee
 * `scheduledDate`): the validated call holds it as ISO 8601 in UTC.
 */
export function isoSendTime<Call extends object>(
	field: string & keyof Call,
): SendTimeSupport<Call> {
	return {
		field,
		userTime(fields) {
			const start = fieldInstant(fields, field);
			return start === undefined ? null : { field, start };
		},
		scheduled: (call, start) => ({ ...call, [field]: start.toISOString() }),
	};
}

/**
 * How long after the first request of a run its last one may start, when `requests` requests go
 * out `spacingMs` apart (the adapter's pace, see Pacer).
 */
export const lastSendOffsetMs = (requests: number, spacingMs: number): number =>
	Math.max(0, requests - 1) * Math.max(0, spacingMs);
