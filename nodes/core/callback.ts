/**
 * Where a provider posts a call's receipts and how long "Call and Wait for Outcome" waits for
 * them, n8n-free. Each provider path describes its callback field and its call's time window in
 * its folder's wait.ts.
 */

/** What a validated call says about when its provider can still report on it. */
export interface CallWindow {
	/** The earliest the provider dials (a scheduled call); absent: now. */
	startsAt?: Date;
	/** The latest the provider may still start dialling (v1 expiry, an InnoPaaS task's end). */
	lastStartAt?: Date;
	/** How long the phone rings before the provider gives up, in seconds (Routee hangupDelay). */
	ringSeconds?: number;
	/** How long the provider may spend redialling, in milliseconds (InnoPaaS recalls). */
	redialMs?: number;
	/**
	 * The longest the call may last once answered, in seconds (Twilio's TimeLimit), where the
	 * provider ends calls at a limit: the wait covers a conversation that long. Absent: the margin
	 * alone covers the conversation.
	 */
	callSeconds?: number;
}

/** Ring time when the provider does not say: networks give up after about a minute. */
export const DEFAULT_RING_SECONDS = 60;
/** Time allowed past the ring time for the call itself and its receipts to arrive. */
export const WAIT_MARGIN_MS = 10 * 60_000;

/**
 * The automatic Limit Wait Time: the ring time, plus the longest call where the provider limits it,
 * plus 10 minutes, after the call can start (or last start).
 */
export function automaticWaitUntil(window: CallWindow, now: Date): Date {
	const callMs = ((window.ringSeconds ?? DEFAULT_RING_SECONDS) + (window.callSeconds ?? 0)) * 1000;
	const start = Math.max(now.getTime(), window.startsAt?.getTime() ?? 0);
	const fromStart = start + callMs + (window.redialMs ?? 0) + WAIT_MARGIN_MS;
	const fromLastStart =
		window.lastStartAt === undefined ? 0 : window.lastStartAt.getTime() + callMs + WAIT_MARGIN_MS;
	return new Date(Math.max(fromStart, fromLastStart));
}

/** Limit Wait Time as the node's parameters give it. */
export type WaitLimit =
	| { kind: 'automatic' }
	| { kind: 'interval'; ms: number }
	| { kind: 'until'; at: Date };

/** When to stop waiting and output the call as timed out; a message when the limit cannot be used. */
export function waitUntil(
	limit: WaitLimit,
	window: CallWindow,
	now: Date,
): { ok: true; at: Date } | { ok: false; message: string } {
	switch (limit.kind) {
		case 'automatic':
			return { ok: true, at: automaticWaitUntil(window, now) };
		case 'interval':
			if (!Number.isFinite(limit.ms) || limit.ms <= 0)
				return { ok: false, message: 'Limit Wait Time must be a positive amount of time' };
			return { ok: true, at: new Date(now.getTime() + limit.ms) };
		case 'until':
			if (Number.isNaN(limit.at.getTime()))
				return {
					ok: false,
					message: 'Limit Wait Time: the date and time to stop waiting is not a date',
				};
			if (limit.at.getTime() <= now.getTime()) {
				return {
					ok: false,
					message: `Limit Wait Time ${limit.at.toISOString()} has already passed: choose a time after the call`,
				};
			}
			return { ok: true, at: limit.at };
	}
}

export interface CallbackSupport {
	/** The request field the provider posts receipts to, as the user knows it (for messages). */
	field: string;
	/** The longest URL the provider takes there, when it documents one. */
	maxUrlLength?: number;
	/** The form's input with `url` put where the adapter reads the callback (before validation). */
	withUrl(input: Record<string, unknown>, url: string): Record<string, unknown>;
	/** What the validated call says about when the provider can still report on it. */
	window(call: unknown): CallWindow;
}
