/**
 * Routee voice, as providers.md §3 and seed 003 describe it (plus docs.routee.net's dial plan,
 * conversation callback and authentication pages):
 * - `POST /oauth/token`          the OAuth 2.0 client-credentials token (auth.routee.net)
 * - `POST /voice/conversation`   one call, its dial plan one or more SAY / PLAY verbs
 * - `POST /voice/campaign`       up to 1000 numbers (+ contacts, groups), one message or .wav file
 * - `GET  /accounts/me/balance`  the account balance (what the credential test reads)
 * and the per-message callbacks both send to `callback.url`.
 *
 * Choices made where the documents are silent (tests and README cite these):
 * - Token endpoint: `Authorization: Basic base64(applicationId:applicationSecret)` and the form
 *   body `grant_type=client_credentials`. Answer: `{ access_token, token_type: "bearer",
 *   expires_in, scope, permissions }`, `expires_in` = routeeTokenTtlMs in seconds, rounded up.
 *   Its errors use OAuth 2.0's shape (RFC 6749 §5.2): 401 `{ error: "invalid_client",
 *   error_description }` for missing or wrong Basic credentials, 400 `invalid_request` (no form
 *   body) or `unsupported_grant_type`.
 * - Bearer tokens: a missing, unknown or expired one is answered 401; a revoked one 403 "User is
 *   not authenticated" (seed 003's 403). Routee says to fetch a new token after either.
 *   Control: `POST /__sim/routee/tokens/expire` expires, `POST /__sim/routee/tokens/revoke`
 *   revokes every token issued so far, `POST /__sim/routee/tokens/revoke-all` also every token
 *   issued later, until reset (→ 204).
 * - Error bodies `{ code, developerMessage }`, the code 9 digits: HTTP status, module, number.
 *   The numbers are made up here: 400001001 mandatory field missing, 400001002 invalid field,
 *   400001003 not JSON content, 400001004 malformed JSON, 400001005 no valid recipient,
 *   401000001 unauthorised, 403000001 not authenticated, 409001001 campaign name in use,
 *   429001001 too many requests, 500000001 an injected 500. Invalid campaign recipients that
 *   leave valid ones are listed in a 200 answer's `errors[] { code: "400001006",
 *   developerMessage, property: <the number> }` and not called.
 * - Rate: /voice/conversation takes one request per second (documented): an authenticated
 *   request less than 950 ms (1 s less 50 ms for network jitter) after the last one that passed
 *   is answered 429 with `Retry-After: 1`. Campaigns are not rate limited.
 * - `from` must be digits (an optional leading "+"), at most 16. Numbers in `to` must be E.164
 *   with "+"; a number starting +999 (not assigned by the ITU) is an invalid recipient.
 * - Verbs: SAY (`message.text` at most 1000 characters, `message.language` from the documented
 *   list, optional `gender` male/female, `bargeIn`, `repeat`), PLAY (`fileURL`, an http(s)
 *   URL whose path ends in .wav) and COLLECT without `eventUrl` (`maxDigits` 1–30, default 30;
 *   `submitOnHash`). DIAL, COLLECT with an `eventUrl` (a dial plan answered back), `dialPlanUrl`,
 *   `to.sip` and `to.viber` are not simulated (400). Unknown top-level fields are only warnings.
 * - Collected keys (ASSUMED: the tracking API names them `collectedTones`, no callback document
 *   mentions them): a call that collects (a COLLECT verb, or a campaign with `collectDtmfDigits`)
 *   and ends Completed carries `collectedTones` in its final callback: the number's second-last
 *   digit (e.g. +447700900012 pressed "1"), cut to `maxDigits`.
 * - Answers are 200. A campaign's `state` is "Scheduled" when `scheduledDate` is in the future,
 *   else "Queued"; its callbacks are not delayed either way.
 * - Callbacks: see OUTCOME_BY_LAST_DIGIT. `OnChange` posts every status, `OnCompletion` only the
 *   final one. A conversation's callback has the documented conversation fields
 *   (`conversationTrackingId`, no campaign fields); a campaign message's the providers.md fields.
 *   `campaignCallback` (payload undocumented) gets ASSUMED `{ trackingId, campaignName, state,
 *   statuses, updatedDate }`: "Running" then "Completed" (OnChange) or only "Completed".
 * - Dial counters count every accepted number (Unsent ones too: Routee accepted them).
 */
