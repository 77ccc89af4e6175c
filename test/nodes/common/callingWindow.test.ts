/**
 * Calling Window (Skip) on Send Voice Campaign and Make Voice Call (n8n-core, simulator over HTTP),
 * at a fixed run time: Monday 1 June 2026, 11:00 UTC (12:00 in London, 07:00 in New York).
 */
import { NodeOperationError, type IDataObject, type INodeParameters } from 'n8n-workflow';

import { runClock } from '../../../nodes/common/compliance';
import { MakeVoiceCall } from '../../../nodes/MakeVoiceCall/MakeVoiceCall.node';
import { SendVoiceCampaign } from '../../../nodes/SendVoiceCampaign/SendVoiceCampaign.node';
import { nodeRunner, webexTts } from '../../support/nodeRunner';
import { rows } from '../../support/nodes';
import { useProviderAccounts } from '../../support/providerAccounts';

const accounts = useProviderAccounts('window');

const tts: INodeParameters = { ...webexTts('Your order is ready'), defaultCountry: 'GB' };

const RUN_AT = new Date('2026-06-01T11:00:00Z');
const realNow = runClock.now;
beforeEach(() => (runClock.now = () => RUN_AT));
afterEach(() => (runClock.now = realNow));

const WEEKDAYS = 'Mon-Fri 09:00-20:00';
const london = '+447911000001';
const newJersey = '+12015550123';

const runners = {
	campaign: nodeRunner(() => new SendVoiceCampaign(), accounts, tts, {
		receiptSecret: 'window-51',
	}),
	call: nodeRunner(() => new MakeVoiceCall(), accounts, tts, { receiptSecret: 'window-51' }),
};

function run(
	node: 'campaign' | 'call',
	compliance: INodeParameters,
	items: IDataObject[],
	options: { parameters?: INodeParameters; type?: string; continueOnFail?: boolean } = {},
) {
	return runners[node]({ ...options.parameters, compliance }, items, {
		type: options.type,
		continueOnFail: options.continueOnFail,
		mode: options.parameters?.operation === 'sendAndWait' ? 'webhook' : undefined,
	});
}

