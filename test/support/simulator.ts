/**
 * Talking to the provider simulator (test/simulator) over real HTTP, as the simulator's own tests do:
 * a POST with Webex Connect's service key, a GET of its control API, and the request bodies they send.
 */
import { request } from 'undici';

import type { Simulator } from '../simulator/server';
import { fixture } from './fixtures';

/** The Webex Connect service key the simulator is started with in its tests. */
export const WEBEX_KEY = 'unit-test-key';

export interface Answer {
	status: number;
	headers: Record<string, string | string[] | undefined>;
	text: string;
	json: () => any;
}

/** POSTs `body` (a string is sent as is) with the service key, unless `key` is another one or null. */
export async function post(
	sim: Simulator,
	path: string,
	body: unknown,
	options: { key?: string | null; contentType?: string; headersTimeout?: number } = {},
): Promise<Answer> {
	const headers: Record<string, string> = {
		'content-type': options.contentType ?? 'application/json',
	};
	const key = options.key === undefined ? WEBEX_KEY : options.key;
	if (key !== null) headers.key = key;
	const res = await request(`${sim.url}${path}`, {
		method: 'POST',
		headers,
		body: typeof body === 'string' ? body : JSON.stringify(body),
		headersTimeout: options.headersTimeout,
	});
	const text = await res.body.text();
	return { status: res.statusCode, headers: res.headers, text, json: () => JSON.parse(text) };
}

export async function get(sim: Simulator, path: string): Promise<any> {
	const res = await request(`${sim.url}${path}`);
	return res.body.json();
}

/** A Webex Connect Make Call request (v2) with text-to-speech content; `overrides` replace top-level fields. */
export function v2Body(overrides: Record<string, unknown> = {}): Record<string, unknown> {
	return { ...fixture('webexConnect', 'request.makeCall'), ...overrides };
}

/** The same request with fields of its content replaced. */
export function v2Tts(overrides: Record<string, unknown>): Record<string, unknown> {
	const body = fixture('webexConnect', 'request.makeCall');
	return { ...body, content: { ...body.content, ...overrides } };
}

/** An IMIconnect Messaging API v1 request for a call flow; `overrides` replace top-level fields. */
export function v1Body(overrides: Record<string, unknown> = {}): Record<string, unknown> {
	return { ...fixture('webexConnect', 'request.messagingV1'), ...overrides };
}
