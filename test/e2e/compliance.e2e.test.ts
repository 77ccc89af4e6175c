/**
 * The Compliance setting of Send Voice Campaign in a real n8n (packed package, simulator as Webex
 * Connect): a Calling Window open now in London and closed in Los Angeles and Sydney, a
 * Do-Not-Call list read from an earlier node by expression, and a window filled by $fromAI.
 *
 * n8n's clock cannot be set from outside, so the window is built from the current time: daily
 * hours that hold London's present hour with at least an hour either side, and, whatever the date
 * (the three places' daylight-saving changes included), hold neither Los Angeles' nor Sydney's.
 */
import { startN8n, type N8nInstance } from '../support/n8n';
import { packedTarball } from '../support/pack';
import { logFile, nodeItems, nodeType, waitForExecutions } from '../support/e2e';
import { webexTts } from '../support/webexTts';
import { runViaWebhook, type NodeJson, type RunViaWebhookOptions } from '../support/workflows';
import { startSimulator, type Simulator } from '../simulator/server';

const SERVICE_KEY = 'e2e-webex-service-key-c0mpl1';
const NODE = 'Node under test';

let n8n: N8nInstance;
let simulator: Simulator;
let webex: { id: string; name: string };

beforeAll(async () => {
	simulator = await startSimulator({ webexServiceKey: SERVICE_KEY, receipts: false });
	n8n = await startN8n({ packageTarball: packedTarball(), logFile: logFile('compliance') });
	const { id } = await n8n.createCredential('Webex (simulator)', 'webexConnectApi', {
		apiKey: SERVICE_KEY,
		region: 'eu',
		baseUrl: simulator.url,
	});
	webex = { id, name: 'Webex (simulator)' };
});

afterEach(() => simulator.reset());

afterAll(async () => {
	await n8n?.stop();
	await simulator?.close();
});

/** The hour and minute a zone's clock shows at `at`. */
function localTime(zone: string, at: Date): { hour: number; minute: number } {
	const parts = new Intl.DateTimeFormat('en-GB', {
		timeZone: zone,
		hour: '2-digit',
		minute: '2-digit',
		hourCycle: 'h23',
	}).formatToParts(at);
	const part = (type: string) => Number(parts.find((p) => p.type === type)!.value);
	return { hour: part('hour'), minute: part('minute') };
}

const hh = (hour: number) => `${String(((hour % 24) + 24) % 24).padStart(2, '0')}:00`;

/**
 * Seven daily hours, starting 2 to 5 hours before London's present hour (the first start that is
 * not 01:00-03:00, where daylight-saving changes happen, so the start exists on every date).
 * London is inside with at least an hour left. Los Angeles is 7 or 8 hours behind London and
 * Sydney 9 to 11 ahead: outside hours that reach at most 5 back and 5 ahead of London's hour.
 */
function windowAroundLondon(now: Date): { rule: string; startHour: number } {
	const london = localTime('Europe/London', now).hour;
	const startHour = [2, 3, 4, 5]
		.map((back) => (london - back + 24) % 24)
		.find((hour) => hour < 1 || hour > 3)!;
	return { rule: `Daily ${hh(startHour)}-${hh(startHour + 7)}`, startHour };
}

/** Contacts: two Londoners in the window, one who opted out, and two outside it. */
const LONDON_LANDLINE = '+442079460018';
const LONDON_MOBILE = '+447911000001';
const OPTED_OUT = '+442079460019';
const LOS_ANGELES = '+12135550123';
const SYDNEY = '+61293744000';
const contacts = [
	{ phone: LONDON_LANDLINE, name: 'Ada' },
	{ phone: LOS_ANGELES, name: 'Grace' },
	{ phone: '020 7946 0019', name: 'Opted out', optOut: true },
	{ phone: '07911 000001', name: 'Alan' },
	{ phone: SYDNEY, name: 'Edsger' },
];
/** The opt-outs, read by expression from the Webhook node (before the Split Out). */
const FROM_WEBHOOK =
	"={{ $('Webhook').first().json.body.filter(contact => contact.optOut === true).map(contact => contact.phone) }}";

