import { z } from 'zod';

import { normaliseMsisdn } from './phone';
import { toUtcIso } from './time';

/**
 * Bad input found before anything is sent. The message names the field, the value and the limit,
 * so the node can show it as it is.
 */
export class InputError extends Error {
	constructor(
		readonly field: string,
		message: string,
	) {
		super(message);
		this.name = 'InputError';
	}
}

export const formatCount = (count: number): string => count.toLocaleString('en-US');

const encoder = new TextEncoder();
/** UTF-8 length; short strings skip the encoding, as no UTF-16 unit takes more than 3 bytes. */
const byteLength = (value: string, max: number): number =>
	value.length * 3 <= max ? value.length : encoder.encode(value).length;

export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: InputError };

/** Parses with a schema; the first problem becomes an InputError with a readable message. */
export function checkInput<T>(schema: z.ZodType<T, z.ZodTypeDef, unknown>, value: unknown): ParseResult<T> {
	const result = schema.safeParse(value);
	if (result.success) return { ok: true, value: result.data };
	const issue = result.error.issues[0];
	const names = issue.path.filter((part): part is string => typeof part === 'string');
	const field = names.join('.') || 'input';
	// Our own refinements already name the field; zod's built-in messages do not.
	const message = issue.code === 'custom' ? issue.message : `${names.at(-1) ?? 'input'} ${describeIssue(issue)}`;
	return { ok: false, error: new InputError(field, message) };
}

/** Like checkInput, but throws the InputError. */
export function parseInput<T>(schema: z.ZodType<T, z.ZodTypeDef, unknown>, value: unknown): T {
	const result = checkInput(schema, value);
	if (!result.ok) throw result.error;
	return result.value;
}

function describeIssue(issue: z.ZodIssue): string {
	if (issue.code === 'invalid_type' && issue.received === 'undefined') return 'is required';
	if (issue.code === 'invalid_enum_value') {
		return `"${String(issue.received)}" is not one of ${issue.options.map((o) => `"${String(o)}"`).join(', ')}`;
	}
	if (issue.code === 'invalid_union_discriminator') {
		return `must be one of ${issue.options.map((o) => `"${String(o)}"`).join(', ')}`;
	}
	return `is invalid: ${issue.message}`;
}

/** A required string; empty strings count as missing (n8n sends '' for untouched fields). */
export const requiredText = (field: string) =>
	z.string({ required_error: `${field} is required` }).trim().superRefine((value, ctx) => {
		if (value === '') ctx.addIssue({ code: 'custom', message: `${field} is required` });
	});

/**
 * An optional text; '', null and undefined all mean "not given", and numbers (a spreadsheet's
 * numeric ids) count as their text. One transform: campaigns run this for 100,000 rows.
 */
export const optionalText = () =>
	z.unknown().transform((value, ctx): string | undefined => {
		if (value === undefined || value === null) return undefined;
		const textValue = typeof value === 'number' || typeof value === 'boolean' ? String(value) : value;
		if (typeof textValue !== 'string') {
			ctx.addIssue({ code: 'custom', message: `${ctx.path.at(-1) ?? 'value'} must be text, not ${Array.isArray(value) ? 'a list' : 'an object'}` });
			return z.NEVER;
		}
		const trimmed = textValue.trim();
		return trimmed === '' ? undefined : trimmed;
	});

export const maxChars = (field: string, max: number, provider: string) =>
	requiredText(field).superRefine((value, ctx) => {
		if (value.length > max) {
			ctx.addIssue({
				code: 'custom',
				message: `${field} is ${formatCount(value.length)} characters; ${provider} allows at most ${formatCount(max)}`,
			});
		}
	});

export const maxBytes = (field: string, max: number, provider: string) =>
	optionalText().superRefine((value, ctx) => {
		const bytes = value === undefined ? 0 : byteLength(value, max);
		if (bytes > max) {
			ctx.addIssue({
				code: 'custom',
				message: `${field} "${value}" is ${formatCount(bytes)} bytes; ${provider} allows at most ${formatCount(max)}`,
			});
		}
	});

/** A phone number in international form, normalised to E.164. */
export const msisdn = (field: string) =>
	// z.unknown with one transform: campaigns check 100,000 numbers, and a union costs several times more.
	z.unknown().transform((value, ctx) => {
		const result = normaliseMsisdn(value);
		if (result.ok) return result.e164;
		ctx.addIssue({
			code: 'custom',
			message: value === undefined || value === null ? `${field} is required` : `${field} "${String(value)}" ${result.reason}`,
		});
		return z.NEVER;
	});

