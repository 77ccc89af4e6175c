import { parseInput } from '../../../nodes/core/validation';
import { innoPaasCall } from '../../../nodes/providers/innoPaas/call';
import { notifyWait } from '../../../nodes/providers/innoPaas/wait';

const URL = 'https://n8n.example.com/webhook-waiting/7/node?signature=ab';
const input = { templateId: 'tpl-1', recipients: [{ to: '+447700900001' }], variables: [] };

describe('InnoPaaS: Call and Wait for Outcome', () => {
	it('puts the resume URL in billUrl (at most 250 characters)', () => {
		const call = parseInput(innoPaasCall.schema, notifyWait.withUrl(input, URL));
		expect(innoPaasCall.buildRequest(call).body.billUrl).toBe(URL);
		expect(notifyWait.maxUrlLength).toBe(250);
		// Seed 004's defaults: redial on (noAnswer and noConnected true), once, 60 minutes later.
		expect(notifyWait.window(call)).toEqual({
			startsAt: undefined,
			lastStartAt: undefined,
			redialMs: 3600_000,
		});
	});

	it('counts no redial only when the node turns redialling off (both policies false, or no redials)', () => {
		const window = (extra: Record<string, unknown>) =>
			notifyWait.window(parseInput(innoPaasCall.schema, { ...input, ...extra })).redialMs;
		expect(window({ noAnswer: false, noConnected: false })).toBe(0);
		expect(window({ maxRecallCount: 0 })).toBe(0);
		expect(window({ noAnswer: false })).toBe(3600_000);
		expect(window({ noConnected: false, maxRecallCount: 3, recallInterval: 20 })).toBe(3600_000);
	});

	it('a scheduled task starts at taskStartTime and may start until taskEndTime (in the item’s zone); redialling adds its span', () => {
		const start = new Date(Date.now() + 2 * 86_400_000);
		start.setUTCHours(1, 0, 0, 0);
		const end = new Date(start.getTime() + 6 * 3600_000);
		const call = parseInput(innoPaasCall.schema, {
			...input,
			sendType: 'scheduled',
			taskStartTime: start.toISOString(),
			taskEndTime: end.toISOString(),
			timeZone: 'Asia/Shanghai',
			noAnswer: true,
			maxRecallCount: 2,
			recallInterval: 30,
		});
		expect(notifyWait.window(call)).toEqual({
			startsAt: start,
			lastStartAt: end,
			redialMs: 2 * 30 * 60_000,
		});
		// Redialling is on by InnoPaaS's defaults (once, an hour later) when unanswered calls are redialled.
		expect(
			notifyWait.window(parseInput(innoPaasCall.schema, { ...input, noConnected: true })).redialMs,
		).toBe(3600_000);
	});
});
