import { parseInput } from '../../../nodes/core/validation';
import { routeeConversation, type RouteeConversation } from '../../../nodes/providers/routee/call';
import { ROUTEE_LANGUAGES } from '../../../nodes/providers/routee/common';
import { inputError } from '../../support/inputError';

const say = { type: 'SAY', text: 'Your parcel arrives today', language: 'en-GB', gender: 'male' };

const conversation = (overrides: Record<string, unknown> = {}): RouteeConversation =>
	parseInput(routeeConversation.schema, {
		from: '306912345678',
		recipients: [{ to: '+306900000001' }],
		content: say,
		...overrides,
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
				dialPlan: {
					verbs: [
						{
							type: 'SAY',
							message: { text: 'Your parcel arrives today', gender: 'male', language: 'en-GB' },
						},
					],
				},
				callback: { url: 'https://n8n.example.com/webhook/r', strategy: 'OnCompletion' },
				hangupDelay: 30,
			},
		});
	});

	it('plays a .wav file and leaves optional fields out', () => {
		const call = conversation({
			content: { type: 'PLAY', fileURL: 'https://cdn.example.com/a/reminder.WAV?sig=1' },
		});
		expect(routeeConversation.buildRequest(call).body).toEqual({
			from: '306912345678',
			to: { phone: '+306900000001' },
			dialPlan: {
				verbs: [{ type: 'PLAY', fileURL: 'https://cdn.example.com/a/reminder.WAV?sig=1' }],
			},
		});
	});

	it('defaults the callback strategy to OnChange and ignores a callback without URL', () => {
		expect(conversation({ callback: { url: 'https://x.example/r' } }).callback).toEqual({
			url: 'https://x.example/r',
			strategy: 'OnChange',
		});
		expect(
			conversation({ callback: { url: '', strategy: 'OnCompletion' } }).callback,
		).toBeUndefined();
	});

	it('takes every documented language, a gender or none, and text of exactly 1000 characters', () => {
		for (const language of ROUTEE_LANGUAGES)
			expect(conversation({ content: { ...say, language } }).content).toMatchObject({ language });
		expect(
			conversation({ content: { type: 'SAY', text: 'y'.repeat(1000), language: 'en-US' } }).content,
		).not.toHaveProperty('gender', expect.anything());
	});

	it.each(
		(
			[
				[
					{ content: { ...say, text: 'x'.repeat(1001) } },
					'content.text',
					'text is 1,001 characters; Routee allows at most 1,000',
				],
				[{ content: { ...say, text: ' ' } }, 'content.text', 'text is required'],
				[
					{ content: { ...say, language: 'zh-CN' } },
					'content.language',
					'language "zh-CN" is not one of "en-US", "en-GB"',
				],
				[
					{ content: { ...say, gender: 'neutral' } },
					'content.gender',
					'gender "neutral" is not one of "female", "male"',
				],
				[
					{ content: { type: 'PLAY', fileURL: 'https://cdn.example.com/reminder.mp3' } },
					'content.fileURL',
					'does not point to a .wav file; Routee plays only WAV audio',
				],
				[
					{ content: { type: 'PLAY', fileURL: 'ftp://cdn.example.com/a.wav' } },
					'content.fileURL',
					'fileURL "ftp://cdn.example.com/a.wav" is not an http(s) URL',
				],
				[{ content: { type: 'PLAY', fileURL: '' } }, 'content.fileURL', 'fileURL is required'],
				[{ content: { type: 'DIAL' } }, 'content.type', 'type must be one of "SAY", "PLAY"'],
				[
					{ from: 'ACME' },
					'from',
					'from "ACME" is not a numeric sender: Routee voice calls need a caller ID of digits only',
				],
				[
					{ from: '12345678901234567' },
					'from',
					'from "12345678901234567" has 17 digits; Routee allows at most 16',
				],
				[{ from: '' }, 'from', 'from is required'],
				[
					{ recipients: [{ to: '+306900000001' }, { to: '+306900000002' }] },
					'recipients',
					'to has 2 numbers; Routee places one call per item',
				],
				[{ recipients: [] }, 'recipients', 'to is required'],
				[
					{ recipients: [{ to: '6900000001' }] },
					'recipients.to',
					'to "6900000001" has no country code',
				],
				[{ hangupDelay: 0 }, 'hangupDelay', 'hangupDelay is 0; it must be at least 1'],
				[{ hangupDelay: 'soon' }, 'hangupDelay', 'hangupDelay "soon" is not a whole number'],
				[
					{ callback: { url: 'not a url' } },
					'callback.url',
					'callback.url "not a url" is not an http(s) URL',
				],
				[
					{ callback: { url: 'https://x.example/r', strategy: 'Sometimes' } },
					'callback.strategy',
					'callback.strategy "Sometimes" is not one of "OnChange", "OnCompletion"',
				],
			] as const
		).map(([overrides, field, message]) => [field, overrides, message] as const),
	)('refuses a bad %s, naming the field, value and limit', (field, overrides, message) => {
		const error = inputError(() => conversation(overrides as Record<string, unknown>));
		expect(error.field).toBe(field);
		expect(error.message).toContain(message);
	});
});

