import { automaticWaitUntil, waitUntil } from '../../nodes/core/callback';

const now = new Date('2026-05-01T10:00:00Z');
const at = (iso: string) => new Date(iso);

describe('Limit Wait Time', () => {
	it('Automatic: a minute of ringing (or the provider’s ring time) plus 10 minutes after the call can start', () => {
		expect(automaticWaitUntil({}, now)).toEqual(at('2026-05-01T10:11:00Z'));
		expect(automaticWaitUntil({ ringSeconds: 30 }, now)).toEqual(at('2026-05-01T10:10:30Z'));
		// A scheduled call starts later; one in the past starts now.
		expect(automaticWaitUntil({ startsAt: at('2026-05-01T12:00:00Z') }, now)).toEqual(
			at('2026-05-01T12:11:00Z'),
		);
		expect(automaticWaitUntil({ startsAt: at('2026-05-01T09:00:00Z') }, now)).toEqual(
			at('2026-05-01T10:11:00Z'),
		);
		// Redials add their span; a last start (expiry, task end) extends to after it.
		expect(automaticWaitUntil({ redialMs: 3600_000 }, now)).toEqual(at('2026-05-01T11:11:00Z'));
		expect(automaticWaitUntil({ lastStartAt: at('2026-05-01T18:00:00Z') }, now)).toEqual(
			at('2026-05-01T18:11:00Z'),
		);
		expect(automaticWaitUntil({ lastStartAt: at('2026-05-01T10:05:00Z') }, now)).toEqual(
			at('2026-05-01T10:16:00Z'),
		);
	});

	it('Automatic: the longest call where the provider limits it (Twilio’s TimeLimit) is waited for too', () => {
		expect(automaticWaitUntil({ ringSeconds: 30, callSeconds: 14_400 }, now)).toEqual(
			at('2026-05-01T14:10:30Z'),
		);
		expect(automaticWaitUntil({ callSeconds: 600 }, now)).toEqual(at('2026-05-01T10:21:00Z'));
		expect(
			automaticWaitUntil({ callSeconds: 600, lastStartAt: at('2026-05-01T18:00:00Z') }, now),
		).toEqual(at('2026-05-01T18:21:00Z'));
	});

	it('After Time Interval and At Specified Time, refusing what cannot be waited for', () => {
		expect(waitUntil({ kind: 'interval', ms: 90_000 }, {}, now)).toEqual({
			ok: true,
			at: at('2026-05-01T10:01:30Z'),
		});
		expect(waitUntil({ kind: 'interval', ms: 0 }, {}, now)).toEqual({
			ok: false,
			message: 'Limit Wait Time must be a positive amount of time',
		});
		expect(waitUntil({ kind: 'until', at: at('2026-05-02T08:00:00Z') }, {}, now)).toEqual({
			ok: true,
			at: at('2026-05-02T08:00:00Z'),
		});
		expect(waitUntil({ kind: 'until', at: at('2026-05-01T09:00:00Z') }, {}, now)).toEqual({
			ok: false,
			message:
				'Limit Wait Time 2026-05-01T09:00:00.000Z has already passed: choose a time after the call',
		});
		expect(waitUntil({ kind: 'until', at: new Date(Number.NaN) }, {}, now).ok).toBe(false);
		expect(waitUntil({ kind: 'automatic' }, { ringSeconds: 20 }, now)).toEqual({
			ok: true,
			at: at('2026-05-01T10:10:20Z'),
		});
	});
});
