import {
	parseInput,
	ROUTEE_LANGUAGES,
	routeeBaseUrl,
	routeeCampaign,
	routeeConversation,
	routeeTokenUrl,
	type RouteeCampaign,
	type RouteeConversation,
} from '../../../nodes/core';
import { inputError } from '../../support/inputError';

const say = { type: 'SAY', text: 'Your parcel arrives today', language: 'en-GB', gender: 'male' };

const conversation = (overrides: Record<string, unknown> = {}): RouteeConversation =>
	parseInput(routeeConversation.schema, {
		from: '306912345678',
		recipients: [{ to: '+306900000001' }],
		content: say,
		...overrides,
	});

const campaign = (overrides: Record<string, unknown> = {}): RouteeCampaign =>
	parseInput(routeeCampaign.schema, {
		from: '306912345678',
		recipients: [{ to: '+306900000001' }, { to: '+306900000002' }],
		name: 'Spring promo',
		message: { text: 'Hello', language: 'el-GR', gender: 'female' },
		...overrides,
	});


describe('Routee credentials and hosts', () => {
	it('uses auth.routee.net and connect.routee.net unless a base URL stands in for both', () => {
		expect(routeeBaseUrl({})).toBe('https://connect.routee.net');
		expect(routeeTokenUrl({})).toBe('https://auth.routee.net/oauth/token');
		expect(routeeBaseUrl({ baseUrl: 'http://127.0.0.1:8787/' })).toBe('http://127.0.0.1:8787');
		expect(routeeTokenUrl({ baseUrl: 'http://127.0.0.1:8787/' })).toBe('http://127.0.0.1:8787/oauth/token');
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

describe('Routee voice conversation request', () => {
	it('says a text: the documented body with every field', () => {
		const call = conversation({
			from: '+30 691 234-5678',
			recipients: [{ to: '0030 690 000 0001' }],
			callback: { url: 'https://n8n.example.com/webhook/r', strategy: 'OnCompletion' },
			hangupDelay: '30',
		});
		expect(routeeConversation.buildRequest(call)).toEqual({
			method: 'POST',
			path: '/voice/conversation',
			encoding: 'json',
			body: {
				from: '+306912345678',
				to: { phone: '+306900000001' },
				dialPlan: { verbs: [{ type: 'SAY', message: { text: 'Your parcel arrives today', gender: 'male', language: 'en-GB' } }] },
				callback: { url: 'https://n8n.example.com/webhook/r', strategy: 'OnCompletion' },
				hangupDelay: 30,
			},
		});
	});

	it('plays a .wav file and leaves optional fields out', () => {
		const call = conversation({ content: { type: 'PLAY', fileURL: 'https://cdn.example.com/a/reminder.WAV?sig=1' } });
		expect(routeeConversation.buildRequest(call).body).toEqual({
			from: '306912345678',
			to: { phone: '+306900000001' },
			dialPlan: { verbs: [{ type: 'PLAY', fileURL: 'https://cdn.example.com/a/reminder.WAV?sig=1' }] },
		});
	});

	it('defaults the callback strategy to OnChange and ignores a callback without URL', () => {
		expect(conversation({ callback: { url: 'https://x.example/r' } }).callback).toEqual({ url: 'https://x.example/r', strategy: 'OnChange' });
		expect(conversation({ callback: { url: '', strategy: 'OnCompletion' } }).callback).toBeUndefined();
	});

	it('takes every documented language, a gender or none, and text of exactly 1000 characters', () => {
		for (const language of ROUTEE_LANGUAGES) expect(conversation({ content: { ...say, language } }).content).toMatchObject({ language });
		expect(conversation({ content: { type: 'SAY', text: 'y'.repeat(1000), language: 'en-US' } }).content).not.toHaveProperty('gender', expect.anything());
	});

	it.each(([
		[{ content: { ...say, text: 'x'.repeat(1001) } }, 'content.text', 'text is 1,001 characters; Routee allows at most 1,000'],
		[{ content: { ...say, text: ' ' } }, 'content.text', 'text is required'],
		[{ content: { ...say, language: 'zh-CN' } }, 'content.language', 'language "zh-CN" is not one of "en-US", "en-GB"'],
		[{ content: { ...say, gender: 'neutral' } }, 'content.gender', 'gender "neutral" is not one of "female", "male"'],
		[{ content: { type: 'PLAY', fileURL: 'https://cdn.example.com/reminder.mp3' } }, 'content.fileURL', 'does not point to a .wav file; Routee plays only WAV audio'],
		[{ content: { type: 'PLAY', fileURL: 'ftp://cdn.example.com/a.wav' } }, 'content.fileURL', 'fileURL "ftp://cdn.example.com/a.wav" is not an http(s) URL'],
		[{ content: { type: 'PLAY', fileURL: '' } }, 'content.fileURL', 'fileURL is required'],
		[{ content: { type: 'DIAL' } }, 'content.type', 'type must be one of "SAY", "PLAY"'],
		[{ from: 'ACME' }, 'from', 'from "ACME" is not a numeric sender: Routee voice calls need a caller ID of digits only'],
		[{ from: '12345678901234567' }, 'from', 'from "12345678901234567" has 17 digits; Routee allows at most 16'],
		[{ from: '' }, 'from', 'from is required'],
		[{ recipients: [{ to: '+306900000001' }, { to: '+306900000002' }] }, 'recipients', 'to has 2 numbers; Routee places one call per item'],
		[{ recipients: [] }, 'recipients', 'to is required'],
		[{ recipients: [{ to: '6900000001' }] }, 'recipients.to', 'to "6900000001" has no country code'],
		[{ hangupDelay: 0 }, 'hangupDelay', 'hangupDelay is 0; it must be at least 1'],
		[{ hangupDelay: 'soon' }, 'hangupDelay', 'hangupDelay "soon" is not a whole number'],
		[{ callback: { url: 'not a url' } }, 'callback.url', 'callback.url "not a url" is not an http(s) URL'],
		[{ callback: { url: 'https://x.example/r', strategy: 'Sometimes' } }, 'callback.strategy', 'callback.strategy "Sometimes" is not one of "OnChange", "OnCompletion"'],
	] as const).map(([overrides, field, message]) => [field, overrides, message] as const))(
		'refuses a bad %s, naming the field, value and limit',
		(field, overrides, message) => {
			const error = inputError(() => conversation(overrides as Record<string, unknown>));
			expect(error.field).toBe(field);
			expect(error.message).toContain(message);
		},
	);
});

describe('Routee voice conversation response', () => {
	const call = conversation();

	it('gives the conversation trackingId as the message id', () => {
		const outcome = routeeConversation.parseResponse(call, {
			statusCode: 200,
			headers: {},
			body: { trackingId: 't-1', direction: 'Outbound', createdAt: '2026-05-01T10:00:00.000Z', to: { phone: '+306900000001' } },
		});
		expect(outcome).toEqual({
			kind: 'accepted',
			requestedAt: '2026-05-01T10:00:00.000Z',
			recipients: [{ to: '+306900000001', status: 'queued', messageId: 't-1', correlationId: null, code: null, message: null }],
		});
	});

	it.each([
		[400, { code: '400005000', developerMessage: 'Invalid dial plan' }, '400005000', 'Invalid dial plan'],
		[400, { code: '400005001', developerMessage: 'Validation failed', errors: [{ code: '400005002', developerMessage: 'is invalid', property: 'to.phone' }] }, '400005001', 'Validation failed (to.phone: is invalid)'],
		[401, { error: 'invalid_client', error_description: 'Bad credentials' }, 'invalid_client', 'Bad credentials'],
		[401, '', 'HTTP 401', 'authentication failed: Routee did not accept the application ID and secret'],
		[403, undefined, 'HTTP 403', 'not authenticated'],
		[404, undefined, 'HTTP 404', 'check the base URL'],
		[429, { code: '429001001', developerMessage: 'Too many requests' }, '429001001', 'Too many requests'],
		[500, undefined, 'HTTP 500', 'internal server error'],
	])('HTTP %i %j is a provider error with code %s', (statusCode, body, code, message) => {
		expect(routeeConversation.parseResponse(call, { statusCode, headers: {}, body })).toEqual({
			kind: 'error',
			httpStatus: statusCode,
			code,
			message: expect.stringContaining(message),
		});
	});

	it('treats a success without a tracking id as ambiguous: the call may have been placed', () => {
		for (const body of ['<html>', {}, { trackingId: '' }]) {
			const outcome = routeeConversation.parseResponse(call, { statusCode: 200, headers: {}, body });
			expect(outcome).toEqual({ kind: 'ambiguous', message: expect.stringContaining('the call may have been placed') });
		}
	});
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
				name: 'Spring promo',
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
		const call = campaign({ recipients: [], groups: ['All'], message: undefined, fileURL: 'https://x.example/a.wav' });
		expect(routeeCampaign.buildRequest(call).body).toEqual({ from: '306912345678', groups: ['All'], name: 'Spring promo', fileURL: 'https://x.example/a.wav' });
	});

	it('accepts 1000 numbers, contacts and groups each', () => {
		const many = (prefix: string) => Array.from({ length: 1000 }, (_, i) => `${prefix}${i}`);
		const recipients = Array.from({ length: 1000 }, (_, i) => ({ to: `+3069${String(i).padStart(8, '0')}` }));
		expect(campaign({ recipients, contacts: many('c'), groups: many('g') }).recipients).toHaveLength(1000);
	});

	it.each([
		[{ name: 'A' }, 'name "A" is 1 characters; Routee allows 2 to 30'],
		[{ name: 'x'.repeat(31) }, 'is 31 characters; Routee allows 2 to 30'],
		[{ name: 'Promo 50%!' }, 'name "Promo 50%!" may contain only Latin letters, digits, spaces and "-"'],
		[{ name: 'Προσφορά' }, 'may contain only Latin letters'],
		[{ name: '' }, 'name is required'],
		[{ recipients: [], contacts: [], groups: [] }, 'to is required: give at least one number, contact or group'],
		[{ recipients: Array.from({ length: 1001 }, (_, i) => ({ to: `+3069${String(i).padStart(8, '0')}` })) }, 'to has 1,001 entries; Routee allows at most 1,000 per campaign'],
		[{ contacts: Array.from({ length: 1001 }, (_, i) => `c${i}`) }, 'contacts has 1,001 entries; Routee allows at most 1,000'],
		[{ groups: Array.from({ length: 1001 }, (_, i) => `g${i}`) }, 'groups has 1,001 entries; Routee allows at most 1,000'],
		[{ message: undefined }, 'message or fileURL is required'],
		[{ fileURL: 'https://x.example/a.wav' }, 'give either message or fileURL ("https://x.example/a.wav"), not both'],
		[{ message: { text: 'x'.repeat(1001), language: 'en-US' } }, 'text is 1,001 characters; Routee allows at most 1,000'],
		[{ collectDtmfAwaitSeconds: 5 }, 'collectDtmfAwaitSeconds applies only when collectDtmfDigits is true'],
		[{ scheduledDate: 'next week' }, 'scheduledDate "next week" is not a date'],
		[{ campaignCallback: { url: 'https://x.example', strategy: 'Never' } }, 'campaignCallback.strategy "Never" is not one of'],
		[{ respectQuietHours: 'maybe' }, 'respectQuietHours "maybe" is neither true nor false'],
	].map(([overrides, message]) => [message, overrides] as const))('refuses: %s', (message, overrides) => {
		expect(inputError(() => campaign(overrides as Record<string, unknown>)).message).toContain(message as string);
	});
});

describe('Routee voice campaign response', () => {
	const call = campaign({ recipients: [{ to: '+306900000001', correlationId: 'row-1' }, { to: '+306900000002' }, { to: '+9991234567' }] });

	it('gives the trackingId as campaign id, queues the numbers and rejects those listed in errors[]', () => {
		const outcome = routeeCampaign.parseResponse(call, {
			statusCode: 200,
			headers: {},
			body: {
				trackingId: 'camp-1',
				state: 'Queued',
				createdAt: '2026-05-01T10:00:00Z',
				statuses: { Queued: 2 },
				errors: [{ code: '400001006', developerMessage: 'Invalid recipient', property: '+9991234567' }],
			},
		});
		expect(outcome).toEqual({
			kind: 'accepted',
			requestedAt: '2026-05-01T10:00:00.000Z',
			campaignId: 'camp-1',
			recipients: [
				{ to: '+306900000001', status: 'queued', messageId: null, correlationId: 'row-1', code: null, message: 'Queued' },
				{ to: '+306900000002', status: 'queued', messageId: null, correlationId: null, code: null, message: 'Queued' },
				{ to: '+9991234567', status: 'rejected', messageId: null, correlationId: null, code: '400001006', message: 'Invalid recipient' },
			],
		});
	});

	it('reads errors[].property as a list of numbers, with or without +', () => {
		const outcome = routeeCampaign.parseResponse(call, {
			statusCode: 200,
			headers: {},
			body: { trackingId: 'camp-2', errors: [{ code: 'x', developerMessage: 'bad', property: '306900000002, 9991234567' }] },
		});
		expect(outcome.kind === 'accepted' && outcome.recipients.map((r) => r.status)).toEqual(['queued', 'rejected', 'rejected']);
	});

	it('reports a duplicate name (409) and a refusal with errors as provider errors', () => {
		expect(routeeCampaign.parseResponse(call, { statusCode: 409, headers: {}, body: { code: '409001001', developerMessage: 'A campaign named "x" exists' } })).toEqual({
			kind: 'error',
			httpStatus: 409,
			code: '409001001',
			message: 'A campaign named "x" exists',
		});
		expect(routeeCampaign.parseResponse(call, { statusCode: 400, headers: {}, body: { code: '400001005', developerMessage: 'No valid recipients', errors: [{ property: '+9991234567', developerMessage: 'Invalid recipient' }] } })).toMatchObject({
			kind: 'error',
			message: 'No valid recipients (+9991234567: Invalid recipient)',
		});
	});

	it('treats a success without trackingId as ambiguous', () => {
		expect(routeeCampaign.parseResponse(call, { statusCode: 200, headers: {}, body: { state: 'Queued' } }).kind).toBe('ambiguous');
	});

	it('validates one recipient on its own', () => {
		expect(routeeCampaign.recipientSchema.safeParse({ to: '+30 690 000 0001', correlationId: 'c' }).data).toEqual({ to: '+306900000001', correlationId: 'c' });
		expect(routeeCampaign.recipientSchema.safeParse({ to: '690' }).success).toBe(false);
	});
});