import { randomUUID } from 'node:crypto';

import type {
	Provider,
	ProviderContext,
	ReceiptBuilder,
	SimRequest,
	SimResponse,
	SimulatorProvider,
} from '../types';
import { E164, isHttpUrl, isJsonContentType, isObject, parseIsoDateTime } from '../validation';

const NAME = 'routee';

/** The Routee application the simulator's token endpoint accepts. */
export interface RouteeAccount {
	/** Default `sim-routee-app`. */
	routeeApplicationId: string;
	/** Default `sim-routee-secret`. */
	routeeApplicationSecret: string;
	/** Lifetime of access tokens (`expires_in` is it in seconds, rounded up). Default 3600000 ms. */
	routeeTokenTtlMs: number;
}

type Context = ProviderContext<RouteeAccount>;

export const ROUTEE_TOKEN_PATH = '/oauth/token';
export const ROUTEE_CONVERSATION_PATH = '/voice/conversation';
export const ROUTEE_CAMPAIGN_PATH = '/voice/campaign';
export const ROUTEE_BALANCE_PATH = '/accounts/me/balance';
export const ROUTEE_MAX_TEXT = 1000;
export const ROUTEE_MAX_LIST = 1000;
/** One request per second, less 50 ms of grace for network jitter. */
export const ROUTEE_CONVERSATION_INTERVAL_MS = 950;
export const ROUTEE_LANGUAGES = [
	'en-US',
	'en-GB',
	'de-DE',
	'fr-FR',
	'it-IT',
	'es-ES',
	'es-LA',
	'pt-BR',
	'el-GR',
	'bg-BG',
	'pl-PL',
	'hu-HU',
	'sv-SE',
	'ru-RU',
];
const STRATEGIES = ['OnChange', 'OnCompletion'];
export const ROUTEE_BALANCE = {
	balance: 100.5,
	currency: { code: 'EUR', name: 'Euro', sign: '€' },
};

// ---------------------------------------------------------------------------------------------
// Outcomes

export interface RouteeOutcome {
	summary: string;
	/** providers.md §5 normalised status the final callback must map to. */
	finalStatus: 'completed' | 'busy' | 'no-answer' | 'failed';
	/** Status names in order; the last is final. */
	statuses: readonly string[];
	/** Seconds talked, in the final callback. */
	duration: number;
}

const COMPLETED: RouteeOutcome = {
	summary: 'answered, then hung up',
	finalStatus: 'completed',
	statuses: ['Queued', 'Initiated', 'Ringing', 'InProgress', 'Completed'],
	duration: 18,
};

/**
 * What happens to a call, by the last digit of the number:
 *
 * | digit | statuses (OnChange posts each, OnCompletion the last)    | final status |
 * |-------|----------------------------------------------------------|--------------|
 * | 0–4   | Queued, Initiated, Ringing, InProgress, Completed (18 s) | completed    |
 * | 5     | Queued, Initiated, Ringing, InProgress, Terminated (7 s) | failed       |
 * | 6     | Queued, Initiated, Ringing, Busy                         | busy         |
 * | 7     | Queued, Initiated, Ringing, NoAnswer                     | no-answer    |
 * | 8     | Queued, Initiated, Failed                                | failed       |
 * | 9     | Queued, Unsent (no balance)                              | failed       |
 */
