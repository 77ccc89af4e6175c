import type { z } from 'zod/v4';

import type { WindowSupport } from './callingWindow/support';
import type { CallEvent, ReceiptParseOptions, ReceiptProvider } from './events';
import type { CallsPerSecondField } from './pace';
import type { RecipientSchema } from './recipientSchema';

/** An HTTP request as a provider expects it, before n8n adds the credential. */
export interface ProviderRequest {
	method: 'POST' | 'GET';
	/** Path below the credential's base URL. */
	path: string;
	encoding: 'json' | 'form';
	/** In a form body, a list value is the field repeated once per entry. */
	body: Record<string, unknown>;
}

export interface ProviderResponse {
	statusCode: number;
	headers: Record<string, unknown>;
	/** Parsed JSON when the provider sent JSON, otherwise the raw text. */
	body: unknown;
}

/** One person to call, as the nodes hand them to an adapter. */
export interface Recipient {
	/** E.164, validated by the adapter's schema. */
	to: string;
	correlationId?: string;
}

export interface RecipientOutcome {
	to: string;
	status: 'queued' | 'rejected';
	messageId: string | null;
	correlationId: string | null;
	code: string | null;
	message: string | null;
}

/**
 * What a provider's answer means:
 * - accepted: it took the request; each recipient is queued or individually rejected;
 * - error: it refused the whole request (its code and message);
 * - ambiguous: it answered, but not in a way that tells whether calls were placed.
 */
export type ProviderOutcome =
	| {
			kind: 'accepted';
			requestedAt: string | null;
			/** The provider's id for the whole request when it gives one (a Routee campaign's trackingId). */
			campaignId?: string | null;
			recipients: RecipientOutcome[];
	  }
	| { kind: 'error'; httpStatus: number; code: string; message: string }
	| { kind: 'ambiguous'; message: string };

/** Credential fields an adapter may read: its base URL, and the non-secret fields of `requestFields`. */
export type CredentialFields = Record<string, unknown>;

/**
 * A provider path for placing calls. Plain TypeScript: it validates a normalised request, builds
 * the HTTP request and reads the answer. It knows nothing of n8n and does no I/O.
 */
export interface CallAdapter<
	Call extends { recipients: Recipient[] } = { recipients: Recipient[] },
> {
	/** The value of the nodes' `provider` option. */
	id: string;
	displayName: string;
	/** The n8n credential type holding this provider's secrets. */
	credentialType: string;
	/**
	 * Recipients one request may carry. 1 for a campaign adapter is single-call mode: Send Voice
	 * Campaign sends one request per recipient, `concurrency` at once and at `callsPerSecond`.
	 */
	maxRecipientsPerRequest: number;
	/** The most requests in flight at once in a campaign; the user's Concurrency is capped to it. */
	concurrency?: number;
	/**
	 * The provider's documented rate: within one execution, requests start at most this many per
	 * second (spaced evenly, whatever the concurrency; see Pacer). Absent: no limit.
	 */
	callsPerSecond?: number;
	/**
	 * A credential field holding the account's own calls per second, for providers that let an
	 * account raise its rate (Twilio): when set, it replaces `callsPerSecond`, within the field's
	 * bounds (see requestPace). Only this field of the credential is read for the pace.
	 */
	callsPerSecondField?: CallsPerSecondField;
	/**
	 * The credential's non-secret fields `buildRequest` reads (an account id in the path). Only
	 * these are handed to it, so a secret can never end up in a request's path or body.
	 */
	requestFields?: readonly string[];
	/** Whether the credential holds a token that the provider may expire (refresh once on 401). */
	tokenAuth: boolean;
	/**
	 * With `tokenAuth`: the statuses that mean "token expired or revoked", after which n8n fetches a
	 * new token once and repeats the request. Default [401].
	 */
	tokenRefreshStatuses?: readonly number[];
	/**
	 * The provider's documented pace for this endpoint: within one execution, a request starts at
	 * least this many milliseconds after the previous one ended (see Pacer). Absent: no pacing.
	 */
	minIntervalMs?: number;
	/** Validates and normalises input; throws InputError via parseInput. */
	schema: z.ZodType<Call, unknown>;
	/**
	 * Validates one recipient on its own (the same rules `schema` applies to each entry of
	 * `recipients`), so a campaign can refuse a single bad row and still call everyone else.
	 */
	recipientSchema: RecipientSchema<Call['recipients'][number]>;
	/**
	 * For campaigns: recipients with different keys never share a request (InnoPaaS takes one
	 * country per request). Absent: any recipients may share one.
	 */
	batchKey?(recipient: Call['recipients'][number]): string;
	/**
	 * For campaigns: the request for one batch, knowing whether it is the campaign's only one
	 * (Routee campaign names must be unique, and its contacts and groups called once, not per batch).
	 */
	forBatch?(call: Call, batchIndex: number, onlyBatch: boolean): Call;
	/**
	 * The Calling Window's view of this path: how late its phone may ring, and whether it takes a
	 * send time (Schedule) or redials. Absent: a minute's margin, no Schedule (core/callingWindow/support.ts).
	 */
	window?: WindowSupport<Call>;
	baseUrl(credentials: CredentialFields): string;
	/** The request for a validated call; `credentials` holds the `requestFields` (see requestFieldsOf). */
	buildRequest(call: Call, credentials?: CredentialFields): ProviderRequest;
	parseResponse(call: Call, response: ProviderResponse): ProviderOutcome;
}

/** Turns one provider's receipt payloads into events of the one event model. */
export interface ReceiptParser {
	provider: ReceiptProvider;
	/** Whether a parsed body looks like this provider's receipt. */
	matches(body: unknown): boolean;
	/** One event per receipt in the body; a receipt with an unknown status becomes `unknown`. */
	parse(body: unknown, options?: ReceiptParseOptions): CallEvent[];
	/** The keypad (DTMF) digits one receipt reports, where the provider reports them; null when none. */
	digits?(receipt: unknown): string | null;
}

/** The credential's fields an adapter builds requests from (its `requestFields`), and nothing else. */
export function requestFieldsOf(
	adapter: Pick<CallAdapter, 'requestFields'>,
	credentials: CredentialFields,
): CredentialFields {
	return Object.fromEntries(
		(adapter.requestFields ?? [])
			.filter((name) => Object.prototype.hasOwnProperty.call(credentials, name))
			.map((name) => [name, credentials[name]]),
	);
}
