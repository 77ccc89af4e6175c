/**
 * Options → Check Across Processes: two webhook processes (two copies of the trigger's module, each
 * with its own process memory) in front of one n8n deduplication store (the harness's model of
 * n8n's processed_data table). The real table, processes and queue are in
 * test/e2e/queueMode.e2e.test.ts.
 */
import type { INodeParameters } from 'n8n-workflow';

import type { VoiceReceiptTrigger as TriggerClass } from '../../../nodes/VoiceReceiptTrigger/VoiceReceiptTrigger.node';
import { runWebhook } from '../../harness';
import { deduplicationStore } from '../../harness/deduplication';
import { webexEvent } from '../../support/receipts';

/** A fresh copy of the trigger's module: a process with its own memory. */
function process(): typeof TriggerClass {
	let loaded: typeof TriggerClass | undefined;
	jest.isolateModules(() => {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		loaded = (
			require('../../../nodes/VoiceReceiptTrigger/VoiceReceiptTrigger.node') as {
				VoiceReceiptTrigger: typeof TriggerClass;
			}
		).VoiceReceiptTrigger;
	});
	return loaded!;
}

/** Check Across Processes with the lock's timing assumption scaled to the in-memory store. */
const FAST = { checkAcrossProcesses: true, storeCallLimitMs: 20 };

const receipt = (transid: string, code = '7410', word = 'Disconnected') =>
	webexEvent(code, word, { transid }, { deliveryTransInfo: undefined });

function deliver(
	node: typeof TriggerClass,
	workflowId: string,
	body: unknown,
	parameters: INodeParameters = {},
	mode?: 'manual',
) {
	return runWebhook({
		node: new node(),
		type: 'n8n-nodes-outbound-voice.voiceReceiptTrigger',
		// Version 1: the receipts' time stamps are years old (1.1 would take them as stale).
		typeVersion: 1,
		workflowId,
		webhookId: 'b1e2c3d4-cluster',
		parameters: { authentication: 'none', options: FAST, ...parameters },
		request: { body },
		mode,
	});
}

describe('Voice Receipt Trigger: Check Across Processes', () => {
	const [a, b] = [process(), process()];

	it('passes a receipt on in the run of the first process that takes it, and drops it in the run of the other', async () => {
		const first = await deliver(a, 'cluster-1', receipt('m-1'));
		expect(first.response).toMatchObject({ status: 200, body: { emitted: 1 } });
		expect(first.runItems).toHaveLength(1);
		// The other process has never seen it: its webhook step takes it and starts a run...
		const copy = await deliver(b, 'cluster-1', receipt('m-1'));
		expect(copy.response).toMatchObject({ status: 200, body: { emitted: 1, duplicates: 0 } });
		expect(copy.startsRun).toBe(true);
		// ...in which the trigger passes nothing on.
		expect(copy.runItems).toEqual([]);
		expect(copy.runHints).toEqual([expect.stringContaining('Dropped 1 duplicate')]);
		// The first process drops its own retry before any run, as without the option.
		expect((await deliver(a, 'cluster-1', receipt('m-1'))).startsRun).toBe(false);
	});

	it('passes each receipt on exactly once when its copies reach both processes at the same moment', async () => {
		const store = deduplicationStore();
		store.latencyMs = 2;
		try {
			const bodies = Array.from({ length: 30 }, (_, i) => receipt(`c-${i}`));
			const results = await Promise.all(
				bodies.flatMap((body) => [deliver(a, 'cluster-2', body), deliver(b, 'cluster-2', body)]),
			);
			const passedOn = results.flatMap((result) =>
				result.runItems.map((item) => item.json.messageId as string),
			);
			expect(passedOn.sort()).toEqual(bodies.map((_, i) => `c-${i}`).sort());
			expect(results.every((result) => result.response.status === 200 && result.startsRun)).toBe(
				true,
			);
		} finally {
			store.latencyMs = 0;
		}
	});

	it('drops late events per process only: the queue may start runs in another order than receipts arrived', async () => {
		const options = { options: { ...FAST, dropOutOfOrder: true } };
		expect((await deliver(a, 'cluster-3', receipt('m-3'), options)).runItems).toHaveLength(1);
		// The process that saw the call end drops the late event before any run...
		expect(
			(await deliver(a, 'cluster-3', receipt('m-3', '7519', 'Answered'), options)).response.body,
		).toMatchObject({ emitted: 0, outOfOrder: 1 });
		// ...the other process has not seen it end, and its run cannot tell arrival order: passed on.
		const elsewhere = await deliver(b, 'cluster-3', receipt('m-3', '7408', 'Accepted'), options);
		expect(elsewhere.response.body).toMatchObject({ emitted: 1, outOfOrder: 0 });
		expect(elsewhere.runItems).toHaveLength(1);
	});

	it('fails the run, with its events in its input, when n8n’s store fails: nothing passed on or dropped silently', async () => {
		const store = deduplicationStore();
		store.failing = new Error('connection terminated unexpectedly');
		try {
			await expect(deliver(a, 'cluster-5', receipt('m-5'))).rejects.toThrow(
				'connection terminated unexpectedly',
			);
		} finally {
			store.failing = undefined;
		}
		// Retried (from the Executions list: another execution), the receipt is decided as new.
		expect((await deliver(b, 'cluster-5', receipt('m-5'))).runItems).toHaveLength(1);
	});

	it("leaves n8n's store alone in test runs (the editor's test URL) and when the option is off", async () => {
		const store = deduplicationStore();
		const calls = store.calls;
		expect((await deliver(a, 'cluster-4', receipt('m-4'), {}, 'manual')).runItems).toHaveLength(1);
		expect((await deliver(b, 'cluster-4', receipt('m-4'), { options: {} })).runItems).toHaveLength(
			1,
		);
		expect(store.calls).toBe(calls);
	});
});
