import type { CallStatus } from '../../../nodes/core/events';
import { innoPaasReceipts } from '../../../nodes/providers/innoPaas/receipts';
import { RECEIPT_PARSERS } from '../../../nodes/providers/lists';
import { routeeReceipts } from '../../../nodes/providers/routee/receipts';
import { webexConnectReceipts } from '../../../nodes/providers/webexConnect/receipts';
import { innoPaasRecord } from '../../support/receipts';

const receivedAt = new Date('2026-05-01T10:00:31Z');

describe('InnoPaaS call records (assumed shape, tolerant parser)', () => {
	it('reads the simulator’s record: callId, number with +, China time, transData as callback data', () => {
		expect(innoPaasReceipts.parse(innoPaasRecord(), { receivedAt })).toEqual([
			{
				provider: 'innoPaas',
				status: 'completed',
				final: true,
				providerStatus: 'ANSWERED',
				providerCode: null,
				description: 'Answered',
				messageId: 'call-1',
				campaignId: null,
				correlationId: null,
				callbackData: 'crm-17',
				to: '+447700900001',
				from: '442079460018',
				timestamp: '2026-05-01T10:00:18.000Z',
				durationSeconds: 18,
				price: 0.05,
				receivedAt: '2026-05-01T10:00:31.000Z',
			},
		]);
	});

	it('reads zone-less times in the trigger’s time zone when it gives one', () => {
		expect(innoPaasReceipts.parse(innoPaasRecord(), { timeZone: 'UTC' })[0].timestamp).toBe(
			'2026-05-01T18:00:18.000Z',
		);
		expect(
			innoPaasReceipts.parse(innoPaasRecord({ endTime: '2026-05-01T10:00:18Z' }))[0].timestamp,
		).toBe('2026-05-01T10:00:18.000Z');
	});

	it.each([
		['ANSWERED', 'completed', true],
		['success', 'completed', true],
		['NO_ANSWER', 'no-answer', true],
		['unanswered', 'no-answer', true],
		['BUSY', 'busy', true],
		['REJECTED', 'rejected', true],
		['FAILED', 'failed', true],
		['Powered off', 'failed', true],
		['已接听', 'completed', true],
		['无人接听', 'no-answer', true],
		['未接通', 'no-answer', true],
		['用户忙', 'busy', true],
		['拒接', 'rejected', true],
		['空号', 'failed', true],
		['RINGING', 'ringing', false],
		['mystery', 'unknown', false],
	] as const)('status %s is %s', (status, expected, final) => {
		const [event] = innoPaasReceipts.parse(
			innoPaasRecord({ status, statusDesc: undefined, duration: 0 }),
		);
		expect([event.status, event.final]).toEqual([expected as CallStatus, final]);
	});

	it('falls back to the description, then to the talk time, for numeric statuses', () => {
		const [byDescription] = innoPaasReceipts.parse(
			innoPaasRecord({ status: 3, statusDesc: 'User busy' }),
		);
		expect([
			byDescription.status,
			byDescription.providerCode,
			byDescription.providerStatus,
		]).toEqual(['busy', '3', 'User busy']);
		expect(
			innoPaasReceipts.parse(
				innoPaasRecord({ status: '1', statusDesc: undefined, duration: 12 }),
			)[0].status,
		).toBe('completed');
		expect(
			innoPaasReceipts.parse(innoPaasRecord({ status: '2', statusDesc: undefined, duration: 0 }))[0]
				.status,
		).toBe('unknown');
	});

	it('finds the fields under other likely names, in a list or under data', () => {
		const other = {
			call_id: 'c-9',
			phone: '8613800138000',
			callStatus: 'BUSY',
			callDuration: '0',
			price: '0.01',
			hangupTime: '2026-05-01 18:00:05',
			caller: '95013',
			transData: 't',
		};
		const events = innoPaasReceipts.parse({
			code: '200000',
			data: [other, innoPaasRecord({ callId: 'c-10' })],
		});
		expect(
			events.map((e) => [
				e.messageId,
				e.to,
				e.status,
				e.durationSeconds,
				e.price,
				e.from,
				e.timestamp,
				e.callbackData,
			]),
		).toEqual([
			['c-9', '+8613800138000', 'busy', 0, 0.01, '95013', '2026-05-01T10:00:05.000Z', 't'],
			[
				'c-10',
				'+447700900001',
				'completed',
				18,
				0.05,
				'442079460018',
				'2026-05-01T10:00:18.000Z',
				'crm-17',
			],
		]);
		expect(
			innoPaasReceipts
				.parse([innoPaasRecord({ callId: 'a' }), innoPaasRecord({ callId: 'b' })])
				.map((e) => e.messageId),
		).toEqual(['a', 'b']);
	});

	it('keeps the record under raw when asked', () => {
		expect(innoPaasReceipts.parse(innoPaasRecord(), { includeRaw: true })[0].raw).toEqual(
			innoPaasRecord(),
		);
	});

	it('claims only its own bodies', () => {
		expect(innoPaasReceipts.matches(innoPaasRecord())).toBe(true);
		expect(innoPaasReceipts.matches({ callId: 'c', transData: 'x' })).toBe(true);
		const others = [
			{ deliveryInfoNotification: { deliveryInfo: { code: '7410' }, transid: 't' } },
			{
				messageId: 'm',
				conversationTrackingId: 'c',
				to: '+30',
				status: { name: 'Completed', updatedDate: 'x' },
			},
			{ callId: 'c', status: { name: 'Completed' }, to: '+30' },
			{ callId: 'c' },
			{ mobile: '447700900001', status: 'ANSWERED' },
			[],
			'ANSWERED',
		];
		for (const body of others) expect(innoPaasReceipts.matches(body)).toBe(false);
	});

	it('is registered, and no other parser claims an InnoPaaS record', () => {
		expect(RECEIPT_PARSERS).toContain(innoPaasReceipts);
		expect(RECEIPT_PARSERS.filter((parser) => parser.matches(innoPaasRecord()))).toEqual([
			innoPaasReceipts,
		]);
		expect(routeeReceipts.matches(innoPaasRecord())).toBe(false);
		expect(webexConnectReceipts.matches(innoPaasRecord())).toBe(false);
	});

	it('reads prototype words as unknown statuses, and impossible times as timestamp null with raw', () => {
		for (const status of ['constructor', '__proto__', 'valueOf']) {
			const [event] = innoPaasReceipts.parse(
				innoPaasRecord({ status, statusDesc: status, duration: 0 }),
				{ receivedAt },
			);
			expect(event).toMatchObject({ status: 'unknown', final: false });
		}
		// 2 March, and 1899 before.
		for (const endTime of ['20260230180018', '00000000000000']) {
			const body = innoPaasRecord({ endTime });
			expect(innoPaasReceipts.parse(body, { receivedAt })[0]).toMatchObject({
				status: 'completed',
				timestamp: null,
				raw: body,
			});
		}
	});
});
