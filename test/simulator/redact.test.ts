/**
 * GET /__sim/requests (test/simulator/redact.ts) over real HTTP, after the nodes have sent every
 * provider's credentials the way they really do: the Webex Connect service key header, Routee's
 * Basic application id:secret and Bearer token, InnoPaaS's appKey form field. None is shown.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INodeParameters } from 'n8n-workflow';

import { InnoPaasApi } from '../../credentials/InnoPaasApi.credentials';
import { RouteeApi } from '../../credentials/RouteeApi.credentials';
import { WebexConnectApi } from '../../credentials/WebexConnectApi.credentials';
import { MakeVoiceCall } from '../../nodes/MakeVoiceCall/MakeVoiceCall.node';
import { runNode } from '../harness';
import { get } from '../support/simulator';
import { REDACTED } from './redact';
import { startSimulator, type Simulator } from './server';

/** Secrets inside the callback URLs given with each call: a query secret, Basic auth user info. */
const URL_SECRETS = {
	query: 'receipt-query-secret-7f3a91c2',
	user: 'receipt-user-b41e',
	password: 'receipt-password-0d9c55e1',
	billQuery: 'bill-url-secret-2c8e4a17',
};
const RECEIPTS = 'https://n8n.example.com/webhook/abc/voice-receipts';

const KEYS = {
	webexServiceKey: 'webex-service-key-5ec7e7',
	routeeApplicationId: 'routee-app-id-77',
	routeeApplicationSecret: 'routee-client-secret-9a1b',
	innoPaasAppId: 'inno-app-id-12',
	innoPaasAppKey: 'inno-app-key-c0ffee',
};

let sim: Simulator;

beforeAll(async () => {
	sim = await startSimulator({ ...KEYS, receipts: false });
	const call = (parameters: INodeParameters) =>
		runNode({
			node: new MakeVoiceCall(),
			parameters,
			items: [{}],
			credentials: {
				webexConnectApi: { apiKey: KEYS.webexServiceKey, region: 'eu', baseUrl: sim.url },
				routeeApi: {
					applicationId: KEYS.routeeApplicationId,
					applicationSecret: KEYS.routeeApplicationSecret,
					baseUrl: sim.url,
				},
				innoPaasApi: {
					appId: KEYS.innoPaasAppId,
					appSecretKey: KEYS.innoPaasAppKey,
					baseUrl: sim.url,
				},
			},
			credentialTypes: [new WebexConnectApi(), new RouteeApi(), new InnoPaasApi()],
		});
	for (const parameters of [
		{
			provider: 'webexConnect',
			from: '+14155550100',
			to: '+442079460001',
			contentType: 'TTS',
			text: 'Hello',
			options: { notifyUrl: `${RECEIPTS}?secret=${URL_SECRETS.query}` },
		},
		{
			provider: 'imiconnectMessaging',
			to: '+442079460002',
			voiceContent: 'media',
			media: 'prompt-1',
		},
		{
			provider: 'routee',
			from: '306912345678',
			to: '+442079460003',
			type: 'SAY',
			text: 'Hello',
			language: 'en-GB',
			gender: 'female',
			options: {
				callback: {
					settings: {
						url: RECEIPTS.replace(
							'https://',
							`https://${URL_SECRETS.user}:${URL_SECRETS.password}@`,
						),
						strategy: 'OnChange',
					},
				},
			},
		},
		{
			provider: 'innoPaas',
			to: '+442079460004',
			templateId: 'tpl-1',
			options: { billUrl: `${RECEIPTS}?token=${URL_SECRETS.billQuery}&kind=bill` },
		},
	]) {
		const result = await call(parameters);
		expect(result.error).toBeUndefined();
	}
});
afterAll(() => sim.close());

describe('GET /__sim/requests', () => {
	it('shows every request but none of the credentials sent with them', async () => {
		const tokens = sim.requests.flatMap(
			(entry) => /^Bearer (.+)$/.exec(String(entry.headers.authorization ?? ''))?.[1] ?? [],
		);
		expect(tokens.length).toBeGreaterThan(0);
		const basic = Buffer.from(
			`${KEYS.routeeApplicationId}:${KEYS.routeeApplicationSecret}`,
		).toString('base64');
		// The in-process log, which the tests read, keeps them.
		const inProcess = JSON.stringify(sim.requests);
		for (const secret of [
			KEYS.webexServiceKey,
			basic,
			KEYS.innoPaasAppKey,
			...tokens,
			...Object.values(URL_SECRETS),
		])
			expect(inProcess).toContain(secret);

		const shown = await get(sim, '/__sim/requests');
		expect(shown.map((entry: { path: string }) => entry.path)).toEqual(
			sim.requests.map((entry) => entry.path),
		);
		const page = JSON.stringify(shown);
		for (const secret of [
			KEYS.webexServiceKey,
			KEYS.routeeApplicationSecret,
			basic,
			KEYS.innoPaasAppKey,
			...tokens,
			...Object.values(URL_SECRETS),
		]) {
			expect(page).not.toContain(secret);
		}
	});

	it('says where a credential was, and keeps everything else readable', async () => {
		const shown = (await get(sim, '/__sim/requests')) as Array<Record<string, any>>;
		const byPath = (path: string) => shown.filter((entry) => entry.path === path);
		expect(byPath('/v2/messages')[0].headers.key).toBe(REDACTED);
		expect(byPath('/v2/messages')[0].body.content.text).toBe('Hello');
		expect(byPath('/resources/v1/messaging')[0].headers.key).toBe(REDACTED);
		expect(byPath('/oauth/token')[0].headers.authorization).toBe(`Basic ${REDACTED}`);
		expect(byPath('/voice/conversation')[0].headers.authorization).toBe(`Bearer ${REDACTED}`);
		const innoPaas = byPath('/open/int-voice/batch-notify')[0];
		expect(innoPaas.body).toMatchObject({ appId: KEYS.innoPaasAppId, appKey: REDACTED });
		expect(new URLSearchParams(innoPaas.rawBody).get('appKey')).toBe(REDACTED);
		expect(new URLSearchParams(innoPaas.rawBody).get('appId')).toBe(KEYS.innoPaasAppId);
		// Callback URLs keep where they point and which parameters they have, not their values.
		expect(JSON.stringify(byPath('/v2/messages')[0].body)).toContain(
			`${RECEIPTS}?secret=${encodeURIComponent(REDACTED)}`,
		);
		expect(JSON.stringify(byPath('/voice/conversation')[0].body)).toContain(
			RECEIPTS.replace(
				'https://',
				`https://${encodeURIComponent(REDACTED)}:${encodeURIComponent(REDACTED)}@`,
			),
		);
		expect(new URLSearchParams(innoPaas.rawBody).get('billUrl')).toBe(
			`${RECEIPTS}?token=${encodeURIComponent(REDACTED)}&kind=${encodeURIComponent(REDACTED)}`,
		);
	});
});
