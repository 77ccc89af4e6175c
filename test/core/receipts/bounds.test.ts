/**
 * Receipt bodies cannot blow up: each event keeps only its own receipt entry under `raw` (never
 * the whole body), and a request is limited to 5,000 receipts and 5 MiB, answered 413 beyond.
 */
// The public API's parseReceipts and receiveReceipts read every registered provider's receipts.
import {
	MAX_EVENT_TEXT,
	MAX_RECEIPT_BODY_BYTES,
	MAX_RECEIPTS_PER_REQUEST,
	parseReceipts,
	receiveReceipts,
	type ReceiptRequest,
} from '../../../nodes';
import { innoPaasRecord, routeeCallback, webexEvent, webexReceipt } from '../../support/receipts';

const KiB = 1024;
const bytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value));

/** Receipts of `event(index)`, as many as fill about `size` bytes, in `wrap`'s body. */
function bodyOf(
	size: number,
	event: (index: number) => unknown,
	wrap: (list: unknown[]) => unknown,
) {
	const list: unknown[] = [];
	while (bytes(wrap(list)) < size) list.push(event(list.length));
	return wrap(list);
}

const unknownWebexInfo = (index: number) =>
	webexEvent(`9${index}`, `Mystery ${index}`).deliveryInfoNotification.deliveryInfo;

describe('Receipt bodies stay bounded', () => {
	it.each([
		[
			'one Webex Connect envelope of many events',
			bodyOf(100 * KiB, unknownWebexInfo, (infos) => webexReceipt({}, { deliveryInfo: infos })),
		],
		[
			'InnoPaaS records under data',
			bodyOf(
				100 * KiB,
				(index) =>
					innoPaasRecord({
						callId: `call-${index}`,
						status: 'strange',
						statusDesc: 'Strange',
						duration: 0,
					}),
				(records) => ({ code: 0, data: records }),
			),
		],
		[
			'a list of Routee callbacks',
			bodyOf(
				100 * KiB,
				(index) => routeeCallback('campaign', 'Mystery', { messageId: `m-${index}` }),
				(list) => list,
			),
		],
	])(
		'a 100 KiB body of unknown receipts (%s) becomes events of a small multiple of its size, each with its own receipt',
		(_case, body) => {
			const parsed = parseReceipts(body);
			if ('error' in parsed) throw new Error(parsed.message);
			expect(parsed.events.length).toBeGreaterThan(100);
			expect(parsed.events.every((event) => event.status === 'unknown')).toBe(true);
			// Each raw is one receipt entry: far smaller than the body.
			for (const event of parsed.events) expect(bytes(event.raw)).toBeLessThan(2 * KiB);
			expect(bytes(parsed.events)).toBeLessThan(4 * bytes(body));
		},
	);

	it('keeps raw only when asked for, for an unknown status, or an unreadable stamp', () => {
		const known = webexReceipt({}, { deliveryInfo: [unknownWebexInfo(1), unknownWebexInfo(2)] });
		const infos = known.deliveryInfoNotification.deliveryInfo as unknown as unknown[];
		(infos[0] as Record<string, unknown>).code = '7410';
		const parsed = parseReceipts(known);
		if ('error' in parsed) throw new Error(parsed.message);
		expect(parsed.events.map((event) => [event.status, event.raw])).toEqual([
			['completed', undefined],
			['unknown', infos[1]],
		]);
		// A Webex envelope that reports one event alone is that event's receipt.
		const alone = webexEvent('77', 'Mystery');
		const single = parseReceipts(alone);
		expect('events' in single && single.events[0].raw).toEqual(alone);
	});
});

describe('Limits per request (413)', () => {
	const receive = (request: ReceiptRequest) =>
		receiveReceipts(request, undefined, { authenticity: { kind: 'none' }, dedupe: false });

	it(`answers 413 to more than ${MAX_RECEIPTS_PER_REQUEST.toLocaleString('en-US')} receipts, naming the count and the limit`, () => {
		const list = Array.from({ length: MAX_RECEIPTS_PER_REQUEST + 1 }, (_, index) =>
			routeeCallback('campaign', 'Completed', { messageId: `m-${index}` }),
		);
		expect(receive({ headers: {}, body: list })).toEqual({
			status: 413,
			body: {
				error: 'too-large',
				message:
					'The request holds 5,001 receipts; a request may carry at most 5,000. Nothing was recorded: send them in smaller batches.',
			},
		});
		expect(receive({ headers: {}, body: list.slice(1) }).status).toBe(200);
	});

	it('answers 413 to an envelope whose shared fields, repeated on each of its events, would outgrow the limit', () => {
		// 256 KiB of callbackData on one envelope of 4,000 entries: a 500 KiB body, 1 GB of events.
		const infos = Array.from({ length: 4_000 }, (_, index) => unknownWebexInfo(index));
		const body = webexReceipt({}, { deliveryInfo: infos, callbackData: 'c'.repeat(256 * KiB) });
		expect(bytes(body)).toBeLessThan(MAX_RECEIPT_BODY_BYTES);
		expect(receive({ headers: {}, body })).toEqual({
			status: 413,
			body: {
				error: 'too-large',
				message: `The receipts' events would hold more than ${MAX_EVENT_TEXT.toLocaleString('en-US')} characters of text (fields such as callbackData are repeated on each event of an envelope). Nothing was recorded: send them in smaller batches.`,
			},
		});
		// The same envelope with an ordinary callbackData is read.
		const ordinary = webexReceipt({}, { deliveryInfo: infos, callbackData: 'cb-1' });
		expect(receive({ headers: {}, body: ordinary }).status).toBe(200);
	});

	it('answers 413 to a body over 5 MiB, naming its size and the limit', () => {
		const raw = Buffer.from(
			JSON.stringify({
				padding: 'x'.repeat(MAX_RECEIPT_BODY_BYTES),
				...routeeCallback('campaign'),
			}),
		);
		const outcome = receive({ headers: {}, body: JSON.parse(raw.toString()), rawBody: raw });
		expect(outcome.status).toBe(413);
		expect(outcome.body).toEqual({
			error: 'too-large',
			message: expect.stringMatching(
				/^The body has 5,24\d,\d{3} bytes; a request may carry at most 5,242,880 \(5 MiB\)\. Send the receipts in smaller batches\. Nothing was recorded\.$/,
			),
		});
	});
});
