/**
 * Schedule and the last ring, n8n-free: what ComplianceCheck decides per recipient, and how
 * boundRings bounds a request's pace and redials (the node tests check the same at the simulator).
 */
import {
	boundRings,
	ComplianceCheck,
	DEFAULT_RING_MARGIN_MS,
	isoSendTime,
	lastSendOffsetMs,
	parseCallingWindow,
	readDoNotCallList,
	windowedCall,
	type RedialSupport,
	type WindowSupport,
} from '../../../nodes/core/callingWindow';
import { CampaignPlan } from '../../../nodes/core/campaign';
import type { InnoPaasBatch } from '../../../nodes/providers/innoPaas/schema';
import { innoPaasWindow } from '../../../nodes/providers/innoPaas/window';

const MONDAY_11_UTC = new Date('2026-06-01T11:00:00Z'); // 07:00 in New York
const NEW_YORK = '+12125550100';
const LONDON = '+447911000001';

function check(text: string, outside: 'skip' | 'schedule' = 'schedule', now = MONDAY_11_UTC) {
	const window = parseCallingWindow(text);
	const list = readDoNotCallList('');
	if (!window.ok || !list.ok) throw new Error('unreadable test setting');
	return new ComplianceCheck(list.value, window.value, now, outside);
}

type Call = { recipients: Array<{ to: string }>; sendAt?: string; redials?: number };
const redials: RedialSupport<Call> = {
	fields: 'redials',
	spanMs: (call) => (call.redials ?? 1) * 3_600_000,
	setByUser: (call) => call.redials !== undefined,
	off: (call) => ({ ...call, redials: 0 }),
};
const scheduling: WindowSupport<Call> = {
	ringMarginMs: DEFAULT_RING_MARGIN_MS,
	sendTime: isoSendTime<Call>('sendAt'),
};

describe('ComplianceCheck.decide with Schedule', () => {
	it('sends a recipient outside the window for its next opening, with the opening’s end', () => {
		const compliance = check('Mon-Fri 09:00-20:00');
		const plan = compliance.planFor(scheduling, 'Webex', {}, []);
		if (typeof plan === 'string') throw new Error(plan);
		expect(compliance.decide(NEW_YORK, plan)).toEqual({
			kind: 'call',
			at: new Date('2026-06-01T13:00:00Z'),
			scheduled: true,
			until: new Date('2026-06-02T00:00:00Z'),
			fields: expect.objectContaining({ scheduledFor: '2026-06-01T13:00:00.000Z' }),
		});
		// Open now: called now, not scheduled.
		expect(compliance.decide(LONDON, plan)).toMatchObject({ kind: 'call', scheduled: false });
	});

	it('an opening beyond the path’s horizon is not scheduled: the row says so and names the opening', () => {
		const compliance = check('Wed 09:00-20:00');
		const decision = compliance.decide(NEW_YORK, {
			schedule: { path: 'InnoPaaS', maxAheadMs: 24 * 3_600_000 },
		});
		expect(decision).toMatchObject({
			kind: 'refused',
			refusal: {
				status: 'outside-window',
				fields: { nextOpening: '2026-06-03T13:00:00.000Z' },
			},
		});
		if (decision.kind === 'refused')
			expect(decision.refusal.message).toContain(
				'more than 1 days ahead; InnoPaaS schedules at most 1 days ahead',
			);
	});

	it('an opening shorter than the ring margin is passed over for the next one long enough', () => {
		const compliance = check('Mon 09:00-09:01; Tue 09:00-20:00', 'skip');
		expect(compliance.decide(NEW_YORK)).toMatchObject({
			kind: 'refused',
			refusal: { fields: { nextOpening: '2026-06-02T13:00:00.000Z' } },
		});
	});

	it('Schedule on a path without a send time is refused, naming it and the paths that can', () => {
		const compliance = check('Mon-Fri 09:00-20:00');
		const refusal = compliance.planFor({ ringMarginMs: 1 }, 'Twilio', {}, ['Webex (sendAt)']);
		expect(refusal).toBe(
			'Outside the Window is "Schedule", and Twilio cannot schedule a call: it takes no send time. Nobody was called. Choose "Skip" (recipients outside the window get the row "outside-window" with the next opening), or a path that can schedule: Webex (sendAt).',
		);
		// Skip on the same path is a plan, and so is Schedule without a window.
		expect(
			typeof check('Mon-Fri 09:00-20:00', 'skip').planFor({ ringMarginMs: 1 }, 'T', {}, []),
		).toBe('object');
	});

	it('a send time the user set is the time checked, and is never replaced by an opening', () => {
		const compliance = check('Mon-Fri 09:00-20:00');
		const plan = compliance.planFor(scheduling, 'Webex', { sendAt: '2026-06-01T14:00:00Z' }, []);
		if (typeof plan === 'string') throw new Error(plan);
		expect(compliance.decide(NEW_YORK, plan)).toMatchObject({
			kind: 'call',
			at: new Date('2026-06-01T14:00:00Z'),
			scheduled: false,
		});
		const late = compliance.planFor(scheduling, 'Webex', { sendAt: '2026-06-02T00:30:00Z' }, []);
		if (typeof late === 'string') throw new Error(late);
		expect(compliance.decide(NEW_YORK, late)).toMatchObject({
			kind: 'refused',
			refusal: { fields: { nextOpening: '2026-06-02T13:00:00.000Z' } },
		});
	});
});

