/**
 * Twilio Programmable Voice, as providers.md §6 and Twilio's public API description
 * (twilio/twilio-oai, spec/json/twilio_api_v2010.json) describe it:
 * - `POST /2010-04-01/Accounts/{AccountSid}/Calls.json`  one call per request (twilioCall.ts)
 * - `GET  /2010-04-01/Accounts/{AccountSid}.json`        the account (what a credential test reads)
 * and the status callbacks of each call (twilioCallbacks.ts).
 *
 * Choices made where the documents are silent (tests cite these):
 * - Accounts are fixed (TWILIO_SIM): a full account with an API key, a trial account, and another
 *   customer's account nobody here holds credentials for. Routes exist for these three paths only
 *   (the simulator's routes are exact paths): a path naming another account is Twilio's 404 20404
 *   only for the third; any other SID gets the simulator's own 404.
 * - Auth: HTTP Basic, `AccountSid:AuthToken` or `ApiKeySid:ApiKeySecret`; missing or wrong → 401
 *   20003 "Authenticate" with `WWW-Authenticate`. Right credentials for another account's path →
 *   404 20404 "The requested resource … was not found" (what Twilio answers, e.g. for
 *   `/Accounts/null/…`). Callbacks are always signed with the account's Auth Token.
 * - `StatusCallbackEvent` is read one event per parameter, repeated. A single value naming several
 *   (`initiated,completed`, or space-separated) is refused 400 21626 "Invalid 'StatusCallbackEvent'":
 *   Twilio's error 21626 ("One or more of the StatusCallbackEvents provided were invalid") is what
 *   a client that joins the list with commas gets (twilio/twilio-oai#134, an OpenAPI-generated
 *   client). The same issue reports that twilio-node sending "initiated, ringing, …" as one value
 *   was not refused; the simulator refuses that too (stricter than Twilio, never looser).
 * - Error codes: 21201 no To; 21211 To no phone number, SIP or client address (numbers need "+");
 *   13223 a "+" and digits that are not E.164; 21213 / 21212 no / invalid From; 21210 From neither
 *   a number of the account nor a verified caller ID; 21219 a trial account calling an unverified
 *   number; 21214 To under +999 (cannot be reached); 21215 To under +882 or +883 (geographic
 *   permission); 21216 To under +1900 (blocked); 21205 no Url, Twiml or ApplicationSid, or a bad
 *   Url; 21218 a malformed ApplicationSid; 32018 Twiml over 4,000 characters (UTF-16 code units, as
 *   Java counts); 21609 a bad StatusCallback / AsyncAmdStatusCallback URL; 21626 as above; ASSUMED
 *   20001 for other invalid values (Timeout 1–600, TimeLimit 1–86400, MachineDetectionTimeout
 *   3–59, Record and AsyncAmd true/false, Trim, SendDigits, MachineDetection Enable or
 *   DetectMessageEnd, Method GET or POST). A GET StatusCallbackMethod is not simulated (20001).
 * - Ignored, as Twilio documents, with a warning in the request log: Twiml next to Url or
 *   ApplicationSid; Url next to ApplicationSid; MachineDetection next to SendDigits; StatusCallback
 *   with an ApplicationSid; undocumented parameters; a body that is not form-encoded (then To is
 *   missing: 21201).
 * - 201 with the call resource, `status` "queued". Calls beyond the account's calls per second
 *   (1 by default; control `POST /__sim/twilio/cps {"callsPerSecond": n}`) are queued, never
 *   refused: their callbacks start at their turn. Answers 429 only when a fault is injected
 *   (20429, Twilio's "too many concurrent requests").
 * - Callbacks: see TWILIO_OUTCOME_BY_LAST_DIGIT. Only the requested events (default `completed`)
 *   are posted, form-encoded, signed, one attempt each (Twilio retries only when asked). Control
 *   `POST /__sim/twilio/callbacks {"order": "reversed", "copies": 2}` changes how the next calls'
 *   callbacks are delivered, until reset. AsyncAmd posts AnsweredBy to AsyncAmdStatusCallback.
 * - Dial counters count every accepted call, by `To`.
 */
