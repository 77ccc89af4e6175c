import { checkInput } from '../../nodes/core/validation';
import { CALL_ADAPTERS, CAMPAIGN_ADAPTERS } from '../../nodes/providers/lists';
import { fixture } from '../support/fixtures';

/*
 * The messages of problems zod finds itself (a wrong type, a missing object, no matching variant)
 * and of the odd values zod v4 treats unlike v3 (Infinity, a list where text belongs). They are
 * the ones the nodes showed with zod v3, word for word.
 */

const tts = { ...fixture('webexConnect', 'request.makeCall').content, text: 'Hi' };
const webex = (overrides: Record<string, unknown>) => ({
	from: '+14155550100',
	recipients: [{ to: '+447700900001' }],
	content: tts,
	...overrides,
});
const routee = (overrides: Record<string, unknown>) => ({
	from: '306912345678',
	recipients: [{ to: '+306900000001' }],
	content: { type: 'SAY', text: 'Hi', language: 'en-GB' },
	...overrides,
});
const routeeCampaign = (overrides: Record<string, unknown>) => ({
	from: '306912345678',
	recipients: [{ to: '+306900000001' }],
	campaignName: 'Promo',
	message: { text: 'Hi', language: 'el-GR' },
	...overrides,
});
const innoPaas = (overrides: Record<string, unknown>) => ({
	recipients: [{ to: '+447700900001' }],
	templateId: 'tpl-1',
	...overrides,
});

const problem = (schema: Parameters<typeof checkInput>[0], input: unknown) => {
	const result = checkInput(schema, input);
	return result.ok ? 'accepted' : [result.error.field, result.error.message];
};

describe('messages of problems zod finds itself', () => {
	it.each([
		[webex({ content: {} }), 'content.type', 'type must be one of "TTS", "media"'],
		[webex({ content: undefined }), 'content', 'content is required'],
		[webex({ content: 'TTS' }), 'content', 'content is invalid: Expected object, received string'],
		[
			webex({ content: { ...tts, language: 123 } }),
			'content.language',
			'language is invalid: Expected string, received number',
		],
		[
			webex({ content: { ...tts, language: null } }),
			'content.language',
			'language is invalid: Expected string, received null',
		],
		[
			webex({ content: { ...tts, language: undefined } }),
			'content.language',
			'language is required',
		],
		[
			webex({ recipients: 'x' }),
			'recipients',
			'recipients is invalid: Expected array, received string',
		],
		[
			webex({ recipients: [null] }),
			'recipients',
			'recipients is invalid: Expected object, received null',
		],
		[
			webex({ requestedReceipts: [undefined] }),
			'requestedReceipts',
			'requestedReceipts is required',
		],
		[
			webex({ priority: Number.NaN }),
			'priority',
			'priority is invalid: Expected string, received nan',
		],
		[webex({ sendAt: {} }), 'sendAt', 'sendAt is invalid: Invalid input'],
		[null, 'input', 'input is invalid: Expected object, received null'],
	])('Webex Connect %#', (input, field, message) => {
		expect(problem(CALL_ADAPTERS.webexConnect.schema, input)).toEqual([field, message]);
	});

	it.each([
		[routee({ from: undefined }), 'from', 'from is invalid: from is required'],
		[routee({ from: true }), 'from', 'from is invalid: Invalid input'],
		[routee({ hangupDelay: true }), 'hangupDelay', 'hangupDelay is invalid: Invalid input'],
		[routee({ callback: { url: {} } }), 'callback.url', 'url must be text, not an object'],
	])('Routee %#', (input, field, message) => {
		expect(problem(CALL_ADAPTERS.routee.schema, input)).toEqual([field, message]);
	});

	it.each([
		[
			routeeCampaign({ campaignName: 5 }),
			'campaignName',
			'campaignName is invalid: Expected string, received number',
		],
		[
			routeeCampaign({ recipients: [], contacts: [true] }),
			'contacts',
			'contacts is invalid: Invalid input',
		],
	])('Routee campaign %#', (input, field, message) => {
		expect(problem(CAMPAIGN_ADAPTERS.routee.schema, input)).toEqual([field, message]);
	});
});

describe('values zod v4 reads unlike v3', () => {
	it('reports Infinity in the field’s own words, as a number', () => {
		expect(problem(CALL_ADAPTERS.webexConnect.schema, webex({ sendAt: Infinity }))).toEqual([
			'sendAt',
			'sendAt "Infinity" is not a date: use ISO 8601 (2026-12-01T09:00:00Z) or a UNIX time stamp',
		]);
		expect(problem(CALL_ADAPTERS.routee.schema, routee({ hangupDelay: Infinity }))).toEqual([
			'hangupDelay',
			'hangupDelay "Infinity" is not a whole number',
		]);
		expect(problem(CALL_ADAPTERS.innoPaas.schema, innoPaas({ sendType: Infinity }))).toEqual([
			'sendType',
			'sendType "Infinity" is not one of "immediate", "scheduled"',
		]);
	});

	it('names the field of a list or object given where text belongs', () => {
		expect(problem(CALL_ADAPTERS.innoPaas.schema, innoPaas({ taskName: ['a'] }))).toEqual([
			'taskName',
			'taskName must be text, not a list',
		]);
		// zod v3 threw a TypeError here ("value is not iterable").
		expect(problem(CALL_ADAPTERS.innoPaas.schema, innoPaas({ transData: {} }))).toEqual([
			'transData',
			'transData must be text, not an object',
		]);
		expect(
			problem(CAMPAIGN_ADAPTERS.webexConnect.recipientSchema, {
				to: '+447912345678',
				correlationId: {},
			}),
		).toEqual(['correlationId', 'correlationId must be text, not an object']);
	});

	it('stops at a bad time zone before resolving the task times in it', () => {
		const input = innoPaas({
			timeZone: 'Mars/Base',
			sendType: 'scheduled',
			taskStartTime: '2026-12-01T09:00:00',
		});
		expect(problem(CALL_ADAPTERS.innoPaas.schema, input)).toEqual([
			'timeZone',
			'timeZone "Mars/Base" is not an IANA time zone such as Asia/Shanghai or Europe/London',
		]);
	});
});
