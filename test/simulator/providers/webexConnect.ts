/**
 * Webex Connect (formerly IMIconnect) voice, as providers.md §1 and §2 describe it:
 * - Make Call, Send Message API v2: `POST /v2/messages`
 * - legacy Messaging API v1, voice channel: `POST /resources/v1/messaging`
 * and the `deliveryInfoNotification` receipts both send to the notify URL.
 *
 * Choices made where the documents are silent (tests and README cite these):
 * - v1 HTTP statuses are undocumented. Chosen: 200 for 1001, 401 for 7001/7002, 400 for 7000,
 *   7003, 7004 and 7009, and an injected 500 fault carries 7006. (v2: 400 for every code, 401
 *   with no body for a missing or wrong key, as documented.)
 * - v1 answers only codes from its own table, so an oversized body or a malformed number is 7004
 *   there (v2 has 7022 and 7102 for these).
 * - JSON body limit: 1 MiB (1,048,576 bytes), both endpoints.
 * - Numbers (`from`, every msisdn) must be E.164 with '+'. A bad one rejects the whole request
 *   (the listed "201 Partial Content" is never answered).
 * - 7009 counts numbers, not `to`/`destination` entries; for v1 this is stricter than its
 *   "1,000 entries" wording, and never looser.
 * - An optional field that is present must be valid: `null` is an invalid value (7004), not
 *   "absent". A mandatory field that is null or "" is missing (7003).
 * - v2 `priority` must be the JSON number 1, 2 or 3. v1 documents that an invalid priority falls
 *   back to the client's default, so v1 accepts it and notes a warning in the request log.
 * - v1 lists `content-type: application/json` among its request headers, so without it v1
 *   answers 7000; v2's page lists no headers besides `key`, so there it is only a warning.
 * - v1 names its fields in lower case (`notifyurl`, `correlationid`); camelCase there is ignored,
 *   as the platform would, with a warning. v2 accepts both casings (its own page uses both).
 * - Error bodies: v2 `{"code":"7003","message":"Mandatory parameter missing: from"}`;
 *   v1 `{"response":[{"code":"7003","description":"Mandatory parameters missing"}]}`.
 *   Injected 429/503 (and a v2 500) answer with no body.
 * - A future `sendAt` is answered Queued; its receipts are not delayed.
 * - v1 `expiry` already passed: answered Queued, nobody is dialled, and each number gets one
 *   "Message Expired" (7208) receipt instead of a call.
 * - Receipts: see OUTCOME_BY_LAST_DIGIT and receiptBody() below. v1 gets the same full set
 *   (older docs say v1 voice sends only Answered and Rejected; a receiver must cope with more).
 */
import { createHmac, randomUUID } from 'node:crypto';

import type {
	Provider,
	ProviderContext,
	SimRequest,
	SimResponse,
	SimulatorProvider,
} from '../types';
import {
	E164,
	byteLength,
	isHttpUrl,
	isJsonContentType,
	isObject,
	parseIsoDateTime,
} from '../validation';

const NAME = 'webexConnect';

/** The Webex Connect account the simulator accepts. */
export interface WebexConnectAccount {
	/** Service key expected in the `key` header. Default `sim-webex-key`. */
	webexServiceKey: string;
	/**
	 * When set, every receipt carries `x-hub-signature`: hex HMAC-SHA256 of the raw body keyed
	 * with this secret (the platform's optional signing). Unset (the default): receipts are unsigned.
	 */
	webexHubSecret?: string;
}

type Context = ProviderContext<WebexConnectAccount>;

export const WEBEX_V2_PATH = '/v2/messages';
export const WEBEX_V1_PATH = '/resources/v1/messaging';
export const WEBEX_MAX_BODY_BYTES = 1_048_576;
export const WEBEX_MAX_DESTINATIONS = 1000;
export const WEBEX_MAX_CORRELATION_ID_BYTES = 50;
export const WEBEX_MAX_TTS_CHARACTERS = 2000;

// ---------------------------------------------------------------------------------------------
// Receipts

/** One receipt as the simulator sends it (the `deliveryInfo` fields that vary by event). */
export interface WebexReceiptEvent {
	/** The `requestedReceipts` name that selects it, lower case without spaces. */
	event: string;
	/** Always a string; empty for Released, whose code no document gives. */
	code: string;
	Description: string;
	deliveryStatus: string;
	additionalInfo: string;
	/** Ends the call (providers.md §5 "final"); only final receipts carry deliveryTransInfo. */
	final: boolean;
}

