/**
 * A provider simulator: one real HTTP server standing in for the providers' API hosts, so the
 * nodes can be tested without the internet. Each provider lives in providers/ and contributes
 * routes; this file owns what they share: body reading, the request log, dial counters, injected
 * faults, receipt delivery and the `/__sim/` control API another process can drive.
 * To add a provider, write providers/<name>.ts exporting a ProviderFactory and list it in
 * PROVIDERS below.
 *
 * Control API (no auth; for a separately running n8n's tests):
 *   POST /__sim/faults    a Fault as JSON → 201    GET /__sim/requests  the request log, credentials redacted
 *   GET  /__sim/dials     { number: count }        GET /__sim/receipts  the receipt log
 *   POST /__sim/reset     → 204
 *   plus each provider's own (`Provider.control`), e.g. POST /__sim/routee/tokens/expire
 *
 * Faults model what goes wrong between a client and a provider:
 * - 429 / 500 / 503: answered before the provider sees the request (nobody is dialled).
 * - malformed: the provider handles the request (dials count, receipts follow), but the body
 *   that comes back is cut short and is no longer JSON.
 * - hang: handled like a success, then no answer ever comes; after `hangMs` the socket is
 *   destroyed. This is the ambiguous case: the calls were placed and receipts do arrive.
 * - reset: handled like a success, then the connection is reset instead of answered.
 * Faults never apply to `/__sim/` requests, which are not logged either.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

import { innoPaas } from './providers/innoPaas';
import { routee } from './providers/routee';
import { twilio } from './providers/twilio';
import { webexConnect } from './providers/webexConnect';
import { ReceiptDispatcher } from './receipts';
import { redactEntry } from './redact';
import {
	FAULT_KINDS,
	type Fault,
	type Provider,
	type ProviderContext,
	type ProviderFactory,
	type ProviderRoute,
	type ReceiptLogEntry,
	type RequestLogEntry,
	type ResolvedOptions,
	type SimResponse,
	type SimulatorOptions,
} from './types';
import { isObject } from './validation';

export type { Fault, FaultKind, ReceiptLogEntry, RequestLogEntry, SimulatorOptions } from './types';

/** One entry per provider file. */
const PROVIDERS: ProviderFactory[] = [webexConnect, routee, innoPaas, twilio];

const CONTROL_PREFIX = '/__sim/';

export interface Simulator {
	/** Base URL, e.g. `http://127.0.0.1:40123`. */
	readonly url: string;
	readonly options: Readonly<ResolvedOptions>;
	/** Every provider request received, oldest first (control requests excluded). */
	readonly requests: readonly RequestLogEntry[];
	/** Every receipt POST attempt, oldest first. */
	readonly receiptsSent: readonly ReceiptLogEntry[];
	/** Times this number (or v1 customer id) was accepted for dialling. */
	dialCount(msisdn: string): number;
	dialCounts(): Record<string, number>;
	/** Queues a fault for the next matching request(s). */
	injectFault(fault: Fault): void;
	/** Resolves when no receipt is waiting to be delivered. */
	receiptsSettled(): Promise<void>;
	/** Forgets requests, dials, receipts and faults; cancels pending receipts. Connections stay. */
	reset(): void;
	/** Stops the server, destroys every socket (hung ones too) and cancels pending receipts. */
	close(): Promise<void>;
}

interface PendingFault extends Fault {
	remaining: number;
	toSkip: number;
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
	const resolved: ResolvedOptions = {
		port: options.port ?? 0,
		host: options.host ?? '127.0.0.1',
		webexServiceKey: options.webexServiceKey ?? 'sim-webex-key',
		webexHubSecret: options.webexHubSecret,
		receiptDelayMs: options.receiptDelayMs ?? 20,
		receipts: options.receipts ?? true,
		hangMs: options.hangMs ?? 60_000,
		routeeApplicationId: options.routeeApplicationId ?? 'sim-routee-app',
		routeeApplicationSecret: options.routeeApplicationSecret ?? 'sim-routee-secret',
		routeeTokenTtlMs: options.routeeTokenTtlMs ?? 3_600_000,
		innoPaasAppId: options.innoPaasAppId ?? 'sim-innopaas-app',
		innoPaasAppKey: options.innoPaasAppKey ?? 'sim-innopaas-key',
	};
	const providers: Provider[] = PROVIDERS.map((factory) => factory());
	const requests: RequestLogEntry[] = [];
	const dials = new Map<string, number>();
	const faults: PendingFault[] = [];
	const dispatcher = new ReceiptDispatcher(resolved.receiptDelayMs);
	const hangTimers = new Set<NodeJS.Timeout>();
	let nextRequestId = 1;

