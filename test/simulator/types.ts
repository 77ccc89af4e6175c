/**
 * Types shared by the simulator core (server.ts, receipts.ts) and the provider files in
 * providers/. A provider only sees these types, so adding one never touches the core's internals.
 */
import type { IncomingHttpHeaders } from 'node:http';

/** What the simulator core itself takes; each provider's account options come from its file. */
export interface CoreOptions {
	/** 0 (the default) picks a free port. */
	port?: number;
	/** Default 127.0.0.1. */
	host?: string;
	/** Delay before the first receipt of a call and between its receipts. Default 20 ms. */
	receiptDelayMs?: number;
	/** Send receipts at all. Default true. */
	receipts?: boolean;
	/** How long a `hang` fault holds the socket before destroying it. Default 60000 ms. */
	hangMs?: number;
}

export type FaultKind = '429' | '500' | '503' | 'malformed' | 'hang' | 'reset';
export const FAULT_KINDS: readonly FaultKind[] = [
	'429',
	'500',
	'503',
	'malformed',
	'hang',
	'reset',
];

export interface Fault {
	/** Path prefix the fault applies to; any provider path when absent. */
	path?: string;
	kind: FaultKind;
	/** Seconds, sent as `Retry-After` with 429 and 503. */
	retryAfter?: number;
	/** How many matching requests the fault applies to. Default 1. */
	times?: number;
	/** Matching requests to let through untouched first, e.g. 1 to hit a campaign's second batch. */
	skip?: number;
}

/** A request as a provider handler sees it: the whole body has been read. */
export interface SimRequest {
	method: string;
	/** Path without the query string. */
	path: string;
	query: URLSearchParams;
	headers: IncomingHttpHeaders;
	rawBody: string;
}

/** What a handler answers. `code`/`reason` only feed the request log (tests read why). */
export interface SimResponse {
	status: number;
	headers?: Record<string, string>;
	/** Raw body text; no body when absent. */
	body?: string;
	/** Provider error or success code, e.g. "7003" or "1001". */
	code?: string;
	/** Human explanation of a rejection. */
	reason?: string;
	/** Things the real platform tolerates but a client should not send (e.g. an ignored field value). */
	warnings?: string[];
}

/** One receipt body still to be sent; built when its turn comes so its timestamp is current. */
export type ReceiptBuilder = (now: Date) => unknown;

/** All receipts for one call (one number), delivered in order. */
export interface ReceiptJob {
	provider: string;
	url: string;
	receipts: ReceiptBuilder[];
	/** Extra headers computed from the exact raw body sent (signatures). */
	sign?: (rawBody: string) => Record<string, string>;
	/** How bodies are sent: JSON (the default) or form-encoded (string values; arrays repeat the field). */
	encoding?: 'json' | 'form';
	/** Waits this long before the first receipt too (a call queued behind others). Default 0. */
	startAfterMs?: number;
	/** Tries after a failed POST. Default 3 (Webex Connect's); a provider that does not retry says 0. */
	retries?: number;
}

/** What the core lends a provider handler. */
export interface ProviderContext<Account extends object = object> {
	/** The account the simulator was started with (the provider's defaults where none was given). */
	options: Readonly<Account>;
	/** Record that a number (or customer id) was accepted for dialling. */
	countDial(destination: string): void;
	/** Queue receipts for one call; ignored when receipts are disabled. */
	sendReceipts(job: ReceiptJob): void;
}

export interface ProviderRoute<Account extends object = object> {
	method: string;
	/** Exact path, e.g. `/v2/messages`. */
	path: string;
	handle(req: SimRequest, ctx: ProviderContext<Account>): SimResponse;
	/** Body for an injected 429/500/503 on this route; no body when absent. */
	faultBody?(kind: '429' | '500' | '503'): { body: string; code?: string } | undefined;
}

export interface Provider<Account extends object = object> {
	/** Short name used in logs, e.g. `webexConnect`. */
	name: string;
	routes: ProviderRoute<Account>[];
	/**
	 * Control endpoints of this provider (e.g. expiring tokens), served under `/__sim` + path,
	 * never logged and never faulted. Paths start with `/<provider name>/`.
	 */
	control?: ProviderRoute<Account>[];
	/** Forgets the provider's own state (tokens, rate limits, names) on the simulator's reset(). */
	reset?(): void;
}

/**
 * What a provider's simulator file exports: the account it accepts unless a test names another
 * (option names unique across providers, e.g. `webexServiceKey`), and its routes.
 */
export interface SimulatorProvider<Account extends object> {
	defaults: Account;
	/** Called once per simulator, so a provider may keep state (e.g. issued tokens) in a closure. */
	create(): Provider<Account>;
}

export interface RequestLogEntry {
	/** Sequence number, from 1. */
	id: number;
	time: string;
	method: string;
	path: string;
	query: Record<string, string>;
	headers: IncomingHttpHeaders;
	rawBody: string;
	/** JSON or form body parsed for convenience; undefined when it does not parse. */
	body: unknown;
	/** Name of the provider owning the path; null for unknown paths. */
	provider: string | null;
	/** Injected fault that hit this request, if any. */
	fault?: FaultKind;
	/** Filled in once answered (or, for hang/reset, once the handler ran). */
	response?: { status: number; code?: string; reason?: string };
	warnings: string[];
}

export interface ReceiptLogEntry {
	time: string;
	provider: string;
	url: string;
	body: unknown;
	/** 1 for the first try, up to 4 with retries. */
	attempt: number;
	/** HTTP status the receiver answered; null when the POST failed without an answer. */
	status: number | null;
	error?: string;
}
