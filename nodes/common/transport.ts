import type { IDataObject, IExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import type {
	CallAdapter,
	CredentialFields,
	ProviderRequest,
	ProviderResponse,
} from '../core/adapter';
import { StartSchedule } from '../core/campaign';
import { requestPace } from '../core/pace';

export interface DeliveryPolicy {
	/** Tries in all when the provider answers 429 or 503 (it did not take the request). */
	maxTries: number;
	timeoutMs: number;
	/** Longest Retry-After honoured; a longer one ends the retries. */
	maxRetryWaitMs: number;
	/** Spaces the requests of one execution (see Pacer); every try waits its turn. */
	pacer?: Pacer;
}

/**
 * Spaces requests for providers that document a pace: with `CallAdapter.minIntervalMs` a request
 * starts at least that long after the previous one ended, so the provider sees them at least that
 * far apart whatever the latency (a token fetched first included); with `callsPerSecond` request
 * starts are spaced evenly to that rate, however many are in flight (StartSchedule). One per
 * execution: overlapping executions are not coordinated, so a provider's 429 is still retried.
 */
export class Pacer {
	private lastEnd = Number.NEGATIVE_INFINITY;
	private readonly schedule: StartSchedule;

	constructor(
		readonly minIntervalMs = 0,
		callsPerSecond?: number,
	) {
		this.schedule = new StartSchedule(callsPerSecond);
	}

	/**
	 * The pace an adapter declares, or with the credential the account's own (requestPace: throws
	 * InputError when the credential's calls per second is out of bounds).
	 */
	static for(
		adapter: Pick<CallAdapter, 'minIntervalMs' | 'callsPerSecond' | 'callsPerSecondField'>,
		credentials: CredentialFields = {},
	): Pacer {
		const pace = requestPace(adapter, credentials);
		return new Pacer(pace.minIntervalMs, pace.callsPerSecond);
	}

	/** At least how far apart this pacer starts requests (ms): for estimates, before any is sent. */
	get spacingMs(): number {
		return Math.max(this.minIntervalMs, this.schedule.intervalMs);
	}

	/** Resolves when the next request may start. */
	async wait(): Promise<void> {
		const now = Date.now();
		const afterEnd =
			this.minIntervalMs > 0 ? Math.max(0, this.lastEnd + this.minIntervalMs - now) : 0;
		const wait = afterEnd + this.schedule.reserve(now + afterEnd);
		if (wait > 0) await sleep(wait);
	}

	/** Notes that a request has ended (answered or failed). */
	done(): void {
		this.lastEnd = Date.now();
	}
}

/**
 * The pacer of an execution's requests for this credential (Pacer.for); a calls per second the
 * credential holds out of bounds is a NodeOperationError naming the field, the value and the limit,
 * raised before any request.
 */
export function pacerFor(
	context: IExecuteFunctions,
	adapter: Pick<CallAdapter, 'minIntervalMs' | 'callsPerSecond' | 'callsPerSecondField'>,
	credentials: CredentialFields,
): Pacer {
	try {
		return Pacer.for(adapter, credentials);
	} catch (error) {
		throw new NodeOperationError(context.getNode(), (error as Error).message, {
			itemIndex: 0,
			description: 'Nobody was called: correct the field in the credential.',
		});
	}
}

export const DEFAULT_POLICY: DeliveryPolicy = {
	maxTries: 3,
	timeoutMs: 30_000,
	maxRetryWaitMs: 60_000,
};

/**
 * What happened to a request:
 * - response: the provider answered (any HTTP status), after `tries` tries;
 * - ambiguous: it may have reached the provider (timeout, reset after sending): never resend it;
 * - unreachable: it surely did not (refused connection, unknown host).
 */
export type Delivery =
	| { kind: 'response'; response: ProviderResponse; tries: number }
	| { kind: 'ambiguous'; reason: string }
	| { kind: 'unreachable'; reason: string }
	/** The credential's token endpoint refused (Routee's OAuth): the request itself was never sent. */
	| { kind: 'tokenRefused'; response: ProviderResponse };

/** Statuses with which a provider says it did not take the request and it may be sent again. */
const RETRYABLE_STATUSES = new Set([429, 503]);

/** Errors raised before a single byte reached the provider. */
const NOT_SENT_CODES = new Set([
	'ECONNREFUSED',
	'ENOTFOUND',
	'EAI_AGAIN',
	'EHOSTUNREACH',
	'ENETUNREACH',
	'ERR_INVALID_URL',
]);

/** Walks an error and its causes for the first value of `key`. */
function fromCauses(error: unknown, key: string): unknown {
	let current: unknown = error;
	for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
		const value = (current as Record<string, unknown>)[key];
		if (value !== undefined && value !== null) return value;
		current = (current as Record<string, unknown>).cause;
	}
	return undefined;
}

/** The HTTP answer carried by a thrown request error (n8n throws on statuses it does not ignore). */
function responseOf(error: unknown): ProviderResponse | null {
	const response = fromCauses(error, 'response') as Record<string, unknown> | undefined;
	if (typeof response?.status !== 'number') return null;
	return {
		statusCode: response.status,
		headers: (response.headers as Record<string, unknown>) ?? {},
		body: response.data,
	};
}

