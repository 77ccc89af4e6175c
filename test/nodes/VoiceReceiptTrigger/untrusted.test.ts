/**
 * The Voice Receipt Trigger with receipts no provider should send but anyone can: prototype words
 * as statuses, impossible time stamps, a form body nested 20,000 levels deep, and a header named
 * like a prototype property. Each gets a clear answer; none crashes the trigger.
 */
import type { INodeParameters } from 'n8n-workflow';

import { VoiceReceiptWebhookApi } from '../../../credentials/VoiceReceiptWebhookApi.credentials';
import { VoiceReceiptTrigger } from '../../../nodes/VoiceReceiptTrigger/VoiceReceiptTrigger.node';
import { runWebhook, type WebhookRequestInput } from '../../harness';
import { webexEvent, webexReceipt } from '../../support/receipts';

const SECRET = 'untrusted-secret-61c2';

function trigger(request: WebhookRequestInput, parameters: INodeParameters = {}) {
	return runWebhook({
		node: new VoiceReceiptTrigger(),
		// Version 1: the receipts' time stamps are years old (1.1 would take them as stale).
		typeVersion: 1,
		webhookId: 'c0ffee00-untrusted',
		parameters: { authentication: 'none', ...parameters },
		request,
		credentials: { voiceReceiptWebhookApi: { secret: SECRET } },
		credentialTypes: [new VoiceReceiptWebhookApi()],
	});
}

describe('Voice Receipt Trigger: untrusted receipts', () => {
	it.each(['constructor', '__proto__'])(
		'emits a receipt whose code and word are %s as unknown, with raw',
		async (word) => {
			// A status table of plain objects made the status a function (or Object.prototype), emitted without raw.
			const body = webexEvent(word, word);
			const result = await trigger({
				body: JSON.stringify(body),
				headers: { 'content-type': 'application/json' },
			});
			expect(result.response.status).toBe(200);
			expect(result.items).toHaveLength(1);
			expect(result.items[0].json).toMatchObject({ status: 'unknown', final: false, raw: body });
		},
	);

	it('emits an impossible time stamp as timestamp null with the payload under raw; a good one as before', async () => {
		// Rolled over to 2 March before.
		const body = webexReceipt({ timeStamp: '2026-02-30T10:00:05.123' });
		const result = await trigger({ body });
		expect(result.items[0].json).toMatchObject({ status: 'completed', timestamp: null, raw: body });
		const good = await trigger({ body: webexReceipt() });
		expect(good.items[0].json).toMatchObject({ timestamp: '2026-05-01T10:00:05.123Z' });
		expect(good.items[0].json).not.toHaveProperty('raw');
	});

	it('answers 400, without a run, to a form body nested 20,000 levels deep (the stack overflowed before)', async () => {
		const body = `deliveryInfoNotification${'[x]'.repeat(20_000)}=1`;
		const result = await trigger({
			body,
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
		});
		expect(result.response.status).toBe(400);
		expect(result.response.body).toEqual({
			error: 'not-a-receipt',
			message: expect.stringContaining('nests 20,001 levels deep; a receipt nests at most 32'),
		});
		expect(result.startsRun).toBe(false);
		expect(result.items).toEqual([]);
	});

	it.each(['__proto__', 'constructor'])(
		'answers 401 when the secret header is named %s and not sent (it threw before)',
		async (headerName) => {
			const result = await trigger(
				{ body: webexReceipt() },
				{ authentication: 'headerSecret', headerName },
			);
			expect(result.error).toBeUndefined();
			expect(result.response.status).toBe(401);
			// Only "unauthorized": the answer names neither the method nor the header expected.
			expect(result.response.body).toEqual({ error: 'unauthorized' });
			expect(result.startsRun).toBe(false);
		},
	);
});
