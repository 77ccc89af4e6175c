import { parseInput } from '../../../nodes/core/validation';
import { innoPaasCall } from '../../../nodes/providers/innoPaas/call';
import type { InnoPaasCall } from '../../../nodes/providers/innoPaas/schema';
import { ok } from '../../support/answers';
import { fixture } from '../../support/fixtures';
import { inputError } from '../../support/inputError';

const DAY = 86_400_000;
/** The UTC calendar date `days` from now, as yyyy-MM-dd and yyyyMMdd. */
function dayAhead(days: number) {
	const iso = new Date(Date.now() + days * DAY).toISOString().slice(0, 10);
	return { iso, compact: iso.replace(/-/g, '') };
}

const call = (overrides: Record<string, unknown> = {}): InnoPaasCall =>
	parseInput(innoPaasCall.schema, {
		recipients: [{ to: '+447700900001' }],
		templateId: 'tpl-1',
		...overrides,
	});

describe('InnoPaaS batch-notify request for one number', () => {
	it('builds the form body with every field, numbers without +, variables after "," joined by "|"', () => {
		const start = dayAhead(2);
		const end = dayAhead(3);
		const request = innoPaasCall.buildRequest(
			call({
				recipients: [{ to: '+44 7700 900001' }],
				variables: ['Ada', 42, true],
				countryCode: 'gb',
				displayNum: '+44 20 7946 0018',
				ttsVoice: 'en-GB',
				billUrl: 'https://n8n.example.com/webhook/bill',
				transData: 'crm-17',
				maxRecallCount: 2,
				recallInterval: '30',
				noConnected: false,
				noAnswer: 'true',
				smsHangupStatus: true,
				smsTemplateId: 'sms-1',
				smsSendType: 3,
				smsSendLimit: 10,
				sendType: 'scheduled',
				taskStartTime: `${start.iso}T09:30:00`,
				taskEndTime: `${end.iso}T18:00:00`,
				timeZone: 'Asia/Shanghai',
				taskName: 'Reminders',
			}),
		);
		expect(request).toEqual({
			method: 'POST',
			path: '/open/int-voice/batch-notify',
			encoding: 'form',
			body: {
				mobile: '447700900001,Ada|42|true',
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
				taskStartTime: `${start.compact}093000`,
				taskEndTime: `${end.compact}180000`,
				taskName: 'Reminders',
				maxRecallCount: '2',
				recallInterval: '30',
				noConnected: 'false',
				noAnswer: 'true',
				ttsVoice: 'en-GB',
			},
		});
	});

	it('sends only what is given, with the country worked out from the number', () => {
		expect(
			innoPaasCall.buildRequest(call({ recipients: [{ to: '+8613800138000' }] })).body,
		).toEqual({
			mobile: '8613800138000',
			countryCode: 'CN',
			templateId: 'tpl-1',
		});
		expect(
			innoPaasCall.buildRequest(
				call({ smsHangupStatus: false, sendType: 'immediate', maxRecallCount: 0 }),
			).body,
		).toMatchObject({
			smsHangupStatus: '0',
			sendType: '2',
			maxRecallCount: '0',
		});
	});

	it('lets countryCode choose among the countries of a shared calling code', () => {
		expect(call({ recipients: [{ to: '+16135550100' }] }).countryCode).toBe('US');
		expect(call({ recipients: [{ to: '+16135550100' }], countryCode: 'CA' }).countryCode).toBe(
			'CA',
		);
		expect(call({ recipients: [{ to: '+9991234567' }], countryCode: 'XX' }).countryCode).toBe('XX');
	});

	it('writes task times as wall-clock time of the chosen zone', () => {
		const { iso, compact } = dayAhead(1);
		const times = (taskStartTime: unknown, timeZone?: string) =>
			call({ sendType: 'scheduled', taskStartTime, timeZone }).taskStartTime;
		expect(times(`${iso}T02:00:00Z`, 'Asia/Shanghai')).toBe(`${compact}100000`);
		expect(times(`${iso}T02:00:00Z`, 'Asia/Kolkata')).toBe(`${compact}073000`);
		expect(times(`${iso}T02:00:00Z`)).toBe(`${compact}020000`);
		expect(times(`${iso}T10:15:00`, 'Europe/London')).toBe(`${compact}101500`);
		expect(times(new Date(`${iso}T02:00:00Z`), 'Asia/Shanghai')).toBe(`${compact}100000`);
		expect(times({ toISO: () => `${iso}T02:00:00.000+00:00` }, 'Asia/Shanghai')).toBe(
			`${compact}100000`,
		);
	});

	it.each(
		(
			[
				[
					{ variables: ['a,b'] },
					'template variable 1 ("a,b") contains ","; InnoPaaS separates numbers and variables with "," "|" and ";"',
				],
				[{ variables: ['ok', 'x|y'] }, 'template variable 2 ("x|y") contains "|"'],
				[{ variables: ['a;b'] }, 'template variable 1 ("a;b") contains ";"'],
				[{ variables: ['ok', ' '] }, 'template variable 2 is empty'],
				[
					{ recipients: [{ to: '+9991234567' }] },
					'countryCode is required for to "+9991234567": its calling code is not in this node\'s table',
				],
				[
					{ countryCode: 'GB', recipients: [{ to: '+8613800138000' }] },
					'countryCode "GB" (calling code +44) does not match to "+8613800138000" (calling code +86)',
				],
				[{ countryCode: 'GBR' }, 'countryCode "GBR" is not an ISO 3166-1 alpha-2 code'],
				[
					{ recipients: [{ to: '+447700900001' }, { to: '+447700900002' }] },
					'to has 2 numbers; InnoPaaS places one call per item',
				],
				[{ recipients: [{ to: '07700 900001' }] }, 'to "07700 900001" has no country code'],
				[{ templateId: ' ' }, 'templateId is required'],
				[
					{ billUrl: `https://n8n.example.com/${'x'.repeat(230)}` },
					'billUrl is 254 characters; InnoPaaS allows at most 250',
				],
				[
					{ billUrl: 'n8n.example.com/bill' },
					'billUrl "n8n.example.com/bill" is not an http(s) URL',
				],
				[{ transData: 'x'.repeat(51) }, 'transData is 51 characters; InnoPaaS allows at most 50'],
				[{ displayNum: 'ACME' }, 'displayNum "ACME" must be a phone number of digits'],
				[{ ttsVoice: 'English' }, 'ttsVoice "English" is not a language tag such as en-US'],
				[{ maxRecallCount: 4, recallInterval: 10 }, 'maxRecallCount is 4; InnoPaaS allows 0 to 3'],
				[
					{ maxRecallCount: 2 },
					'recallInterval is required when maxRecallCount is 2: the minutes between redials',
				],
				[
					{ maxRecallCount: 3, recallInterval: 1441 },
					'redialling would span 4,323 minutes (maxRecallCount 3 × recallInterval 1,441); InnoPaaS allows at most 4,320 (3 days)',
				],
				[
					{ recallInterval: 5000 },
					'redialling would span 5,000 minutes (maxRecallCount 1 × recallInterval 5,000)',
				],
				[{ recallInterval: 0 }, 'recallInterval is 0; it must be at least 1'],
				[{ noAnswer: 'sometimes' }, 'noAnswer "sometimes" is neither true nor false'],
				[{ smsHangupStatus: true }, 'smsTemplateId is required when the hangup SMS is on'],
				[
					{ smsSendType: 3, smsHangupStatus: true, smsTemplateId: 's' },
					'smsSendLimit is required when smsSendType is 3',
				],
				[{ smsSendType: 4 }, 'smsSendType is 4; InnoPaaS allows 0 to 3'],
				[{ smsSendLimit: 0 }, 'smsSendLimit is 0; it must be at least 1'],
				[{ sendType: 'later' }, 'sendType "later" is not one of "immediate", "scheduled"'],
				[{ sendType: 'scheduled' }, 'taskStartTime is required for a scheduled task'],
				[
					{ taskStartTime: `${dayAhead(1).iso}T10:00:00Z` },
					'taskStartTime and taskEndTime apply only to scheduled tasks: set sendType to "scheduled"',
				],
				[
					{ sendType: 'scheduled', taskStartTime: `${dayAhead(9).iso}T12:00:00Z` },
					'days ahead; InnoPaaS schedules at most 8 days ahead',
				],
				[
					{
						sendType: 'scheduled',
						taskStartTime: `${dayAhead(2).iso}T12:00:00Z`,
						taskEndTime: `${dayAhead(2).iso}T11:00:00Z`,
					},
					'is not after taskStartTime',
				],
				[
					{ sendType: 'scheduled', taskStartTime: 'tomorrow morning' },
					'taskStartTime "tomorrow morning" is not a date',
				],
				[
					{
						sendType: 'scheduled',
						taskStartTime: `${dayAhead(1).iso}T10:00:00`,
						timeZone: 'Mars/Olympus',
					},
					'timeZone "Mars/Olympus" is not an IANA time zone',
				],
				// Sent as 20260302… before: a day the user did not write.
				[
					{
						sendType: 'scheduled',
						taskStartTime: '2026-02-30T09:00:00',
						timeZone: 'Asia/Shanghai',
					},
					'taskStartTime "2026-02-30T09:00:00" is not a real date: February 2026 has no day 30',
				],
				// Sent as the form value +0100000101075 before.
				[
					{
						sendType: 'scheduled',
						taskStartTime: `${dayAhead(1).iso}T10:00:00Z`,
						taskEndTime: '9999-12-31T23:59:59Z',
						timeZone: 'Asia/Shanghai',
					},
					'days after taskStartTime',
				],
				[
					{
						sendType: 'scheduled',
						taskStartTime: `${dayAhead(1).iso}T10:00:00Z`,
						taskEndTime: `${dayAhead(5).iso}T10:00:00Z`,
					},
					'InnoPaaS redials for at most 3 days, so a task ends at most 3 days after it starts',
				],
				[
					{ sendType: 'scheduled', taskStartTime: { toString: 1 } },
					'taskStartTime must be a date and time, not an object',
				],
				[
					{ sendType: 'scheduled', taskStartTime: Object.create(null) },
					'taskStartTime must be a date and time, not an object',
				],
				[
					{
						sendType: 'scheduled',
						taskStartTime: `${dayAhead(1).iso}T10:00:00Z`,
						taskEndTime: [[]],
					},
					'taskEndTime must be a date and time, not a list',
				],
				[{ variables: [{ toString: 1 }] }, 'template variable 1 is an object, not text'],
			] as const
		).map(([overrides, message]) => [message, overrides] as const),
	)('refuses: %s', (message, overrides) => {
		expect(inputError(() => call(overrides as Record<string, unknown>)).message).toContain(message);
	});

	it('accepts the limits exactly: 250-character billUrl, 50-character transData, 3 redials over 3 days, 8 days ahead, a task of 3 days', () => {
		// One clock reading for both times: the span is exactly 3 days, however long the test takes.
		const now = Date.now();
		expect(() =>
			call({
				billUrl: `https://n8n.example.com/${'x'.repeat(226)}`,
				transData: 'y'.repeat(50),
				maxRecallCount: 3,
				recallInterval: 1440,
				sendType: 'scheduled',
				taskStartTime: new Date(now + 8 * DAY - 60_000).toISOString(),
				taskEndTime: new Date(now + 11 * DAY - 60_000).toISOString(),
			}),
		).not.toThrow();
	});
});

