/**
 * Send Voice Campaign through Twilio (n8n-core, simulator over HTTP): single-call mode, one
 * request per recipient started at Twilio's default calls per second, the text personalised per
 * row, a row per recipient with its call SID; 429 20429 retried after Retry-After; a connection
 * reset after sending is `unknown` and never sent again.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { SendVoiceCampaign } from '../../../nodes/SendVoiceCampaign/SendVoiceCampaign.node';
import { runNode } from '../../harness';
import { TWILIO_SIM } from '../../simulator/providers/twilio';
import { expectNoSecrets, expectRefusedInput, rows } from '../../support/nodes';
import { useProviderAccounts } from '../../support/providerAccounts';

const accounts = useProviderAccounts('svc-twilio', { hangMs: 3_000 });
const CALLS_PATH = `/2010-04-01/Accounts/${TWILIO_SIM.account.sid}/Calls.json`;

const twilio: INodeParameters = {
	provider: 'twilio',
	from: '+15005550006',
	twilioContent: 'say',
	text: '=Hello {{ $json.name }}, your parcel arrives today.',
	options: { machineDetection: 'Enable' },
};

const people: IDataObject[] = [
	{ phone: '+14155550100', name: 'Ada' },
	{ phone: '+14155550101', name: 'Grace <3' },
	{ phone: '+14155550102', name: 'Alan' },
];

function campaign(
	parameters: INodeParameters,
	items: IDataObject[] = people,
	credentials = accounts.credentials(),
) {
	return runNode({
		node: new SendVoiceCampaign(),
		parameters: { to: '={{ $json.phone }}', ...twilio, ...parameters },
		items,
		credentials,
		credentialTypes: accounts.credentialTypes(),
	});
}

const calls = () => accounts.simulator.requests.filter((request) => request.path === CALLS_PATH);
const spoken = () =>
	calls()
		.filter((request) => request.response?.status === 201)
		.map((request) => new URLSearchParams(request.rawBody).get('Twiml'));

describe('Send Voice Campaign through Twilio', () => {
	it('sends one request per recipient, paced to 1 call per second, each with its own text, and a row per recipient with its call SID', async () => {
		const before = Date.now();
		const result = await campaign({});
		expect(result.error).toBeUndefined();
		const out = rows(result);
		expect(out.map((row) => [row.to, row.status])).toEqual(
			people.map((person) => [person.phone, 'queued']),
		);
		for (const row of out) expect(row.messageId).toMatch(/^CA[0-9a-f]{32}$/);
		expect(new Set(out.map((row) => row.messageId)).size).toBe(3);
		expect(spoken().sort()).toEqual(
			[
				'Hello Ada, your parcel arrives today.',
				'Hello Grace &lt;3, your parcel arrives today.',
				'Hello Alan, your parcel arrives today.',
			]
				.map((text) => `<Response><Say>${text}</Say></Response>`)
				.sort(),
		);
		// Started a second apart (Twilio's default CPS): the third cannot reach Twilio sooner than
		// two seconds after the run began (a lower bound; a loaded machine only adds time).
		expect(Date.parse(calls()[2].time) - before).toBeGreaterThanOrEqual(2000);
		expect(result.items.map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
		]);
		expectNoSecrets(result, accounts.secrets);
	});

	it('retries a 429 (20429, too many concurrent requests) after its Retry-After, and calls everyone once', async () => {
		accounts.simulator.injectFault({ path: CALLS_PATH, kind: '429', retryAfter: 1, skip: 1 });
		const result = await campaign({}, people.slice(0, 2));
		expect(rows(result).map((row) => row.status)).toEqual(['queued', 'queued']);
		expect(calls().map((request) => request.response?.status)).toEqual([201, 429, 201]);
		expect(calls()[1].response?.code).toBe('20429');
		for (const person of people.slice(0, 2))
			expect(accounts.simulator.dialCount(String(person.phone))).toBe(1);
	});

	it('reports a call whose connection broke after sending as unknown and never sends it again', async () => {
		accounts.simulator.injectFault({ path: CALLS_PATH, kind: 'reset', skip: 1 });
		const result = await campaign({});
		const out = rows(result);
		expect(out.map((row) => row.status)).toEqual(['queued', 'unknown', 'queued']);
		expect(out[1].message).toMatch(/may have been placed/);
		expect(calls()).toHaveLength(3);
		// Twilio took it (the simulator dialled), so it was not placed twice.
		expect(accounts.simulator.dialCount('+14155550101')).toBe(1);
	});

	it('refuses a row that cannot be called with the reason, and calls the others', async () => {
		const result = await campaign({}, [
			{ phone: 'sip:alice@example.com', name: 'SIP' },
			{ phone: '+14155550100', name: '\u0007' },
			people[2],
		]);
		const out = rows(result);
		expect(out.map((row) => row.status)).toEqual(['invalid', 'invalid', 'queued']);
		expect(out[1].message).toContain('U+0007');
		expect(calls()).toHaveLength(1);
	});
});

describe('Send Voice Campaign through Twilio at the account’s calls per second', () => {
	/** The credentials with the Twilio credential's Calls per Second set. */
	const atPace = (callsPerSecond: number | string): ReturnType<typeof accounts.credentials> => {
		const credentials = accounts.credentials();
		return { ...credentials, twilioVoiceApi: { ...credentials.twilioVoiceApi, callsPerSecond } };
	};
	const setAccountPace = (callsPerSecond: number) =>
		fetch(`${accounts.simulator.url}/__sim/twilio/cps`, {
			method: 'POST',
			body: JSON.stringify({ callsPerSecond }),
		});
	const eleven = Array.from({ length: 11 }, (_, i) => ({
		phone: `+1415555${String(110 + i).padStart(4, '0')}`,
		name: `Caller ${i}`,
	}));

	it('starts the calls at the credential’s 5 per second (by the simulator’s request times), with the same rows', async () => {
		await setAccountPace(5);
		const result = await campaign({}, eleven, atPace(5));
		expect(result.error).toBeUndefined();
		const out = rows(result);
		expect(out.map((row) => [row.to, row.status])).toEqual(
			eleven.map((person) => [person.phone, 'queued']),
		);
		const starts = calls().map((request) => Date.parse(request.time));
		expect(starts).toHaveLength(11);
		const span = starts[10] - starts[0];
		// 10 intervals of 200 ms (less one interval for the first request's connection set-up):
		// never faster than 5 a second; and far from the 10 s that 1 a second would take.
		expect(span).toBeGreaterThanOrEqual(10 * 200 - 200);
		expect(span).toBeLessThan(10 * 1000);
		expectNoSecrets(result, accounts.secrets);
		// The rows are the ones a campaign at Twilio's default pace gives: the pace adds nothing.
		const single = rows(await campaign({}, people.slice(0, 1)));
		for (const row of out) expect(Object.keys(row).sort()).toEqual(Object.keys(single[0]).sort());
	});

	it('gives the same summary at 5 calls per second as at the default pace', async () => {
		const summaryOf = async (credentials: ReturnType<typeof atPace>) => {
			const result = await campaign({ campaign: { output: 'summary' } }, people, credentials);
			expect(result.items).toHaveLength(1);
			const { messageIds, ...rest } = result.items[0].json;
			expect(messageIds).toHaveLength(3);
			return rest;
		};
		const paced = await summaryOf(atPace(5));
		const byDefault = await summaryOf(accounts.credentials());
		expect(paced).toEqual(byDefault);
		expect(paced).toMatchObject({ provider: 'twilio', total: 3, statuses: { queued: 3 } });
	});

	it.each([
		[
			500,
			'Calls per Second (callsPerSecond) in the credential is 500; it must be from 0.1 to 100 calls per second',
		],
		[
			0,
			'Calls per Second (callsPerSecond) in the credential is 0; it must be from 0.1 to 100 calls per second',
		],
		[
			'fast',
			'Calls per Second (callsPerSecond) in the credential must be a number from 0.1 to 100, not "fast"',
		],
	])(
		'refuses a Calls per Second of %p before calling anyone, naming the field, the value and the limit',
		async (value, message) => {
			const result = await campaign({}, people, atPace(value));
			expectRefusedInput(result, message, accounts.simulator);
			expectNoSecrets(result, accounts.secrets);
		},
	);

	it('refuses it in a dry run too, and takes "5" written as text', async () => {
		const dry = await campaign({ campaign: { dryRun: true } }, people, atPace(250));
		expect(dry.error?.message).toContain('is 250; it must be from 0.1 to 100');
		const result = await campaign({}, people.slice(0, 2), atPace('5'));
		expect(rows(result).map((row) => row.status)).toEqual(['queued', 'queued']);
	});
});
