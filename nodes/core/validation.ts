import { z } from 'zod/v4';

import { kindOf, shown } from './objects';
import { normaliseMsisdn } from './phone';

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

/** Parse options: zod's own problems (wrong type, no matching variant) told by describeIssue. */
const DESCRIBED = { error: describeIssue };

/** Parses with a schema; the first problem becomes an InputError with a readable message. */
export function checkInput<T>(schema: z.ZodType<T, unknown>, value: unknown): ParseResult<T> {
	// Without options: zod v4 takes about 1 µs longer for any parse given options, and campaigns
	// check 100,000 rows. For a problem zod found itself, the input is parsed again with
	// describeIssue as the error map, for the message; our own checks wrote theirs already.
	const result = schema.safeParse(value);
	if (result.success) return { ok: true, value: result.data };
	let issue = result.error.issues[0];
	if (issue.code !== 'custom') issue = schema.safeParse(value, DESCRIBED).error?.issues[0] ?? issue;
	const names = issue.path.filter((part): part is string => typeof part === 'string');
	const field = names.join('.') || 'input';
	// Our own checks already name the field; zod's built-in problems get it here.
	const message =
		issue.code === 'custom' ? issue.message : `${names.at(-1) ?? 'input'} ${issue.message}`;
	return { ok: false, error: new InputError(field, message) };
}

/** Like checkInput, but throws the InputError. */
export function parseInput<T>(schema: z.ZodType<T, unknown>, value: unknown): T {
	const result = checkInput(schema, value);
	if (!result.ok) throw result.error;
	return result.value;
}

/** The type names of zod v3's messages ("Expected string, received null"), which these keep. */
function typeName(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'array';
	if (typeof value === 'number') return Number.isNaN(value) ? 'nan' : 'number';
	if (typeof value !== 'object') return typeof value;
	const thenable = value as { then?: unknown; catch?: unknown };
	if (typeof thenable.then === 'function' && typeof thenable.catch === 'function') return 'promise';
	if (value instanceof Map) return 'map';
	if (value instanceof Set) return 'set';
	if (value instanceof Date) return 'date';
	return 'object';
}

/**
 * The message of a problem zod finds itself, after the field name checkInput puts first (zod's
 * error map for checkInput's parses; our own checks write their whole message).
 */
function describeIssue(issue: z.core.$ZodRawIssue): string {
	if (issue.code === 'invalid_type') {
		return issue.input === undefined
			? 'is required'
			: `is invalid: Expected ${issue.expected}, received ${typeName(issue.input)}`;
	}
	if (issue.code === 'invalid_value') {
		if (issue.inst instanceof z.core.$ZodLiteral)
			return `is invalid: Invalid literal value, expected ${JSON.stringify(issue.values[0])}`;
		return `"${shown(issue.input)}" is not one of ${issue.values.map((o) => `"${shown(o)}"`).join(', ')}`;
	}
	if (issue.code === 'invalid_union' && issue.inst instanceof z.core.$ZodDiscriminatedUnion) {
		// No variant has this discriminator (the issue's path ends with it): name the variants.
		const { _zod: union } = issue.inst;
		const options = [...(union.propValues[union.def.discriminator] ?? [])];
		return `must be one of ${options.map((o) => `"${shown(o)}"`).join(', ')}`;
	}
	return 'is invalid: Invalid input';
}

/**
 * Reports a problem found by a transform and returns z.NEVER. An issue pushed like this (not
 * marked to continue) ends this value's checks: later transforms and refinements would only see
 * z.NEVER, and zod v3 did not run them either.
 */
export function reject(ctx: z.core.ParsePayload, message: string): never {
	ctx.issues.push({ code: 'custom', message, input: ctx.value });
	return z.NEVER;
}

/**
 * A union member for any number but NaN, as zod v3's z.number() took it: v4's also refuses
 * ±Infinity, which the transforms after the unions report in their own words.
 */
export const anyNumber = z.custom<number>(
	(value) => typeof value === 'number' && !Number.isNaN(value),
);

/**
 * A required string; empty strings count as missing (n8n sends '' for untouched fields). A value
 * that is not a string at all gets describeIssue's message ("is required" when absent).
 */
export const requiredText = (field: string) =>
	z
		.string()
		.trim()
		.superRefine((value, ctx) => {
			if (value === '') ctx.addIssue({ code: 'custom', message: `${field} is required` });
		});

/** The text of an optional value: undefined when not given ('', null, undefined), null when it is no text. */
function optionalTextOf(value: unknown): string | undefined | null {
	if (value === undefined || value === null) return undefined;
	const textValue = typeof value === 'number' || typeof value === 'boolean' ? String(value) : value;
	if (typeof textValue !== 'string') return null;
	const trimmed = textValue.trim();
	return trimmed === '' ? undefined : trimmed;
}

const notText = (field: string, value: unknown) =>
	`${field} must be text, not ${Array.isArray(value) ? 'a list' : 'an object'}`;

/**
 * A field's check as plain code, for what campaigns check per row without a zod parse: the value
 * as checked, or a Refusal with the whole message (naming the field). `ruleSchema` makes the same
 * check a zod schema, for a request's fields.
 */
