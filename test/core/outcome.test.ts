import { createHmac } from 'node:crypto';

import type { CallEvent } from '../../nodes/core/events';
import {
	awaitsReceipts,
	decideOnReceipt as decideWith,
	isEventFor,
	matchOf,
	notPlacedRow,
	outcomeOf,
	outcomeRow,
	timeoutRow,
	type PlacedCall,
} from '../../nodes/core/outcome';
import { AUTHENTICITY_METHODS, RECEIPT_PARSERS } from '../../nodes/providers/lists';
import { routeeCallback, webexEvent, webexReceipt } from '../support/receipts';

/** The decision over every registered provider's parsers and signatures, as the node makes it. */
const decideOnReceipt = (
	request: Parameters<typeof decideWith>[0],
	call: Parameters<typeof decideWith>[1],
	options: Omit<Parameters<typeof decideWith>[2], 'parsers'>,
) =>
	decideWith(request, call, {
		...options,
		parsers: RECEIPT_PARSERS,
		signatures: AUTHENTICITY_METHODS,
	});

const call: PlacedCall = {
	provider: 'webexConnect',
	status: 'queued',
	messageId: 'a770f205-1',
	correlationId: 'order-42',
	to: '+447700900001',
	code: null,
	message: null,
	requestedAt: '2026-05-01T10:00:00.000Z',
};
const none = { kind: 'none' } as const;
const json = (body: unknown) => ({
	headers: { 'content-type': 'application/json' },
	body,
	rawBody: Buffer.from(JSON.stringify(body)),
	contentType: 'application/json',
});

describe('outcomes', () => {
	it('groups the final statuses as a workflow routes on them', () => {
		expect(
			['completed', 'busy', 'no-answer', 'rejected', 'expired', 'failed'].map((status) =>
				outcomeOf(status as CallEvent['status']),
			),
		).toEqual([
			'answered',
			'not-answered',
			'not-answered',
			'not-answered',
			'not-answered',
			'failed',
		]);
	});

	it('waits only for calls the provider may have taken', () => {
		expect(
			(['queued', 'unknown', 'rejected', 'failed', 'invalid', 'blocked'] as const).map((status) =>
				awaitsReceipts({ ...call, status }),
			),
		).toEqual([true, true, false, false, false, false]);
	});

	it('builds the timed-out, not-placed and ended rows around the call row', () => {
		expect(timeoutRow(call, new Date('2026-05-01T10:11:00Z'))).toMatchObject({
			outcome: 'timeout',
			status: 'timeout',
			waitUntil: '2026-05-01T10:11:00.000Z',
			call,
			event: null,
			to: call.to,
		});
		expect(
			notPlacedRow({ ...call, status: 'rejected', code: '7101', message: 'invalid sender' }),
		).toMatchObject({
			outcome: 'failed',
			status: 'rejected',
			providerCode: '7101',
			message: 'invalid sender',
		});
		const decision = decideOnReceipt(json(webexReceipt()), call, { authenticity: none });
		const event = decision.final!.event;
		const row = outcomeRow(
			call,
			event,
			'2026-05-01T10:11:00.000Z',
			null,
			decision.final!.matchedBy,
		);
		expect(row).toMatchObject({
			matchedBy: 'messageId',
			outcome: 'answered',
			status: 'completed',
			providerCode: '7410',
			endedAt: '2026-05-01T10:00:05.123Z',
			call,
		});
		expect(row.event).not.toHaveProperty('raw');
	});
});

