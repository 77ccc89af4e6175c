import type { CallEvent } from '../../nodes/core/events';

/** A normalised call event: a Webex Connect call completed (7410 Disconnected) unless `overrides` say otherwise. */
export function callEvent(overrides: Partial<CallEvent> = {}): CallEvent {
	return {
		provider: 'webexConnect',
		status: 'completed',
		final: true,
		providerStatus: 'DISCONNECTED',
		providerCode: '7410',
		description: 'Disconnected',
		messageId: 'm-1',
		campaignId: null,
		correlationId: 'order-42',
		callbackData: null,
		to: '+447700900001',
		from: null,
		timestamp: '2026-05-01T10:00:05.123Z',
		durationSeconds: null,
		price: null,
		receivedAt: '2026-05-01T10:00:06.000Z',
		...overrides,
	};
}