export type Rule<T> = (value: unknown) => T | Refusal;

/** Why a rule refuses a value: the whole message, naming the field and the value. */
export class Refusal {
	constructor(readonly message: string) {}
}

/**
 * A rule as a bare z.transform (of any input): campaigns run these for 100,000 rows, and
 * z.unknown().transform(…) costs about three times as much.
 */
export const ruleSchema = <T>(rule: Rule<T>) =>
	z.transform((value: unknown, ctx): T => {
		const checked = rule(value);
		return checked instanceof Refusal ? reject(ctx, checked.message) : checked;
	});

/**
 * An optional text; '', null and undefined all mean "not given", and numbers (a spreadsheet's
 * numeric ids) count as their text. `field` is the key it is read from, for the message.
 */
export const optionalTextRule =
	(field: string): Rule<string | undefined> =>
	(value) => {
		const text = optionalTextOf(value);
		return text === null ? new Refusal(notText(field, value)) : text;
	};

export const optionalText = (field: string) => ruleSchema(optionalTextRule(field));

export const maxChars = (field: string, max: number, provider: string) =>
	requiredText(field).superRefine((value, ctx) => {
		if (value.length > max) {
			ctx.addIssue({
				code: 'custom',
				message: `${field} is ${formatCount(value.length)} characters; ${provider} allows at most ${formatCount(max)}`,
			});
		}
	});

/** Optional text of at most `max` UTF-8 bytes. */
export const maxBytesRule =
	(field: string, max: number, provider: string): Rule<string | undefined> =>
	(value) => {
		const text = optionalTextOf(value);
		if (text === null) return new Refusal(notText(field, value));
		const bytes = text === undefined ? 0 : byteLength(text, max);
		return bytes > max
			? new Refusal(
					`${field} "${text}" is ${formatCount(bytes)} bytes; ${provider} allows at most ${formatCount(max)}`,
				)
			: text;
	};

export const maxBytes = (field: string, max: number, provider: string) =>
	ruleSchema(maxBytesRule(field, max, provider));

/** A phone number in international form, normalised to E.164. */
export const msisdn = (field: string) =>
	ruleSchema((value): string | Refusal => {
		const result = normaliseMsisdn(value);
		if (result.ok) return result.e164;
		// An object or a list (a mis-mapped column) has no text to show.
		if (typeof value === 'object' && value !== null) return new Refusal(notText(field, value));
		if (value === undefined || value === null) return new Refusal(`${field} is required`);
		if (typeof value !== 'string' && typeof value !== 'number')
			return new Refusal(`${field} must be a phone number, not ${kindOf(value)}`);
		return new Refusal(`${field} "${shown(value)}" ${result.reason}`);
	});

export const httpUrl = (field: string) =>
	optionalText(field).superRefine((value, ctx) => {
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
	z.string().transform((value, ctx) => {
		const match = values.find((allowed) => allowed.toLowerCase() === value.trim().toLowerCase());
		if (match !== undefined) return match;
		return reject(
			ctx,
			`${field} "${value}" is not one of ${values.map((v) => `"${v}"`).join(', ')}`,
		);
	});

/** A list of recipients with the provider's per-request limit in the message. */
export const recipientList = <T extends z.ZodType>(recipient: T, max: number, provider: string) =>
	z.array(recipient).superRefine((list, ctx) => {
		if (list.length === 0)
			ctx.addIssue({ code: 'custom', message: 'to is required: give at least one number' });
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
		.union([anyNumber, z.string(), z.null()])
		.optional()
		.transform((value, ctx) => {
			if (isBlank(value)) return undefined;
			const number = typeof value === 'number' ? value : Number(String(value).trim());
			if (!Number.isInteger(number))
				return reject(ctx, `${field} "${shown(value)}" is not a whole number`);
			if (number < min || (max !== undefined && number > max)) {
				const range =
					max === undefined
						? `it must be at least ${formatCount(min)}`
						: `${provider ?? 'it'} allows ${formatCount(min)} to ${formatCount(max)}`;
				return reject(ctx, `${field} is ${formatCount(number)}; ${range}`);
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
			return reject(ctx, `${field} "${shown(value)}" is neither true nor false`);
		});

/** Optional text of at most `max` characters. */
export const optionalMaxChars = (field: string, max: number, provider: string) =>
	optionalText(field).superRefine((value, ctx) => {
		if (value !== undefined && [...value].length > max) {
			ctx.addIssue({
				code: 'custom',
				message: `${field} is ${formatCount([...value].length)} characters; ${provider} allows at most ${formatCount(max)}`,
			});
		}
	});

/** Exactly one recipient: for providers whose request places a single call. */
export const singleRecipient = <T extends z.ZodType>(recipient: T, provider: string) =>
	z.array(recipient).superRefine((list, ctx) => {
		if (list.length === 0)
			ctx.addIssue({ code: 'custom', message: 'to is required: give the number to call' });
		if (list.length > 1) {
			ctx.addIssue({
				code: 'custom',
				message: `to has ${formatCount(list.length)} numbers; ${provider} places one call per item: give one number, or use Send Voice Campaign for many`,
			});
		}
	});
