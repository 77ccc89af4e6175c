/**
 * Drop Out-of-Order Events with sequence numbers (EndedCalls.sort), whatever order a provider
 * delivers a call's events in and however they are split into requests: every event is kept or
 * dropped, in order; no kept event is older than one taken before it for its call, nor follows its
 * call's final event; every drop has such a reason; events delivered in order are all kept; events
 * without a sequence number are judged as before (by the final event alone); and forgetting what
 * a request remembered makes its retry keep at least what it kept.
 */
import type { CallEvent } from '../../../nodes/core/events';
import { callKey, EndedCalls } from '../../../nodes/core/receipts/order';
import { callEvent } from '../../support/events';
import { fc } from '../../support/properties';

const WINDOW_MS = 10 * 60_000;
const STATUSES = ['initiated', 'ringing', 'answered'] as const;

/** One call's events, numbered 0, 1, 2 …; the last may be its final one. */
const callEvents = (call: number) =>
	fc
		.record({
			count: fc.integer({ min: 1, max: 6 }),
			ends: fc.boolean(),
			provider: fc.constantFrom('twilio', 'webexConnect', 'fixtureVoice'),
		})
		.map(({ count, ends, provider }) =>
			Array.from({ length: count }, (_, sequence) => {
				const final = ends && sequence === count - 1;
				return callEvent({
					provider,
					messageId: `CA${call}`,
					status: final ? 'completed' : STATUSES[sequence % STATUSES.length],
					final,
					sequence,
					// Tells copies of one status apart in assertions.
					description: `${call}/${sequence}`,
				});
			}),
		);

/** Several calls' events, delivered in any order, split into requests of 1 to 4. */
const deliveries = fc
	.array(fc.nat(), { minLength: 1, maxLength: 3 })
	.chain((calls) => fc.tuple(...calls.map((_, call) => callEvents(call))))
	.chain((perCall) => {
		const events = perCall.flat();
		return fc.tuple(
			fc.shuffledSubarray(events, { minLength: events.length, maxLength: events.length }),
			fc.array(fc.integer({ min: 1, max: 4 }), { minLength: events.length }),
		);
	})
	.map(([events, sizes]) => {
		const requests: CallEvent[][] = [];
		for (let at = 0, i = 0; at < events.length; at += sizes[i++])
			requests.push(events.slice(at, at + sizes[i]));
		return requests;
	});

/** Sorts every request in turn, a second apart; returns the kept and dropped events in arrival order. */
function sortAll(requests: CallEvent[][], ended = new EndedCalls()) {
	const kept: CallEvent[] = [];
	const dropped: CallEvent[] = [];
	const arrival: Array<{ event: CallEvent; kept: boolean }> = [];
	requests.forEach((events, index) => {
		const result = ended.sort(events, { now: 1_000 * (index + 1), windowMs: WINDOW_MS });
		kept.push(...result.kept);
		dropped.push(...result.outOfOrder);
		for (const event of events) arrival.push({ event, kept: result.kept.includes(event) });
	});
	return { kept, dropped, arrival, ended };
}

const key = (event: CallEvent) => callKey(event)!;
const withoutSequence = (requests: CallEvent[][]) =>
	requests.map((events) => events.map(({ sequence: _sequence, ...event }) => event as CallEvent));

describe('Drop Out-of-Order Events with sequence numbers (properties)', () => {
	it('keeps or drops every event, in order, and never keeps one older than one taken, nor one after the end', () => {
		fc.assert(
			fc.property(deliveries, (requests) => {
				const { kept, dropped, arrival } = sortAll(requests);
				expect(kept.length + dropped.length).toBe(requests.flat().length);
				expect(arrival.filter((a) => a.kept).map((a) => a.event)).toEqual(kept);
				const highest = new Map<string, number>();
				const endedCalls = new Set<string>();
				for (const event of kept) {
					expect(endedCalls.has(key(event))).toBe(false);
					expect(event.sequence!).toBeGreaterThanOrEqual(highest.get(key(event)) ?? -1);
					highest.set(key(event), event.sequence!);
					if (event.final) endedCalls.add(key(event));
				}
			}),
		);
	});

	it('drops an event only after its call’s end, or after a later event of its call was taken', () => {
		fc.assert(
			fc.property(deliveries, (requests) => {
				const { arrival } = sortAll(requests);
				arrival.forEach(({ event, kept }, position) => {
					if (kept) return;
					const before = arrival.slice(0, position).filter((a) => a.kept);
					expect(
						before.some(
							(a) =>
								key(a.event) === key(event) &&
								(a.event.final || a.event.sequence! > event.sequence!),
						),
					).toBe(true);
				});
			}),
		);
	});

	it('keeps every event delivered in its call’s order, however calls interleave', () => {
		fc.assert(
			fc.property(deliveries, (requests) => {
				const inOrder = requests
					.flat()
					.sort((a, b) => a.sequence! - b.sequence! || key(a).localeCompare(key(b)));
				expect(sortAll([inOrder]).dropped).toEqual([]);
			}),
		);
	});

	it('judges events without a sequence number by the final event alone, as before', () => {
		fc.assert(
			fc.property(deliveries, (requests) => {
				const plain = withoutSequence(requests);
				const { kept } = sortAll(plain);
				// The rule before sequence numbers: drop what follows its call's taken final event.
				const endedCalls = new Set<string>();
				const expected = plain.flat().filter((event) => {
					if (endedCalls.has(key(event))) return false;
					if (event.final) endedCalls.add(key(event));
					return true;
				});
				expect(kept).toEqual(expected);
			}),
		);
	});

	it('after forgetting what a request remembered, its retry keeps at least what it kept', () => {
		fc.assert(
			fc.property(deliveries, (requests) => {
				const { ended } = sortAll(requests.slice(0, -1));
				const last = requests[requests.length - 1];
				const first = ended.sort(last, { now: 100_000, windowMs: WINDOW_MS });
				ended.forget(first.ended);
				const retry = ended.sort(last, { now: 101_000, windowMs: WINDOW_MS });
				for (const event of first.kept) expect(retry.kept).toContain(event);
			}),
		);
	});
});

describe('Drop Out-of-Order Events with sequence numbers', () => {
	const twilio = (status: CallEvent['status'], sequence: number | null | undefined) =>
		callEvent({ provider: 'twilio', messageId: 'CA1', status, final: false, sequence });

	it('drops a ringing (1) after an in-progress (2) of the same call, and only of that call', () => {
		const ended = new EndedCalls();
		const options = { now: 0, windowMs: WINDOW_MS };
		expect(ended.sort([twilio('answered', 2)], options).ended).toHaveLength(1);
		const late = ended.sort([twilio('ringing', 1), { ...twilio('ringing', 1), to: '+1' }], options);
		expect(late.outOfOrder.map((event) => event.to)).toEqual(['+447700900001']);
		expect(late.kept.map((event) => event.to)).toEqual(['+1']);
		// Without a usable number, only the final event counts.
		for (const sequence of [null, undefined, Number.NaN])
			expect(ended.sort([twilio('ringing', sequence)], options).kept).toHaveLength(1);
	});

	it('forgets a call’s highest number after the window', () => {
		const ended = new EndedCalls();
		ended.sort([twilio('answered', 2)], { now: 0, windowMs: WINDOW_MS });
		expect(
			ended.sort([twilio('ringing', 1)], { now: WINDOW_MS - 1, windowMs: WINDOW_MS }).outOfOrder,
		).toHaveLength(1);
		expect(
			ended.sort([twilio('ringing', 1)], { now: WINDOW_MS, windowMs: WINDOW_MS }).kept,
		).toHaveLength(1);
	});
});