async function campaign(
	parameters: Record<string, unknown>,
	options: RunViaWebhookOptions = {},
): Promise<{ execution: Record<string, any>; rows: Array<Record<string, any>> }> {
	const node: NodeJson = {
		type: nodeType('sendVoiceCampaign'),
		typeVersion: 1,
		name: NODE,
		credentials: { webexConnectApi: webex },
		parameters: {
			...webexTts('=Hello {{ $json.name }}, your order has shipped'),
			defaultCountry: 'GB',
			...parameters,
		},
	};
	const response = await runViaWebhook(n8n, node, contacts, options);
	const [execution] = await waitForExecutions(n8n, response.workflowId, 1);
	return { execution, rows: nodeItems(execution, NODE).map((item) => item.json) };
}

describe('Send Voice Campaign with a Calling Window and Do-Not-Call Numbers (Skip)', () => {
	it('calls only the Londoners inside the window; Los Angeles and Sydney are outside-window with their next opening; the opted-out number is suppressed', async () => {
		const startedAt = new Date();
		const { rule, startHour } = windowAroundLondon(startedAt);
		const { execution, rows } = await campaign({
			compliance: { callingWindow: rule, doNotCall: FROM_WEBHOOK },
		});
		expect(execution.status).toBe('success');
		expect(rows.map((row) => [row.to, row.status])).toEqual([
			[LONDON_LANDLINE, 'queued'],
			[LOS_ANGELES, 'outside-window'],
			[OPTED_OUT, 'suppressed'],
			[LONDON_MOBILE, 'queued'],
			[SYDNEY, 'outside-window'],
		]);
		expect(rows[2].message).toBe(`${OPTED_OUT} is on the Do-Not-Call list: not dialled.`);

		const outside: Array<[Record<string, any>, string, string]> = [
			[rows[1], 'America/Los_Angeles', 'area-code'],
			[rows[4], 'Australia/Sydney', 'prefix'],
		];
		for (const [row, zone, source] of outside) {
			expect(row).toMatchObject({ windowZones: [zone], windowSource: source });
			expect(typeof row.windowGuessed).toBe('boolean');
			// The next opening: later than the run, within a day, at the window's start in the
			// recipient's own time.
			const opening = new Date(row.nextOpening);
			expect(opening.getTime()).toBeGreaterThan(startedAt.getTime());
			expect(opening.getTime() - startedAt.getTime()).toBeLessThanOrEqual(24 * 3600_000);
			expect(localTime(zone, opening)).toEqual({ hour: startHour, minute: 0 });
			expect(row.message).toContain(`opens at ${row.nextOpening}`);
			expect(row.message).toContain('do not retry earlier');
		}
		// Los Angeles' number is an area code's guess (mobiles move); Sydney's is a fixed line.
		expect(rows[1].windowGuessed).toBe(true);

		// The provider was asked to ring the two Londoners, once each, and nobody else.
		expect(simulator.dialCounts()).toEqual({ [LONDON_LANDLINE]: 1, [LONDON_MOBILE]: 1 });
	});

	it('the summary counts suppressed and outside-window rows apart', async () => {
		const { rule } = windowAroundLondon(new Date());
		const { execution, rows } = await campaign({
			compliance: { callingWindow: rule, doNotCall: FROM_WEBHOOK },
			campaign: { output: 'summary' },
		});
		expect(execution.status).toBe('success');
		expect(rows).toEqual([
			expect.objectContaining({
				total: 5,
				statuses: { queued: 2, suppressed: 1, 'outside-window': 2 },
				suppressed: 1,
				outsideWindow: 2,
			}),
		]);
		expect(Object.keys(simulator.dialCounts()).sort()).toEqual([LONDON_LANDLINE, LONDON_MOBILE]);
	});

	it('a Calling Window built with $fromAI is refused before anyone is dialled', async () => {
		// The check reads the saved (raw) parameter, as in the Tool variant an agent drives.
		const { execution } = await campaign({
			compliance: { callingWindow: "={{ $fromAI('window', 'when to call') }}" },
		});
		expect(execution.status).toBe('error');
		expect(JSON.stringify(execution.data.resultData.error)).toContain(
			'set by the workflow owner, not by the model',
		);
		expect(simulator.requests).toHaveLength(0);
	});
});
