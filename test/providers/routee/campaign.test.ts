import { parseInput } from '../../../nodes/core/validation';
import { routeeCampaign, type RouteeCampaign } from '../../../nodes/providers/routee/campaign';
import { inputError } from '../../support/inputError';

const campaign = (overrides: Record<string, unknown> = {}): RouteeCampaign =>
	parseInput(routeeCampaign.schema, {
		from: '306912345678',
		recipients: [{ to: '+306900000001' }, { to: '+306900000002' }],
		campaignName: 'Spring promo',
		message: { text: 'Hello', language: 'el-GR', gender: 'female' },
		...overrides,
	});

describe('Routee voice campaign request', () => {
	it('builds the documented body with every field', () => {
		const call = campaign({
			contacts: ['c-1', 7],
			groups: ['VIP'],
			respectQuietHours: true,
			scheduledDate: '2026-12-01T10:00:00+02:00',
			hangupDelay: 25,
			callback: { url: 'https://n8n.example.com/m', strategy: 'OnChange' },
			campaignCallback: { url: 'https://n8n.example.com/c', strategy: 'OnCompletion' },
			collectDtmfDigits: 'true',
			collectDtmfAwaitSeconds: 5,
		});
		expect(routeeCampaign.buildRequest(call)).toEqual({
			method: 'POST',
			path: '/voice/campaign',
			encoding: 'json',
			body: {
				from: '306912345678',
				to: ['+306900000001', '+306900000002'],
				contacts: ['c-1', '7'],
				groups: ['VIP'],
				campaignName: 'Spring promo',
				message: { text: 'Hello', language: 'el-GR', gender: 'female' },
				respectQuietHours: true,
				scheduledDate: '2026-12-01T08:00:00.000Z',
				hangupDelay: 25,
				callback: { url: 'https://n8n.example.com/m', strategy: 'OnChange' },
				campaignCallback: { url: 'https://n8n.example.com/c', strategy: 'OnCompletion' },
				collectDtmfDigits: true,
				collectDtmfAwaitSeconds: 5,
			},
		});
	});

	it('plays a file to groups only', () => {
		const call = campaign({
			recipients: [],
			groups: ['All'],
			message: undefined,
			fileURL: 'https://x.example/a.wav',
		});
		expect(routeeCampaign.buildRequest(call).body).toEqual({
			from: '306912345678',
			groups: ['All'],
			campaignName: 'Spring promo',
			fileURL: 'https://x.example/a.wav',
		});
	});

	it('accepts 1000 numbers, contacts and groups each', () => {
		const many = (prefix: string) => Array.from({ length: 1000 }, (_, i) => `${prefix}${i}`);
		const recipients = Array.from({ length: 1000 }, (_, i) => ({
			to: `+3069${String(i).padStart(8, '0')}`,
		}));
		expect(
			campaign({ recipients, contacts: many('c'), groups: many('g') }).recipients,
		).toHaveLength(1000);
	});

	it.each(
		[
			[{ campaignName: 'A' }, 'campaignName "A" is 1 characters; Routee allows 2 to 30'],
			[{ campaignName: 'x'.repeat(31) }, 'is 31 characters; Routee allows 2 to 30'],
			[
				{ campaignName: 'Promo 50%!' },
				'campaignName "Promo 50%!" may contain only Latin letters, digits, spaces and "-"',
			],
			[{ campaignName: 'Προσφορά' }, 'may contain only Latin letters'],
			[{ campaignName: '' }, 'campaignName is required'],
			[
				{ recipients: [], contacts: [], groups: [] },
				'to is required: give at least one number, contact or group',
			],
			[
				{
					recipients: Array.from({ length: 1001 }, (_, i) => ({
						to: `+3069${String(i).padStart(8, '0')}`,
					})),
				},
				'to has 1,001 entries; Routee allows at most 1,000 per campaign',
			],
			[
				{ contacts: Array.from({ length: 1001 }, (_, i) => `c${i}`) },
				'contacts has 1,001 entries; Routee allows at most 1,000',
			],
			[
				{ groups: Array.from({ length: 1001 }, (_, i) => `g${i}`) },
				'groups has 1,001 entries; Routee allows at most 1,000',
			],
			[{ message: undefined }, 'message or fileURL is required'],
			[
				{ fileURL: 'https://x.example/a.wav' },
				'give either message or fileURL ("https://x.example/a.wav"), not both',
			],
			[
				{ message: { text: 'x'.repeat(1001), language: 'en-US' } },
				'text is 1,001 characters; Routee allows at most 1,000',
			],
			[
				{ collectDtmfAwaitSeconds: 5 },
				'collectDtmfAwaitSeconds applies only when collectDtmfDigits is true',
			],
			[{ scheduledDate: 'next week' }, 'scheduledDate "next week" is not a date'],
			[
				{ campaignCallback: { url: 'https://x.example', strategy: 'Never' } },
				'campaignCallback.strategy "Never" is not one of',
			],
			[{ respectQuietHours: 'maybe' }, 'respectQuietHours "maybe" is neither true nor false'],
		].map(([overrides, message]) => [message, overrides] as const),
	)('refuses: %s', (message, overrides) => {
		expect(inputError(() => campaign(overrides as Record<string, unknown>)).message).toContain(
			message as string,
		);
	});
});