/** Seconds or an HTTP date, as RFC 9110 allows; absent means a short default pause. */
export function retryAfterMs(headers: Record<string, unknown>, now = Date.now()): number {
	const header = Object.entries(headers).find(
		([name]) => name.toLowerCase() === 'retry-after',
	)?.[1];
	const value = Array.isArray(header) ? header[0] : header;
	if (typeof value === 'string' || typeof value === 'number') {
		const seconds = Number(value);
		if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
		const date = Date.parse(String(value));
		if (!Number.isNaN(date)) return Math.max(0, date - now);
	}
	return 1000;
}

async function sendOnce(
	context: IExecuteFunctions,
	adapter: CallAdapter,
	baseUrl: string,
	request: ProviderRequest,
	policy: DeliveryPolicy,
): Promise<Delivery> {
	const refreshStatuses = adapter.tokenRefreshStatuses ?? [401];
	const options: IHttpRequestOptions = {
		method: request.method,
		url: `${baseUrl}${request.path}`,
		timeout: policy.timeoutMs,
		returnFullResponse: true,
		// Statuses are the adapter's to read. For token credentials every status outside 2xx
		// throws (and is read back from the error below), so that on a refresh status n8n fetches
		// a new token once and repeats the request: n8n 1.x ignores a list of statuses to throw on
		// (`{ ignore: true, except }` ignores them all there) and refreshes on 401 only.
		ignoreHttpStatusErrors: !adapter.tokenAuth,
	};
	if (request.encoding === 'json') {
		options.json = true;
		options.body = request.body as IDataObject;
	} else {
		options.headers = { 'content-type': 'application/x-www-form-urlencoded' };
		options.body = formBody(request.body);
	}
	try {
		const raw = (await context.helpers.httpRequestWithAuthentication.call(
			context,
			adapter.credentialType,
			options,
			adapter.tokenAuth ? { preAuthenticationRetryStatusCode: [...refreshStatuses] } : undefined,
		)) as { statusCode: number; headers?: Record<string, unknown>; body: unknown };
		return {
			kind: 'response',
			tries: 1,
			response: {
				statusCode: raw.statusCode,
				headers: raw.headers ?? {},
				body: parseBody(raw.body),
			},
		};
	} catch (error) {
		// `notSent: true` marks errors raised before the request left, e.g. by a credential's
		// preAuthentication that could not obtain a token.
		const raisedBeforeSending = fromCauses(error, 'notSent') === true;
		const response = responseOf(error);
		if (response !== null) {
			const answer = { ...response, body: parseBody(response.body) };
			return raisedBeforeSending
				? { kind: 'tokenRefused', response: answer }
				: { kind: 'response', tries: 1, response: answer };
		}
		const code = fromCauses(error, 'code');
		const reason = typeof code === 'string' && code !== '' ? code : 'the connection failed';
		return NOT_SENT_CODES.has(reason) || raisedBeforeSending
			? { kind: 'unreachable', reason }
			: { kind: 'ambiguous', reason };
	}
}

/**
 * A form body: an object, so that a credential can add its own form fields (n8n encodes it). A
 * list value is the field repeated once per entry (Twilio's StatusCallbackEvent): n8n would join
 * it with commas, so such a body is encoded here (its credential then adds no form fields).
 */
function formBody(body: Record<string, unknown>): IDataObject | string {
	const pairs = Object.entries(body).flatMap(([key, value]) =>
		(Array.isArray(value) ? value : [value]).map((one): [string, string] => [key, String(one)]),
	);
	return Object.values(body).some(Array.isArray)
		? new URLSearchParams(pairs).toString()
		: Object.fromEntries(pairs);
}

/** Providers sometimes label JSON as text; a body that is not JSON stays text for the adapter to judge. */
function parseBody(body: unknown): unknown {
	if (typeof body !== 'string') return body;
	try {
		return JSON.parse(body);
	} catch {
		return body;
	}
}

/**
 * Sends one provider request. 429 and 503 are retried after Retry-After, within the policy; any
 * outcome that may mean the provider took the request is returned as it is, never resent.
 */
export async function deliver(
	context: IExecuteFunctions,
	adapter: CallAdapter,
	baseUrl: string,
	request: ProviderRequest,
	policy: DeliveryPolicy = DEFAULT_POLICY,
): Promise<Delivery> {
	for (let tries = 1; ; tries++) {
		await policy.pacer?.wait();
		const delivery = await sendOnce(context, adapter, baseUrl, request, policy);
		policy.pacer?.done();
		if (delivery.kind !== 'response' || !RETRYABLE_STATUSES.has(delivery.response.statusCode)) {
			return delivery.kind === 'response' ? { ...delivery, tries } : delivery;
		}
		const wait = retryAfterMs(delivery.response.headers);
		if (tries >= policy.maxTries || wait > policy.maxRetryWaitMs) return { ...delivery, tries };
		await sleep(wait);
	}
}