const OFFERED: WebexReceiptEvent = {
	event: 'offered',
	code: '7407',
	Description: 'Offered',
	deliveryStatus: 'OFFERED',
	additionalInfo: '',
	final: false,
};
const ACCEPTED: WebexReceiptEvent = {
	event: 'accepted',
	code: '7408',
	Description: 'Accepted',
	deliveryStatus: 'ACCEPTED',
	additionalInfo: '',
	final: false,
};
const ANSWERED: WebexReceiptEvent = {
	event: 'answered',
	code: '7519',
	Description: 'Answered',
	deliveryStatus: 'ANSWERED',
	additionalInfo: '',
	final: false,
};
const DISCONNECTED: WebexReceiptEvent = {
	event: 'disconnected',
	code: '7410',
	Description: 'Disconnected',
	deliveryStatus: 'DISCONNECTED',
	additionalInfo: '',
	final: true,
};
const RELEASED: WebexReceiptEvent = {
	event: 'released',
	code: '',
	Description: 'Released',
	deliveryStatus: 'RELEASED',
	additionalInfo: '',
	final: true,
};
const DROPPED: WebexReceiptEvent = {
	event: 'dropped',
	code: '7409',
	Description: 'Dropped',
	deliveryStatus: 'DROPPED',
	additionalInfo: '',
	final: true,
};
/**
 * Busy and no-answer are not events of their own: the event list says Rejected covers "the
 * customer is busy, rejected by the customer, etc.". So all three are Rejected receipts told
 * apart by `code` (seed table: 7402, 7401, 7406), with the seed's wording in `additionalInfo`.
 */
function rejected(code: string, reason: string): WebexReceiptEvent {
	return {
		event: 'rejected',
		code,
		Description: 'Rejected',
		deliveryStatus: 'REJECTED',
		additionalInfo: reason,
		final: true,
	};
}
const MESSAGE_EXPIRED: WebexReceiptEvent = {
	event: 'messageexpired',
	code: '7208',
	Description: 'Message Expired',
	deliveryStatus: 'EXPIRED',
	additionalInfo: '',
	final: true,
};

export interface WebexOutcome {
	summary: string;
	/** providers.md §5 normalised status the final receipt must map to. */
	finalStatus: 'completed' | 'busy' | 'no-answer' | 'rejected' | 'failed';
	receipts: readonly WebexReceiptEvent[];
}

const ANSWERED_CALLEE_HUNG_UP: WebexOutcome = {
	summary: 'answered, then the callee hung up',
	finalStatus: 'completed',
	receipts: [OFFERED, ACCEPTED, ANSWERED, DISCONNECTED],
};

/**
 * What happens to a call, chosen by the last digit of the number so tests are reproducible.
 * A destination whose last character is not a digit (a v1 customer id may be anything)
 * behaves like digit 0.
 *
 * | digit | receipts in order (code)                                      | final status |
 * |-------|---------------------------------------------------------------|--------------|
 * | 0–4   | Offered 7407, Accepted 7408, Answered 7519, Disconnected 7410 | completed    |
 * | 5     | Offered 7407, Accepted 7408, Answered 7519, Released ""       | failed       |
 * | 6     | Offered 7407, Accepted 7408, Rejected 7402 (Customer Busy)    | busy         |
 * | 7     | Offered 7407, Accepted 7408, Rejected 7401 (No Answer)        | no-answer    |
 * | 8     | Offered 7407, Accepted 7408, Rejected 7406 (Call Rejected)    | rejected     |
 * | 9     | Offered 7407, Accepted 7408, Answered 7519, Dropped 7409      | failed       |
 *
 * Released ("the call is ended by the platform", e.g. the prompt finished) has no code in any
 * document, so its `code` is the empty string: a receiver must fall back to `deliveryStatus`. It
 * proves no answer (the package maps it to `failed`); here the Answered receipt before it does.
 */