describe('Routee voice campaign response', () => {
	const call = campaign({
		recipients: [
			{ to: '+306900000001', correlationId: 'row-1' },
			{ to: '+306900000002' },
			{ to: '+9991234567' },
		],
	});

	it('gives the trackingId as campaign id, queues the numbers and rejects those listed in errors[]', () => {
		const outcome = routeeCampaign.parseResponse(call, {
			statusCode: 200,
			headers: {},
			body: {
				trackingId: 'camp-1',
				state: 'Queued',
				createdAt: '2026-05-01T10:00:00Z',
				statuses: { Queued: 2 },
				errors: [
					{ code: '400001006', developerMessage: 'Invalid recipient', property: '+9991234567' },
				],
			},
		});
		expect(outcome).toEqual({
			kind: 'accepted',
			requestedAt: '2026-05-01T10:00:00.000Z',
			campaignId: 'camp-1',
			recipients: [
				{
					to: '+306900000001',
					status: 'queued',
					messageId: null,
					correlationId: 'row-1',
					code: null,
					message: 'Queued',
				},
				{
					to: '+306900000002',
					status: 'queued',
					messageId: null,
					correlationId: null,
					code: null,
					message: 'Queued',
				},
				{
					to: '+9991234567',
					status: 'rejected',
					messageId: null,
					correlationId: null,
					code: '400001006',
					message: 'Invalid recipient',
				},
			],
		});
	});

	it('reads errors[].property as a list of numbers, with or without +', () => {
		const outcome = routeeCampaign.parseResponse(call, {
			statusCode: 200,
			headers: {},
			body: {
				trackingId: 'camp-2',
				errors: [{ code: 'x', developerMessage: 'bad', property: '306900000002, 9991234567' }],
			},
		});
		expect(outcome.kind === 'accepted' && outcome.recipients.map((r) => r.status)).toEqual([
			'queued',
			'rejected',
			'rejected',
		]);
	});

	it('reads errors[].property of any shape without a TypeError: what names no number rejects nobody', () => {
		const body = {
			trackingId: 'camp-3',
			errors: [
				{ property: { toString: 1 } },
				{ property: [{ toString: 1 }, 306900000002] },
				{ property: null },
				'x',
			],
		};
		const outcome = routeeCampaign.parseResponse(call, { statusCode: 200, headers: {}, body });
		expect(outcome.kind === 'accepted' && outcome.recipients.map((r) => r.status)).toEqual([
			'queued',
			'rejected',
			'queued',
		]);
		expect(
			routeeCampaign.parseResponse(call, {
				statusCode: 400,
				headers: {},
				body: { errors: [{ property: { toString: 1 } }] },
			}),
		).toMatchObject({ kind: 'error' });
	});

	it('reports a duplicate name (409) and a refusal with errors as provider errors', () => {
		expect(
			routeeCampaign.parseResponse(call, {
				statusCode: 409,
				headers: {},
				body: { code: '409001001', developerMessage: 'A campaign named "x" exists' },
			}),
		).toEqual({
			kind: 'error',
			httpStatus: 409,
			code: '409001001',
			message: 'A campaign named "x" exists',
		});
		expect(
			routeeCampaign.parseResponse(call, {
				statusCode: 400,
				headers: {},
				body: {
					code: '400001005',
					developerMessage: 'No valid recipients',
					errors: [{ property: '+9991234567', developerMessage: 'Invalid recipient' }],
				},
			}),
		).toMatchObject({
			kind: 'error',
			message: 'No valid recipients (+9991234567: Invalid recipient)',
		});
	});

	it('treats a success without trackingId as ambiguous', () => {
		expect(
			routeeCampaign.parseResponse(call, {
				statusCode: 200,
				headers: {},
				body: { state: 'Queued' },
			}).kind,
		).toBe('ambiguous');
	});

	it('refuses a scheduled date the calendar does not have, and reads one without a zone in the call’s time zone', () => {
		// Sent as 1 March 2027 before.
		expect(inputError(() => campaign({ scheduledDate: '2027-02-29T10:00:00Z' })).message).toBe(
			'scheduledDate "2027-02-29T10:00:00Z" is not a real date: February 2027 has no day 29',
		);
		expect(
			campaign({ scheduledDate: '2026-12-01T10:00:00', timeZone: 'Europe/Athens' }).scheduledDate,
		).toBe('2026-12-01T08:00:00.000Z');
	});

	it('validates one recipient on its own', () => {
		expect(
			routeeCampaign.recipientSchema.safeParse({ to: '+30 690 000 0001', correlationId: 'c' }).data,
		).toEqual({ to: '+306900000001', correlationId: 'c' });
		expect(routeeCampaign.recipientSchema.safeParse({ to: '690' }).success).toBe(false);
	});
});
