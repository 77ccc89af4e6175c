import type { CallStatus } from '../../../nodes/core/events';
import { innoPaasReceipts } from '../../../nodes/providers/innoPaas/receipts';
import { RECEIPT_PARSERS } from '../../../nodes/providers/lists';
import { routeeReceipts } from '../../../nodes/providers/routee/receipts';
import { webexConnectReceipts } from '../../../nodes/providers/webexConnect/receipts';
import { routeeCallback } from '../../support/receipts';

const receivedAt = new Date('2026-05-01T10:00:31Z');

/** A campaign message's callback, as providers.md §3 shows it. */
const campaignCallback = routeeCallback('campaign');

describe('Routee callbacks', () => {
	it('reads a single call: the conversation tracking id is the message id Make Voice Call gave', () => {
		expect(
			routeeReceipts.parse(routeeCallback('conversation', 'Completed'), { receivedAt }),
		).toEqual([
			{
				provider: 'routee',
				status: 'completed',
				final: true,
				providerStatus: 'Completed',
				providerCode: null,
				description: null,
				messageId: 'conv-1',
				campaignId: null,
				correlationId: null,
				callbackData: null,
				to: '+306900000001',
				from: '306912345678',
				timestamp: '2026-05-01T10:00:30.000Z',
				durationSeconds: 18,
				price: 0.012,
				receivedAt: '2026-05-01T10:00:31.000Z',
			},
		]);
	});

	it('reads a campaign message: its message id, and the campaign tracking id as campaign id', () => {
		const [event] = routeeReceipts.parse(campaignCallback, { receivedAt, includeRaw: true });
		expect(event).toMatchObject({
			messageId: 'm-1',
			campaignId: 'c-1',
			status: 'completed',
			to: '+306900000000',
			durationSeconds: 18,
			price: 0.012,
			raw: campaignCallback,
		});
	});

	it.each([
		['Queued', 'queued', false],
		['Initiated', 'initiated', false],
		['Ringing', 'ringing', false],
		['InProgress', 'answered', false],
		['Completed', 'completed', true],
		['Busy', 'busy', true],
		['NoAnswer', 'no-answer', true],
		['No Answer', 'no-answer', true],
		['Failed', 'failed', true],
		['Unsent', 'failed', true],
		['Terminated', 'failed', true],
		['Unknown', 'unknown', false],
		['Teleported', 'unknown', false],
	] as const)('%s is %s', (name, status, final) => {
		const [event] = routeeReceipts.parse(routeeCallback('conversation', name));
		expect([event.status, event.final, event.providerStatus]).toEqual([
			status as CallStatus,
			final,
			name,
		]);
	});

	it('accepts the tracking APIs’ { status, date }, numbers as text, a "to" without + and a list of callbacks', () => {
		const events = routeeReceipts.parse([
			{
				messageId: 'm-2',
				campaignTrackingId: 'c-2',
				to: '306900000002',
				status: { status: 'Busy', date: '2026-05-01T10:01:00.000+02:00' },
				duration: '0',
				price: '0',
			},
			routeeCallback('conversation', 'Ringing', { duration: undefined, price: undefined }),
		]);
		expect(
			events.map((e) => [e.messageId, e.status, e.to, e.timestamp, e.durationSeconds, e.price]),
		).toEqual([
			['m-2', 'busy', '+306900000002', '2026-05-01T08:01:00.000Z', 0, 0],
			['conv-1', 'ringing', '+306900000001', '2026-05-01T10:00:30.000Z', null, null],
		]);
	});

	it('claims only its own bodies', () => {
		expect(routeeReceipts.matches(routeeCallback('conversation', 'Completed'))).toBe(true);
		expect(routeeReceipts.matches(campaignCallback)).toBe(true);
		expect(routeeReceipts.matches([{}, campaignCallback])).toBe(true);
		const others = [
			{
				deliveryInfoNotification: {
					deliveryInfo: { code: '7410', deliveryStatus: 'DISCONNECTED' },
					transid: 't',
				},
			},
			{ callId: 'c-1', mobile: '447700900001', status: 'ANSWERED', transData: 'x' },
			// campaignCallback (undocumented): no message status object
			{ trackingId: 'c-1', campaignName: 'promo', state: 'Completed', statuses: { Completed: 1 } },
			{ messageId: 'm-1', status: 'Completed' },
			{ status: { name: 'Completed' } },
			'Completed',
			null,
		];
		for (const body of others) expect(routeeReceipts.matches(body)).toBe(false);
		expect(routeeReceipts.parse({ trackingId: 'c-1', state: 'Completed' })).toEqual([]);
	});

	it('is registered, and no other parser claims a Routee callback', () => {
		expect(RECEIPT_PARSERS).toContain(routeeReceipts);
		const claiming = RECEIPT_PARSERS.filter((parser) =>
			parser.matches(routeeCallback('conversation', 'Completed')),
		);
		expect(claiming).toEqual([routeeReceipts]);
		expect(webexConnectReceipts.matches(campaignCallback)).toBe(false);
		expect(innoPaasReceipts.matches(campaignCallback)).toBe(false);
	});

	it('reads prototype words as unknown statuses, and an impossible updatedDate as timestamp null with raw', () => {
		for (const name of ['constructor', '__proto__', 'toString']) {
			const [event] = routeeReceipts.parse(routeeCallback('campaign', name), { receivedAt });
			expect(event).toMatchObject({ status: 'unknown', providerStatus: name });
		}
		const body = routeeCallback('campaign', 'Completed', {
			status: { name: 'Completed', updatedDate: '2026-02-29T10:00:30Z' },
		});
		expect(routeeReceipts.parse(body, { receivedAt })[0]).toMatchObject({
			status: 'completed',
			timestamp: null,
			raw: body,
		});
	});
});