import { randomBytes } from 'node:crypto';

import { readCallParameters, twilioError, TwilioRejection } from './twilioCall';
import { asyncAmdJob, rfc2822, statusCallbackJob, type CallbackDelivery } from './twilioCallbacks';
import type {
	Provider,
	ProviderContext,
	SimRequest,
	SimResponse,
	SimulatorProvider,
} from '../types';
import { isObject } from '../validation';

const NAME = 'twilio';
export const TWILIO_API_VERSION = '2010-04-01';

interface Account {
	sid: string;
	authToken: string;
	friendlyName: string;
	type: 'Full' | 'Trial';
	/** Twilio numbers and verified caller IDs: what `From` may be. */
	callerIds: readonly string[];
	/** Trial accounts call only these. */
	verifiedNumbers?: readonly string[];
}

/** The simulator's Twilio accounts; tests and the sandbox use these credentials. */
export const TWILIO_SIM = {
	account: {
		sid: 'AC5e1f0c2b9d8a47f6b3c2d1e0f9a8b7c6',
		authToken: 'sim-twilio-token-7c41e9a02f6b5d38',
		friendlyName: 'Simulated account',
		type: 'Full',
		callerIds: ['+15005550006', '+442071838750'],
	},
	apiKey: { sid: 'SK3b9e0d1c2a4f5e6d7c8b9a0f1e2d3c4b', secret: 'sim-twilio-key-secret-2d9f0a8b' },
	trial: {
		sid: 'AC0a1b2c3d4e5f60718293a4b5c6d7e8f9',
		authToken: 'sim-twilio-trial-token-5a0c3e71',
		friendlyName: 'Simulated trial account',
		type: 'Trial',
		callerIds: ['+15005550006'],
		verifiedNumbers: ['+14155550100'],
	},
	/** Another customer's account: its SID is real, its credentials are not ours. */
	foreignAccountSid: 'ACf0e1d2c3b4a5968778695a4b3c2d1e0f',
} as const satisfies {
	account: Account;
	apiKey: { sid: string; secret: string };
	trial: Account;
	foreignAccountSid: string;
};

export const twilioCallsPath = (accountSid: string) =>
	`/${TWILIO_API_VERSION}/Accounts/${accountSid}/Calls.json`;
export const twilioAccountPath = (accountSid: string) =>
	`/${TWILIO_API_VERSION}/Accounts/${accountSid}.json`;

/**
 * The secrets of the full account the simulator is started with (its SID stays TWILIO_SIM's, as
 * routes are exact paths): a test file gives its own, so its secret scans find only its own.
 */
export interface TwilioAccount {
	/** Default TWILIO_SIM.account.authToken. */
	twilioAuthToken: string;
	/** Default TWILIO_SIM.apiKey.secret (the key's SID stays TWILIO_SIM.apiKey.sid). */
	twilioApiKeySecret: string;
}

type Context = ProviderContext<TwilioAccount>;

/** The accounts as this simulator was started: the full one with the test's Auth Token. */
const accountsOf = (options: TwilioAccount): readonly Account[] => [
	{ ...TWILIO_SIM.account, authToken: options.twilioAuthToken },
	TWILIO_SIM.trial,
];

/** The account the request's Basic credentials belong to; throws 401 20003 otherwise. */
function authenticate(req: SimRequest, options: TwilioAccount): Account {
	const ACCOUNTS = accountsOf(options);
	const match = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(req.headers.authorization ?? '');
	const pair = match ? Buffer.from(match[1], 'base64').toString('utf8') : '';
	const colon = pair.indexOf(':');
	const [user, password] = colon < 0 ? ['', ''] : [pair.slice(0, colon), pair.slice(colon + 1)];
	const byToken = ACCOUNTS.find(
		(account) => account.sid === user && account.authToken === password,
	);
	if (byToken) return byToken;
	if (user === TWILIO_SIM.apiKey.sid && password === options.twilioApiKeySecret) return ACCOUNTS[0];
	throw new TwilioRejection(401, 20003, 'Authenticate');
}