	const ctx: ProviderContext = {
		options: resolved,
		countDial(destination) {
			dials.set(destination, (dials.get(destination) ?? 0) + 1);
		},
		sendReceipts(job) {
			if (resolved.receipts) dispatcher.schedule(job);
		},
	};

	function injectFault(fault: Fault): void {
		faults.push({ ...fault, remaining: fault.times ?? 1, toSkip: fault.skip ?? 0 });
	}

	function takeFault(path: string): PendingFault | undefined {
		const index = faults.findIndex((f) => f.path === undefined || path.startsWith(f.path));
		if (index < 0) return undefined;
		const fault = faults[index];
		if (fault.toSkip > 0) {
			fault.toSkip--;
			return undefined;
		}
		if (--fault.remaining <= 0) faults.splice(index, 1);
		return fault;
	}

	function reset(): void {
		requests.length = 0;
		dials.clear();
		faults.length = 0;
		dispatcher.cancelAll(true);
		nextRequestId = 1;
		for (const provider of providers) provider.reset?.();
	}

	/** The provider owning `path`, its route for `method` (if any) and the methods it allows. */
	function findRoute(
		method: string,
		path: string,
	): { provider: Provider; route?: ProviderRoute; allowed: string[] } | undefined {
		for (const provider of providers) {
			const onPath = provider.routes.filter((r) => r.path === path);
			if (onPath.length > 0) {
				const route = onPath.find((r) => r.method === method);
				return { provider, route, allowed: onPath.map((r) => r.method) };
			}
		}
		return undefined;
	}

	function dispatch(req: http.IncomingMessage, res: http.ServerResponse, rawBody: string): void {
		const url = new URL(req.url ?? '/', 'http://simulator');
		const method = req.method ?? 'GET';
		if (url.pathname.startsWith(CONTROL_PREFIX)) return control(method, url.pathname, rawBody, res);

		const found = findRoute(method, url.pathname);
		const entry: RequestLogEntry = {
			id: nextRequestId++,
			time: new Date().toISOString(),
			method,
			path: url.pathname,
			query: Object.fromEntries(url.searchParams),
			headers: req.headers,
			rawBody,
			body: parseForLog(rawBody, req.headers['content-type']),
			provider: found?.provider.name ?? null,
			warnings: [],
		};
		requests.push(entry);

		const fault = takeFault(url.pathname);
		entry.fault = fault?.kind;
		if (fault && (fault.kind === '429' || fault.kind === '500' || fault.kind === '503')) {
			const custom = found?.route?.faultBody?.(fault.kind);
			const headers: Record<string, string> = {};
			if (fault.retryAfter !== undefined && fault.kind !== '500') {
				headers['retry-after'] = String(fault.retryAfter);
			}
			if (custom) headers['content-type'] = 'application/json';
			return send(res, entry, {
				status: Number(fault.kind),
				headers,
				body: custom?.body,
				code: custom?.code,
			});
		}

		let answer: SimResponse;
		if (!found) {
			answer = jsonAnswer(404, { message: `no simulated endpoint at ${method} ${url.pathname}` });
		} else if (!found.route) {
			answer = {
				...jsonAnswer(405, { message: `${method} not allowed` }),
				headers: { allow: found.allowed.join(', ') },
			};
		} else {
			try {
				answer = found.route.handle(
					{ method, path: url.pathname, query: url.searchParams, headers: req.headers, rawBody },
					ctx,
				);
			} catch (error) {
				// A simulator bug, not a provider answer: make it loud in the log.
				answer = jsonAnswer(500, { message: `simulator error: ${(error as Error).stack}` });
			}
		}
		entry.warnings.push(...(answer.warnings ?? []));

		if (fault?.kind === 'hang') {
			entry.response = { status: answer.status, code: answer.code, reason: answer.reason };
			const timer = setTimeout(() => {
				hangTimers.delete(timer);
				req.socket.destroy();
			}, resolved.hangMs);
			hangTimers.add(timer);
			return;
		}
		if (fault?.kind === 'reset') {
			entry.response = { status: answer.status, code: answer.code, reason: answer.reason };
			req.socket.resetAndDestroy();
			return;
		}
		if (fault?.kind === 'malformed') {
			// Cut the real answer in half: still the success status, but no longer JSON.
			const body = answer.body ?? '';
			answer = { ...answer, body: body.slice(0, Math.floor(body.length / 2)) + '<html>' };
		}
		send(res, entry, answer);
	}

