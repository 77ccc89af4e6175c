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
import { expectNoSecrets, rows } from '../../support/nodes';
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

function campaign(parameters: INodeParameters, items: IDataObject[] = people) {
	return runNode({
		node: new SendVoiceCampaign(),
		parameters: { to: '={{ $json.phone }}', ...twilio, ...parameters },
		items,
		credentials: accounts.credentials(),
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
