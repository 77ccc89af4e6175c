/**
 * Properties every adapter of the registry keeps, whatever an item or a provider's answer holds:
 * no exception but the package's own InputError, whose message names its field; a request built
 * from accepted input survives JSON; every answer is read as accepted, refused or "may have been
 * placed", one row per recipient. The inputs start from each provider's documented sample
 * (test/fixtures/<provider>/contract.json) with one field replaced by anything.
 */
import { readFileSync } from 'fs';
import { join } from 'path';

import type { CallAdapter } from '../../nodes/core/adapter';
import { checkInput, InputError } from '../../nodes/core/validation';
import { PROVIDER_PATHS } from '../../nodes/providers/lists';
import { fc, untrusted, untrustedJson } from '../support/properties';

type Sample = Record<string, unknown> & { recipients: Array<Record<string, unknown>> };

const sampleOf = (pathId: string, use: 'call' | 'campaign'): Sample => {
	const provider = pathId === 'imiconnectMessaging' ? 'webexConnect' : pathId;
	const fixture = JSON.parse(
		readFileSync(join(__dirname, '..', 'fixtures', provider, 'contract.json'), 'utf8'),
	) as {
		paths: Record<string, Record<'call' | 'campaign', { input: Sample }>>;
	};
	return fixture.paths[pathId][use].input;
};

/** Every field name an adapter reads, top level, in a recipient, and in content or a callback. */
const TOP = [
	'from',
	'recipients',
	'content',
	'priority',
	'callbackData',
	'notifyUrl',
	'requestedReceipts',
	'sendAt',
	'timeZone',
	'callflowid',
	'media',
	'cli',
	'correlationId',
	'expiry',
	'callback',
	'campaignCallback',
	'hangupDelay',
	'name',
	'campaignName',
	'message',
	'fileURL',
	'contacts',
	'groups',
	'respectQuietHours',
	'scheduledDate',
	'collectDtmfDigits',
	'collectDtmfAwaitSeconds',
	'templateId',
	'countryCode',
	'displayNum',
	'ttsVoice',
	'billUrl',
	'transData',
	'maxRecallCount',
	'recallInterval',
	'noConnected',
	'noAnswer',
	'smsHangupStatus',
	'smsTemplateId',
	'smsSendType',
	'smsSendLimit',
	'sendType',
	'taskStartTime',
	'taskEndTime',
	'taskName',
	'variables',
];
const RECIPIENT = ['to', 'correlationId', 'variables'];
const NESTED = [
	'type',
	'text',
	'language',
	'voice',
	'region',
	'voiceType',
	'gender',
	'ttsProcessor',
	'mediaId',
	'fileURL',
	'url',
	'strategy',
];

/** The sample with one field, at the top, in a recipient, or in a nested object, replaced by `value`. */
const mutated = (sample: Sample) =>
	fc.oneof(
		fc
			.tuple(fc.constantFrom(...TOP), untrusted(NESTED))
			.map(([name, value]) => ({ ...sample, [name]: value })),
		fc.tuple(fc.constantFrom(...RECIPIENT), untrusted()).map(([name, value]) => ({
			...sample,
			recipients: [{ ...sample.recipients[0], [name]: value }, ...sample.recipients.slice(1)],
		})),
		fc
			.tuple(
				fc.constantFrom('content', 'message', 'callback'),
				fc.constantFrom(...NESTED),
				untrusted(),
			)
			.map(([outer, name, value]) => ({
				...sample,
				[outer]: {
					...(typeof sample[outer] === 'object'
						? (sample[outer] as object)
						: { type: 'SAY', text: 'Hi', language: 'en-GB', url: 'https://x.example/cb' }),
					[name]: value,
				},
			})),
		// Scheduled InnoPaaS tasks read both times.
		fc.tuple(untrusted(), untrusted()).map(([taskStartTime, taskEndTime]) => ({
			...sample,
			sendType: 'scheduled',
			taskStartTime,
			taskEndTime,
		})),
		untrusted(TOP),
	);

/** Names the node's form gives some fields, which messages use: the recipients are "to". */
const ALIASES: Record<string, string[]> = { recipients: ['to'], variables: ['template variable'] };
/** The words of an InputError's field as its message may use them. */
const namesOf = (field: string) =>
	field.split('.').flatMap((name) => [name, ...(ALIASES[name] ?? [])]);

