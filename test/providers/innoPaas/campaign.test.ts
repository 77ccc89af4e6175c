import { parseInput } from '../../../nodes/core/validation';
import { innoPaasBatch } from '../../../nodes/providers/innoPaas/campaign';
import { packMobile } from '../../../nodes/providers/innoPaas/common';
import type { InnoPaasBatch } from '../../../nodes/providers/innoPaas/schema';
import { ok } from '../../support/answers';
import { fixture } from '../../support/fixtures';
import { inputError } from '../../support/inputError';

const batch = (overrides: Record<string, unknown> = {}): InnoPaasBatch =>
	parseInput(innoPaasBatch.schema, {
		recipients: [
			{ to: '+447700900001', variables: ['Ada', '42'] },
			{ to: '+447700900002', variables: ['Grace', 7] },
		],
		templateId: 'tpl-1',
		...overrides,
	});

describe('InnoPaaS batch (for a campaign node)', () => {
	it('packs each number with its own variables', () => {
		expect(innoPaasBatch.buildRequest(batch()).body).toEqual({
			mobile: '447700900001,Ada|42;447700900002,Grace|7',
			countryCode: 'GB',
			templateId: 'tpl-1',
		});
		expect(
			packMobile([{ to: '+447700900001' }, { to: '+447700900002', variables: ['x'] }], ['shared']),
		).toBe('447700900001,shared;447700900002,x');
		expect(packMobile([{ to: '+447700900001' }, { to: '+447700900002' }])).toBe(
			'447700900001;447700900002',
		);
	});

	it('shares one callId: the campaign id and every row’s message id', () => {
		const outcome = innoPaasBatch.parseResponse(
			batch(),
			ok({ ...fixture('innoPaas', 'answer.success'), data: { callId: 'batch-1' } }),
		);
		expect(outcome).toMatchObject({ kind: 'accepted', campaignId: 'batch-1' });
		expect(
			outcome.kind === 'accepted' && outcome.recipients.map((r) => [r.to, r.messageId]),
		).toEqual([
			['+447700900001', 'batch-1'],
			['+447700900002', 'batch-1'],
		]);
	});

	it('takes up to 1000 numbers of one country', () => {
		const recipients = Array.from({ length: 1000 }, (_, i) => ({
			to: `+4477009${String(i).padStart(5, '0')}`,
		}));
		expect(batch({ recipients }).recipients).toHaveLength(1000);
		expect(
			inputError(() => batch({ recipients: [...recipients, { to: '+447700999999' }] })).message,
		).toContain('to has 1,001 numbers; InnoPaaS allows at most 1,000 per request');
		expect(
			inputError(() => batch({ recipients: [{ to: '+447700900001' }, { to: '+4915112345678' }] }))
				.message,
		).toContain(
			'to has numbers of several countries (GB, DE); InnoPaaS takes one countryCode per request',
		);
	});

	it('validates one recipient with its variables on its own', () => {
		expect(
			innoPaasBatch.recipientSchema.safeParse({ to: '+44 7700 900001', variables: ['a'] }).data,
		).toEqual({ to: '+447700900001', variables: ['a'] });
		expect(
			innoPaasBatch.recipientSchema.safeParse({ to: '+447700900001', variables: ['a|b'] }).success,
		).toBe(false);
	});
});
