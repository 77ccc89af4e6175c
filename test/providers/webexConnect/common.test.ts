import {
	WEBEX_CONNECT_HOSTS,
	webexConnectBaseUrl,
} from '../../../nodes/providers/webexConnect/common';

describe('Webex Connect base URL', () => {
	it('uses the region, and the base URL override when set', () => {
		expect(webexConnectBaseUrl({ region: 'eu' })).toBe('https://api.eu.webexconnect.io');
		expect(webexConnectBaseUrl({ region: 'imiconnect-emea' })).toBe('https://api.imiconnect.io');
		expect(webexConnectBaseUrl({ region: 'eu', baseUrl: 'http://127.0.0.1:9999/' })).toBe(
			'http://127.0.0.1:9999',
		);
		expect(Object.keys(WEBEX_CONNECT_HOSTS).filter((key) => !key.startsWith('imiconnect'))).toEqual(
			['us', 'us1', 'ca', 'eu', 'uk', 'in', 'au'],
		);
	});
});
