import type { IAuthenticateRuleResponseSuccessBody, ICredentialTestRequest } from 'n8n-workflow';

import { WEBEX_CONNECT_HOSTS } from './common';

export const MAKE_CALL_PATH = '/v2/messages';
export const MESSAGING_V1_PATH = '/resources/v1/messaging';

/** Where the test goes: the base URL, else the region's host (webexConnectBaseUrl as an n8n expression). */
const BASE_URL = `($credentials.baseUrl || ${JSON.stringify(
	Object.fromEntries(Object.entries(WEBEX_CONNECT_HOSTS).map(([key, host]) => [key, host.url])),
)}[$credentials.region] || "${WEBEX_CONNECT_HOSTS.us.url}").replace(/\\/+$/, "")`;

const refused = (key: string, code: string): IAuthenticateRuleResponseSuccessBody => ({
	type: 'responseSuccessBody',
	properties: {
		key,
		value: code,
		message: `Webex Connect did not accept the service key (code ${code})`,
	},
});

/**
 * Webex Connect has no "who am I" endpoint. The test sends an empty Make Call request, which
 * cannot dial anyone (it has no `to`) and which Webex Connect refuses either way: with 401 and no
 * body for a wrong key, with a validation code (7000, 7003, 7004) for a right one. Hosts of legacy
 * IMIconnect tenants (a base URL naming "imiconnect") get the same empty request on the Messaging
 * API v1, documented on those hosts, which refuses a wrong key with 7001 or 7002.
 *
 * n8n fails a declarative test on any status outside 2xx, a validation refusal included, so the
 * request ignores statuses and the rules read the body (n8n compares `key`, a lodash path, with
 * `value`; the first match fails the test):
 * - an empty body (`length` 0): how Make Call refuses a wrong key, and what an answer without
 *   content from anywhere else means too;
 * - a body starting with "<": a web page, not the API (a wrong region or base URL);
 * - 7001 or 7002 in either API's error body.
 * Anything else is an answer of the API about the request itself: the key was accepted. (So is,
 * unavoidably, a JSON answer without any of these from something that is not Webex Connect.)
 */
export const webexConnectCredentialTest: ICredentialTestRequest = {
	request: {
		method: 'POST',
		url: `={{ ${BASE_URL} + (${BASE_URL}.includes("imiconnect") ? "${MESSAGING_V1_PATH}" : "${MAKE_CALL_PATH}") }}`,
		headers: { 'content-type': 'application/json' },
		body: {},
		json: true,
		ignoreHttpStatusErrors: true,
		timeout: 15_000,
	},
	rules: [
		{
			type: 'responseSuccessBody',
			properties: {
				key: 'length',
				value: 0,
				message:
					'Webex Connect did not accept the service key: it answered with nothing, as it does to a wrong key (HTTP 401). Check the key, and the region or base URL.',
			},
		},
		{
			type: 'responseSuccessBody',
			properties: {
				key: '0',
				value: '<',
				message: 'This is a web page, not the Webex Connect API: check the region or base URL',
			},
		},
		refused('code', '7001'),
		refused('code', '7002'),
		refused('response[0].code', '7001'),
		refused('response[0].code', '7002'),
	],
};
