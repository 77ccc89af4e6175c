/**
 * Properties of reading receipts, whatever a provider (or anyone) posts: never an exception; every
 * event in the one model (a known status, `final` as the status says, a timestamp that is valid
 * ISO 8601 UTC or null); a provider word no table knows (the prototype's among them) is `unknown`
 * with `raw`; a time stamp that names no real time gives `timestamp: null` with `raw`.
 */
import { CALL_STATUSES, FINAL_STATUSES, type CallEvent } from '../../../nodes/core/events';
import { parseReceipts, type ReceiptProviderChoice } from '../../../nodes';
import { PROVIDERS } from '../../../nodes/providers/registry';
import {
	fc,
	isIsoUtc,
	stampText,
	untrusted,
	untrustedJson,
	unknownWord,
} from '../../support/properties';
import { innoPaasRecord, routeeCallback, webexReceipt } from '../../support/receipts';

const choice = fc.constantFrom<ReceiptProviderChoice>(
	'auto',
	...PROVIDERS.map((provider) => provider.id),
);
const zone = fc.option(
	fc.constantFrom('UTC', 'Asia/Kolkata', 'Europe/Berlin', 'America/New_York'),
	{ nil: undefined },
);
const receivedAt = new Date('2026-05-01T10:00:06Z');

/** Field names the parsers look for, so generated bodies often look like receipts. */
const NAMES = [
	'deliveryInfoNotification',
	'deliveryInfo',
	'code',
	'deliveryStatus',
	'Description',
	'timeStamp',
	'transid',
	'destination',
	'status',
	'name',
	'updatedDate',
	'messageId',
	'conversationTrackingId',
	'campaignTrackingId',
	'callId',
	'mobile',
	'statusDesc',
	'endTime',
	'duration',
	'data',
	'transData',
];

/** Documented receipts of every provider with their fields replaced by anything. */
const receiptLike = fc.oneof(
	fc
		.tuple(
			fc.constantFrom('code', 'deliveryStatus', 'Description', 'timeStamp', 'destination'),
			untrusted(),
		)
		.map(([name, value]) => webexReceipt({ [name]: value })),
	fc
		.tuple(fc.constantFrom('transid', 'correlationid', 'callbackData', 'deliveryInfo'), untrusted())
		.map(([name, value]) => webexReceipt({}, { [name]: value })),
	fc
		.tuple(
			fc.constantFrom('messageId', 'conversationTrackingId', 'to', 'duration', 'price', 'status'),
			untrusted(),
		)
		.map(([name, value]) => routeeCallback('conversation', undefined, { [name]: value })),
	fc
		.tuple(untrusted(), untrusted())
		.map(([name, updatedDate]) =>
			routeeCallback('campaign', undefined, { status: { name, updatedDate } }),
		),
	fc
		.tuple(
			fc.constantFrom(
				'callId',
				'mobile',
				'status',
				'statusDesc',
				'endTime',
				'duration',
				'fee',
				'data',
			),
			untrusted(),
		)
		.map(([name, value]) => innoPaasRecord({ [name]: value })),
);

function expectModel(event: CallEvent) {
	expect(CALL_STATUSES).toContain(event.status);
	expect(event.final).toBe(FINAL_STATUSES.has(event.status));
	expect(event.timestamp === null || isIsoUtc(event.timestamp)).toBe(true);
	expect(isIsoUtc(event.receivedAt)).toBe(true);
	for (const name of [
		'providerStatus',
		'providerCode',
		'description',
		'messageId',
		'campaignId',
		'correlationId',
		'callbackData',
		'to',
		'from',
	] as const) {
		expect(event[name] === null || typeof event[name] === 'string').toBe(true);
	}
	for (const name of ['durationSeconds', 'price'] as const)
		expect(event[name] === null || Number.isFinite(event[name])).toBe(true);
	if (event.status === 'unknown') expect(event.raw).toBeDefined();
}

describe('reading receipts (properties)', () => {
	it('reads any body without throwing: events of the one model, or an error that says why', () => {
		fc.assert(
			fc.property(
				fc.oneof(receiptLike, untrustedJson(NAMES), untrusted(NAMES)),
				choice,
				zone,
				fc.boolean(),
				(body, provider, timeZone, includeRaw) => {
					const result = parseReceipts(body, { provider, timeZone, includeRaw, receivedAt });
					if ('error' in result) {
						expect(result.error).toBe('not-a-receipt');
						expect(typeof result.message).toBe('string');
						return;
					}
					expect(result.events.length).toBeGreaterThan(0);
					for (const event of result.events) {
						expectModel(event);
						if (includeRaw) expect(event.raw).toBeDefined();
					}
				},
			),
		);
	});

	it('reads a provider word no table knows as unknown, with the payload under raw', () => {
		const receipts = fc.oneof(
			fc
				.tuple(unknownWord, unknownWord)
				.map(([code, word]) => webexReceipt({ code, deliveryStatus: word, Description: word })),
			unknownWord.map((name) => routeeCallback('conversation', name)),
			unknownWord.map((name) => routeeCallback('campaign', name)),
			fc
				.tuple(unknownWord, unknownWord)
				.map(([status, statusDesc]) => innoPaasRecord({ status, statusDesc, duration: 0 })),
		);
		fc.assert(
			fc.property(receipts, (body) => {
				const result = parseReceipts(body, { receivedAt });
				if ('error' in result) throw new Error(result.message);
				expect(result.events).toHaveLength(1);
				expect(result.events[0]).toMatchObject({ status: 'unknown', final: false, raw: body });
			}),
		);
	});

	it('gives every time stamp as ISO 8601 UTC, or null with the payload kept under raw', () => {
		const receipts = fc.oneof(
			stampText.map((timeStamp) => [webexReceipt({ timeStamp }), timeStamp] as const),
			stampText.map(
				(updatedDate) =>
					[
						routeeCallback('campaign', undefined, { status: { name: 'Completed', updatedDate } }),
						updatedDate,
					] as const,
			),
			stampText.map((endTime) => [innoPaasRecord({ endTime }), endTime] as const),
		);
		fc.assert(
			fc.property(receipts, zone, ([body, stamp], timeZone) => {
				const result = parseReceipts(body, { timeZone, receivedAt });
				if ('error' in result) throw new Error(result.message);
				const [event] = result.events;
				expectModel(event);
				if (event.timestamp === null && stamp.trim() !== '') expect(event.raw).toEqual(body);
				if (event.timestamp !== null) expect(event.timestamp.slice(0, 4) >= '1970').toBe(true);
			}),
		);
	});
});
