/**
 * The effective pace of an adapter for a credential (requestPace): the adapter's own pace, or the
 * account's calls per second from the one credential field the adapter names, checked; no other
 * credential value is read.
 */
import type { CallAdapter } from '../../nodes/core/adapter';
import { StartSchedule } from '../../nodes/core/campaign';
import { requestPace } from '../../nodes/core/pace';
import { InputError } from '../../nodes/core/validation';
import { CAMPAIGN_ADAPTERS } from '../../nodes/providers/lists';

type Paced = Pick<CallAdapter, 'callsPerSecond' | 'minIntervalMs' | 'callsPerSecondField'>;

const field = { name: 'callsPerSecond', displayName: 'Calls per Second', min: 0.1, max: 100 };
const adapter: Paced = { callsPerSecond: 1, callsPerSecondField: field };

/** A credential whose secret cannot be read: reading it fails the test. */
function guarded(fields: Record<string, unknown>) {
	return Object.defineProperty({ ...fields }, 'authToken', {
		enumerable: true,
		get() {
			throw new Error('the secret was read');
		},
	});
}

describe('requestPace', () => {
	it('is the credential’s calls per second when set, else the adapter’s', () => {
		expect(requestPace(adapter, guarded({ callsPerSecond: 5 }))).toEqual({ callsPerSecond: 5 });
		expect(requestPace(adapter, guarded({ callsPerSecond: '2.5' }))).toEqual({
			callsPerSecond: 2.5,
		});
		for (const empty of [{}, { callsPerSecond: '' }, { callsPerSecond: null }])
			expect(requestPace(adapter, guarded(empty))).toEqual({ callsPerSecond: 1 });
	});

	it('keeps an adapter’s own pace when it names no field, whatever the credential holds', () => {
		expect(requestPace({ minIntervalMs: 100 }, { callsPerSecond: 50 })).toEqual({
			minIntervalMs: 100,
		});
		expect(requestPace({ callsPerSecond: 20 }, { callsPerSecond: 50 })).toEqual({
			callsPerSecond: 20,
		});
		expect(requestPace({}, {})).toEqual({});
	});

	it.each([
		[0, 'is 0; it must be from 0.1 to 100 calls per second'],
		[100.5, 'is 100.5; it must be from 0.1 to 100 calls per second'],
		[-1, 'is -1; it must be from 0.1 to 100'],
		[Number.NaN, 'must be a number from 0.1 to 100, not a number'],
		[Number.POSITIVE_INFINITY, 'must be a number from 0.1 to 100'],
		['1e9', 'is 1000000000; it must be from 0.1 to 100'],
		['fast', 'must be a number from 0.1 to 100, not "fast"'],
		[{ toString: 1 }, 'must be a number from 0.1 to 100, not an object'],
		[[5], 'must be a number from 0.1 to 100, not a list'],
		[true, 'must be a number from 0.1 to 100, not a boolean'],
	])('refuses %p naming the field, the value and the limit', (value, message) => {
		let error: unknown;
		try {
			requestPace(adapter, guarded({ callsPerSecond: value }));
		} catch (thrown) {
			error = thrown;
		}
		expect(error).toBeInstanceOf(InputError);
		expect((error as InputError).field).toBe('callsPerSecond');
		expect((error as InputError).message).toMatch(
			/^Calls per Second \(callsPerSecond\) in the credential /,
		);
		expect((error as InputError).message).toContain(message);
	});

	it('spaces starts 200 ms apart at 5 calls per second (StartSchedule over the pace)', () => {
		const schedule = new StartSchedule(requestPace(adapter, { callsPerSecond: 5 }).callsPerSecond);
		const waits = Array.from({ length: 6 }, () => schedule.reserve(1_000));
		expect(waits).toEqual([0, 200, 400, 600, 800, 1000]);
	});

	it('is Twilio’s default 1 a second for a Twilio credential without the field, and its own when set', () => {
		const twilio = CAMPAIGN_ADAPTERS.twilio;
		expect(requestPace(twilio, { accountSid: 'AC1', authToken: 'secret' })).toEqual({
			callsPerSecond: 1,
		});
		expect(requestPace(twilio, guarded({ accountSid: 'AC1', callsPerSecond: 30 }))).toEqual({
			callsPerSecond: 30,
		});
	});
});