export const ROUTEE_OUTCOME_BY_LAST_DIGIT: Readonly<Record<string, RouteeOutcome>> = {
	'0': COMPLETED,
	'1': COMPLETED,
	'2': COMPLETED,
	'3': COMPLETED,
	'4': COMPLETED,
	'5': {
		summary: 'answered, then the balance ran out',
		finalStatus: 'failed',
		statuses: ['Queued', 'Initiated', 'Ringing', 'InProgress', 'Terminated'],
		duration: 7,
	},
	'6': {
		summary: 'busy',
		finalStatus: 'busy',
		statuses: ['Queued', 'Initiated', 'Ringing', 'Busy'],
		duration: 0,
	},
	'7': {
		summary: 'no answer',
		finalStatus: 'no-answer',
		statuses: ['Queued', 'Initiated', 'Ringing', 'NoAnswer'],
		duration: 0,
	},
	'8': {
		summary: 'failed',
		finalStatus: 'failed',
		statuses: ['Queued', 'Initiated', 'Failed'],
		duration: 0,
	},
	'9': {
		summary: 'not sent: no balance',
		finalStatus: 'failed',
		statuses: ['Queued', 'Unsent'],
		duration: 0,
	},
};

export function routeeOutcomeFor(number: string): RouteeOutcome {
	return ROUTEE_OUTCOME_BY_LAST_DIGIT[number.slice(-1)] ?? COMPLETED;
}

const PRICE_PER_CALL = 0.012;

/** A few countries for `country` and `voiceAnalysis`; others are "ZZ" (unknown). */
const COUNTRY_BY_PREFIX: ReadonlyArray<readonly [string, string]> = [
	['+30', 'GR'],
	['+44', 'GB'],
	['+49', 'DE'],
	['+33', 'FR'],
	['+39', 'IT'],
	['+34', 'ES'],
	['+86', 'CN'],
	['+1', 'US'],
];
const countryOf = (number: string) =>
	COUNTRY_BY_PREFIX.find(([prefix]) => number.startsWith(prefix))?.[1] ?? 'ZZ';

// ---------------------------------------------------------------------------------------------
// Errors and checks

class Rejection extends Error {
	constructor(
		readonly status: number,
		readonly code: string,
		readonly reason: string,
	) {
		super(`${code}: ${reason}`);
	}
}

const missing = (field: string) => new Rejection(400, '400001001', `${field} is mandatory`);
const invalid = (field: string, why: string) => new Rejection(400, '400001002', `${field} ${why}`);

function json(status: number, body: unknown, code?: string, reason?: string): SimResponse {
	return { status, body: JSON.stringify(body), code, reason };
}

function routeeError(error: Rejection, warnings: string[] = []): SimResponse {
	return {
		...json(
			error.status,
			{ code: error.code, developerMessage: error.reason },
			error.code,
			error.reason,
		),
		warnings,
	};
}

const isMissing = (value: unknown) => value === undefined || value === null || value === '';

function parseJsonBody(req: SimRequest): Record<string, unknown> {
	if (!isJsonContentType(req.headers['content-type'])) {
		throw new Rejection(400, '400001003', 'content-type must be application/json');
	}
	let body: unknown;
	try {
		body = JSON.parse(req.rawBody);
	} catch (error) {
		throw new Rejection(400, '400001004', `malformed JSON: ${(error as Error).message}`);
	}
	if (!isObject(body)) throw new Rejection(400, '400001004', 'the body must be a JSON object');
	return body;
}

function checkSender(value: unknown): string {
	if (isMissing(value)) throw missing('from');
	if (typeof value !== 'string' || !/^\+?\d{1,16}$/.test(value)) {
		throw invalid('from', `${JSON.stringify(value)} must be a numeric sender of at most 16 digits`);
	}
	return value;
}

function checkWav(value: unknown, where: string): string {
	if (isMissing(value)) throw missing(where);
	if (!isHttpUrl(value) || !/\.wav$/i.test(new URL(value as string).pathname)) {
		throw invalid(where, `${JSON.stringify(value)} must be an http(s) URL of a .wav file`);
	}
	return value as string;
}

/** A `{ text, gender?, language }` text-to-speech message. */
function checkMessage(value: unknown, where: string): Record<string, unknown> {
	if (!isObject(value)) throw invalid(where, 'must be an object');
	if (isMissing(value.text)) throw missing(`${where}.text`);
	if (typeof value.text !== 'string') throw invalid(`${where}.text`, 'must be a string');
	const characters = [...value.text].length;
	if (characters > ROUTEE_MAX_TEXT) {
		throw invalid(`${where}.text`, `has ${characters} characters, at most ${ROUTEE_MAX_TEXT}`);
	}
	if (isMissing(value.language)) throw missing(`${where}.language`);
	if (!ROUTEE_LANGUAGES.includes(value.language as string)) {
		throw invalid(
			`${where}.language`,
			`${JSON.stringify(value.language)} is not a supported language`,
		);
	}
	if (value.gender !== undefined && !['male', 'female'].includes(value.gender as string)) {
		throw invalid(`${where}.gender`, `${JSON.stringify(value.gender)} must be male or female`);
	}
	return value;
}

