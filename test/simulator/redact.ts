/**
 * The request log as `GET /__sim/requests` shows it: the credentials a client sent are replaced,
 * so the page can be opened, shared or pasted into an issue without leaking them (the sandbox
 * prints its address). The in-process log (`Simulator.requests`) keeps everything for the tests.
 */
import type { RequestLogEntry } from './types';

export const REDACTED = '[redacted]';

/** Headers that carry credentials: Webex Connect's service key, Basic and Bearer authorisation. */
const SECRET_HEADERS = new Set([
	'key',
	'authorization',
	'proxy-authorization',
	'cookie',
	'x-api-key',
]);

/** Body and query fields that carry credentials (InnoPaaS sends its app key in the form body, Twilio a SIP password). */
const SECRET_FIELDS = new Set([
	'appkey',
	'client_secret',
	'clientsecret',
	'applicationsecret',
	'secret',
	'password',
	'apikey',
	'key',
	'access_token',
	'token',
	'sipauthpassword',
]);

const isSecretField = (name: string) => SECRET_FIELDS.has(name.toLowerCase());

function redactHeader(
	name: string,
	value: string | string[] | undefined,
): string | string[] | undefined {
	if (value === undefined || !SECRET_HEADERS.has(name.toLowerCase())) return value;
	const one = (text: string) => {
		// Keep the scheme ("Basic", "Bearer"): it tells which flow was used, and is no secret.
		const scheme = /^(\w+)\s+\S/.exec(text)?.[1];
		return scheme && name.toLowerCase().endsWith('authorization')
			? `${scheme} ${REDACTED}`
			: REDACTED;
	};
	return Array.isArray(value) ? value.map(one) : one(value);
}

function redactValue(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(redactValue);
	if (typeof value !== 'object' || value === null) return value;
	return Object.fromEntries(
		Object.entries(value).map(([name, inner]) => [
			name,
			isSecretField(name) ? REDACTED : redactValue(inner),
		]),
	);
}

function redactRawBody(raw: string, contentType: string | string[] | undefined): string {
	if (raw === '') return raw;
	if (String(contentType ?? '').includes('application/x-www-form-urlencoded')) {
		const form = new URLSearchParams(raw);
		for (const name of [...form.keys()]) if (isSecretField(name)) form.set(name, REDACTED);
		return form.toString();
	}
	try {
		return JSON.stringify(redactValue(JSON.parse(raw)));
	} catch {
		return raw;
	}
}

export function redactEntry(entry: RequestLogEntry): RequestLogEntry {
	return {
		...entry,
		query: redactValue(entry.query) as Record<string, string>,
		headers: Object.fromEntries(
			Object.entries(entry.headers).map(([name, value]) => [name, redactHeader(name, value)]),
		),
		rawBody: redactRawBody(entry.rawBody, entry.headers['content-type']),
		body: redactValue(entry.body),
	};
}
