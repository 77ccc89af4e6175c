/**
 * Date-time fields of provider requests: strict (a day the calendar does not have is refused, never
 * moved) and read in the call's time zone when they carry none. Plain zod, no n8n.
 */
import { z } from 'zod/v4';

import { shown } from './objects';
import { isDateTimeLike, isoOf, isValidTimeZone, readTime } from './time';
import { anyNumber, optionalText, reject } from './validation';

/** A luxon DateTime, as n8n's date expressions ($now, $today, DateTime) give them. */
const luxonDateTime = z.custom<{ toISO(): unknown }>((value) => isDateTimeLike(value));

/** A date-time as given, checked to be one; its zone is applied by `inTimeZone`. */
export type GivenTime = string | number | Date | { toISO(): unknown };

/**
 * A point in time given as ISO 8601 or UNIX epoch (seconds or milliseconds), a Date or a luxon
 * DateTime. The calendar is strict: 30 February or 10:60 is refused with the reason, never moved.
 * The value stays as given: the schema's `inTimeZone` reads it in the call's `timeZone` and sends
 * it as ISO 8601 in UTC.
 */
export const dateTime = (field: string) =>
	z
		.union([z.string(), anyNumber, z.date(), luxonDateTime])
		.optional()
		.transform((value, ctx): GivenTime | undefined => {
			if (value === undefined || value === '') return undefined;
			// Zone-independent problems now (no time at all, no such day); the zone's own with inTimeZone.
			const reading = readTime(value, 'UTC');
			if (!reading.ok && !reading.reason.startsWith('is out of range'))
				return reject(ctx, `${field} "${shownTime(value)}" ${reading.reason}`);
			return typeof value === 'string' ? value.trim() : value;
		});

/** A time as the user gave it, for a message. */
export function shownTime(value: unknown): string {
	if (value instanceof Date)
		return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
	if (isDateTimeLike(value)) return isoOf(value) ?? 'Invalid DateTime';
	return shown(value);
}

/** The IANA zone in which a call's zone-less times are read (the node passes the workflow's); default UTC. */
export const timeZoneField = optionalText('timeZone').superRefine((value, ctx) => {
	if (value !== undefined && !isValidTimeZone(value)) {
		ctx.addIssue({
			code: 'custom',
			message: `timeZone "${value}" is not an IANA time zone such as Asia/Shanghai or Europe/London`,
		});
	}
});

/**
 * The last step of a schema with `dateTime` fields and a `timeZone`: each of `names` read in that
 * zone (UTC when none) and given as ISO 8601 in UTC, or refused with the field, the value and why
 * (a time the zone skips, a time before 1970 or after 9999).
 */
export function inTimeZone<K extends string>(...names: K[]) {
	return <T extends { timeZone?: string } & { [P in K]?: GivenTime }>(
		call: T,
		ctx: z.core.ParsePayload | z.RefinementCtx,
	) => {
		type Resolved = Omit<T, K> & { [P in K]?: string };
		// Input already found wrong goes no further.
		if (ctx.issues.length > 0) return z.NEVER as unknown as Resolved;
		const zone = call.timeZone ?? 'UTC';
		const resolved: Record<string, unknown> = { ...call };
		for (const name of names) {
			const given = call[name];
			if (given === undefined) continue;
			const reading = readTime(given, zone);
			if (reading.ok) {
				resolved[name] = new Date(reading.ms).toISOString();
			} else {
				ctx.issues.push({
					code: 'custom',
					path: [name],
					message: `${name} "${shownTime(given)}" ${reading.reason}`,
					input: given,
				});
			}
		}
		return resolved as Resolved;
	};
}