describe('Routee voice conversation response', () => {
	const call = conversation();

	it('gives the conversation trackingId as the message id', () => {
		const outcome = routeeConversation.parseResponse(call, {
			statusCode: 200,
			headers: {},
			body: {
				trackingId: 't-1',
				direction: 'Outbound',
				createdAt: '2026-05-01T10:00:00.000Z',
				to: { phone: '+306900000001' },
			},
		});
		expect(outcome).toEqual({
			kind: 'accepted',
			requestedAt: '2026-05-01T10:00:00.000Z',
			recipients: [
				{
					to: '+306900000001',
					status: 'queued',
					messageId: 't-1',
					correlationId: null,
					code: null,
					message: null,
				},
			],
		});
	});

	it.each([
		[
			400,
			{ code: '400005000', developerMessage: 'Invalid dial plan' },
			'400005000',
			'Invalid dial plan',
		],
		[
			400,
			{
				code: '400005001',
				developerMessage: 'Validation failed',
				errors: [{ code: '400005002', developerMessage: 'is invalid', property: 'to.phone' }],
			},
			'400005001',
			'Validation failed (to.phone: is invalid)',
		],
		[
			401,
			{ error: 'invalid_client', error_description: 'Bad credentials' },
			'invalid_client',
			'Bad credentials',
		],
		[
			401,
			'',
			'HTTP 401',
			'authentication failed: Routee did not accept the application ID and secret',
		],
		[403, undefined, 'HTTP 403', 'not authenticated'],
		[404, undefined, 'HTTP 404', 'check the base URL'],
		[
			429,
			{ code: '429001001', developerMessage: 'Too many requests' },
			'429001001',
			'Too many requests',
		],
		[500, undefined, 'HTTP 500', 'internal server error'],
	])('HTTP %i %j is a provider error with code %s', (statusCode, body, code, message) => {
		expect(routeeConversation.parseResponse(call, { statusCode, headers: {}, body })).toEqual({
			kind: 'error',
			httpStatus: statusCode,
			code,
			message: expect.stringContaining(message),
		});
	});

	it('takes the id under the name Routee’s callbacks use, conversationTrackingId, as queued', () => {
		// Reported "unknown" before, though Routee had queued the call.
		const outcome = routeeConversation.parseResponse(call, {
			statusCode: 200,
			headers: {},
			body: { conversationTrackingId: 'conv-9' },
		});
		expect(outcome).toMatchObject({
			kind: 'accepted',
			recipients: [{ status: 'queued', messageId: 'conv-9' }],
		});
	});

	it('treats a success without a tracking id as ambiguous: the call may have been placed', () => {
		for (const body of ['<html>', {}, { trackingId: '' }]) {
			const outcome = routeeConversation.parseResponse(call, {
				statusCode: 200,
				headers: {},
				body,
			});
			expect(outcome).toEqual({
				kind: 'ambiguous',
				message: expect.stringContaining('the call may have been placed'),
			});
		}
	});
});