export const OUTCOME_BY_LAST_DIGIT: Readonly<Record<string, WebexOutcome>> = {
	'0': ANSWERED_CALLEE_HUNG_UP,
	'1': ANSWERED_CALLEE_HUNG_UP,
	'2': ANSWERED_CALLEE_HUNG_UP,
	'3': ANSWERED_CALLEE_HUNG_UP,
	'4': ANSWERED_CALLEE_HUNG_UP,
	'5': {
		summary: 'answered, then the platform ended the call',
		finalStatus: 'failed',
		receipts: [OFFERED, ACCEPTED, ANSWERED, RELEASED],
	},
	'6': {
		summary: 'busy',
		finalStatus: 'busy',
		receipts: [OFFERED, ACCEPTED, rejected('7402', 'Customer Busy')],
	},
	'7': {
		summary: 'no answer',
		finalStatus: 'no-answer',
		receipts: [OFFERED, ACCEPTED, rejected('7401', 'No Answer')],
	},
	'8': {
		summary: 'rejected by the callee',
		finalStatus: 'rejected',
		receipts: [OFFERED, ACCEPTED, rejected('7406', 'Call Rejected')],
	},
	'9': {
		summary: 'answered, then dropped by a platform fault',
		finalStatus: 'failed',
		receipts: [OFFERED, ACCEPTED, ANSWERED, DROPPED],
	},
};

export function outcomeFor(destination: string): WebexOutcome {
	return OUTCOME_BY_LAST_DIGIT[destination.slice(-1)] ?? ANSWERED_CALLEE_HUNG_UP;
}

/** `requestedReceipts` names, compared lower case with spaces removed. */
const RECEIPT_NAMES = new Set([
	'offered',
	'accepted',
	'answered',
	'released',
	'rejected',
	'disconnected',
	'dropped',
	'tromboneconnected',
	'trombonereleased',
	'messageexpired',
]);

function receiptName(name: string): string {
	return name.toLowerCase().replace(/\s+/g, '');
}

interface CallParty {
	transid: string;
	destination: string;
	destinationType: 'msisdn' | 'customerid';
	correlationid: string;
	callbackData: string;
}

/**
 * The documented envelope with its quirks: capital `Description`, upper-case `deliveryStatus`,
 * `code` as a string, lower-case `correlationid`, and `timeStamp` without a time zone (the
 * simulated tenant's time zone is UTC). `deliveryTransInfo` (opaque XML; its content here is
 * made up) rides only on final receipts, so receivers meet it both present and absent.
 */
function receiptBody(event: WebexReceiptEvent, party: CallParty, now: Date): unknown {
	const body: Record<string, unknown> = {
		deliveryInfoNotification: {
			deliveryInfo: {
				timeStamp: now.toISOString().slice(0, -1),
				Description: event.Description,
				code: event.code,
				deliveryChannel: 'voice',
				additionalInfo: event.additionalInfo,
				destination: party.destination,
				destinationType: party.destinationType,
				deliveryStatus: event.deliveryStatus,
			},
			subtid: '',
			transid: party.transid,
			callbackData: party.callbackData,
			correlationid: party.correlationid,
		},
	};
	if (event.final) {
		body.deliveryTransInfo =
			`<deliveryTransInfo><transid>${party.transid}</transid>` +
			`<destination>${party.destination}</destination><code>${event.code}</code></deliveryTransInfo>`;
	}
	return body;
}

function queueReceipts(
	ctx: Context,
	url: string,
	party: CallParty,
	events: readonly WebexReceiptEvent[],
): void {
	if (events.length === 0) return;
	const secret = ctx.options.webexHubSecret;
	ctx.sendReceipts({
		provider: NAME,
		url,
		receipts: events.map((event) => (now: Date) => receiptBody(event, party, now)),
		sign: secret
			? (raw) => ({ 'x-hub-signature': createHmac('sha256', secret).update(raw).digest('hex') })
			: undefined,
	});
}

// ---------------------------------------------------------------------------------------------
// Errors

const V2_MESSAGES: Record<string, string> = {
	'7000': 'Invalid JSON',
	'7003': 'Mandatory parameter missing',
	'7004': 'Invalid parameter',
	'7009': 'Too many destinations',
	'7022': 'JSON too large',
	'7101': 'Invalid sender',
	'7102': 'Invalid destination',
	'7107': 'Message length exceeded',
	'7126': 'Invalid content type',
};

const V1_DESCRIPTIONS: Record<string, string> = {
	'1001': 'Queued',
	'7000': 'Invalid JSON',
	'7001': 'Authentication failed',
	'7002': 'Service key missing',
	'7003': 'Mandatory parameters missing',
	'7004': 'Invalid parameters',
	'7006': 'Internal error occurred',
	'7009': 'Max number of destinations',
};