describe('a receipt at the resume URL', () => {
	it('matches the awaited call by message id, or by number when the provider gave no id', () => {
		const requestedAt = '2026-05-01T10:00:00.000Z';
		const event = {
			messageId: 'm-1',
			to: '+1',
			timestamp: '2026-05-01T10:00:30.000Z',
			receivedAt: '2026-05-01T10:00:31.000Z',
		} as CallEvent;
		expect(matchOf(event, { messageId: 'm-1', to: '+2', requestedAt })).toBe('messageId');
		expect(matchOf(event, { messageId: 'm-2', to: '+1', requestedAt })).toBeNull();
		expect(matchOf(event, { messageId: null, to: '+1', requestedAt })).toBe('number');
		expect(
			isEventFor({ ...event, messageId: null }, { messageId: 'm-1', to: '+1', requestedAt }),
		).toBe(true);
	});

	it('in a loop, matches by number only within the call’s own time window: an earlier call’s late final receipt does not end this wait', () => {
		// The earlier call to the same number ended at 09:59:50; this one was requested at 10:00:00.
		const late = {
			messageId: null,
			to: '+1',
			timestamp: '2026-05-01T09:59:50.000Z',
			receivedAt: '2026-05-01T10:00:20.000Z',
		} as CallEvent;
		const awaited = {
			messageId: null,
			to: '+1',
			requestedAt: '2026-05-01T10:00:00.000Z',
			waitUntil: '2026-05-01T10:11:00.000Z',
		};
		expect(matchOf(late, awaited)).toBeNull();
		expect(matchOf({ ...late, timestamp: '2026-05-01T10:00:40.000Z' }, awaited)).toBe('number');
		// After the Limit Wait Time it is no longer this call's window.
		expect(matchOf({ ...late, timestamp: '2026-05-01T10:12:00.000Z' }, awaited)).toBeNull();
		// Without a time stamp, when it arrived stands for it.
		expect(matchOf({ ...late, timestamp: null }, awaited)).toBe('number');
		expect(
			matchOf({ ...late, timestamp: null, receivedAt: '2026-05-01T09:59:59.000Z' }, awaited),
		).toBeNull();
		// The receipt of a call whose answer had no message id, through the whole decision.
		const noId = { ...call, messageId: null };
		const earlier = webexReceipt({ timeStamp: '2026-05-01T09:59:50.000' }, { transid: undefined });
		expect(decideOnReceipt(json(earlier), noId, { authenticity: none })).toMatchObject({
			body: { forThisCall: 0, resumed: false },
			final: null,
		});
		const mine = decideOnReceipt(json(webexReceipt({}, { transid: undefined })), noId, {
			authenticity: none,
		});
		expect(mine.final?.matchedBy).toBe('number');
		expect(outcomeRow(noId, mine.final!.event, null, null, mine.final!.matchedBy).matchedBy).toBe(
			'number',
		);
	});

	it('keeps waiting on receipts that are not final, or of another call, and resumes on the first final one', () => {
		expect(
			decideOnReceipt(json(webexEvent('7519', 'Answered')), call, { authenticity: none }),
		).toEqual({ status: 200, body: { received: 1, forThisCall: 1, resumed: false }, final: null });
		expect(
			decideOnReceipt(json(webexReceipt({}, { transid: 'other' })), call, { authenticity: none }),
		).toMatchObject({ status: 200, body: { forThisCall: 0, resumed: false }, final: null });
		const both = [webexEvent('7519', 'Answered'), webexReceipt(), webexEvent('7409', 'Dropped')];
		const decision = decideOnReceipt(json(both), call, { authenticity: none });
		expect(decision).toMatchObject({
			status: 200,
			body: { received: 3, forThisCall: 3, resumed: true },
		});
		expect(decision.final?.event.status).toBe('completed');
		// Without a known call, any final event ends the wait.
		expect(
			decideOnReceipt(json(webexReceipt({}, { transid: 'other' })), null, { authenticity: none })
				.final,
		).not.toBeNull();
	});

	it('answers 401 before reading anything when authenticity fails, 400 when the body is no receipt', () => {
		const raw = JSON.stringify(webexReceipt());
		const rule = { kind: 'hubSignature', secret: 'hub' } as const;
		expect(
			decideOnReceipt({ headers: {}, body: JSON.parse(raw), rawBody: Buffer.from(raw) }, call, {
				authenticity: rule,
			}),
		).toMatchObject({ status: 401, final: null });
		const signature = createHmac('sha256', 'hub').update(raw).digest('hex');
		expect(
			decideOnReceipt(
				{
					headers: { 'x-hub-signature': signature },
					body: JSON.parse(raw),
					rawBody: Buffer.from(raw),
				},
				call,
				{ authenticity: rule },
			).status,
		).toBe(200);
		expect(decideOnReceipt(json({ hello: 1 }), call, { authenticity: none })).toMatchObject({
			status: 400,
			body: { error: 'not-a-receipt' },
		});
	});

	it('reads the keys a Routee call collected, when its callback reports them', () => {
		const routeeCall = { ...call, provider: 'routee', messageId: 'conv-1', to: '+306900000001' };
		const withTones = decideOnReceipt(
			json(routeeCallback('conversation', 'Completed', { collectedTones: ['1', 2, '#'] })),
			routeeCall,
			{ authenticity: none, provider: 'routee' },
		);
		expect(withTones.final?.dtmfDigits).toBe('12#');
		expect(
			decideOnReceipt(json(routeeCallback('conversation', 'Completed')), routeeCall, {
				authenticity: none,
			}).final?.dtmfDigits,
		).toBeNull();
	});
});
