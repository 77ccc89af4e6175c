import { routeeConversation } from '../../../nodes/providers/routee/call';
import { routeeCampaign } from '../../../nodes/providers/routee/campaign';
import { routeeBaseUrl, routeeTokenUrl } from '../../../nodes/providers/routee/common';

describe('Routee credentials and hosts', () => {
	it('uses auth.routee.net and connect.routee.net unless a base URL stands in for both', () => {
		expect(routeeBaseUrl({})).toBe('https://connect.routee.net');
		expect(routeeTokenUrl({})).toBe('https://auth.routee.net/oauth/token');
		expect(routeeBaseUrl({ baseUrl: 'http://127.0.0.1:8787/' })).toBe('http://127.0.0.1:8787');
		expect(routeeTokenUrl({ baseUrl: 'http://127.0.0.1:8787/' })).toBe(
			'http://127.0.0.1:8787/oauth/token',
		);
	});

	it('declares a refreshable token, its refresh statuses and the documented pace', () => {
		expect(routeeConversation).toMatchObject({
			id: 'routee',
			credentialType: 'routeeApi',
			tokenAuth: true,
			tokenRefreshStatuses: [401, 403],
			minIntervalMs: 1000,
			maxRecipientsPerRequest: 1,
		});
		expect(routeeCampaign.minIntervalMs).toBeUndefined();
	});
});