/** A validation failure; `reason` names the field so the log (and v2's message) says why. */
class Rejection extends Error {
	constructor(
		readonly code: string,
		readonly reason: string,
	) {
		super(`${code}: ${reason}`);
	}
}

function json(status: number, body: unknown, code?: string): SimResponse {
	return { status, body: JSON.stringify(body), code };
}

/** Size and syntax checks; `tooLargeCode` differs by API version. */
function parseBody(raw: string, tooLargeCode: string): Record<string, unknown> {
	if (byteLength(raw) > WEBEX_MAX_BODY_BYTES) {
		throw new Rejection(
			tooLargeCode,
			`body is ${byteLength(raw)} bytes, limit ${WEBEX_MAX_BODY_BYTES}`,
		);
	}
	let parsed: unknown;
	try {
		parsed = JSON.parse(raw);
	} catch (error) {
		throw new Rejection('7000', (error as Error).message);
	}
	if (!isObject(parsed)) throw new Rejection('7000', 'body must be a JSON object');
	return parsed;
}

function isMissing(value: unknown): boolean {
	return value === undefined || value === null || value === '';
}

/** The first casing present wins (documented drift: `correlationId`/`correlationid`, …). */
function either(obj: Record<string, unknown>, ...names: string[]): unknown {
	for (const name of names) if (obj[name] !== undefined) return obj[name];
	return undefined;
}

function checkCorrelationId(value: unknown, where: string): string | undefined {
	if (value === undefined) return undefined;
	if (typeof value !== 'string') throw new Rejection('7004', `${where} must be a string`);
	if (byteLength(value) > WEBEX_MAX_CORRELATION_ID_BYTES) {
		throw new Rejection('7004', `${where} is longer than ${WEBEX_MAX_CORRELATION_ID_BYTES} bytes`);
	}
	return value;
}

function checkOptionalString(value: unknown, where: string): string | undefined {
	if (value === undefined) return undefined;
	if (typeof value !== 'string') throw new Rejection('7004', `${where} must be a string`);
	return value;
}

function checkNotifyUrl(value: unknown, where: string): string | undefined {
	if (value === undefined) return undefined;
	if (!isHttpUrl(value)) throw new Rejection('7004', `${where} must be an http(s) URL`);
	return value as string;
}

/** Counts numbers across entries before any is checked, so 7009 wins over a bad number. */
function checkDestinationCount(groups: unknown[][]): void {
	const count = groups.reduce((sum, numbers) => sum + numbers.length, 0);
	if (count > WEBEX_MAX_DESTINATIONS) {
		throw new Rejection('7009', `${count} destinations, limit ${WEBEX_MAX_DESTINATIONS}`);
	}
}

// ---------------------------------------------------------------------------------------------
// v2 Make Call

interface V2Group {
	numbers: string[];
	correlationId: string | undefined;
}

interface V2Call {
	groups: V2Group[];
	correlationId: string | undefined;
	callbackData: string | undefined;
	notifyUrl: string | undefined;
	requestedReceipts: Set<string> | undefined;
}

const TTS_FIELDS = ['ttsProcessor', 'language', 'voice', 'region', 'text', 'voiceType', 'gender'];

