import {
	accountPath,
	accountSidProblem,
	callsPath,
	twilioBaseUrl,
	twilioErrorOutcome,
} from '../../../nodes/providers/twilio/common';

const SID = 'AC5e1f0c2b9d8a47f6b3c2d1e0f9a8b7c6';

describe('Twilio common parts', () => {
	it('uses api.twilio.com unless the credential names another base URL', () => {
		expect(twilioBaseUrl({})).toBe('https://api.twilio.com');
		expect(twilioBaseUrl({ baseUrl: ' http://127.0.0.1:8787// ' })).toBe('http://127.0.0.1:8787');
	});

	it('puts the Account SID into the paths', () => {
		expect(callsPath(SID)).toBe(`/2010-04-01/Accounts/${SID}/Calls.json`);
		expect(accountPath(SID)).toBe(`/2010-04-01/Accounts/${SID}.json`);
		expect(callsPath('a/b?c')).toBe('/2010-04-01/Accounts/a%2Fb%3Fc/Calls.json');
	});

	it.each([
		[SID, undefined],
		['', /is empty/],
		[undefined, /is empty/],
		['SK3b9e0d1c2a4f5e6d7c8b9a0f1e2d3c4b', /is an API key SID/],
		['AC123', /AC followed by 32 hexadecimal digits/],
		[`${SID}x`, /AC followed by 32 hexadecimal digits/],
	])('checks the Account SID %s', (value, problem) => {
		const found = accountSidProblem(value);
		if (problem === undefined) expect(found).toBeUndefined();
		else expect(found).toMatch(problem);
	});

	it("reads Twilio's error body, with its reference page", () => {
		expect(
			twilioErrorOutcome({
				statusCode: 400,
				headers: {},
				body: {
					code: 21211,
					message: "Invalid 'To' Phone Number: bob",
					more_info: 'https://www.twilio.com/docs/errors/21211',
					status: 400,
				},
			}),
		).toEqual({
			kind: 'error',
			httpStatus: 400,
			code: '21211',
			message: "Invalid 'To' Phone Number: bob (https://www.twilio.com/docs/errors/21211)",
		});
	});

	it.each([
		[401, /did not accept the Account SID and Auth Token/],
		[404, /check the Account SID/],
		[429, /too many concurrent requests/],
		[503, /service unavailable/],
	])('explains HTTP %i without a Twilio body', (statusCode, message) => {
		const outcome = twilioErrorOutcome({ statusCode, headers: {}, body: '<html>' });
		expect(outcome).toEqual({
			kind: 'error',
			httpStatus: statusCode,
			code: `HTTP ${statusCode}`,
			message: expect.stringMatching(message),
		});
	});

	it('does not link a more_info that is not an https page', () => {
		const body = { code: 20003, message: 'Authenticate', more_info: 'javascript:alert(1)' };
		expect(twilioErrorOutcome({ statusCode: 401, headers: {}, body }).message).toBe('Authenticate');
	});
});