describe('Calling Window: Skip', () => {
	it('Send Voice Campaign: a recipient before its local opening is outside-window with the next opening and its zones; the others are called; nothing counts but the calls', async () => {
		const result = await run(
			'campaign',
			{ callingWindow: WEEKDAYS, doNotCall: '+447911000002' },
			[
				{ phone: london },
				{ phone: newJersey },
				{ phone: '+447911000002' },
				{ phone: '+800 1234 5678' },
			],
			{ parameters: { guardrails: { maxCallsPerRun: 1 }, campaign: {} } },
		);
		expect(result.error).toBeUndefined();
		const out = rows(result);
		expect(out.map((row) => [row.to, row.status])).toEqual([
			[london, 'queued'],
			[newJersey, 'outside-window'],
			['+447911000002', 'suppressed'],
			['+80012345678', 'outside-window'],
		]);
		expect(out[1]).toEqual(
			expect.objectContaining({
				windowZones: ['America/New_York'],
				windowGuessed: true,
				windowSource: 'area-code',
				nextOpening: '2026-06-01T13:00:00.000Z',
			}),
		);
		expect(out[1].message).toBe(
			'Not dialled: it is Mon 07:00 in America/New_York (guessed from the number) for +12015550123, and the Calling Window (Mon-Fri 09:00-20:00) opens at 2026-06-01T13:00:00.000Z (Mon 09:00 in America/New_York). Do not call this number before then; do not retry earlier.',
		);
		expect(out[3].message).toContain('time zone of +80012345678 is unknown');
		expect(accounts.simulator.dialCounts()).toEqual({ [london]: 1 });
	});

	it('the summary counts outside-window rows apart', async () => {
		const result = await run(
			'campaign',
			{ callingWindow: WEEKDAYS },
			[{ phone: london }, { phone: newJersey }],
			{
				parameters: { campaign: { output: 'summary' } },
			},
		);
		expect(rows(result)).toEqual([
			expect.objectContaining({
				total: 2,
				statuses: { queued: 1, 'outside-window': 1 },
				outsideWindow: 1,
			}),
		]);
	});

	it('a call that could still ring after the window closes waits for the next opening (Friday 19:59:30 London → Monday 09:00)', async () => {
		runClock.now = () => new Date('2026-06-05T18:59:30Z');
		const result = await run('call', { callingWindow: WEEKDAYS }, [{ phone: london }]);
		expect(rows(result)).toEqual([
			expect.objectContaining({
				status: 'outside-window',
				nextOpening: '2026-06-08T08:00:00.000Z',
			}),
		]);
		expect(accounts.simulator.requests).toHaveLength(0);
	});

	it('Make Voice Call: numbers of one item are decided each on its own; the inside one is called', async () => {
		const result = await run('call', { callingWindow: WEEKDAYS }, [
			{ phone: `${london}, ${newJersey}` },
		]);
		expect(rows(result).map((row) => [row.to, row.status])).toEqual([
			[london, 'queued'],
			[newJersey, 'outside-window'],
		]);
		expect(accounts.simulator.dialCounts()).toEqual({ [london]: 1 });
	});

	it('Call and Wait for Outcome outside the window is refused before dialling, naming the opening', async () => {
		const result = await run('call', { callingWindow: WEEKDAYS }, [{}], {
			parameters: { operation: 'sendAndWait', to: newJersey },
		});
		expect(result.error).toBeInstanceOf(NodeOperationError);
		expect(result.error?.message).toContain('opens at 2026-06-01T13:00:00.000Z');
		expect(result.error?.message).toContain('n8n does not re-run a node after a timed wait');
		expect(accounts.simulator.requests).toHaveLength(0);
	});

	it('a window filled in by the model ($fromAI) is refused; one that cannot be read names its value', async () => {
		const byModel = await run(
			'call',
			{ callingWindow: "={{ $fromAI('hours', 'when to call') }}" },
			[{}],
			{
				type: 'n8n-nodes-outbound-voice.makeVoiceCallTool',
				parameters: { to: london, guardrails: { allowedDestinations: 'GB', maxCallsPerRun: 2 } },
			},
		);
		expect(byModel.error?.message).toContain('set by the workflow owner, not by the model');
		const unreadable = await run('campaign', { callingWindow: 'Mon-Fri 09:00-25:00' }, [
			{ phone: london },
		]);
		expect(unreadable.error).toBeInstanceOf(NodeOperationError);
		expect(unreadable.error?.message).toContain('"25:00"');
		expect(accounts.simulator.requests).toHaveLength(0);
	});

	it('the tool variant outside the window tells the model when it opens and not to retry earlier', async () => {
		const result = await run('call', { callingWindow: WEEKDAYS }, [{}], {
			type: 'n8n-nodes-outbound-voice.makeVoiceCallTool',
			parameters: { to: newJersey, guardrails: { allowedDestinations: 'US', maxCallsPerRun: 1 } },
		});
		expect(rows(result)).toEqual([
			expect.objectContaining({
				status: 'outside-window',
				message: expect.stringContaining('opens at 2026-06-01T13:00:00.000Z'),
			}),
		]);
		expect(rows(result)[0].message).toContain('do not retry earlier');
		expect(accounts.simulator.requests).toHaveLength(0);
	});

	it("a send time the user set (sendAt) is checked against each recipient's window, never moved: inside for both, both are sent for it", async () => {
		const result = await run(
			'campaign',
			{ callingWindow: WEEKDAYS },
			[{ phone: london }, { phone: newJersey }],
			{ parameters: { options: { sendAt: '2026-06-01T14:00:00Z' } } },
		);
		expect(rows(result).map((row) => [row.to, row.status])).toEqual([
			[london, 'queued'],
			[newJersey, 'queued'],
		]);
		expect(accounts.simulator.requests.map((request) => request.body)).toEqual([
			expect.objectContaining({ sendAt: '2026-06-01T14:00:00.000Z' }),
		]);
	});

	it("a send time the user set outside a recipient's window refuses that recipient, naming the time, the zones and the next opening; Make Voice Call likewise", async () => {
		const options = { sendAt: '2026-06-01T19:30:00Z' };
		const campaign = await run(
			'campaign',
			{ callingWindow: WEEKDAYS },
			[{ phone: london }, { phone: newJersey }],
			{ parameters: { options } },
		);
		const out = rows(campaign);
		expect(out.map((row) => [row.to, row.status])).toEqual([
			[london, 'outside-window'],
			[newJersey, 'queued'],
		]);
		expect(out[0]).toEqual(
			expect.objectContaining({
				windowZones: ['Europe/Guernsey', 'Europe/Isle_of_Man', 'Europe/London'],
				nextOpening: '2026-06-02T08:00:00.000Z',
			}),
		);
		expect(out[0].message).toBe(
			'Not dialled: with sendAt 2026-06-01T19:30:00.000Z (Mon 20:30 in Europe/Guernsey), +447911000001 could ring outside the Calling Window in Europe/Guernsey, Europe/Isle_of_Man, Europe/London (guessed from the number), and the Calling Window (Mon-Fri 09:00-20:00) opens at 2026-06-02T08:00:00.000Z (Tue 09:00 in Europe/Guernsey). A time you set is never moved: change sendAt, or leave it empty to call now.',
		);
		expect(accounts.simulator.requests.map((request) => request.body)).toEqual([
			expect.objectContaining({
				sendAt: '2026-06-01T19:30:00.000Z',
				to: [expect.objectContaining({ msisdn: [newJersey] })],
			}),
		]);
		const call = await run('call', { callingWindow: WEEKDAYS }, [{ phone: london }], {
			parameters: { options },
		});
		expect(rows(call)).toEqual([
			expect.objectContaining({
				status: 'outside-window',
				message: expect.stringContaining('never moved'),
			}),
		]);
		expect(accounts.simulator.dialCounts()).toEqual({ [newJersey]: 1 });
	});
});
