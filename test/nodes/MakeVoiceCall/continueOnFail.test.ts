/**
 * Make Voice Call with items of every kind, on every provider path: a good number, an object where
 * the number belongs, an expression that fails for one item, a request the provider refuses, and a
 * number in a zone-less date's workflow. With Continue On Fail each item gets its own rows and the
 * next items are still called; without, the node stops with an error that names the item.
 */
import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type INodeParameters,
} from 'n8n-workflow';

import { MakeVoiceCall } from '../../../nodes/MakeVoiceCall/MakeVoiceCall.node';
import { runNode } from '../../harness';
import { nodeRunner } from '../../support/nodeRunner';
import { rows } from '../../support/nodes';
import { useProviderAccounts } from '../../support/providerAccounts';

const accounts = useProviderAccounts('cof');

/**
 * `to` reads the item's `phone`; for an item with `broken` the expression itself fails (it names a
 * node that does not exist: n8n throws for that, where it reads most other mistakes as empty).
 */
const TO = '={{ $json.broken ? $("No Such Node").item.json.phone : $json.phone }}';

const PATHS = [
	{
		id: 'webexConnect',
		path: '/v2/messages',
		parameters: {
			provider: 'webexConnect',
			from: '+14155550100',
			to: TO,
			contentType: 'media',
			mediaId: '1561',
		},
		numbers: ['+447700900001', '+447700900002', '+447700900003'],
	},
	{
		id: 'imiconnectMessaging',
		path: '/resources/v1/messaging',
		parameters: {
			provider: 'imiconnectMessaging',
			to: TO,
			voiceContent: 'callflowid',
			callflowid: 'flow-7',
		},
		numbers: ['+447700900001', '+447700900002', '+447700900003'],
	},
	{
		id: 'routee',
		path: '/voice/conversation',
		parameters: {
			provider: 'routee',
			from: '306912345678',
			to: TO,
			type: 'SAY',
			text: 'Hello',
			language: 'en-GB',
		},
		numbers: ['+306900000001', '+306900000002', '+306900000003'],
	},
	{
		id: 'innoPaas',
		path: '/open/int-voice/batch-notify',
		parameters: { provider: 'innoPaas', to: TO, templateId: 'tpl-1' },
		numbers: ['+447700900001', '+447700900002', '+447700900003'],
	},
] as const;

const run = nodeRunner(() => new MakeVoiceCall(), accounts, {});
const call = (parameters: INodeParameters, items: IDataObject[], continueOnFail: boolean) =>
	run(parameters, items, { continueOnFail });

describe.each(PATHS)(
	'Make Voice Call through $id: one item’s failure is that item’s',
	({ path, parameters, numbers }) => {
		const [first, refused, last] = numbers;
		/** A good item, an object for a number, an expression that fails, one the provider refuses (500), a good one. */
		const items: IDataObject[] = [
			{ phone: first },
			{ phone: { toString: 1 } },
			{ broken: {} },
			{ phone: refused },
			{ phone: last },
		];

		it('with Continue On Fail: every item gets its rows, the good ones are called once, nothing else is', async () => {
			// The second request that reaches the provider (the fourth item's) is refused.
			accounts.simulator.injectFault({ kind: '500', path, skip: 1 });
			const result = await call(parameters, items, true);
			expect(result.error).toBeUndefined();
			expect(rows(result).map((row) => [row.status, row.to])).toEqual([
				['queued', first],
				['invalid', ''],
				['invalid', ''],
				['failed', refused],
				['queued', last],
			]);
			expect(result.items.map((item) => item.pairedItem)).toEqual(
				[0, 1, 2, 3, 4].map((item) => ({ item })),
			);
			const [, object, expression, failed] = rows(result);
			expect(object.message).toBe('to must be text, not an object');
			expect(expression.message).toMatch(/^The item’s parameters could not be read: /);
			expect(failed).toMatchObject({
				code: expect.stringMatching(/500|7006/),
				message: expect.any(String),
			});
			expect(accounts.simulator.requests.filter((request) => request.path === path)).toHaveLength(
				3,
			);
			expect(accounts.simulator.dialCounts()).toEqual({ [first]: 1, [last]: 1 });
		});

		it('without it: the error names the item, and no later item is called', async () => {
			const object = await call(parameters, items, false);
			expect(object.error).toBeInstanceOf(NodeOperationError);
			expect(object.error?.message).toBe('to must be text, not an object');
			expect((object.error as NodeOperationError).context.itemIndex).toBe(1);
			expect((object.error as NodeOperationError).description).toBe(
				'Item 2 of 5: nothing was sent for it.',
			);
			expect(accounts.simulator.dialCounts()).toEqual({ [first]: 1 });

			accounts.simulator.reset();
			const expression = await call(
				parameters,
				[{ phone: first }, { broken: {} }, { phone: last }],
				false,
			);
			expect(expression.error).toBeInstanceOf(NodeOperationError);
			expect((expression.error as NodeOperationError).context.itemIndex).toBe(1);
			expect(accounts.simulator.dialCounts()).toEqual({ [first]: 1 });

			accounts.simulator.reset();
			accounts.simulator.injectFault({ kind: '500', path });
			const refusal = await call(parameters, [{ phone: refused }, { phone: last }], false);
			expect(refusal.error).toBeInstanceOf(NodeApiError);
			expect((refusal.error as NodeApiError).context.itemIndex).toBe(0);
			expect((refusal.error as NodeApiError).description).toBe(
				'Item 1 of 2: nothing was dialled for it.',
			);
			expect(accounts.simulator.dialCounts()).toEqual({});
		});
	},
);

describe('Make Voice Call: times without a zone are the workflow’s', () => {
	it('sends a Send At of 09:00 in a workflow set to Europe/Berlin as 08:00 UTC', async () => {
		// Sent as 09:00Z before: an hour late.
		const result = await runNode({
			node: new MakeVoiceCall(),
			parameters: {
				...PATHS[0].parameters,
				to: '+447700900001',
				options: { sendAt: '2026-12-01T09:00:00' },
			},
			credentials: accounts.credentials(),
			credentialTypes: accounts.credentialTypes(),
			settings: { timezone: 'Europe/Berlin' },
		});
		expect(rows(result)[0].status).toBe('queued');
		expect((accounts.simulator.requests[0].body as IDataObject).sendAt).toBe(
			'2026-12-01T08:00:00.000Z',
		);
	});

	it('refuses a Send At the calendar does not have, naming the field and the value', async () => {
		const result = await call(
			{
				...PATHS[0].parameters,
				to: '+447700900001',
				options: { sendAt: '2026-04-31T08:00:00Z' },
			},
			[{}],
			false,
		);
		expect(result.error?.message).toBe(
			'sendAt "2026-04-31T08:00:00Z" is not a real date: April 2026 has no day 31',
		);
		expect(accounts.simulator.requests).toHaveLength(0);
	});
});
