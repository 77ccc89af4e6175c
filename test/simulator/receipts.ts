/**
 * Delivers receipts as Webex documents it: each call's receipts in order, `delayMs` apart, a
 * failed POST (no 2xx answer within 10 s) retried up to 3 times. The real retry gap is 60 s;
 * the simulator waits `delayMs * 5` so tests stay fast. A receiver that keeps failing loses
 * that receipt and the call moves on to its next one. Retries repeat the same body, so
 * receivers see true duplicates, as they would from the platform. A job may ask for form
 * encoding, fewer retries (Twilio) or a later start (a call queued behind others).
 */
import * as http from 'node:http';
import * as https from 'node:https';

import type { ReceiptJob, ReceiptLogEntry } from './types';

const MAX_RETRIES = 3;
/** Webex waits 10 s for the receiver's answer. */
const ANSWER_TIMEOUT_MS = 10_000;

export class ReceiptDispatcher {
	readonly sent: ReceiptLogEntry[] = [];
	/** Pending waits, so cancelAll() can end them at once (resolving false). */
	private readonly waits = new Map<NodeJS.Timeout, (proceed: boolean) => void>();
	private readonly inFlight = new Set<http.ClientRequest>();
	private readonly running = new Set<Promise<void>>();
	/** Bumped by cancelAll(); a job started under an older generation stops at its next step. */
	private generation = 0;

	constructor(private readonly delayMs: number) {}

	schedule(job: ReceiptJob): void {
		const run = this.run(job, this.generation);
		this.running.add(run);
		void run.finally(() => this.running.delete(run));
	}

	/** Resolves once every scheduled receipt has been delivered, given up on, or cancelled. */
	async settled(): Promise<void> {
		while (this.running.size > 0) await Promise.all([...this.running]);
	}

	/** Stops all pending deliveries (reset/close); the log is kept unless `clearLog`. */
	cancelAll(clearLog: boolean): void {
		this.generation++;
		for (const [timer, resolve] of this.waits) {
			clearTimeout(timer);
			resolve(false);
		}
		this.waits.clear();
		for (const req of this.inFlight) req.destroy();
		this.inFlight.clear();
		if (clearLog) this.sent.length = 0;
	}

	private async run(job: ReceiptJob, generation: number): Promise<void> {
		let wait = this.delayMs + (job.startAfterMs ?? 0);
		for (const build of job.receipts) {
			if (!(await this.sleep(wait, generation))) return;
			wait = this.delayMs;
			const body = build(new Date());
			const raw = job.encoding === 'form' ? formEncode(body) : JSON.stringify(body);
			const headers = {
				'content-type':
					job.encoding === 'form' ? 'application/x-www-form-urlencoded' : 'application/json',
				...job.sign?.(raw),
			};
			for (let attempt = 1; attempt <= (job.retries ?? MAX_RETRIES) + 1; attempt++) {
				if (attempt > 1 && !(await this.sleep(this.delayMs * 5, generation))) return;
				const result = await this.post(job.url, raw, headers);
				if (generation !== this.generation) return;
				this.sent.push({
					time: new Date().toISOString(),
					provider: job.provider,
					url: job.url,
					body,
					attempt,
					...result,
				});
				if (result.status !== null && result.status >= 200 && result.status < 300) break;
			}
		}
	}

	/** Resolves false when cancelled while waiting, so a job never outlives reset/close. */
	private sleep(ms: number, generation: number): Promise<boolean> {
		return new Promise((resolve) => {
			if (generation !== this.generation) return resolve(false);
			const timer = setTimeout(() => {
				this.waits.delete(timer);
				resolve(generation === this.generation);
			}, ms);
			this.waits.set(timer, resolve);
		});
	}

	private post(
		url: string,
		raw: string,
		headers: Record<string, string>,
	): Promise<{ status: number | null; error?: string }> {
		return new Promise((resolve) => {
			let target: URL;
			try {
				target = new URL(url);
			} catch {
				return resolve({ status: null, error: `invalid URL ${url}` });
			}
			const client = target.protocol === 'https:' ? https : http;
			// agent: false = no keep-alive socket left behind to hold the process open.
			const req = client.request(target, {
				method: 'POST',
				agent: false,
				headers: { 'content-length': Buffer.byteLength(raw), ...headers },
				timeout: ANSWER_TIMEOUT_MS,
			});
			this.inFlight.add(req);
			const done = (result: { status: number | null; error?: string }) => {
				this.inFlight.delete(req);
				resolve(result);
			};
			req.on('response', (res) => {
				res.resume();
				res.on('end', () => done({ status: res.statusCode ?? null }));
				res.on('error', (err) => done({ status: res.statusCode ?? null, error: err.message }));
			});
			req.on('timeout', () => req.destroy(new Error(`no answer within ${ANSWER_TIMEOUT_MS} ms`)));
			req.on('error', (err) => done({ status: null, error: err.message }));
			req.end(raw);
		});
	}
}

/** A flat record as a form body: each value a field, a list's values repeat the field. */
function formEncode(body: unknown): string {
	const form = new URLSearchParams();
	for (const [name, value] of Object.entries(body as Record<string, unknown>)) {
		for (const one of Array.isArray(value) ? value : [value]) form.append(name, String(one));
	}
	return form.toString();
}