describe('boundRings: the last ring of each request', () => {
	const compliance = check('Mon-Fri 09:00-09:30');
	const at = new Date('2026-06-01T13:00:00Z');
	const request = (call: Call, delayMs = 0) => ({
		call,
		kind: 'scheduled' as const,
		start: at,
		delayMs,
		until: new Date('2026-06-01T13:30:00Z'),
		zones: [{ zones: ['America/New_York'], to: NEW_YORK }],
	});
	const support = { ...scheduling, redials };

	it('turns off a default redial that would ring late, and sets the send time', () => {
		expect(boundRings(compliance, support, 'P', [request({ recipients: [] })])).toEqual({
			ok: true,
			calls: [{ recipients: [], redials: 0, sendAt: '2026-06-01T13:00:00.000Z' }],
		});
	});

	it('refuses redials the user set, and a pace that would ring late', () => {
		const user = boundRings(compliance, support, 'P', [request({ recipients: [], redials: 1 })]);
		expect(user).toMatchObject({
			ok: false,
			message: expect.stringContaining('A value you set is never changed'),
		});
		const paced = boundRings(compliance, scheduling, 'P', [
			request({ recipients: [] }, 30 * 60_000),
		]);
		expect(paced).toMatchObject({
			ok: false,
			message: expect.stringContaining('the last may start 30 minutes after the first'),
		});
	});

	it('the pace: n requests spaced s apart start (n - 1) × s after the first', () => {
		expect(lastSendOffsetMs(600, 1000)).toBe(599_000);
		expect(lastSendOffsetMs(1, 1000)).toBe(0);
		expect(lastSendOffsetMs(0, 1000)).toBe(0);
	});
});

describe('windowedCall: Make Voice Call’s one request per item', () => {
	it('numbers with another send time than the request’s are not dialled, and told to go in their own item', () => {
		const compliance = check('Mon-Fri 09:00-20:00');
		const plan = compliance.planFor(scheduling, 'Webex', {}, []);
		if (typeof plan === 'string') throw new Error(plan);
		const call = { recipients: [{ to: NEW_YORK }, { to: LONDON }, { to: '+13125550100' }] };
		const result = windowedCall(compliance, scheduling, 'Webex', plan, call, 0);
		expect(result.call).toEqual({
			recipients: [{ to: NEW_YORK }],
			sendAt: '2026-06-01T13:00:00.000Z',
		});
		expect(result.refused.map(({ recipient, refusal }) => [recipient.to, refusal.status])).toEqual([
			[LONDON, 'outside-window'],
			['+13125550100', 'outside-window'],
		]);
		expect(result.refused[0].refusal.message).toContain('Give each number its own item');
	});
});

describe('InnoPaaS task times', () => {
	it('start on a whole second, end no later than asked, within 3 days of the start', () => {
		const support = innoPaasWindow<InnoPaasBatch>();
		const task = { timeZone: 'Asia/Shanghai' } as InnoPaasBatch;
		const call = support.sendTime!.scheduled(
			task,
			new Date('2026-06-01T13:00:00.400Z'),
			new Date('2026-06-30T00:00:00Z'),
		);
		expect(call).toEqual({
			timeZone: 'Asia/Shanghai',
			sendType: 'scheduled',
			taskStartTime: '20260601210001',
			taskEndTime: '20260604210001',
		});
	});
});

describe('CampaignPlan reads each row’s number once', () => {
	it('one read per row, whatever the checks', () => {
		const reads = new Array<number>(5).fill(0);
		const plan = new CampaignPlan(
			{
				count: 5,
				number: (index) => {
					reads[index]++;
					return `+4479110000${index}0`;
				},
				correlationId: () => undefined,
			},
			{
				removeDuplicates: true,
				batchSize: 2,
				checkRecipient: (value) => ({ ok: true, value: value as { to: string } }),
				checkGroup: (first) => ({ ok: true, value: { recipients: [first] } }),
			},
		);
		expect(plan.remainingBatches()).toHaveLength(3);
		expect(reads).toEqual([1, 1, 1, 1, 1]);
	});
});
