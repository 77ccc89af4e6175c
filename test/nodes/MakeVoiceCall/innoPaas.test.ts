import { NodeApiError, type IDataObject, type INodeParameters } from 'n8n-workflow';

import { InnoPaasApi } from '../../../credentials/InnoPaasApi.credentials';
import { MakeVoiceCall } from '../../../nodes/MakeVoiceCall/MakeVoiceCall.node';
import { innoPaasReceipts } from '../../../nodes/providers/innoPaas/receipts';
import { logsToText, runNode } from '../../harness';
import { startSimulator } from '../../simulator/server';
import { expectNoSecrets, expectRefusedInput, rows } from '../../support/nodes';
import { useProviderAccounts } from '../../support/providerAccounts';

const accounts = useProviderAccounts('mvc-inno', { hangMs: 5_000 });
const APP_ID = accounts.keys.innoPaasAppId;
/** The app key travels in the form body: it must never come back in output, errors or logs. */
const APP_KEY = accounts.keys.innoPaasAppKey;

const notify = { provider: 'innoPaas', to: '+447700900001', templateId: 'tpl-1' };
const variables = (...values: string[]) => ({ variable: values.map((value) => ({ value })) });
const DAY = 86_400_000;

function call(
	parameters: INodeParameters,
	items: IDataObject[] = [{}],
	options: { continueOnFail?: boolean; key?: string; baseUrl?: string } = {},
) {
	return runNode({
		node: new MakeVoiceCall(),
		parameters,
		items,
		credentials: {
			innoPaasApi: {
				appId: APP_ID,
				appSecretKey: options.key ?? APP_KEY,
				baseUrl: options.baseUrl ?? accounts.simulator.url,
			},
		},
		credentialTypes: accounts.credentialTypes(),
		continueOnFail: options.continueOnFail,
	});
}

const form = (index = 0) =>
	Object.fromEntries(new URLSearchParams(accounts.simulator.requests[index].rawBody));

