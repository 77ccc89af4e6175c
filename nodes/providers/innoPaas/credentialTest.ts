import type { IAuthenticateRuleResponseSuccessBody, ICredentialTestRequest } from 'n8n-workflow';

import { BATCH_NOTIFY_PATH, INNOPAAS_API_URL } from './common';

/** The codes for refused credentials (ASSUMED: InnoPaaS publishes no code table; see below). */
export const REFUSED_CREDENTIAL_CODES = { missing: '400001', wrong: '400002' } as const;

const refused = (code: string, why: string): IAuthenticateRuleResponseSuccessBody => ({
	type: 'responseSuccessBody',
	properties: {
		key: 'code',
		value: code,
		message: `InnoPaaS did not accept the app ID and key: ${why} (code ${code})`,
	},
});

/**
 * InnoPaaS has no "who am I" endpoint and no published code table. The test sends batch-notify
 * with nothing to dial (empty mobile, countryCode and templateId), which InnoPaaS must refuse;
 * ASSUMED: it checks appId and appKey before the parameters, so a right key gets a complaint about
 * the parameters. n8n reads a declarative test's answer only by exact values (a rule's lodash path
 * `key` holding `value` fails the test), so the refusals of credentials are recognised by their
 * codes: 400001 (missing) and 400002 (wrong), the codes this project assumes and its simulator
 * answers (test/simulator/providers/innoPaas.ts). Also failing: an answer without a code (not
 * the InnoPaaS API: check the base URL) and any HTTP status outside 2xx (n8n's own rule).
 *
 * Reading the refusal's words instead ("appId", "appKey", 鉴权, …) would take a test function, and
 * n8n gives a test function only its deprecated `request` helper. Should InnoPaaS refuse
 * credentials with other codes, this test passes a wrong key; the first call then reports
 * InnoPaaS's code and message.
 */
export const innoPaasCredentialTest: ICredentialTestRequest = {
	request: {
		method: 'POST',
		url: `={{ ($credentials.baseUrl || "${INNOPAAS_API_URL}").replace(/\\/+$/, "") + "${BATCH_NOTIFY_PATH}" }}`,
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		body: { mobile: '', countryCode: '', templateId: '' },
		json: true,
		timeout: 15_000,
	},
	rules: [
		{
			type: 'responseSuccessBody',
			properties: {
				key: 'code',
				value: undefined,
				message: 'This does not answer like the InnoPaaS API (no code): check the base URL',
			},
		},
		refused(REFUSED_CREDENTIAL_CODES.missing, 'the app ID or key is missing'),
		refused(REFUSED_CREDENTIAL_CODES.wrong, 'the app ID or key is wrong'),
	],
};
