/**
 * Whom a run may ring now: the Do-Not-Call list and the Calling Window, decided per recipient
 * (the Skip behaviour: a recipient outside the window is not dialled, and told when it opens).
 */
import { DateTime } from 'luxon';

import { InputError } from '../validation';
import { formatCallingWindow, type CallingWindow } from './definition';
import type { DoNotCallList } from './doNotCall';
import { windowRowFields, type WindowRowFields } from './rowFields';
import { fitsWindow, nextOpening, type Opening } from './schedule';
import { zonesOfNumber } from './zones';

/**
 * How long after its request a call may still ring: a margin for the provider's queue. The phone
 * must still be inside the window then.
 */
export const LAST_RING_MARGIN_MS = 60_000;

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

/** The providers' own send-time fields (Webex Connect, Routee, InnoPaaS). */
const SEND_TIME_FIELDS = ['sendAt', 'scheduledDate', 'taskStartTime'] as const;

interface ZoneVerdict {
	fits: boolean;
	next: Opening | null;
}

/** One run's check: the list, the window and the time the run started. */
export class ComplianceCheck {
	/** Per distinct zone set: a campaign has tens, whatever its size. */
	private readonly verdicts = new Map<string, ZoneVerdict>();

	constructor(
		private readonly doNotCall: DoNotCallList,
		private readonly window: CallingWindow | null,
		private readonly now: Date,
	) {}

	/** Why `e164` may not be dialled now, or null. */
	refusal(e164: string): ComplianceRefusal | null {
		if (this.doNotCall.has(e164))
			return {
				status: 'suppressed',
				message: `${e164} is on the Do-Not-Call list: not dialled.`,
				fields: {},
			};
		if (this.window === null) return null;
		const found = zonesOfNumber(e164);
		if (!found.ok)
			return {
				status: 'outside-window',
				message: `Not dialled: the time zone of ${e164} is unknown (${found.reason}), and a Calling Window is set.`,
				fields: { windowZones: [], windowGuessed: true, windowSource: null, nextOpening: null },
			};
		const verdict = this.verdictFor(found.zones);
		if (verdict.fits) return null;
		const fields = {
			windowZones: found.zones,
			windowGuessed: found.guessed,
			windowSource: found.source,
			nextOpening: verdict.next?.start.toISOString() ?? null,
		};
		const zone = found.zones[0];
		const localNow = DateTime.fromJSDate(this.now).setZone(zone).toFormat('ccc HH:mm');
		const opens =
			verdict.next === null
				? `the Calling Window (${formatCallingWindow(this.window)}) never opens in all of ${found.zones.join(', ')} within a year`
				: `the Calling Window (${formatCallingWindow(this.window)}) opens at ${fields.nextOpening} (${DateTime.fromJSDate(verdict.next.start).setZone(zone).toFormat('ccc HH:mm')} in ${zone})`;
		return {
			status: 'outside-window',
			message: `Not dialled: it is ${localNow} in ${found.zones.join(', ')}${found.guessed ? ' (guessed from the number)' : ''} for ${e164}, and ${opens}. Do not call this number before then; do not retry earlier.`,
			fields,
		};
	}

	/**
	 * Why a request with a send time the user set may not go while a Calling Window is set, or
	 * null. The window is checked for calls placed now: a later send time is refused, never moved.
	 */
	sendTimeRefusal(request: Record<string, unknown>): string | null {
		if (this.window === null) return null;
		const field = SEND_TIME_FIELDS.find((name) => {
			const value = request[name];
			return value !== undefined && value !== null && value !== '';
		});
		if (field === undefined) return null;
		return `${field} is set while a Calling Window is set: the window is checked for calls placed now, so a send time of your own cannot be checked against it yet, and it is never moved. Nobody was called. Remove ${field}, or clear the Calling Window.`;
	}

	/**
	 * The zone fields every row of `e164` carries while a Calling Window is set (dialled and
	 * scheduled rows too, not only refused ones); nothing when no window is set.
	 */
	rowFields(e164: string): WindowRowFields | Record<string, never> {
		return this.window === null ? {} : windowRowFields(e164);
	}

	private verdictFor(zones: readonly string[]): ZoneVerdict {
		const key = zones.join(',');
		let verdict = this.verdicts.get(key);
		if (verdict === undefined) {
			const window = this.window!;
			const fits = fitsWindow(window, zones, this.now, LAST_RING_MARGIN_MS);
			let next = fits ? null : nextOpening(window, zones, this.now);
			// Open now, but closing before a call made now could ring: the opening after this one.
			if (next !== null && next.start.getTime() <= this.now.getTime())
				next = nextOpening(window, zones, next.end);
			verdict = { fits, next };
			this.verdicts.set(key, verdict);
		}
		return verdict;
	}
}
