/**
 * The last ring of each request, bounded before anything is sent: the window is about when the
 * phone rings, not when the request leaves. A request's phones may ring until its start plus the
 * path's margin, plus the run's pace (requests sent one after another), plus the provider's
 * redials. Redials the user left at the provider's default are turned off where they would ring
 * late; redials the user set, and a pace that would ring late, refuse the run.
 */
import type { Recipient } from '../adapter';
import type { CallDecision, ComplianceCheck, ComplianceRefusal, RingPlan } from './compliance';
import type { WindowSupport } from './support';

/** One request as planned: when it starts, and the zones and a number of each of its recipients. */
export interface TimedRequest<Call> {
	call: Call;
	/** now: sent now (paced); user: at the user's send time; scheduled: for an opening. */
	kind: 'now' | 'user' | 'scheduled';
	start: Date;
	/** How long after `start` this request may start: its place in the run's pace, or the user's task window. */
	delayMs: number;
	/** With `scheduled`: the end of the opening it is sent for. */
	until?: Date;
	/** Its recipients' zone sets, each with one of its numbers (for messages). */
	zones: ReadonlyArray<{ zones: readonly string[]; to: string }>;
}

export type BoundRequests<Call> = { ok: true; calls: Call[] } | { ok: false; message: string };

/** How a decided call is sent: now, at the user's send time, or for an opening. */
export const requestKind = (
	decision: CallDecision | undefined,
	plan: RingPlan,
): TimedRequest<unknown>['kind'] =>
	decision?.scheduled ? 'scheduled' : plan.userTime ? 'user' : 'now';

/**
 * How long after its start a request may start: its place in the run's pace when sent now, the
 * user's task window (taskStartTime to taskEndTime) at the user's time.
 */
export function startDelayMs(
	kind: TimedRequest<unknown>['kind'],
	plan: RingPlan,
	paceMs: number,
): number {
	if (kind === 'now') return paceMs;
	const user = plan.userTime;
	return kind === 'user' && user?.lastStart
		? Math.max(0, user.lastStart.getTime() - user.start.getTime())
		: 0;
}

const minutes = (ms: number) => `${Math.round(ms / 60_000)} minutes`;

/** Each request with its send time and redials bound to the window, or why the run is refused. */
export function boundRings<Call>(
	check: ComplianceCheck,
	support: WindowSupport<Call>,
	path: string,
	requests: ReadonlyArray<TimedRequest<Call>>,
): BoundRequests<Call> {
	const calls: Call[] = [];
	for (const request of requests) {
		let call = request.call;
		const ringMs = support.ringMarginMs + request.delayMs;
		let redialMs = support.redials?.spanMs(call) ?? 0;
		for (const { zones, to } of request.zones) {
			const late = check.lateRing(zones, request.start, ringMs + redialMs);
			if (late === null) continue;
			const lateAnyway = redialMs > 0 ? check.lateRing(zones, request.start, ringMs) : late;
			if (lateAnyway !== null)
				return {
					ok: false,
					message: `Not dialled: ${path} sends this run's requests one after another, so the last may start ${minutes(request.delayMs)} after the first, and for ${to} ${lateAnyway}. Nobody was called. Call fewer recipients per run, start earlier, or choose Outside the Window: Schedule on a path that can schedule.`,
				};
			if (support.redials!.setByUser(call))
				return {
					ok: false,
					message: `Not dialled: ${path} redials (${support.redials!.fields}) for up to ${minutes(redialMs)} after the first call, and for ${to} ${late}. A value you set is never changed: lower the redials, or remove them (then redialling is turned off where it would ring late). Nobody was called.`,
				};
			// The provider's default redial, not the user's: off, so the first call still rings in time.
			call = support.redials!.off(call);
			redialMs = 0;
		}
		if (request.kind === 'scheduled' && support.sendTime && request.until)
			call = support.sendTime.scheduled(
				call,
				request.start,
				new Date(request.until.getTime() - ringMs - redialMs),
			);
		calls.push(call);
	}
	return { ok: true, calls };
}

/** The distinct zone sets of `numbers`, each with one of its numbers; numbers without zones are left out. */
export function zoneSetsOf(
	numbers: readonly string[],
	zonesOf: (to: string) => unknown,
): Array<{ zones: readonly string[]; to: string }> {
	const sets = new Map<string, { zones: readonly string[]; to: string }>();
	for (const to of numbers) {
		const zones = zonesOf(to);
		if (!Array.isArray(zones) || zones.length === 0) continue;
		const key = zones.join(',');
		if (!sets.has(key)) sets.set(key, { zones: zones as string[], to });
	}
	return [...sets.values()];
}

/** One request's numbers decided: those refused, and the request of the rest (or why none may go). */
export interface WindowedCall<Call> {
	refused: Array<{ recipient: Recipient; refusal: ComplianceRefusal }>;
	/** The request for the numbers that ring, bound to the window; a string refuses the request. */
	call: Call | string;
	/** Per number of `call`, in order: its row fields (zones, scheduledFor). */
	rowFields: Array<Record<string, unknown>>;
}

/**
 * Make Voice Call's one request for an item: each number decided, the rest sent at one time (now,
 * the user's, or one opening: a request has one send time). A number whose own time differs from
 * the request's is not dialled, and its row says to give it its own item.
 */
export function windowedCall<Call extends { recipients: Recipient[] }>(
	check: ComplianceCheck,
	support: WindowSupport<Call>,
	path: string,
	plan: RingPlan,
	call: Call,
	delayMs: number,
): WindowedCall<Call> {
	const result: WindowedCall<Call> = { refused: [], call, rowFields: [] };
	const kept: Recipient[] = [];
	let chosen: CallDecision | undefined;
	for (const recipient of call.recipients) {
		const decision = check.decide(recipient.to, plan);
		if (decision.kind === 'refused') {
			result.refused.push({ recipient, refusal: decision.refusal });
			continue;
		}
		chosen ??= decision;
		if (decision.at.getTime() !== chosen.at.getTime()) {
			result.refused.push({
				recipient,
				refusal: {
					status: 'outside-window',
					message: `Not dialled: ${recipient.to} may ring from ${decision.at.toISOString()}, and this item's request is sent for ${chosen.at.toISOString()} (for ${kept[0].to}): one request has one send time. Give each number its own item to schedule each for its own opening.`,
					fields: { ...decision.fields, nextOpening: decision.at.toISOString() },
				},
			});
			continue;
		}
		kept.push(recipient);
		result.rowFields.push(decision.fields);
	}
	result.call = { ...call, recipients: kept };
	if (chosen === undefined) return result;
	const kind = requestKind(chosen, plan);
	const fields = new Map(kept.map((recipient, index) => [recipient.to, result.rowFields[index]]));
	const bound = boundRings(check, support, path, [
		{
			call: result.call,
			kind,
			start: chosen.at,
			delayMs: startDelayMs(kind, plan, delayMs),
			until: chosen.until,
			zones: zoneSetsOf(
				kept.map((recipient) => recipient.to),
				(to) => fields.get(to)?.windowZones,
			),
		},
	]);
	result.call = bound.ok ? bound.calls[0] : bound.message;
	return result;
}