const ADAPTERS = PROVIDER_PATHS.flatMap((path) =>
	(['call', 'campaign'] as const).map(
		(use) => [`${path.id} ${use}`, path[use] as CallAdapter, sampleOf(path.id, use)] as const,
	),
);

describe.each(ADAPTERS)('%s adapter (properties)', (_name, adapter, sample) => {
	it('refuses any field of any shape with its own error naming the field; what it accepts builds a JSON request', () => {
		fc.assert(
			fc.property(mutated(sample), (input) => {
				const checked = checkInput(adapter.schema, input);
				if (!checked.ok) {
					expect(checked.error).toBeInstanceOf(InputError);
					expect(checked.error.message.length).toBeGreaterThan(5);
					expect(
						namesOf(checked.error.field).some((name) => checked.error.message.includes(name)),
					).toBe(true);
					return;
				}
				const call = adapter.forBatch?.(checked.value, 1, false) ?? checked.value;
				const request = adapter.buildRequest(call);
				expect(JSON.parse(JSON.stringify(request.body))).toEqual(request.body);
				for (const value of Object.values(request.body)) expect(typeof value).not.toBe('function');
			}),
		);
	});

	it('checks one recipient of any shape with its own error, never a crash', () => {
		fc.assert(
			fc.property(
				fc.oneof(
					untrusted(RECIPIENT),
					fc
						.tuple(fc.constantFrom(...RECIPIENT), untrusted())
						.map(([name, value]) => ({ ...sample.recipients[0], [name]: value })),
				),
				(recipient) => {
					const checked = checkInput(adapter.recipientSchema, recipient);
					if (!checked.ok)
						expect(
							namesOf(checked.error.field).some((name) => checked.error.message.includes(name)),
						).toBe(true);
				},
			),
		);
	});

	it("checks a campaign plan's recipient (its number already normalised) exactly as its schema does", () => {
		fc.assert(
			fc.property(
				fc.oneof(
					fc.constant({}),
					fc
						.tuple(fc.constantFrom(...RECIPIENT), untrusted())
						.map(([name, value]) => ({ ...sample.recipients[0], [name]: value })),
				),
				fc.constantFrom('+447700900123', '+14155550100', '+8613800138000'),
				(fields, to) => {
					const recipient = { ...fields, to };
					expect(adapter.recipientSchema.checkPlanned(recipient)).toEqual(
						checkInput(adapter.recipientSchema, recipient),
					);
				},
			),
		);
	});

	it('reads any answer as accepted (one row per recipient), refused or "may have been placed", never a crash', () => {
		const checked = checkInput(adapter.schema, sample);
		if (!checked.ok) throw checked.error;
		const call = checked.value;
		const answer = fc.record({
			statusCode: fc.oneof(
				fc.constantFrom(200, 201, 202, 204, 400, 401, 403, 404, 409, 429, 500, 503),
				fc.integer({ min: 100, max: 599 }),
			),
			body: fc.oneof(
				untrustedJson([
					'code',
					'message',
					'messageId',
					'status',
					'response',
					'transid',
					'description',
					'trackingId',
					'conversationTrackingId',
					'errors',
					'property',
					'developerMessage',
					'data',
					'callId',
					'state',
					'createdAt',
					'requestTimestamp',
					'correlationId',
					'correlationid',
				]),
				untrusted(),
			),
		});
		fc.assert(
			fc.property(answer, ({ statusCode, body }) => {
				const outcome = adapter.parseResponse(call, { statusCode, headers: {}, body });
				switch (outcome.kind) {
					case 'accepted':
						expect(statusCode >= 200 && statusCode < 300).toBe(true);
						expect(outcome.recipients.map((recipient) => recipient.to)).toEqual(
							call.recipients.map((recipient) => recipient.to),
						);
						for (const recipient of outcome.recipients) {
							expect(['queued', 'rejected']).toContain(recipient.status);
							for (const value of [
								recipient.messageId,
								recipient.code,
								recipient.message,
								recipient.correlationId,
							]) {
								expect(value === null || typeof value === 'string').toBe(true);
							}
						}
						break;
					case 'error':
						expect(typeof outcome.code).toBe('string');
						expect(typeof outcome.message).toBe('string');
						break;
					case 'ambiguous':
						expect(outcome.message).toMatch(/may have been placed/);
						break;
					default:
						throw new Error(`unexpected outcome ${JSON.stringify(outcome)}`);
				}
			}),
		);
	});
});