describe('Make Voice Call through InnoPaaS (n8n-core, simulator over HTTP)', () => {
	it('sends a voice notification with every option as a form, the credential adding appId and appKey', async () => {
		const start = new Date(Date.now() + 2 * DAY).toISOString().slice(0, 10);
		const result = await call({
			...notify,
			to: '+44 7700 900001',
			templateVariables: variables('Ada', '42'),
			options: {
				billUrl: 'https://n8n.example.com/webhook/bill',
				countryCode: 'GB',
				displayNum: '442079460018',
				smsHangupStatus: true,
				smsSendLimit: 10,
				smsTemplateId: 'sms-1',
				smsSendType: 3,
				maxRecallCount: 2,
				noAnswer: false,
				noConnected: true,
				recallInterval: 30,
				sendType: 'scheduled',
				ttsVoice: 'en-GB',
				taskStartTime: `${start}T09:00:00`,
				taskEndTime: `${start}T18:00:00`,
				taskName: 'Reminders',
				timeZone: 'Europe/London',
				transData: 'crm-17',
			},
		});
		expect(result.error).toBeUndefined();
		expect(rows(result)).toEqual([
			{
				provider: 'innoPaas',
				status: 'queued',
				messageId: expect.stringMatching(/^[0-9a-f]{32}$/),
				correlationId: null,
				to: '+447700900001',
				code: '200000',
				message: 'success',
				requestedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
			},
		]);
		expect(accounts.simulator.requests[0].headers['content-type']).toBe(
			'application/x-www-form-urlencoded',
		);
		const compact = start.replace(/-/g, '');
		expect(form()).toEqual({
			appId: APP_ID,
			appKey: APP_KEY,
			mobile: '447700900001,Ada|42',
			countryCode: 'GB',
			templateId: 'tpl-1',
			billUrl: 'https://n8n.example.com/webhook/bill',
			transData: 'crm-17',
			displayNum: '442079460018',
			smsHangupStatus: '1',
			smsTemplateId: 'sms-1',
			smsSendType: '3',
			smsSendLimit: '10',
			sendType: '1',
			taskStartTime: `${compact}090000`,
			taskEndTime: `${compact}180000`,
			taskName: 'Reminders',
			maxRecallCount: '2',
			recallInterval: '30',
			noConnected: 'true',
			noAnswer: 'false',
			ttsVoice: 'en-GB',
		});
		expect(accounts.simulator.requests[0].response?.code).toBe('200000');
		expect(accounts.simulator.dialCount('+447700900001')).toBe(1);
		expectNoSecrets(result, [APP_KEY]);
	});

	it('maps the template variables from each item, one request per item, the country worked out from the number', async () => {
		const result = await call(
			{
				...notify,
				to: '={{ $json.phone }}',
				templateVariables: variables('={{ $json.name }}', '={{ $json.code }}'),
			},
			[
				{ phone: '+447700900011', name: 'Ada', code: 123 },
				{ phone: '+8613800138000', name: '王', code: 456 },
			],
		);
		expect(rows(result).map((row) => [row.to, row.status])).toEqual([
			['+447700900011', 'queued'],
			['+8613800138000', 'queued'],
		]);
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect([form(0), form(1)].map((f) => [f.mobile, f.countryCode])).toEqual([
			['447700900011,Ada|123', 'GB'],
			['8613800138000,王|456', 'CN'],
		]);
	});

	it('reads task times without a zone in the workflow’s time zone by default', async () => {
		const start = new Date(Date.now() + DAY).toISOString().slice(0, 10);
		await runNode({
			node: new MakeVoiceCall(),
			parameters: {
				...notify,
				options: { sendType: 'scheduled', taskStartTime: `${start}T08:00:00.000Z` },
			},
			credentials: accounts.credentials(),
			credentialTypes: accounts.credentialTypes(),
		});
		// The harness workflow has no time zone setting: n8n's default (America/New_York).
		expect(form().taskStartTime).toMatch(new RegExp(`^${start.replace(/-/g, '')}0[34]0000$`));
	});

	it('raises another code as NodeApiError with InnoPaaS’s code and message verbatim, never the key', async () => {
		const failed = await call(notify, [{}], { key: 'wrong-key-0000' });
		expect(failed.error).toBeInstanceOf(NodeApiError);
		expect(failed.error?.message).toBe(
			'InnoPaaS refused the call: appId or appKey is incorrect (code 400002)',
		);
		expect(JSON.stringify(failed.error) + logsToText(failed.logs)).not.toContain('wrong-key-0000');

		const continued = await call(
			{ ...notify, to: '={{ $json.phone }}' },
			[{ phone: '+447700900001' }, { phone: '+447700900002' }],
			{ key: 'wrong-key-0000', continueOnFail: true },
		);
		expect(rows(continued)).toEqual([
			expect.objectContaining({
				status: 'failed',
				code: '400002',
				message: 'appId or appKey is incorrect',
				to: '+447700900001',
			}),
			expect.objectContaining({ status: 'failed', code: '400002', to: '+447700900002' }),
		]);
		expect(accounts.simulator.dialCounts()).toEqual({});
	});

	describe('refuses bad input before anything is sent', () => {
		it.each([
			[
				{ ...notify, templateVariables: variables('Smith, Ada') },
				'template variable 1 ("Smith, Ada") contains ","',
			],
			[
				{ ...notify, templateVariables: variables('ok', 'a|b') },
				'template variable 2 ("a|b") contains "|"',
			],
			[
				{ ...notify, templateVariables: variables('a;b') },
				'template variable 1 ("a;b") contains ";"',
			],
			[
				{ ...notify, templateVariables: variables('={{ $json.missing }}') },
				'template variable 1 is empty',
			],
			[
				{ ...notify, to: '+447700900001,+447700900002' },
				'to has 2 numbers; InnoPaaS places one call per item',
			],
			[{ ...notify, to: '+9991234567' }, 'countryCode is required for to "+9991234567"'],
			[
				{ ...notify, options: { countryCode: 'DE' } },
				'countryCode "DE" (calling code +49) does not match to "+447700900001" (calling code +44)',
			],
			[{ ...notify, templateId: '={{ "" }}' }, 'templateId is required'],
			[
				{ ...notify, options: { billUrl: `https://n8n.example.com/${'x'.repeat(230)}` } },
				'billUrl is 254 characters; InnoPaaS allows at most 250',
			],
			[
				{ ...notify, options: { transData: 'x'.repeat(51) } },
				'transData is 51 characters; InnoPaaS allows at most 50',
			],
			[
				{ ...notify, options: { maxRecallCount: 2 } },
				'recallInterval is required when maxRecallCount is 2',
			],
			[
				{ ...notify, options: { maxRecallCount: 3, recallInterval: 2000 } },
				'InnoPaaS allows at most 4,320 (3 days)',
			],
			[
				{ ...notify, options: { smsHangupStatus: true } },
				'smsTemplateId is required when the hangup SMS is on',
			],
			[
				{ ...notify, options: { smsSendType: 3 } },
				'smsSendLimit is required when smsSendType is 3',
			],
			[
				{ ...notify, options: { sendType: 'scheduled' } },
				'taskStartTime is required for a scheduled task',
			],
			[
				{
					...notify,
					options: {
						sendType: 'scheduled',
						taskStartTime: new Date(Date.now() + 9 * DAY).toISOString(),
					},
				},
				'InnoPaaS schedules at most 8 days ahead',
			],
			[
				{ ...notify, options: { taskStartTime: new Date(Date.now() + DAY).toISOString() } },
				'apply only to scheduled tasks',
			],
			[
				{
					...notify,
					options: {
						sendType: 'scheduled',
						taskStartTime: new Date(Date.now() + DAY).toISOString(),
						timeZone: 'Moon/Base',
					},
				},
				'timeZone "Moon/Base" is not an IANA time zone',
			],
		])('%#: %s', async (parameters, message) => {
			expectRefusedInput(await call(parameters as INodeParameters), message, accounts.simulator);
		});
	});

	describe('faults', () => {
		it('raises a 500 with InnoPaaS’s body, without retrying', async () => {
			accounts.simulator.injectFault({ kind: '500', path: '/open/' });
			const result = await call(notify);
			expect(result.error).toBeInstanceOf(NodeApiError);
			expect(result.error?.message).toBe('InnoPaaS refused the call: system error (code 500000)');
			expect(accounts.simulator.requests).toHaveLength(1);
			expectNoSecrets(result, [APP_KEY]);
		});

		it('retries a 503 and reports a hang as unknown, never sending it again', async () => {
			accounts.simulator.injectFault({ kind: '503', path: '/open/', retryAfter: 0 });
			expect(rows(await call(notify))[0].status).toBe('queued');
			expect(accounts.simulator.requests).toHaveLength(2);
			accounts.simulator.reset();
			accounts.simulator.injectFault({ kind: 'hang', path: '/open/' });
			const result = await call({ ...notify, delivery: { timeout: 1 } });
			expect(rows(result)[0]).toMatchObject({
				status: 'unknown',
				message: expect.stringContaining('may have been placed'),
			});
			expect(accounts.simulator.requests).toHaveLength(1);
			expect(accounts.simulator.dialCount('+447700900001')).toBe(1);
			expectNoSecrets(result, [APP_KEY]);
		});
	});

	it('the call record sent to billUrl becomes an event carrying the messageId and transData', async () => {
		const withReceipts = await startSimulator({
			innoPaasAppId: APP_ID,
			innoPaasAppKey: APP_KEY,
			receiptDelayMs: 5,
		});
		try {
			const result = await call(
				{
					...notify,
					to: '+447700900006',
					options: { billUrl: `${withReceipts.url}/bill`, transData: 'crm-5' },
				},
				[{}],
				{ baseUrl: withReceipts.url },
			);
			await withReceipts.receiptsSettled();
			const posted = withReceipts.receiptsSent[0].body;
			expect(innoPaasReceipts.matches(posted)).toBe(true);
			expect(innoPaasReceipts.parse(posted)[0]).toMatchObject({
				provider: 'innoPaas',
				messageId: rows(result)[0].messageId,
				to: '+447700900006',
				status: 'busy',
				final: true,
				callbackData: 'crm-5',
			});
		} finally {
			await withReceipts.close();
		}
	});
});

describe('InnoPaaS credential', () => {
	it('has the fields, the password, the default base URL, and puts appId/appKey in the body', () => {
		const credential = new InnoPaasApi();
		expect(credential.displayName).toBe('InnoPaaS (Chuanglan 253) Voice API');
		expect(credential.properties.map((p) => [p.name, p.type, p.default])).toEqual([
			['appId', 'string', ''],
			['appSecretKey', 'string', ''],
			['baseUrl', 'string', 'https://api.tig253.com'],
		]);
		expect(credential.properties[1]).toMatchObject({
			displayName: 'App Key',
			typeOptions: { password: true },
		});
		expect(credential.authenticate).toEqual({
			type: 'generic',
			properties: {
				body: { appId: '={{$credentials.appId}}', appKey: '={{$credentials.appSecretKey}}' },
			},
		});
		expect(new MakeVoiceCall().description.credentials).toContainEqual({
			name: 'innoPaasApi',
			required: true,
			displayOptions: {
				hide: { provider: ['webexConnect', 'imiconnectMessaging', 'routee', 'twilio'] },
			},
		});
	});
});
