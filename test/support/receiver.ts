/**
 * A stand-in for the URL a provider posts receipts to (n8n's webhook, a notify URL, a billUrl): it
 * records every POST and answers 500 to the first `failFirst` of them, 200 to the others.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Delivery<Body> {
	headers: http.IncomingHttpHeaders;
	raw: string;
	/** The body parsed as JSON; undefined if it is not JSON. */
	body: Body;
}

export interface Receiver<Body> {
	url: string;
	/** Every POST, in the order they arrived. */
	received: Array<Delivery<Body>>;
	/** The parsed bodies of `received`. */
	readonly bodies: Body[];
	/** Forgets what was received. */
	clear(): void;
	close(): Promise<void>;
}

export async function startReceiver<Body = any>(
	options: { path?: string; failFirst?: number } = {},
): Promise<Receiver<Body>> {
	const received: Array<Delivery<Body>> = [];
	let failuresLeft = options.failFirst ?? 0;
	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const raw = Buffer.concat(chunks).toString('utf8');
			received.push({ headers: req.headers, raw, body: parseJson(raw) as Body });
			if (failuresLeft > 0) {
				failuresLeft--;
				res.writeHead(500).end();
			} else {
				res.writeHead(200).end();
			}
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}${options.path ?? '/receipts'}`,
		received,
		get bodies() {
			return received.map((delivery) => delivery.body);
		},
		clear: () => {
			received.length = 0;
		},
		close: () =>
			new Promise<void>((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			}),
	};
}

function parseJson(raw: string): unknown {
	try {
		return JSON.parse(raw);
	} catch {
		return undefined;
	}
}