/** Checks in this order: mandatory fields, sender, destinations, optional fields, content. */
function validateV2(body: Record<string, unknown>): V2Call {
	for (const field of ['channel', 'from', 'to', 'content']) {
		if (isMissing(body[field])) throw new Rejection('7003', field);
	}
	if (body.channel !== 'voice') throw new Rejection('7004', 'channel must be "voice"');
	if (typeof body.from !== 'string' || !E164.test(body.from)) {
		throw new Rejection('7101', `from ${JSON.stringify(body.from)} is not an E.164 number`);
	}

	if (!Array.isArray(body.to)) throw new Rejection('7004', 'to must be an array');
	if (body.to.length === 0) throw new Rejection('7003', 'to is empty');
	const rawGroups = body.to.map((entry: unknown, i) => {
		if (!isObject(entry)) throw new Rejection('7004', `to[${i}] must be an object`);
		if (isMissing(entry.msisdn) || (Array.isArray(entry.msisdn) && entry.msisdn.length === 0)) {
			throw new Rejection('7003', `to[${i}].msisdn`);
		}
		// The seed's table says "the mobile number", the official sample an array: accept both.
		const msisdn = typeof entry.msisdn === 'string' ? [entry.msisdn] : entry.msisdn;
		if (!Array.isArray(msisdn)) {
			throw new Rejection('7004', `to[${i}].msisdn must be an array of numbers`);
		}
		return { entry, msisdn: msisdn as unknown[] };
	});
	checkDestinationCount(rawGroups.map((g) => g.msisdn));
	const groups: V2Group[] = rawGroups.map(({ entry, msisdn }, i) => {
		for (const number of msisdn) {
			if (typeof number !== 'string' || !E164.test(number)) {
				throw new Rejection(
					'7102',
					`to[${i}].msisdn ${JSON.stringify(number)} is not an E.164 number`,
				);
			}
		}
		const correlationId = checkCorrelationId(
			either(entry, 'correlationId', 'correlationid'),
			`to[${i}].correlationId`,
		);
		return { numbers: msisdn as string[], correlationId };
	});

	const correlationId = checkCorrelationId(
		either(body, 'correlationId', 'correlationid'),
		'correlationId',
	);
	if (body.priority !== undefined && ![1, 2, 3].includes(body.priority as number)) {
		throw new Rejection('7004', 'priority must be the number 1, 2 or 3');
	}
	let requestedReceipts: Set<string> | undefined;
	if (body.requestedReceipts !== undefined) {
		const names = body.requestedReceipts;
		if (
			!Array.isArray(names) ||
			names.some((n) => typeof n !== 'string' || !RECEIPT_NAMES.has(receiptName(n)))
		) {
			throw new Rejection(
				'7004',
				`requestedReceipts ${JSON.stringify(names)} names an unknown event`,
			);
		}
		requestedReceipts = new Set((names as string[]).map(receiptName));
	}
	if (body.sendAt !== undefined && !isValidSendAt(body.sendAt)) {
		throw new Rejection('7004', 'sendAt must be a UNIX epoch or an ISO 8601 date-time');
	}
	const callbackData = checkOptionalString(body.callbackData, 'callbackData');
	const notifyUrl = checkNotifyUrl(either(body, 'notifyUrl', 'notifyurl'), 'notifyUrl');

	validateContent(body.content);
	return { groups, correlationId, callbackData, notifyUrl, requestedReceipts };
}

function isValidSendAt(value: unknown): boolean {
	if (typeof value === 'number') return Number.isFinite(value) && value >= 0;
	if (typeof value === 'string' && /^\d+$/.test(value)) return true;
	return parseIsoDateTime(value, false) !== undefined;
}

function validateContent(content: unknown): void {
	if (!isObject(content)) throw new Rejection('7004', 'content must be an object');
	if (isMissing(content.type)) throw new Rejection('7003', 'content.type');
	// Case-insensitive: the official TTS sample writes "TtS".
	const type = typeof content.type === 'string' ? content.type.toLowerCase() : undefined;
	if (type === 'media') {
		if (isMissing(content.mediaId)) throw new Rejection('7003', 'content.mediaId');
		if (typeof content.mediaId !== 'string') {
			throw new Rejection('7004', 'content.mediaId must be a string');
		}
		return;
	}
	if (type !== 'tts') {
		throw new Rejection(
			'7126',
			`content.type ${JSON.stringify(content.type)} is neither media nor TTS`,
		);
	}
	for (const field of TTS_FIELDS) {
		if (isMissing(content[field])) throw new Rejection('7003', `content.${field}`);
		if (typeof content[field] !== 'string') {
			throw new Rejection('7004', `content.${field} must be a string`);
		}
	}
	// Values compared case-insensitively: the same sample writes "Neural" and "EN-US".
	if ((content.ttsProcessor as string).toLowerCase() !== 'azure') {
		throw new Rejection('7004', 'content.ttsProcessor must be Azure');
	}
	if (!['standard', 'neural'].includes((content.voiceType as string).toLowerCase())) {
		throw new Rejection('7004', 'content.voiceType must be standard or neural');
	}
	const characters = [...(content.text as string)].length;
	if (characters > WEBEX_MAX_TTS_CHARACTERS) {
		throw new Rejection(
			'7107',
			`content.text has ${characters} characters, limit ${WEBEX_MAX_TTS_CHARACTERS}`,
		);
	}
}

