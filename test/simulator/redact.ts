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

/**
 * A URL in a request body (a Notify URL, a callback URL, a Bill URL) with its user info and query
 * values redacted: they carry the receipts' secrets (a query secret under any name the user chose,
 * Basic auth user and password, n8n's resume URL signature). Other text is left as it is.
 */
function redactUrl(text: string): string {
	if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text.trim())) return text;
	let url: URL;
	try {
		url = new URL(text.trim());
	} catch {
		return text;
	}
	if (url.username !== '') url.username = REDACTED;
	if (url.password !== '') url.password = REDACTED;
	for (const name of [...new Set(url.searchParams.keys())]) url.searchParams.set(name, REDACTED);
	return url.toString();
}

function redactValue(value: unknown): unknown {
	if (typeof value === 'string') return redactUrl(value);
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
		for (const name of [...new Set(form.keys())]) {
			const values = form.getAll(name);
			form.delete(name);
			for (const value of values)
				form.append(name, isSecretField(name) ? REDACTED : redactUrl(value));
		}
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