	function control(method: string, path: string, rawBody: string, res: http.ServerResponse): void {
		const route = `${method} ${path}`;
		if (route === 'POST /__sim/faults') {
			let fault: unknown;
			try {
				fault = JSON.parse(rawBody);
			} catch {
				fault = undefined;
			}
			const problem = faultProblem(fault);
			if (problem) return writeJson(res, 400, { error: problem });
			injectFault(fault as Fault);
			return writeJson(res, 201, { queued: fault });
		}
		if (route === 'GET /__sim/requests') return writeJson(res, 200, requests.map(redactEntry));
		if (route === 'GET /__sim/dials') return writeJson(res, 200, Object.fromEntries(dials));
		if (route === 'GET /__sim/receipts') return writeJson(res, 200, dispatcher.sent);
		if (route === 'POST /__sim/reset') {
			reset();
			res.writeHead(204).end();
			return;
		}
		const own = providers
			.flatMap((provider) => provider.control ?? [])
			.find((r) => r.method === method && `/__sim${r.path}` === path);
		if (own) {
			const answer = own.handle(
				{ method, path, query: new URLSearchParams(), headers: {}, rawBody },
				ctx,
			);
			res
				.writeHead(
					answer.status,
					answer.body === undefined ? {} : { 'content-type': 'application/json' },
				)
				.end(answer.body);
			return;
		}
		writeJson(res, 404, { error: `unknown control endpoint ${route}` });
	}

	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => dispatch(req, res, Buffer.concat(chunks).toString('utf8')));
		// A client that gives up mid-body: there is nobody left to answer.
		req.on('error', () => undefined);
	});

	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(resolved.port, resolved.host, () => {
			server.off('error', reject);
			resolve();
		});
	});
	const { port } = server.address() as AddressInfo;
	const host = resolved.host.includes(':') ? `[${resolved.host}]` : resolved.host;

	return {
		url: `http://${host}:${port}`,
		options: { ...resolved, port },
		requests,
		receiptsSent: dispatcher.sent,
		dialCount: (msisdn) => dials.get(msisdn) ?? 0,
		dialCounts: () => Object.fromEntries(dials),
		injectFault,
		receiptsSettled: () => dispatcher.settled(),
		reset,
		close: () =>
			new Promise<void>((resolve) => {
				dispatcher.cancelAll(false);
				for (const timer of hangTimers) clearTimeout(timer);
				hangTimers.clear();
				// close() stops accepting; closeAllConnections() also ends busy (hung) sockets.
				server.close(() => resolve());
				server.closeAllConnections();
			}),
	};
}

function send(res: http.ServerResponse, entry: RequestLogEntry, answer: SimResponse): void {
	entry.response = { status: answer.status, code: answer.code, reason: answer.reason };
	const headers: Record<string, string> = { ...answer.headers };
	if (
		answer.body !== undefined &&
		!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')
	) {
		headers['content-type'] = 'application/json';
	}
	res.writeHead(answer.status, headers);
	res.end(answer.body);
}

function jsonAnswer(status: number, body: unknown): SimResponse {
	return { status, body: JSON.stringify(body) };
}

function writeJson(res: http.ServerResponse, status: number, body: unknown): void {
	res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

function parseForLog(raw: string, contentType: string | undefined): unknown {
	if (raw === '') return undefined;
	if (contentType?.includes('application/x-www-form-urlencoded')) {
		return Object.fromEntries(new URLSearchParams(raw));
	}
	try {
		return JSON.parse(raw);
	} catch {
		return undefined;
	}
}

/** Why a fault posted to the control API is unusable, or undefined when it is fine. */
function faultProblem(fault: unknown): string | undefined {
	if (!isObject(fault)) return 'body must be a JSON object';
	if (!FAULT_KINDS.includes(fault.kind as never)) {
		return `kind must be one of ${FAULT_KINDS.join(', ')}`;
	}
	if (fault.path !== undefined && typeof fault.path !== 'string') return 'path must be a string';
	if (
		fault.retryAfter !== undefined &&
		!(typeof fault.retryAfter === 'number' && fault.retryAfter >= 0)
	) {
		return 'retryAfter must be a number of seconds';
	}
	if (
		fault.times !== undefined &&
		!(Number.isInteger(fault.times) && (fault.times as number) > 0)
	) {
		return 'times must be a positive integer';
	}
	if (fault.skip !== undefined && !(Number.isInteger(fault.skip) && (fault.skip as number) >= 0)) {
		return 'skip must be a whole number';
	}
	return undefined;
}