/** A point in time given as ISO 8601 or UNIX epoch (seconds or milliseconds), sent as ISO in UTC. */
export const dateTime = (field: string) =>
	z
		.union([z.string(), z.number(), z.date()])
		.optional()
		.transform((value, ctx) => {
			if (value === undefined || value === '') return undefined;
			const iso = toUtcIso(value instanceof Date ? value.toISOString() : value);
			if (iso !== null) return iso;
			ctx.addIssue({
				code: 'custom',
				message: `${field} "${String(value)}" is not a date: use ISO 8601 (2026-12-01T09:00:00Z) or a UNIX time stamp`,
			});
			return z.NEVER;
		});

export const httpUrl = (field: string) =>
	optionalText().superRefine((value, ctx) => {
		if (value === undefined) return;
		let protocol = '';
		try {
			protocol = new URL(value).protocol;
		} catch {
			protocol = '';
		}
		if (protocol !== 'http:' && protocol !== 'https:') {
			ctx.addIssue({ code: 'custom', message: `${field} "${value}" is not an http(s) URL` });
		}
	});

export const oneOf = <T extends string>(field: string, values: readonly [T, ...T[]]) =>
	z.string({ required_error: `${field} is required` }).transform((value, ctx) => {
		const match = values.find((allowed) => allowed.toLowerCase() === value.trim().toLowerCase());
		if (match !== undefined) return match;
		ctx.addIssue({
			code: 'custom',
			message: `${field} "${value}" is not one of ${values.map((v) => `"${v}"`).join(', ')}`,
		});
		return z.NEVER;
	});

/** A list of recipients with the provider's per-request limit in the message. */
export const recipientList = <T extends z.ZodTypeAny>(recipient: T, max: number, provider: string) =>
	z.array(recipient).superRefine((list, ctx) => {
		if (list.length === 0) ctx.addIssue({ code: 'custom', message: 'to is required: give at least one number' });
		if (list.length > max) {
			ctx.addIssue({
				code: 'custom',
				message: `to has ${formatCount(list.length)} numbers; ${provider} allows at most ${formatCount(max)} per request`,
			});
		}
	});

const isBlank = (value: unknown): boolean =>
	value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

/**
 * An optional whole number from `min` to `max` (no upper bound when undefined). Expressions may
 * give it as text; '' and undefined mean "not given".
 */
export const optionalInteger = (field: string, min: number, max?: number, provider?: string) =>
	z
		.union([z.number(), z.string(), z.null()])
		.optional()
		.transform((value, ctx) => {
			if (isBlank(value)) return undefined;
			const number = typeof value === 'number' ? value : Number(String(value).trim());
			if (!Number.isInteger(number)) {
				ctx.addIssue({ code: 'custom', message: `${field} "${String(value)}" is not a whole number` });
				return z.NEVER;
			}
			if (number < min || (max !== undefined && number > max)) {
				const range =
					max === undefined
						? `it must be at least ${formatCount(min)}`
						: `${provider ?? 'it'} allows ${formatCount(min)} to ${formatCount(max)}`;
				ctx.addIssue({ code: 'custom', message: `${field} is ${formatCount(number)}; ${range}` });
				return z.NEVER;
			}
			return number;
		});

/** An optional yes/no; expressions may give "true"/"false". */
export const optionalBoolean = (field: string) =>
	z
		.union([z.boolean(), z.string(), z.null()])
		.optional()
		.transform((value, ctx) => {
			if (isBlank(value)) return undefined;
			if (typeof value === 'boolean') return value;
			const word = String(value).trim().toLowerCase();
			if (word === 'true') return true;
			if (word === 'false') return false;
			ctx.addIssue({ code: 'custom', message: `${field} "${String(value)}" is neither true nor false` });
			return z.NEVER;
		});

/** Optional text of at most `max` characters. */
export const optionalMaxChars = (field: string, max: number, provider: string) =>
	optionalText().superRefine((value, ctx) => {
		if (value !== undefined && [...value].length > max) {
			ctx.addIssue({
				code: 'custom',
				message: `${field} is ${formatCount([...value].length)} characters; ${provider} allows at most ${formatCount(max)}`,
			});
		}
	});

/** Exactly one recipient: for providers whose request places a single call. */
export const singleRecipient = <T extends z.ZodTypeAny>(recipient: T, provider: string) =>
	z.array(recipient).superRefine((list, ctx) => {
		if (list.length === 0) ctx.addIssue({ code: 'custom', message: 'to is required: give the number to call' });
		if (list.length > 1) {
			ctx.addIssue({
				code: 'custom',
				message: `to has ${formatCount(list.length)} numbers; ${provider} places one call per item: give one number, or use Send Voice Campaign for many`,
			});
		}
	});
