/** What the node tests (test/nodes) check of every run through the harness. */
import { NodeOperationError } from 'n8n-workflow';

import { logsToText, type NodeRunResult } from '../harness';
import type { Simulator } from '../simulator/server';

/** The json of each output item. */
export const rows = (result: NodeRunResult) => result.items.map((item) => item.json);

/** Nothing this package writes (output items, errors, logs) may carry a secret. */
export function expectNoSecrets(result: NodeRunResult, secrets: readonly string[]) {
	const everything =
		JSON.stringify(result.items) +
		String(result.error?.message) +
		JSON.stringify(result.error) +
		logsToText(result.logs);
	for (const secret of secrets) expect(everything).not.toContain(secret);
}

/** Input refused before anything is sent: a NodeOperationError of item 0 that says `message`, and no request. */
export function expectRefusedInput(result: NodeRunResult, message: string, simulator: Simulator) {
	expect(result.error).toBeInstanceOf(NodeOperationError);
	expect(result.error?.message).toContain(message);
	expect((result.error as NodeOperationError).context.itemIndex).toBe(0);
	expect(simulator.requests).toHaveLength(0);
}

/** Valid UK mobile numbers (libphonenumber checks campaign numbers for real). */
export const mobile = (n: number) => `+447911${String(n).padStart(6, '0')}`;

/** `count` input items, each with its own mobile number in `phone`. */
export const contacts = (count: number) =>
	Array.from({ length: count }, (_, i) => ({ phone: mobile(i), name: `Contact ${i}` }));