/** The authenticated account, when the path names it; 404 20404 for another account's path. */
function owner(req: SimRequest, ctx: Context, pathAccountSid: string): Account {
	const account = authenticate(req, ctx.options);
	if (account.sid !== pathAccountSid)
		throw new TwilioRejection(404, 20404, `The requested resource ${req.path} was not found`);
	return account;
}

const json = (status: number, body: unknown): SimResponse => ({
	status,
	body: JSON.stringify(body),
});

/** Twilio's error answer; a 401 also names the scheme, as Twilio's does. */
function refusal(error: TwilioRejection, warnings: string[] = []): SimResponse {
	const refused = twilioError(error, warnings);
	return error.status === 401
		? { ...refused, headers: { 'www-authenticate': 'Basic realm="Twilio API"' } }
		: refused;
}

function answer(handle: () => SimResponse): SimResponse {
	try {
		return handle();
	} catch (error) {
		if (!(error instanceof TwilioRejection)) throw error;
		return refusal(error);
	}
}

/** Checks the numbers a call may reach, after its parameters are well formed. */
function checkReach(account: Account, to: string, from: string): void {
	if (!account.callerIds.includes(from))
		throw new TwilioRejection(
			400,
			21210,
			`The source phone number provided, ${from}, is not yet verified for your account`,
		);
	if (account.verifiedNumbers && !account.verifiedNumbers.includes(to))
		throw new TwilioRejection(
			400,
			21219,
			`The number ${to} is unverified. Trial accounts may only make calls to verified numbers.`,
		);
	if (to.startsWith('+999'))
		throw new TwilioRejection(400, 21214, `'To' phone number cannot be reached: ${to}`);
	if (/^\+88[23]/.test(to))
		throw new TwilioRejection(
			400,
			21215,
			`Account not authorized to call ${to}. Perhaps you need to enable some international permissions: https://www.twilio.com/console/voice/calls/geo-permissions/low-risk`,
		);
	if (to.startsWith('+1900'))
		throw new TwilioRejection(400, 21216, `Account not allowed to call ${to}`);
}

const DEFAULT_DELIVERY: CallbackDelivery = { order: 'in-order', copies: 1 };

export const twilio: SimulatorProvider<TwilioAccount> = {
	defaults: {
		twilioAuthToken: TWILIO_SIM.account.authToken,
		twilioApiKeySecret: TWILIO_SIM.apiKey.secret,
	},
	create,
};