function handleV2(req: SimRequest, ctx: Context): SimResponse {
	// Documented: 401 with no body, whether the key is missing or wrong.
	if (req.headers.key !== ctx.options.webexServiceKey) {
		return {
			status: 401,
			reason: req.headers.key === undefined ? 'key header missing' : 'wrong key',
		};
	}
	const warnings = isJsonContentType(req.headers['content-type'])
		? []
		: ['content-type is not application/json'];
	let call: V2Call;
	try {
		call = validateV2(parseBody(req.rawBody, '7022'));
	} catch (error) {
		if (!(error instanceof Rejection)) throw error;
		const message = `${V2_MESSAGES[error.code]}: ${error.reason}`;
		return {
			...json(400, { code: error.code, message }, error.code),
			reason: error.reason,
			warnings,
		};
	}

	const messageId = randomUUID();
	for (const group of call.groups) {
		for (const number of group.numbers) {
			ctx.countDial(number);
			if (call.notifyUrl === undefined) continue;
			const events = outcomeFor(number).receipts.filter(
				(event) => call.requestedReceipts?.has(event.event) ?? true,
			);
			queueReceipts(
				ctx,
				call.notifyUrl,
				{
					transid: messageId,
					destination: number,
					destinationType: 'msisdn',
					correlationid: group.correlationId ?? call.correlationId ?? '',
					callbackData: call.callbackData ?? '',
				},
				events,
			);
		}
	}
	// One object per request, as documented, whatever the number of destinations.
	const answer = json(201, {
		requestTimestamp: new Date().toISOString(),
		messageId,
		correlationId: call.correlationId ?? call.groups[0].correlationId ?? null,
		status: 'Queued',
	});
	return { ...answer, warnings };
}

// ---------------------------------------------------------------------------------------------
// v1 Messaging API

interface V1Entry {
	destinations: string[];
	destinationType: 'msisdn' | 'customerid';
	correlationid: string | undefined;
}

interface V1Call {
	entries: V1Entry[];
	correlationid: string | undefined;
	callbackData: string | undefined;
	notifyurl: string | undefined;
	expired: boolean;
	warnings: string[];
}

function validateV1(body: Record<string, unknown>): V1Call {
	const warnings: string[] = [];
	for (const field of ['deliverychannel', 'channels', 'destination']) {
		if (isMissing(body[field])) throw new Rejection('7003', field);
	}
	if (body.deliverychannel !== 'voice') {
		throw new Rejection('7004', 'deliverychannel must be "voice"');
	}

	if (!isObject(body.channels)) throw new Rejection('7004', 'channels must be an object');
	const voice = body.channels.voice;
	if (isMissing(voice)) throw new Rejection('7003', 'channels.voice');
	if (!isObject(voice)) throw new Rejection('7004', 'channels.voice must be an object');
	const hasFlow = voice.callflowid !== undefined;
	const hasMedia = voice.media !== undefined;
	if (hasFlow === hasMedia) {
		throw new Rejection('7004', 'channels.voice needs exactly one of callflowid and media');
	}
	for (const field of ['callflowid', 'media', 'cli']) {
		const value = voice[field];
		if (value !== undefined && (typeof value !== 'string' || value === '')) {
			throw new Rejection('7004', `channels.voice.${field} must be a non-empty string`);
		}
	}

	if (!Array.isArray(body.destination)) throw new Rejection('7004', 'destination must be an array');
	if (body.destination.length === 0) throw new Rejection('7003', 'destination is empty');
	const rawEntries = body.destination.map((entry: unknown, i) => {
		if (!isObject(entry)) throw new Rejection('7004', `destination[${i}] must be an object`);
		if (entry.msisdn !== undefined && entry.customerid !== undefined) {
			throw new Rejection('7004', `destination[${i}] has both msisdn and customerid`);
		}
		const destinationType: 'msisdn' | 'customerid' =
			entry.customerid !== undefined ? 'customerid' : 'msisdn';
		const values = entry[destinationType];
		if (isMissing(values) || (Array.isArray(values) && values.length === 0)) {
			throw new Rejection('7003', `destination[${i}].msisdn or customerid`);
		}
		if (!Array.isArray(values)) {
			throw new Rejection('7004', `destination[${i}].${destinationType} must be an array`);
		}
		return { entry, destinationType, values: values as unknown[] };
	});
	checkDestinationCount(rawEntries.map((e) => e.values));
	const entries: V1Entry[] = rawEntries.map(({ entry, destinationType, values }, i) => {
		for (const value of values) {
			const valid =
				typeof value === 'string' &&
				(destinationType === 'msisdn' ? E164.test(value) : value !== '');
			if (!valid) {
				throw new Rejection(
					'7004',
					`destination[${i}].${destinationType} ${JSON.stringify(value)} is invalid`,
				);
			}
		}
		if (entry.correlationId !== undefined) {
			warnings.push(`destination[${i}].correlationId ignored: v1 reads correlationid`);
		}
		const correlationid = checkCorrelationId(
			entry.correlationid,
			`destination[${i}].correlationid`,
		);
		return { destinations: values as string[], destinationType, correlationid };
	});

	for (const camel of ['correlationId', 'notifyUrl']) {
		if (body[camel] !== undefined) {
			warnings.push(`${camel} ignored: v1 reads ${camel.toLowerCase()}`);
		}
	}
	const correlationid = checkCorrelationId(body.correlationid, 'correlationid');
	const callbackData = checkOptionalString(body.callbackData, 'callbackData');
	const notifyurl = checkNotifyUrl(body.notifyurl, 'notifyurl');
	let expired = false;
	if (body.expiry !== undefined) {
		const expiry = parseIsoDateTime(body.expiry, true);
		if (!expiry) {
			throw new Rejection('7004', 'expiry must be an ISO 8601 date-time with a time zone');
		}
		expired = expiry.getTime() <= Date.now();
	}
	if (body.priority !== undefined && !['1', '2', '3'].includes(body.priority as string)) {
		warnings.push(
			`priority ${JSON.stringify(body.priority)} is not "1".."3": the platform ignores it`,
		);
	}
	return { entries, correlationid, callbackData, notifyurl, expired, warnings };
}

