/**
 * How fast an execution may start a provider's requests: the adapter's documented pace, or the
 * account's own calls per second where the credential holds it (Twilio lets an account raise its
 * rate). n8n-free: the nodes hand in the credential, and only the one field the adapter names is
 * read, so no other credential value (a secret) can reach the pace or its error message.
 */
import type { CallAdapter, CredentialFields } from './adapter';
import { kindOf } from './objects';
import { InputError } from './validation';

/** The pace requests start at: evenly to `callsPerSecond`, and `minIntervalMs` after the last ended. */
export interface RequestPace {
	/** Absent: no limit. */
	callsPerSecond?: number;
	/** Absent: none. */
	minIntervalMs?: number;
}

/** A credential field that sets the account's calls per second, and the values it may take. */
export interface CallsPerSecondField {
	/** The field's name in the credential. */
	name: string;
	/** Its name as the credential's form shows it, for messages. */
	displayName: string;
	min: number;
	max: number;
}

/**
 * The effective pace of an adapter for a credential: the credential's calls per second when the
 * adapter names a field for it (`callsPerSecondField`) and the field is set, else the adapter's
 * `callsPerSecond`. Throws InputError naming the field, the value and the limit when the value
 * is not a number within the field's bounds. What Send Voice Campaign paces its requests by, and
 * what an estimate of a campaign's duration should read.
 */
export function requestPace(
	adapter: Pick<CallAdapter, 'callsPerSecond' | 'minIntervalMs' | 'callsPerSecondField'>,
	credentials: CredentialFields,
): RequestPace {
	const pace: RequestPace = {};
	if (adapter.minIntervalMs !== undefined) pace.minIntervalMs = adapter.minIntervalMs;
	const callsPerSecond = accountCallsPerSecond(adapter.callsPerSecondField, credentials);
	if (callsPerSecond !== undefined) pace.callsPerSecond = callsPerSecond;
	else if (adapter.callsPerSecond !== undefined) pace.callsPerSecond = adapter.callsPerSecond;
	return pace;
}

/** The credential's calls per second, checked; undefined when the adapter names no field or it is empty. */
function accountCallsPerSecond(
	field: CallsPerSecondField | undefined,
	credentials: CredentialFields,
): number | undefined {
	if (field === undefined || !Object.prototype.hasOwnProperty.call(credentials, field.name))
		return undefined;
	const value = credentials[field.name];
	// Empty: a credential saved before the field existed, or cleared; the provider's default applies.
	if (value === undefined || value === null || value === '') return undefined;
	const named = `${field.displayName} (${field.name}) in the credential`;
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof number !== 'number' || !Number.isFinite(number))
		throw new InputError(
			field.name,
			`${named} must be a number from ${field.min} to ${field.max}, not ${typeof value === 'string' ? `"${value.slice(0, 40)}"` : kindOf(value)}`,
		);
	if (number < field.min || number > field.max)
		throw new InputError(
			field.name,
			`${named} is ${number}; it must be from ${field.min} to ${field.max} calls per second`,
		);
	return number;
}
