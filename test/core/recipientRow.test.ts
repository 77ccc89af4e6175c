import { recipientRow } from '../../nodes/core/recipientRow';

describe('recipientRow', () => {
	it('gives the eight fields in table order, with null for what is not known', () => {
		const row = recipientRow({
			provider: 'routee',
			status: 'invalid',
			to: '020',
			message: 'to "020" has no country code',
			requestedAt: '2026-05-01T10:00:00.000Z',
		});
		expect(Object.entries(row)).toEqual([
			['provider', 'routee'],
			['status', 'invalid'],
			['messageId', null],
			['correlationId', null],
			['to', '020'],
			['code', null],
			['message', 'to "020" has no country code'],
			['requestedAt', '2026-05-01T10:00:00.000Z'],
		]);
	});

	it('keeps only its own fields from a provider answer', () => {
		const answer = {
			to: '+447700900001',
			status: 'queued' as const,
			messageId: 'm-1',
			correlationId: 'order-42',
			code: null,
			message: null,
			rawAnswer: { token: 'must-not-leak' },
		};
		const row = recipientRow({
			...answer,
			provider: 'webexConnect',
			requestedAt: '2026-05-01T10:00:00.000Z',
		});
		expect(row).toEqual({
			provider: 'webexConnect',
			status: 'queued',
			messageId: 'm-1',
			correlationId: 'order-42',
			to: '+447700900001',
			code: null,
			message: null,
			requestedAt: '2026-05-01T10:00:00.000Z',
		});
	});
});
