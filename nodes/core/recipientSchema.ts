import { z } from 'zod/v4';

import { checkInput, Refusal, ruleSchema, type ParseResult, type Rule } from './validation';

/** One field of a recipient: a plain rule (checked without zod for each campaign row) or a schema. */
type FieldCheck = Rule<unknown> | z.ZodType;

type SchemaOf<F> = F extends z.ZodType
	? F
	: F extends (value: unknown) => infer Out
		? z.ZodType<Exclude<Out, Refusal>, unknown>
		: never;

type Fields = { to: z.ZodType<string, unknown> } & Record<string, FieldCheck>;

/** A recipient as the campaign plan hands it over: `to` already normalised, the row's other fields. */
export type PlannedRecipient = { to: string } & Record<string, unknown>;

/**
 * A provider's recipient: a zod object (for a request's list of recipients), which also checks
 * one recipient of a campaign plan on its own (`checkPlanned`).
 */
export type RecipientSchema<T> = z.ZodType<T, unknown> & {
	/**
	 * The same result as parsing `recipient` with the schema, for a recipient whose `to` the plan
	 * has already normalised (E.164 and valid in its country, which every provider's `to` takes as
	 * it is): `to` is not read again, and the other fields are checked by their plain rules, as a
	 * campaign checks 100,000 rows and a zod object parse costs about a microsecond each. A refused
	 * field is told by the schema itself, so the message is the schema's.
	 */
	checkPlanned(recipient: PlannedRecipient): ParseResult<T>;
};

const REFUSED = new Refusal('refused by its schema');

/** A schema as a rule: its output, or REFUSED. */
const passes =
	(schema: z.ZodType): Rule<unknown> =>
	(value) => {
		const parsed = schema.safeParse(value);
		return parsed.success ? parsed.data : REFUSED;
	};

/** A recipient of these fields, in this order (the first refused one is the error); other keys are dropped. */
export function recipientSchema<F extends Fields>(
	fields: F,
): RecipientSchema<z.output<z.ZodObject<{ [K in keyof F]: SchemaOf<F[K]> }>>> {
	type Recipient = z.output<z.ZodObject<{ [K in keyof F]: SchemaOf<F[K]> }>>;
	const shape = Object.fromEntries(
		Object.entries(fields).map(([key, check]) => [
			key,
			check instanceof z.ZodType ? check : ruleSchema(check),
		]),
	) as { [K in keyof F]: SchemaOf<F[K]> };
	const schema = z.object(shape);
	// Each field as a plain rule; a schema's refusal is told again by the whole schema below.
	const keys = Object.keys(fields);
	const rules = keys.map((key): Rule<unknown> => {
		const check = fields[key];
		return check instanceof z.ZodType ? passes(check) : check;
	});
	const checkPlanned = (recipient: PlannedRecipient): ParseResult<Recipient> => {
		const value: Record<string, unknown> = {};
		for (let index = 0; index < keys.length; index++) {
			const key = keys[index];
			const checked = key === 'to' ? recipient.to : rules[index](recipient[key]);
			if (checked instanceof Refusal) return checkInput(schema, recipient);
			value[key] = checked;
		}
		return { ok: true, value: value as Recipient };
	};
	return Object.assign(schema, { checkPlanned });
}
