/**
 * Guardrails for agent and bulk use, n8n-free: which numbers a node may dial (Allowed
 * Destinations) and how many calls it may place in one workflow execution (Max Calls per Run).
 * Every refusal is a sentence that names the number and the rule, written so that a person and
 * an AI model both understand why nothing was dialled.
 */
import { countryOfE164, isKnownCountry } from './phone';
import { InputError } from './validation';

/** A call a guardrail refused: nothing was dialled for it. */
export class GuardrailError extends InputError {
	constructor(message: string) {
		super('to', message);
		this.name = 'GuardrailError';
	}
}

/** Allowed Destinations, read: ISO countries and number prefixes (E.164, with "+"). */
export interface DestinationRule {
	countries: string[];
	prefixes: string[];
	/** The rule as the user wrote it, normalised ("GB, +1800"). */
	text: string;
}

export type DestinationRuleResult =
	| { ok: true; rule: DestinationRule | null }
	| { ok: false; message: string };

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });

/** "France (FR)", or the code alone when the runtime has no name for it. */
export function countryLabel(code: string): string {
	let name: string | undefined;
	try {
		name = regionNames.of(code);
	} catch {
		name = undefined;
	}
	return name === undefined || name === code ? code : `${name} (${code})`;
}

/**
 * Reads Allowed Destinations: entries separated by commas, semicolons or new lines, each a country
 * code (`GB`, `de`) or a number prefix (`+44`, `+1 800`, `0044`). Empty: any destination.
 */
export function parseAllowedDestinations(value: unknown): DestinationRuleResult {
	const raw = Array.isArray(value)
		? value.map(String).join(',')
		: typeof value === 'string'
			? value
			: value === undefined || value === null
				? ''
				: String(value);
	// Entries are separated by commas, semicolons or new lines; spaces and dashes inside one ("+1 800") are ignored.
	const entries = raw
		.split(/[,;\n]+/)
		.map((entry) => entry.replace(/[\s\-().]/g, ''))
		.filter((entry) => entry !== '');
	if (entries.length === 0) return { ok: true, rule: null };
	const countries: string[] = [];
	const prefixes: string[] = [];
	for (const entry of entries) {
		if (/^[A-Za-z]{2}$/.test(entry)) {
			const code = entry.toUpperCase();
			if (!isKnownCountry(code)) {
				return {
					ok: false,
					message: `Allowed Destinations: "${entry}" is not an ISO 3166-1 alpha-2 country code (such as GB, US or DE)`,
				};
			}
			if (!countries.includes(code)) countries.push(code);
			continue;
		}
		const prefix = entry.replace(/^00/, '+');
		if (/^\+[1-9]\d{0,14}$/.test(prefix)) {
			if (!prefixes.includes(prefix)) prefixes.push(prefix);
			continue;
		}
		return {
			ok: false,
			message: `Allowed Destinations: "${entry}" is neither a country code (such as GB) nor a number prefix starting with + (such as +44 or +1800)`,
		};
	}
	return { ok: true, rule: { countries, prefixes, text: [...countries, ...prefixes].join(', ') } };
}

/** Why `number` (E.164) may not be dialled under `rule`, or null when it may. */
export function destinationRefusal(number: string, rule: DestinationRule | null): string | null {
	if (rule === null) return null;
	if (rule.prefixes.some((prefix) => number.startsWith(prefix))) return null;
	const country = countryOfE164(number);
	if (country !== null && rule.countries.includes(country)) return null;
	const where =
		country === null ? 'a number of no country' : `a number in ${countryLabel(country)}`;
	return (
		`Not dialled: ${number} is ${where}, and Allowed Destinations permits only ${rule.text}. ` +
		'This call is outside the destinations the workflow owner allows; do not retry it with the same number.'
	);
}

/** Max Calls per Run: why a run of `planned` more calls may not go ahead, or null when it may. */
export function callLimitRefusal(
	planned: number,
	alreadyPlaced: number,
	max: number | null,
): string | null {
	if (max === null || alreadyPlaced + planned <= max) return null;
	const earlier =
		alreadyPlaced > 0
			? ` after the ${alreadyPlaced} already placed by this node in this execution`
			: '';
	const calls = planned === 1 ? '1 more call' : `${planned} more calls`;
	return (
		`Not dialled: this would place ${calls}${earlier}, and Max Calls per Run allows at most ${max} per workflow execution. ` +
		'Nobody was called by this request; the limit protects against placing too many real, paid calls.'
	);
}

/** Max Calls per Run as set: a whole number of at least 1, or null for "no limit" (empty or 0). */
export function readCallLimit(
	value: unknown,
): { ok: true; max: number | null } | { ok: false; message: string } {
	if (value === undefined || value === null || value === '' || value === 0)
		return { ok: true, max: null };
	const max = typeof value === 'number' ? value : Number(value);
	if (!Number.isInteger(max) || max < 0) {
		return {
			ok: false,
			message: `Max Calls per Run "${String(value)}" is not a whole number: use 0 for no limit, or the most calls one execution may place`,
		};
	}
	return { ok: true, max: max === 0 ? null : max };
}

/**
 * One run's guardrails: checks each call before it is dialled and counts the calls placed, on
 * top of those the node placed earlier in the same workflow execution (a loop, or an AI agent
 * calling the tool again).
 */
export class RunGuard {
	private placed: number;

	constructor(
		readonly destinations: DestinationRule | null,
		readonly maxCalls: number | null,
		alreadyPlaced = 0,
		/** Told the new count each time calls are admitted (the node keeps it for its next run). */
		private readonly onPlaced: (callsPlaced: number) => void = () => {},
	) {
		this.placed = alreadyPlaced;
	}

	/** Calls placed so far in this execution, this run's included. */
	get callsPlaced(): number {
		return this.placed;
	}

	/** Refuses the whole run up front (nothing dialled) when it would go over the limit. */
	refuseRun(planned: number): string | null {
		return callLimitRefusal(planned, this.placed, this.maxCalls);
	}

	/** Counts calls placed after checks made elsewhere (a campaign checks each recipient with destinationRefusal). */
	record(calls: number): void {
		if (calls <= 0) return;
		this.placed += calls;
		this.onPlaced(this.placed);
	}

	/** Throws GuardrailError if any of `numbers` may not be dialled now; otherwise counts them as placed. */
	admit(numbers: readonly string[]): void {
		for (const number of numbers) {
			const refusal = destinationRefusal(number, this.destinations);
			if (refusal !== null) throw new GuardrailError(refusal);
		}
		const overLimit = callLimitRefusal(numbers.length, this.placed, this.maxCalls);
		if (overLimit !== null) throw new GuardrailError(overLimit);
		this.placed += numbers.length;
		this.onPlaced(this.placed);
	}
}
