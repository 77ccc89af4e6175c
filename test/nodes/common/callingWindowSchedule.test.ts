/**
 * Calling Window, Outside the Window: Schedule (n8n-core, simulator over HTTP), at a fixed run
 * time: Monday 1 June 2026, 11:00 UTC (12:00 in London, 07:00 in New York, 21:00 in Sydney).
 * Each request's send time is read back from the simulator's request log.
 */
import { NodeOperationError, type IDataObject, type INodeParameters } from 'n8n-workflow';

import { runClock } from '../../../nodes/common/compliance';
import { MakeVoiceCall } from '../../../nodes/MakeVoiceCall/MakeVoiceCall.node';
import { SendVoiceCampaign } from '../../../nodes/SendVoiceCampaign/SendVoiceCampaign.node';
import { nodeRunner } from '../../support/nodeRunner';
import { rows } from '../../support/nodes';
import { useProviderAccounts } from '../../support/providerAccounts';
import { webexTtsUs } from '../../support/webexTts';

const accounts = useProviderAccounts('schedule');

const RUN_AT = new Date('2026-06-01T11:00:00Z');
const realNow = runClock.now;
beforeEach(() => (runClock.now = () => RUN_AT));
afterEach(() => (runClock.now = realNow));

const WEEKDAYS = 'Mon-Fri 09:00-20:00';
const SCHEDULE = { callingWindow: WEEKDAYS, outsideWindow: 'schedule' };

/** Six US zones (Phoenix's 602 shares Los Angeles' 09:00 in June; 907 waits for Hawaii), GB, AU. */
const US_GB_AU = [
	{ phone: '+12125550100', opens: '2026-06-01T13:00:00.000Z' }, // New York, 09:00 EDT
	{ phone: '+13125550100', opens: '2026-06-01T14:00:00.000Z' }, // Chicago, 09:00 CDT
	{ phone: '+13035550100', opens: '2026-06-01T15:00:00.000Z' }, // Denver, 09:00 MDT
	{ phone: '+16025550100', opens: '2026-06-01T16:00:00.000Z' }, // Phoenix 09:00 MST (Denver 10:00)
	{ phone: '+14155550100', opens: '2026-06-01T16:00:00.000Z' }, // Los Angeles, 09:00 PDT
	{ phone: '+19075550100', opens: '2026-06-01T19:00:00.000Z' }, // Alaska with Hawaii's 09:00
	{ phone: '+18085550100', opens: '2026-06-01T19:00:00.000Z' }, // Honolulu, 09:00 HST
	{ phone: '+447911000001', opens: null }, // London, 12:00 BST: open now
	{ phone: '+61291234567', opens: '2026-06-01T23:00:00.000Z' }, // Sydney, Tuesday 09:00 AEST
];

const webex: INodeParameters = { ...webexTtsUs('Your order is ready'), from: '+14155550199' };
const routee: INodeParameters = {
	provider: 'routee',
	from: '306912345678',
	name: 'Reminders',
	type: 'SAY',
	text: 'Your parcel arrives tomorrow',
	language: 'en-US',
	gender: 'female',
};
const innoPaas: INodeParameters = {
	provider: 'innoPaas',
	templateId: 'tpl-42',
	options: { timeZone: 'Asia/Shanghai' },
};

const twilio = { provider: 'twilio', from: '+15005550006', twilioContent: 'say', text: 'Hello' };
const routeeCall = { ...routee, to: '+447911000001' };

const campaignRun = nodeRunner(() => new SendVoiceCampaign(), accounts, {
	to: '={{ $json.phone }}',
});
const campaign = (parameters: INodeParameters, items: IDataObject[], continueOnFail = false) =>
	campaignRun(parameters, items, { continueOnFail });

const callRun = nodeRunner(() => new MakeVoiceCall(), accounts, {});
const call = (parameters: INodeParameters, items: IDataObject[] = [{}]) =>
	callRun(parameters, items);

const bodies = () => accounts.simulator.requests.map((request) => request.body as IDataObject);
const phones = US_GB_AU.map(({ phone }) => ({ phone }));
/** The numbers of each expected request, by send time (null: now), in input order. */
const byOpening = () => {
	const groups = new Map<string | null, string[]>();
	for (const { phone, opens } of US_GB_AU) groups.set(opens, [...(groups.get(opens) ?? []), phone]);
	return groups;
};