describe('InnoPaaS batch-notify answer', () => {
	const one = call({ recipients: [{ to: '+447700900001', correlationId: 'row-1' }] });

	it('takes code 200000 as success, data.callId as the message id', () => {
		expect(innoPaasCall.parseResponse(one, ok(fixture('innoPaas', 'answer.success')))).toEqual({
			kind: 'accepted',
			requestedAt: null,
			recipients: [
				{
					to: '+447700900001',
					status: 'queued',
					messageId: 'call-1',
					correlationId: 'row-1',
					code: '200000',
					message: 'success',
				},
			],
		});
	});

	it.each([
		[
			ok({ code: '400002', message: 'appId or appKey is incorrect' }),
			200,
			'400002',
			'appId or appKey is incorrect',
		],
		[ok({ code: 400100, message: '模板不存在' }), 200, '400100', '模板不存在'],
		[ok({ code: '123456' }), 200, '123456', 'InnoPaaS answered code 123456 without a message'],
		[
			{ statusCode: 500, headers: {}, body: { code: '500000', message: 'system error' } },
			500,
			'500000',
			'system error',
		],
		[
			{ statusCode: 502, headers: {}, body: '<html>' },
			502,
			'HTTP 502',
			'HTTP 502 without an explanation',
		],
		[{ statusCode: 404, headers: {}, body: '' }, 404, 'HTTP 404', 'not found: check the base URL'],
	])(
		'%#: any other code is a provider error, its message verbatim',
		(response, httpStatus, code, message) => {
			expect(innoPaasCall.parseResponse(one, response)).toEqual({
				kind: 'error',
				httpStatus,
				code,
				message,
			});
		},
	);

	it('treats a success without a code as ambiguous', () => {
		for (const body of ['<html>', { message: 'ok' }]) {
			expect(innoPaasCall.parseResponse(one, ok(body))).toEqual({
				kind: 'ambiguous',
				message: expect.stringContaining('may have been placed'),
			});
		}
	});
});