interface Callback {
	url: string;
	strategy: 'OnChange' | 'OnCompletion';
}

function checkCallback(value: unknown, where: string): Callback | undefined {
	if (value === undefined) return undefined;
	if (!isObject(value)) throw invalid(where, 'must be an object');
	if (isMissing(value.url)) throw missing(`${where}.url`);
	if (!isHttpUrl(value.url)) throw invalid(`${where}.url`, 'must be an http(s) URL');
	if (isMissing(value.strategy)) throw missing(`${where}.strategy`);
	if (!STRATEGIES.includes(value.strategy as string)) {
		throw invalid(
			`${where}.strategy`,
			`${JSON.stringify(value.strategy)} must be OnChange or OnCompletion`,
		);
	}
	return { url: value.url as string, strategy: value.strategy as Callback['strategy'] };
}

function checkPositiveInteger(value: unknown, where: string): number | undefined {
	if (value === undefined) return undefined;
	if (!Number.isInteger(value) || (value as number) < 1)
		throw invalid(where, 'must be a whole number of at least 1');
	return value as number;
}

function checkBoolean(value: unknown, where: string): boolean | undefined {
	if (value === undefined) return undefined;
	if (typeof value !== 'boolean') throw invalid(where, 'must be true or false');
	return value;
}

function unknownFields(body: Record<string, unknown>, known: string[]): string[] {
	return Object.keys(body)
		.filter((key) => !known.includes(key))
		.map((key) => `${key} is not a documented field; the platform ignores it`);
}

// ---------------------------------------------------------------------------------------------
// Callbacks

function queueCallbacks(
	ctx: Context,
	callback: Callback | undefined,
	number: string,
	build: (status: string, now: Date, final: boolean) => Record<string, unknown>,
): void {
	if (callback === undefined) return;
	const { statuses } = routeeOutcomeFor(number);
	const sent = callback.strategy === 'OnCompletion' ? statuses.slice(-1) : statuses;
	ctx.sendReceipts({
		provider: NAME,
		url: callback.url,
		receipts: sent.map(
			(status): ReceiptBuilder =>
				(now) =>
					build(status, now, status === statuses[statuses.length - 1]),
		),
	});
}

/** The keys a collecting call's person pressed: the number's second-last digit, if the call was answered to its end. */
function tonesOf(
	number: string,
	maxDigits: number,
): { collectedTones: string } | Record<string, never> {
	if (routeeOutcomeFor(number).finalStatus !== 'completed') return {};
	return { collectedTones: number.slice(-2, -1).slice(0, maxDigits) };
}

function checkCollect(verb: Record<string, unknown>, where: string): void {
	if (verb.eventUrl !== undefined)
		throw invalid(
			`${where}.eventUrl`,
			'is not simulated (a dial plan answered back): leave it out',
		);
	if (
		verb.maxDigits !== undefined &&
		(!Number.isInteger(verb.maxDigits) ||
			(verb.maxDigits as number) < 1 ||
			(verb.maxDigits as number) > 30)
	) {
		throw invalid(`${where}.maxDigits`, 'must be a whole number from 1 to 30');
	}
	checkBoolean(verb.submitOnHash, `${where}.submitOnHash`);
}

/** What every callback says about the call's end (duration and price only once it ended). */
function endOf(number: string, final: boolean): { duration: number; price: number } {
	const outcome = routeeOutcomeFor(number);
	if (!final) return { duration: 0, price: 0 };
	return { duration: outcome.duration, price: outcome.duration > 0 ? PRICE_PER_CALL : 0 };
}

// ---------------------------------------------------------------------------------------------

interface Token {
	expiresAt: number;
	revoked: boolean;
}