function v1Error(code: string, status: number, reason?: string): SimResponse {
	return {
		...json(status, { response: [{ code, description: V1_DESCRIPTIONS[code] }] }, code),
		reason,
	};
}

function handleV1(req: SimRequest, ctx: Context): SimResponse {
	const key = req.headers.key;
	if (key === undefined || key === '') return v1Error('7002', 401, 'key header missing');
	if (key !== ctx.options.webexServiceKey) return v1Error('7001', 401, 'wrong key');
	let call: V1Call;
	try {
		if (!isJsonContentType(req.headers['content-type'])) {
			throw new Rejection('7000', 'content-type must be application/json');
		}
		call = validateV1(parseBody(req.rawBody, '7004'));
	} catch (error) {
		if (!(error instanceof Rejection)) throw error;
		return v1Error(error.code, 400, error.reason);
	}

	const response = call.entries.map((entry) => {
		const transid = randomUUID();
		const correlationid = entry.correlationid ?? call.correlationid ?? '';
		for (const destination of entry.destinations) {
			// An expired request is never dialled; it only earns a Message Expired receipt.
			if (!call.expired) ctx.countDial(destination);
			if (call.notifyurl === undefined) continue;
			queueReceipts(
				ctx,
				call.notifyurl,
				{
					transid,
					destination,
					destinationType: entry.destinationType,
					correlationid,
					callbackData: call.callbackData ?? '',
				},
				call.expired ? [MESSAGE_EXPIRED] : outcomeFor(destination).receipts,
			);
		}
		return { code: '1001', description: V1_DESCRIPTIONS['1001'], correlationid, transid };
	});
	return { ...json(200, { response }, '1001'), warnings: call.warnings };
}

// ---------------------------------------------------------------------------------------------

export const webexConnect: SimulatorProvider<WebexConnectAccount> = {
	defaults: { webexServiceKey: 'sim-webex-key' },
	create,
};

function create(): Provider<WebexConnectAccount> {
	return {
		name: NAME,
		routes: [
			{ method: 'POST', path: WEBEX_V2_PATH, handle: handleV2 },
			{
				method: 'POST',
				path: WEBEX_V1_PATH,
				handle: handleV1,
				faultBody: (kind) =>
					kind === '500'
						? {
								body: JSON.stringify({
									response: [{ code: '7006', description: V1_DESCRIPTIONS['7006'] }],
								}),
								code: '7006',
							}
						: undefined,
			},
		],
	};
}
