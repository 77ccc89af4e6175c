/**
 * Whom a run may ring, and when: the Do-Not-Call list and the Calling Window, decided per
 * recipient in the recipient's own time zones. Outside the window a recipient is skipped (its row
 * says when the window opens) or, where the path takes a send time, scheduled for that opening.
 */
import { DateTime } from 'luxon';

import { InputError } from '../validation';
import { formatCallingWindow, type CallingWindow } from './definition';
import type { DoNotCallList } from './doNotCall';
import { fitsWindow, nextOpening, type Opening } from './schedule';
import { DEFAULT_RING_MARGIN_MS, type UserSendTime, type WindowSupport } from './support';
import { zonesOfNumber } from './zones';

/** What the user chose for recipients outside the window. */
export type OutsideWindow = 'skip' | 'schedule';

/** Why a recipient is not dialled, and what its row says. */
export interface ComplianceRefusal {
	status: 'suppressed' | 'outside-window';
	message: string;
	/** Extra row fields: the zones used and the next opening. */
	fields: Record<string, unknown>;
}

/** A recipient the Compliance setting refuses. */
export class ComplianceError extends InputError {
	constructor(readonly refusal: ComplianceRefusal) {
		super('to', refusal.message);
		this.name = 'ComplianceError';
	}
}

/** How a call of one path may ring: what the node knows before it decides a recipient. */
export interface RingPlan {
	/** After the call's start, how long until the phone may ring at the latest (margin, pacing). */
	lastRingMs?: number;
	/** A send time the user set: the window is checked then, and it is never moved. */
	userTime?: UserSendTime | null;
	/** With Schedule on a path that can: its name and how far ahead it schedules. */
	schedule?: { path: string; maxAheadMs?: number } | null;
}

/** A recipient the window lets through: rung at `at` (now, the user's time, or an opening). */
export interface CallDecision {
	kind: 'call';
	at: Date;
	/** Sent for the window's next opening (Schedule). */
	scheduled: boolean;
	/** When scheduled: the end of that opening. */
	until?: Date;
	/** Row fields: the zones used (and, when scheduled, `scheduledFor`); none without a window. */
	fields: Record<string, unknown>;
}

export type Decision = CallDecision | { kind: 'refused'; refusal: ComplianceRefusal };

/** A call that stays inside the window in every zone (the opening it rings in), or null. */
interface Verdict {
	fits: boolean;
	/** The first opening, at or after the time asked about, long enough for the ring: null if none. */
	next: Opening | null;
}

/** Openings shorter than the ring are passed over, at most this many in a row. */
const MAX_SHORT_OPENINGS = 64;
const DAY_MS = 86_400_000;

/** One run's check: the list, the window, what to do outside it, and the time the run started. */
export class ComplianceCheck {
	/** Per distinct zone set, time and ring: a campaign has tens, whatever its size. */
	private readonly verdicts = new Map<string, Verdict>();

	constructor(
		private readonly doNotCall: DoNotCallList,
		readonly window: CallingWindow | null,
		readonly now: Date,
		readonly outside: OutsideWindow = 'skip',
	) {}

	/**
	 * How calls of a path are rung under this check: its margin, the send time the request's
	 * `fields` carry (checked, never moved), and Schedule where the path takes a send time. A
	 * string says why the run is refused before anyone is dialled: Schedule on a path that cannot
	 * schedule (`path` names it; `schedulers` names those that can).
	 */
	planFor<Call>(
		support: WindowSupport<Call>,
		path: string,
		fields: Record<string, unknown>,
		schedulers: readonly string[],
	): RingPlan | string {
		const userTime = support.sendTime?.userTime(fields) ?? null;
		const plan: RingPlan = { lastRingMs: support.ringMarginMs, userTime, schedule: null };
		if (this.window === null || this.outside !== 'schedule') return plan;
		if (support.sendTime === undefined)
			return `Outside the Window is "Schedule", and ${path} cannot schedule a call: it takes no send time. Nobody was called. Choose "Skip" (recipients outside the window get the row "outside-window" with the next opening), or a path that can schedule: ${schedulers.join('; ')}.`;
		return { ...plan, schedule: { path, maxAheadMs: support.sendTime.maxAheadMs } };
	}

