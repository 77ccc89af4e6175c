/**
 * The Twilio Voice credential (credentials/TwilioVoiceApi.credentials.ts): its declarative test
 * run as n8n's credential tester runs it (test/harness/credentialTest.ts) against the simulator
 * over HTTP, with the Auth Token and with an API key.
 */
import { TwilioVoiceApi } from '../../../credentials/TwilioVoiceApi.credentials';
import { CONNECTION_SUCCESSFUL, logsToText, runCredentialTest } from '../../harness';
import { TWILIO_SIM } from '../../simulator/providers/twilio';
import { startSimulator, type Simulator } from '../../simulator/server';

const { account, apiKey } = TWILIO_SIM;
let simulator: Simulator;

beforeAll(async () => {
	simulator = await startSimulator({ receipts: false });
});
afterEach(() => simulator.reset());
afterAll(async () => simulator.close());

const credential = new TwilioVoiceApi();
const test = (data: Record<string, string>) =>
	runCredentialTest(credential, { accountSid: account.sid, baseUrl: `${simulator.url}/`, ...data });

describe('Twilio Voice credential', () => {
	it("is named apart from n8n's own Twilio credential (twilioApi)", () => {
		expect(credential.name).toBe('twilioVoiceApi');
	});

	it('passes with the Auth Token: reads the account with Basic auth, places no call', async () => {
		expect((await test({ authType: 'authToken', authToken: account.authToken })).result).toEqual({
			status: 'OK',
			message: CONNECTION_SUCCESSFUL,
		});
		expect(simulator.requests.map((r) => [r.method, r.path, r.response?.status])).toEqual([
			['GET', `/2010-04-01/Accounts/${account.sid}.json`, 200],
		]);
		const basic = Buffer.from(`${account.sid}:${account.authToken}`).toString('base64');
		expect(simulator.requests[0].headers.authorization).toBe(`Basic ${basic}`);
		expect(simulator.dialCounts()).toEqual({});
	});

	it('passes with an API key, the Account SID still in the path', async () => {
		const run = await test({
			authType: 'apiKey',
			apiKeySid: apiKey.sid,
			apiKeySecret: apiKey.secret,
		});
		expect(run.result.status).toBe('OK');
		const basic = Buffer.from(`${apiKey.sid}:${apiKey.secret}`).toString('base64');
		expect(simulator.requests[0].headers.authorization).toBe(`Basic ${basic}`);
	});

	it('fails for a wrong Auth Token, never showing or logging it', async () => {
		const { result, logs } = await test({ authType: 'authToken', authToken: 'wrong-token-5150' });
		expect(result).toEqual({
			status: 'Error',
			message: expect.stringMatching(/did not accept these credentials \(code 20003\)/),
		});
		expect(JSON.stringify(result) + logsToText(logs)).not.toContain('wrong-token-5150');
	});

	it("fails for another customer's Account SID with the Account SID named", async () => {
		const { result } = await test({
			accountSid: TWILIO_SIM.foreignAccountSid,
			authType: 'apiKey',
			apiKeySid: apiKey.sid,
			apiKeySecret: apiKey.secret,
		});
		expect(result).toEqual({
			status: 'Error',
			message: expect.stringMatching(/check the Account SID/),
		});
	});
});