export const routee: SimulatorProvider<RouteeAccount> = {
	defaults: {
		routeeApplicationId: 'sim-routee-app',
		routeeApplicationSecret: 'sim-routee-secret',
		routeeTokenTtlMs: 3_600_000,
	},
	create,
};

function create(): Provider<RouteeAccount> {
	const tokens = new Map<string, Token>();
	const campaignNames = new Set<string>();
	let lastConversationAt = Number.NEGATIVE_INFINITY;
	/** Set by revoke-all: tokens are born revoked. */
	let revokeNew = false;

	function issueToken(req: SimRequest, ctx: Context): SimResponse {
		const oauthError = (status: number, error: string, description: string): SimResponse =>
			json(status, { error, error_description: description }, error, description);
		const header = req.headers.authorization ?? '';
		const match = /^Basic\s+(.+)$/i.exec(header);
		const pair = match ? Buffer.from(match[1], 'base64').toString('utf8') : '';
		const expected = `${ctx.options.routeeApplicationId}:${ctx.options.routeeApplicationSecret}`;
		if (!match)
			return oauthError(
				401,
				'invalid_client',
				'Full authentication is required: Basic credentials missing',
			);
		if (pair !== expected) return oauthError(401, 'invalid_client', 'Bad credentials');
		if (!/^application\/x-www-form-urlencoded/i.test(req.headers['content-type'] ?? '')) {
			return oauthError(
				400,
				'invalid_request',
				'the body must be form-encoded (application/x-www-form-urlencoded)',
			);
		}
		const grant = new URLSearchParams(req.rawBody).get('grant_type');
		if (grant === null || grant === '')
			return oauthError(400, 'invalid_request', 'Missing grant type');
		if (grant !== 'client_credentials')
			return oauthError(400, 'unsupported_grant_type', `Unsupported grant type: ${grant}`);
		const token = randomUUID();
		tokens.set(token, { expiresAt: Date.now() + ctx.options.routeeTokenTtlMs, revoked: revokeNew });
		return json(200, {
			access_token: token,
			token_type: 'bearer',
			expires_in: Math.ceil(ctx.options.routeeTokenTtlMs / 1000),
			scope: 'account contact report sms voice',
			permissions: ['MT_ROLE_ACCOUNT_FINANCE', 'MT_ROLE_REPORTING', 'MT_ROLE_VOICE'],
		});
	}

	/** Throws the 401/403 a request without a usable bearer token gets. */
	function authorise(req: SimRequest): void {
		const match = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '');
		if (!match) throw new Rejection(401, '401000001', 'Unauthorized: bearer token missing');
		const token = tokens.get(match[1]);
		if (token === undefined)
			throw new Rejection(401, '401000001', 'Unauthorized: unknown access token');
		if (token.revoked) throw new Rejection(403, '403000001', 'User is not authenticated');
		if (token.expiresAt <= Date.now())
			throw new Rejection(401, '401000001', 'Unauthorized: access token expired');
	}

	function conversation(req: SimRequest, ctx: Context): SimResponse {
		let warnings: string[] = [];
		try {
			authorise(req);
			const now = Date.now();
			if (now - lastConversationAt < ROUTEE_CONVERSATION_INTERVAL_MS) {
				return {
					...routeeError(
						new Rejection(
							429,
							'429001001',
							'Too many requests: /voice/conversation accepts one request per second',
						),
					),
					headers: { 'retry-after': '1' },
				};
			}
			lastConversationAt = now;
			const body = parseJsonBody(req);
			warnings = unknownFields(body, [
				'from',
				'to',
				'dialPlan',
				'dialPlanUrl',
				'callback',
				'hangupDelay',
				'maxDuration',
				'machineDetection',
			]);
			const from = checkSender(body.from);
			if (isMissing(body.to)) throw missing('to');
			if (!isObject(body.to)) throw invalid('to', 'must be an object with phone');
			if (body.to.sip !== undefined || body.to.viber !== undefined)
				throw invalid('to', 'sip and viber are not simulated: give phone');
			if (isMissing(body.to.phone)) throw missing('to.phone');
			const phone = body.to.phone;
			if (typeof phone !== 'string' || !E164.test(phone))
				throw invalid('to.phone', `${JSON.stringify(phone)} is not an E.164 number`);
			if (body.dialPlanUrl !== undefined)
				throw invalid('dialPlanUrl', 'is not simulated: give dialPlan');
			if (isMissing(body.dialPlan)) throw missing('dialPlan');
			if (!isObject(body.dialPlan)) throw invalid('dialPlan', 'must be an object');
			const verbs = body.dialPlan.verbs;
			if (!Array.isArray(verbs) || verbs.length === 0) throw missing('dialPlan.verbs');
			verbs.forEach((verb: unknown, i) => {
				const where = `dialPlan.verbs[${i}]`;
				if (!isObject(verb)) throw invalid(where, 'must be an object');
				if (verb.type === 'SAY') checkMessage(verb.message, `${where}.message`);
				else if (verb.type === 'PLAY') checkWav(verb.fileURL, `${where}.fileURL`);
				else if (verb.type === 'COLLECT') checkCollect(verb, where);
				else
					throw invalid(
						`${where}.type`,
						`${JSON.stringify(verb.type)} is not simulated (SAY, PLAY and COLLECT are)`,
					);
				checkBoolean(verb.bargeIn, `${where}.bargeIn`);
				if (verb.repeat !== undefined && !Number.isInteger(verb.repeat))
					throw invalid(`${where}.repeat`, 'must be a whole number');
			});
			const callback = checkCallback(body.callback, 'callback');
			const hangupDelay = checkPositiveInteger(body.hangupDelay, 'hangupDelay');

			const collect = (verbs as Array<Record<string, unknown>>).find(
				(verb) => verb.type === 'COLLECT',
			);
			const tones =
				collect === undefined
					? undefined
					: tonesOf(phone, (collect.maxDigits as number | undefined) ?? 30);
			const trackingId = randomUUID();
			const messageId = randomUUID();
			const createdAt = new Date().toISOString();
			ctx.countDial(phone);
			queueCallbacks(ctx, callback, phone, (status, at, final) => ({
				messageId,
				conversationTrackingId: trackingId,
				to: phone,
				from,
				status: { name: status, updatedDate: at.toISOString() },
				direction: 'Outbound',
				originatingService: 'Voice',
				respectQuietHours: false,
				...endOf(phone, final),
				...(final && tones !== undefined ? tones : {}),
			}));
			return {
				...json(200, {
					trackingId,
					direction: 'Outbound',
					from,
					to: { phone },
					dialPlan: body.dialPlan,
					...(callback ? { callback } : {}),
					...(hangupDelay !== undefined ? { hangupDelay } : {}),
					createdAt,
				}),
				warnings,
			};
		} catch (error) {
			if (!(error instanceof Rejection)) throw error;
			return routeeError(error, warnings);
		}
	}

	function campaign(req: SimRequest, ctx: Context): SimResponse {
		let warnings: string[] = [];
		try {
			authorise(req);
			const body = parseJsonBody(req);
			warnings = unknownFields(body, [
				'from',
				'to',
				'contacts',
				'groups',
				'campaignName',
				'message',
				'fileURL',
				'respectQuietHours',
				'scheduledDate',
				'hangupDelay',
				'callback',
				'campaignCallback',
				'collectDtmfDigits',
				'collectDtmfAwaitSeconds',
			]);
			const from = checkSender(body.from);
			const lists: Record<'to' | 'contacts' | 'groups', string[]> = {
				to: [],
				contacts: [],
				groups: [],
			};
			for (const name of ['to', 'contacts', 'groups'] as const) {
				const value = body[name];
				if (value === undefined) continue;
				if (!Array.isArray(value) || value.some((entry) => typeof entry !== 'string')) {
					throw invalid(name, 'must be an array of strings');
				}
				if (value.length > ROUTEE_MAX_LIST)
					throw invalid(name, `has ${value.length} entries, at most ${ROUTEE_MAX_LIST}`);
				lists[name] = value as string[];
			}
			if (lists.to.length + lists.contacts.length + lists.groups.length === 0) {
				throw missing('to, contacts or groups');
			}
			// Seed 003 names the field campaignName; `name` is not a field of the request.
			if (body.name !== undefined)
				throw invalid('name', 'is not a field: the name is campaignName');
			const name = body.campaignName;
			if (isMissing(name)) throw missing('campaignName');
			if (typeof name !== 'string' || !/^[A-Za-z0-9 -]{2,30}$/.test(name)) {
				throw invalid(
					'campaignName',
					`${JSON.stringify(name)} must be 2 to 30 Latin letters, digits, spaces or "-"`,
				);
			}
			const hasMessage = body.message !== undefined;
			if (hasMessage === (body.fileURL !== undefined))
				throw invalid('message', 'give exactly one of message and fileURL');
			if (hasMessage) checkMessage(body.message, 'message');
			else checkWav(body.fileURL, 'fileURL');
			checkBoolean(body.respectQuietHours, 'respectQuietHours');
			let scheduled = false;
			if (body.scheduledDate !== undefined) {
				const date = parseIsoDateTime(body.scheduledDate, true);
				if (!date) throw invalid('scheduledDate', 'must be an ISO 8601 date-time in UTC');
				scheduled = date.getTime() > Date.now();
			}
			const hangupDelay = checkPositiveInteger(body.hangupDelay, 'hangupDelay');
			const callback = checkCallback(body.callback, 'callback');
			const campaignCallback = checkCallback(body.campaignCallback, 'campaignCallback');
			const collect = checkBoolean(body.collectDtmfDigits, 'collectDtmfDigits');
			checkPositiveInteger(body.collectDtmfAwaitSeconds, 'collectDtmfAwaitSeconds');
			if (body.collectDtmfAwaitSeconds !== undefined && collect !== true) {
				throw invalid('collectDtmfAwaitSeconds', 'needs collectDtmfDigits true');
			}

			const errors = lists.to
				.filter((number) => !E164.test(number) || number.startsWith('+999'))
				.map((number) => ({
					code: '400001006',
					developerMessage: 'Invalid recipient',
					property: number,
				}));
			const valid = lists.to.filter((number) => !errors.some((error) => error.property === number));
			if (valid.length + lists.contacts.length + lists.groups.length === 0) {
				return {
					...json(
						400,
						{ code: '400001005', developerMessage: 'No valid recipients', errors },
						'400001005',
					),
					warnings,
				};
			}
			if (campaignNames.has(name))
				throw new Rejection(409, '409001001', `A campaign named "${name}" exists`);
			campaignNames.add(name);

			const trackingId = randomUUID();
			const createdAt = new Date().toISOString();
			const message = hasMessage ? (body.message as Record<string, unknown>) : undefined;
			for (const number of valid) {
				ctx.countDial(number);
				const messageId = randomUUID();
				queueCallbacks(ctx, callback, number, (status, at, final) => ({
					messageId,
					campaignTrackingId: trackingId,
					campaignName: name,
					to: number,
					from,
					groups: [],
					country: countryOf(number),
					operator: 'Simulated Operator',
					status: { name: status, updatedDate: at.toISOString() },
					direction: 'Outbound',
					originatingService: 'Voice',
					audioMessage: message ?? null,
					fileURL: hasMessage ? null : body.fileURL,
					hangupDelay: hangupDelay ?? null,
					createdAt,
					chargeInterval: 1,
					...endOf(number, final),
					...(final && collect === true ? tonesOf(number, 30) : {}),
				}));
			}
			const statuses = {
				Queued: valid.length,
				Initiated: 0,
				Ringing: 0,
				InProgress: 0,
				Completed: 0,
				Busy: 0,
				NoAnswer: 0,
				Failed: 0,
				Unsent: 0,
				Terminated: 0,
			};
			if (campaignCallback) {
				const finals: Record<string, number> = { ...statuses, Queued: 0 };
				for (const number of valid) {
					const last = routeeOutcomeFor(number).statuses.slice(-1)[0];
					finals[last] = (finals[last] ?? 0) + 1;
				}
				const states =
					campaignCallback.strategy === 'OnChange' ? ['Running', 'Completed'] : ['Completed'];
				ctx.sendReceipts({
					provider: NAME,
					url: campaignCallback.url,
					receipts: states.map(
						(state): ReceiptBuilder =>
							(at) => ({
								trackingId,
								campaignName: name,
								state,
								statuses: state === 'Completed' ? finals : statuses,
								updatedDate: at.toISOString(),
							}),
					),
				});
			}
			const recipientCountries = Object.fromEntries(
				valid.map((number) => [number, countryOf(number)]),
			);
			const recipientsPerCountry: Record<string, number> = {};
			for (const country of Object.values(recipientCountries))
				recipientsPerCountry[country] = (recipientsPerCountry[country] ?? 0) + 1;
			return {
				...json(200, {
					trackingId,
					type: 'Voice',
					state: scheduled ? 'Scheduled' : 'Queued',
					createdAt,
					from,
					to: valid,
					contacts: lists.contacts,
					groups: lists.groups,
					campaignName: name,
					...(message ? { message } : { fileURL: body.fileURL }),
					respectQuietHours: body.respectQuietHours ?? false,
					...(body.scheduledDate !== undefined ? { scheduledDate: body.scheduledDate } : {}),
					...(hangupDelay !== undefined ? { hangupDelay } : {}),
					...(callback ? { callback } : {}),
					...(campaignCallback ? { campaignCallback } : {}),
					collectDtmfDigits: collect ?? false,
					...(body.collectDtmfAwaitSeconds !== undefined
						? { collectDtmfAwaitSeconds: body.collectDtmfAwaitSeconds }
						: {}),
					statuses,
					voiceAnalysis: {
						contacts: {},
						numberOfRecipients: valid.length + lists.contacts.length,
						recipientCountries,
						recipientsPerCountry,
						recipientsPerGroup: Object.fromEntries(lists.groups.map((group) => [group, 0])),
						totalInGroups: 0,
					},
					cost: Math.round(valid.length * PRICE_PER_CALL * 1000) / 1000,
					...(errors.length > 0 ? { errors } : {}),
				}),
				warnings,
			};
		} catch (error) {
			if (!(error instanceof Rejection)) throw error;
			return routeeError(error, warnings);
		}
	}

	function balance(req: SimRequest): SimResponse {
		try {
			authorise(req);
		} catch (error) {
			if (!(error instanceof Rejection)) throw error;
			return routeeError(error);
		}
		return json(200, ROUTEE_BALANCE);
	}

	const tokenControl = (change: (token: Token) => void) => (): SimResponse => {
		for (const token of tokens.values()) change(token);
		return { status: 204 };
	};

	const routeeFault = (kind: '429' | '500' | '503') =>
		kind === '503'
			? undefined
			: kind === '429'
				? {
						body: JSON.stringify({ code: '429001001', developerMessage: 'Too many requests' }),
						code: '429001001',
					}
				: {
						body: JSON.stringify({ code: '500000001', developerMessage: 'Internal server error' }),
						code: '500000001',
					};

	return {
		name: NAME,
		routes: [
			{ method: 'POST', path: ROUTEE_TOKEN_PATH, handle: issueToken },
			{
				method: 'POST',
				path: ROUTEE_CONVERSATION_PATH,
				handle: conversation,
				faultBody: routeeFault,
			},
			{ method: 'POST', path: ROUTEE_CAMPAIGN_PATH, handle: campaign, faultBody: routeeFault },
			{ method: 'GET', path: ROUTEE_BALANCE_PATH, handle: balance, faultBody: routeeFault },
		],
		control: [
			{
				method: 'POST',
				path: '/routee/tokens/expire',
				handle: tokenControl((token) => {
					token.expiresAt = 0;
				}),
			},
			{
				method: 'POST',
				path: '/routee/tokens/revoke',
				handle: tokenControl((token) => {
					token.revoked = true;
				}),
			},
			{
				method: 'POST',
				path: '/routee/tokens/revoke-all',
				handle: () => {
					revokeNew = true;
					return tokenControl((token) => {
						token.revoked = true;
					})();
				},
			},
		],
		reset() {
			tokens.clear();
			campaignNames.clear();
			lastConversationAt = Number.NEGATIVE_INFINITY;
			revokeNew = false;
		},
	};
}