	/** Whether and when `e164` is rung, under `plan`. */
	decide(e164: string, plan: RingPlan = {}): Decision {
		if (this.doNotCall.has(e164))
			return refused({
				status: 'suppressed',
				message: `${e164} is on the Do-Not-Call list: not dialled.`,
				fields: {},
			});
		const at = plan.userTime?.start ?? this.now;
		if (this.window === null) return { kind: 'call', at, scheduled: false, fields: {} };
		const found = zonesOfNumber(e164);
		if (!found.ok)
			return refused({
				status: 'outside-window',
				message: `Not dialled: the time zone of ${e164} is unknown (${found.reason}), and a Calling Window is set.`,
				fields: { windowZones: [], windowGuessed: true, windowSource: null, nextOpening: null },
			});
		const zones = found.zones;
		const zoneFields = {
			windowZones: zones,
			windowGuessed: found.guessed,
			windowSource: found.source,
		};
		const userSpan = plan.userTime?.lastStart
			? Math.max(0, plan.userTime.lastStart.getTime() - at.getTime())
			: 0;
		const ringMs = (plan.lastRingMs ?? DEFAULT_RING_MARGIN_MS) + userSpan;
		const verdict = this.verdictFor(zones, at, ringMs);
		if (verdict.fits) return { kind: 'call', at, scheduled: false, fields: zoneFields };
		const next = verdict.next;
		const where = `${zones.join(', ')}${found.guessed ? ' (guessed from the number)' : ''}`;
		const window = formatCallingWindow(this.window);
		const clock = (instant: Date) =>
			DateTime.fromJSDate(instant).setZone(zones[0]).toFormat('ccc HH:mm');
		const local = (instant: Date) => `${clock(instant)} in ${zones[0]}`;
		const opens =
			next === null
				? `the Calling Window (${window}) never opens long enough in all of ${zones.join(', ')} within a year`
				: `the Calling Window (${window}) opens at ${next.start.toISOString()} (${local(next.start)})`;
		const outside = (message: string) =>
			refused({
				status: 'outside-window',
				message,
				fields: { ...zoneFields, nextOpening: next?.start.toISOString() ?? null },
			});
		const user = plan.userTime;
		if (user)
			return outside(
				`Not dialled: with ${user.field} ${user.start.toISOString()} (${local(user.start)})${user.lastStart ? ` and the task free to start until ${user.lastStart.toISOString()}` : ''}, ${e164} could ring outside the Calling Window in ${where}, and ${opens}. A time you set is never moved: change ${user.field}, or leave it empty to call now.`,
			);
		const schedule = plan.schedule;
		if (schedule && next !== null) {
			const ahead = next.start.getTime() - this.now.getTime();
			if (schedule.maxAheadMs === undefined || ahead <= schedule.maxAheadMs)
				return {
					kind: 'call',
					at: next.start,
					scheduled: true,
					until: next.end,
					fields: { ...zoneFields, scheduledFor: next.start.toISOString() },
				};
			const days = Math.round(schedule.maxAheadMs / DAY_MS);
			return outside(
				`Not scheduled: it is ${clock(this.now)} in ${where} for ${e164}, and ${opens}, more than ${days} days ahead; ${schedule.path} schedules at most ${days} days ahead. Do not call this number before then; do not retry earlier.`,
			);
		}
		return outside(
			`Not dialled: it is ${clock(this.now)} in ${where} for ${e164}, and ${opens}. Do not call this number before then; do not retry earlier.`,
		);
	}

	/**
	 * Why a call to numbers in `zones` started at `start` could ring after the window closes when it
	 * may ring up to `ringMs` later (a campaign's pace, redials), or null when it stays inside.
	 */
	lateRing(zones: readonly string[], start: Date, ringMs: number): string | null {
		if (this.window === null || zones.length === 0) return null;
		if (this.verdictFor(zones, start, ringMs).fits) return null;
		const last = new Date(start.getTime() + ringMs);
		const local = DateTime.fromJSDate(last).setZone(zones[0]).toFormat('ccc HH:mm');
		return `it could ring until ${last.toISOString()} (${local} in ${zones[0]}), after the Calling Window (${formatCallingWindow(this.window)}) closes in ${zones.join(', ')}`;
	}

	private verdictFor(zones: readonly string[], at: Date, ringMs: number): Verdict {
		const key = `${zones.join(',')} ${at.getTime()} ${ringMs}`;
		let verdict = this.verdicts.get(key);
		if (verdict === undefined) {
			const window = this.window!;
			const fits = fitsWindow(window, zones, at, ringMs);
			verdict = { fits, next: fits ? null : openingLongEnough(window, zones, at, ringMs) };
			this.verdicts.set(key, verdict);
		}
		return verdict;
	}
}

const refused = (refusal: ComplianceRefusal): Decision => ({ kind: 'refused', refusal });

/** The first opening after `at` (not containing it) in which a call may ring `ringMs` long. */
function openingLongEnough(
	window: CallingWindow,
	zones: readonly string[],
	at: Date,
	ringMs: number,
): Opening | null {
	let from = at;
	for (let seen = 0; seen < MAX_SHORT_OPENINGS; seen++) {
		const opening = nextOpening(window, zones, from);
		if (opening === null) return null;
		// Open now, but closing before the call could ring: the opening after this one.
		if (opening.start.getTime() > at.getTime() && fitsWindow(window, zones, opening.start, ringMs))
			return opening;
		from = opening.end;
	}
	return null;
}