function create(): Provider<TwilioAccount> {
	let callsPerSecond = 1;
	let delivery = DEFAULT_DELIVERY;
	/** When the next queued call of each account may start dialling (epoch ms). */
	const nextSlot = new Map<string, number>();

	function createCall(req: SimRequest, ctx: Context, pathAccountSid: string): SimResponse {
		const warnings: string[] = [];
		try {
			const account = owner(req, ctx, pathAccountSid);
			const call = readCallParameters(req.rawBody, req.headers['content-type'], warnings);
			if (!/^(sip|client):/i.test(call.to)) checkReach(account, call.to, call.from);
			const callSid = `CA${randomBytes(16).toString('hex')}`;
			const now = Date.now();
			const slot = Math.max(now, nextSlot.get(account.sid) ?? now);
			nextSlot.set(account.sid, slot + 1000 / callsPerSecond);
			ctx.countDial(call.to);
			const placed = { ...call, accountSid: account.sid, authToken: account.authToken, callSid };
			if (call.statusCallback !== undefined)
				ctx.sendReceipts(
					statusCallbackJob(
						{ ...placed, statusCallback: call.statusCallback },
						delivery,
						slot - now,
					),
				);
			const amd = call.asyncAmd && call.asyncAmdStatusCallback !== undefined;
			const amdJob = amd
				? asyncAmdJob(placed, call.asyncAmdStatusCallback!, slot - now)
				: undefined;
			if (amdJob) ctx.sendReceipts(amdJob);
			const created = rfc2822(new Date(now));
			const uri = `/${TWILIO_API_VERSION}/Accounts/${account.sid}/Calls/${callSid}`;
			return {
				...json(201, {
					account_sid: account.sid,
					annotation: null,
					answered_by: null,
					api_version: TWILIO_API_VERSION,
					caller_name: null,
					date_created: created,
					date_updated: created,
					direction: 'outbound-api',
					duration: null,
					end_time: null,
					forwarded_from: null,
					from: call.from,
					from_formatted: call.from,
					group_sid: null,
					parent_call_sid: null,
					phone_number_sid: null,
					price: null,
					price_unit: 'USD',
					queue_time: String(slot - now),
					sid: callSid,
					start_time: null,
					status: 'queued',
					subresource_uris: {
						events: `${uri}/Events.json`,
						notifications: `${uri}/Notifications.json`,
						recordings: `${uri}/Recordings.json`,
					},
					to: call.to,
					to_formatted: call.to,
					trunk_sid: null,
					uri: `${uri}.json`,
				}),
				warnings,
			};
		} catch (error) {
			if (!(error instanceof TwilioRejection)) throw error;
			return refusal(error, warnings);
		}
	}

	function readAccount(req: SimRequest, ctx: Context, pathAccountSid: string): SimResponse {
		return answer(() => {
			const account = owner(req, ctx, pathAccountSid);
			// Twilio's account resource also shows the Auth Token; the simulator never sends a secret.
			return json(200, {
				sid: account.sid,
				friendly_name: account.friendlyName,
				status: 'active',
				type: account.type,
				owner_account_sid: account.sid,
				date_created: 'Tue, 01 Sep 2026 09:00:00 +0000',
				date_updated: 'Tue, 01 Sep 2026 09:00:00 +0000',
				uri: twilioAccountPath(account.sid),
				subresource_uris: { calls: twilioCallsPath(account.sid) },
			});
		});
	}

	const fault = (kind: '429' | '500' | '503') => {
		const [code, message] =
			kind === '429'
				? [20429, 'Too Many Requests']
				: kind === '500'
					? [20500, 'Internal Server Error']
					: [20503, 'Service Unavailable'];
		const status = Number(kind);
		return {
			body: JSON.stringify({
				code,
				message,
				more_info: `https://www.twilio.com/docs/errors/${code}`,
				status,
			}),
			code: String(code),
		};
	};

	const accountSids = [TWILIO_SIM.account.sid, TWILIO_SIM.trial.sid, TWILIO_SIM.foreignAccountSid];
	return {
		name: NAME,
		routes: accountSids.flatMap((sid) => [
			{
				method: 'POST',
				path: twilioCallsPath(sid),
				handle: (req: SimRequest, ctx: Context) => createCall(req, ctx, sid),
				faultBody: fault,
			},
			{
				method: 'GET',
				path: twilioAccountPath(sid),
				handle: (req: SimRequest, ctx: Context) => readAccount(req, ctx, sid),
				faultBody: fault,
			},
		]),
		control: [
			{
				method: 'POST',
				path: '/twilio/cps',
				handle: (req) => {
					const body = parseControl(req.rawBody);
					const cps = body?.callsPerSecond;
					if (typeof cps !== 'number' || !(cps > 0))
						return json(400, { error: 'callsPerSecond must be a number above 0' });
					callsPerSecond = cps;
					return { status: 204 };
				},
			},
			{
				method: 'POST',
				path: '/twilio/callbacks',
				handle: (req) => {
					const body = parseControl(req.rawBody);
					const order = body?.order ?? 'in-order';
					const copies = body?.copies ?? 1;
					if (
						(order !== 'in-order' && order !== 'reversed') ||
						!Number.isInteger(copies) ||
						(copies as number) < 1
					)
						return json(400, {
							error: 'order must be in-order or reversed, copies a whole number of at least 1',
						});
					delivery = { order, copies: copies as number };
					return { status: 204 };
				},
			},
		],
		reset() {
			callsPerSecond = 1;
			delivery = DEFAULT_DELIVERY;
			nextSlot.clear();
		},
	};
}

function parseControl(raw: string): Record<string, unknown> | undefined {
	try {
		const body: unknown = JSON.parse(raw);
		return isObject(body) ? body : undefined;
	} catch {
		return undefined;
	}
}