describe('Outside the Window: Schedule', () => {
	it('Webex Connect Make Call: one request per opening time, each with its sendAt; every recipient in exactly one row, with the time it is scheduled for', async () => {
		const result = await campaign({ ...webex, compliance: SCHEDULE }, phones);
		expect(result.error).toBeUndefined();
		const sent = bodies().map((body) => [
			body.sendAt ?? null,
			(body.to as Array<{ msisdn: string[] }>).flatMap((entry) => entry.msisdn),
		]);
		expect(sent).toEqual([...byOpening()].map(([opens, numbers]) => [opens, numbers]));
		const out = rows(result);
		expect(out.map((row) => [row.to, row.status, row.scheduledFor ?? null])).toEqual(
			US_GB_AU.map(({ phone, opens }) => [phone, 'queued', opens]),
		);
		expect(out[0]).toEqual(
			expect.objectContaining({
				windowZones: ['America/New_York'],
				windowGuessed: true,
				windowSource: 'area-code',
			}),
		);
		expect(accounts.simulator.dialCounts()).toEqual(
			Object.fromEntries(US_GB_AU.map(({ phone }) => [phone, 1])),
		);
	});

	it('a dry run shows each request with its send time and the opening it is scheduled for, and sends nothing', async () => {
		const result = await campaign(
			{ ...webex, compliance: SCHEDULE, campaign: { dryRun: true } },
			phones.slice(0, 2),
		);
		expect(rows(result)).toEqual([
			expect.objectContaining({
				dryRun: true,
				scheduledFor: '2026-06-01T13:00:00.000Z',
				request: expect.objectContaining({
					body: expect.objectContaining({ sendAt: '2026-06-01T13:00:00.000Z' }),
				}),
			}),
			expect.objectContaining({
				dryRun: true,
				scheduledFor: '2026-06-01T14:00:00.000Z',
			}),
		]);
		expect(accounts.simulator.requests).toHaveLength(0);
	});

	it('Routee campaign: one campaign per opening time, each with its scheduledDate; the summary counts each opening', async () => {
		const result = await campaign(
			{ ...routee, compliance: SCHEDULE, campaign: { output: 'summary' } },
			phones,
		);
		expect(result.error).toBeUndefined();
		const sent = bodies().filter((body) => body.campaignName !== undefined);
		expect(sent.map((body) => [body.scheduledDate ?? null, body.to])).toEqual(
			[...byOpening()].map(([opens, numbers]) => [opens, numbers]),
		);
		expect(rows(result)).toEqual([
			expect.objectContaining({
				total: 9,
				statuses: { queued: 9 },
				scheduledFor: {
					'2026-06-01T13:00:00.000Z': 1,
					'2026-06-01T14:00:00.000Z': 1,
					'2026-06-01T15:00:00.000Z': 1,
					'2026-06-01T16:00:00.000Z': 2,
					'2026-06-01T19:00:00.000Z': 2,
					'2026-06-01T23:00:00.000Z': 1,
				},
			}),
		]);
	});

	it('InnoPaaS: scheduled tasks per country and opening, task times in the task time zone; the default redial is kept where it fits and the task ends in time for it', async () => {
		const result = await campaign({ ...innoPaas, compliance: SCHEDULE }, phones);
		expect(result.error).toBeUndefined();
		const sent = bodies().map((body) => [
			body.mobile,
			body.sendType ?? null,
			body.taskStartTime ?? null,
			body.taskEndTime ?? null,
			body.maxRecallCount ?? null,
		]);
		// New York: 09:00 EDT is 21:00 in Shanghai; its window closes at 20:00 EDT (08:00 Shanghai),
		// so the task may start until 06:59, an hour's redial and a minute's margin before.
		expect(sent[0]).toEqual(['12125550100', '1', '20260601210000', '20260602065900', null]);
		// Sydney: opens Tuesday 09:00 AEST (07:00 Shanghai), closes 20:00 AEST (18:00 Shanghai).
		expect(sent).toContainEqual(['61291234567', '1', '20260602070000', '20260602165900', null]);
		// London is open now: an immediate task.
		expect(sent).toContainEqual(['447911000001', null, null, null, null]);
		expect(sent).toHaveLength(7);
		expect(rows(result).every((row) => row.status === 'queued')).toBe(true);
	});

	it('InnoPaaS: a default redial that would ring after the window closes is turned off; redials the user set refuse the run before anyone is dialled', async () => {
		const shortWindow = { callingWindow: 'Mon-Fri 09:00-09:30', outsideWindow: 'schedule' };
		const defaults = await campaign({ ...innoPaas, compliance: shortWindow }, [
			{ phone: '+12125550100' },
		]);
		expect(defaults.error).toBeUndefined();
		expect(bodies()).toEqual([
			expect.objectContaining({
				sendType: '1',
				taskStartTime: '20260601210000',
				taskEndTime: '20260601212900',
				maxRecallCount: '0',
			}),
		]);
		accounts.simulator.reset();
		const userSet = await campaign(
			{
				...innoPaas,
				options: { ...(innoPaas.options as IDataObject), maxRecallCount: 1, recallInterval: 60 },
				compliance: shortWindow,
			},
			[{ phone: '+12125550100' }],
		);
		expect(userSet.error).toBeInstanceOf(NodeOperationError);
		expect(userSet.error?.message).toContain('A value you set is never changed');
		expect(userSet.error?.message).toContain('for +12125550100 it could ring until');
		expect(accounts.simulator.requests).toHaveLength(0);
	});

	it.each([
		[
			'Send Voice Campaign',
			'Messaging API v1',
			{ provider: 'imiconnectMessaging', voiceContent: 'callflowid', callflowid: 'flow-9' },
			'Webex Connect: Messaging API v1 (Legacy IMIconnect)',
		],
		['Send Voice Campaign', 'Twilio', twilio, 'Twilio Programmable Voice'],
		['Make Voice Call', 'Routee (single call)', routeeCall, 'Routee in Make Voice Call'],
		['Make Voice Call', 'Twilio', twilio, 'Twilio Programmable Voice in Make Voice Call'],
	])(
		'%s through %s: Schedule is refused before any request, naming the path',
		async (node, _, parameters, name) => {
			const result =
				node === 'Make Voice Call'
					? await call({ to: '+447911000001', ...parameters, compliance: SCHEDULE })
					: await campaign({ ...parameters, compliance: SCHEDULE }, [{ phone: '+447911000001' }]);
			expect(result.error).toBeInstanceOf(NodeOperationError);
			expect(result.error?.message).toContain(
				`Outside the Window is "Schedule", and ${name} cannot schedule`,
			);
			expect(result.error?.message).toContain('Webex Connect: Make Call API (v2) (sendAt)');
			expect(accounts.simulator.requests).toHaveLength(0);
		},
	);

	it('Make Voice Call through Webex Connect: a number outside the window is sent for its opening', async () => {
		const result = await call({ ...webex, to: '+12125550100', compliance: SCHEDULE });
		expect(rows(result)).toEqual([
			expect.objectContaining({ status: 'queued', scheduledFor: '2026-06-01T13:00:00.000Z' }),
		]);
		expect(bodies()).toEqual([expect.objectContaining({ sendAt: '2026-06-01T13:00:00.000Z' })]);
	});

	it('Make Voice Call through InnoPaaS: a number outside the window becomes a task scheduled for its opening', async () => {
		const result = await call({ ...innoPaas, to: '+61291234567', compliance: SCHEDULE });
		expect(rows(result)).toEqual([
			expect.objectContaining({ status: 'queued', scheduledFor: '2026-06-01T23:00:00.000Z' }),
		]);
		expect(bodies()).toEqual([
			expect.objectContaining({
				mobile: '61291234567',
				sendType: '1',
				taskStartTime: '20260602070000',
				taskEndTime: '20260602165900',
			}),
		]);
	});

	it('guardrails: scheduled calls count toward Max Calls per Run, suppressed, outside-window and blocked rows do not', async () => {
		const items = [
			{ phone: '+12125550100' }, // scheduled 13:00
			{ phone: '+447911000001' }, // now
			{ phone: '+447911000002' }, // on the list
			{ phone: '+33612345678' }, // France: not an allowed destination
			{ phone: '+80012345678' }, // no zone: outside-window
			{ phone: '+13125550100' }, // scheduled 14:00
		];
		const compliance = { ...SCHEDULE, doNotCall: '+447911000002' };
		const guardrails = { allowedDestinations: 'US, GB, +800', maxCallsPerRun: 2 };
		const over = await campaign({ ...webex, compliance, guardrails }, items);
		expect(over.error?.message).toContain('this would place 3 more calls');
		expect(accounts.simulator.requests).toHaveLength(0);

		const within = await campaign(
			{ ...webex, compliance, guardrails: { ...guardrails, maxCallsPerRun: 3 } },
			items,
		);
		expect(within.error).toBeUndefined();
		expect(rows(within).map((row) => [row.to, row.status])).toEqual([
			['+12125550100', 'queued'],
			['+447911000001', 'queued'],
			['+447911000002', 'suppressed'],
			['+33612345678', 'blocked'],
			['+80012345678', 'outside-window'],
			['+13125550100', 'queued'],
		]);
		expect(bodies().map((body) => body.sendAt ?? null)).toEqual([
			'2026-06-01T13:00:00.000Z',
			null,
			'2026-06-01T14:00:00.000Z',
		]);
	});

	it('a campaign whose pace would ring after the window closes is refused before anyone is dialled (Twilio, one call a second, 10 minutes before closing)', async () => {
		runClock.now = () => new Date('2026-06-01T18:50:00Z'); // 19:50 in London
		const many = Array.from({ length: 600 }, (_, index) => ({
			phone: `+4479110${String(index).padStart(5, '0')}`,
		}));
		const result = await campaign(
			{
				...twilio,
				compliance: { callingWindow: WEEKDAYS },
			},
			many,
		);
		expect(result.error).toBeInstanceOf(NodeOperationError);
		expect(result.error?.message).toContain('the last may start 10 minutes after the first');
		expect(result.error?.message).toContain(
			'after the Calling Window (Mon-Fri 09:00-20:00) closes',
		);
		expect(accounts.simulator.requests).toHaveLength(0);
	});
});
