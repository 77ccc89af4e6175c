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

/** Whether a call counts as placed: the provider took it (`queued`), or may have (`unknown`). */
export const countsAsPlaced = (row: { status: string }): boolean =>
	row.status === 'queued' || row.status === 'unknown';

/** Where a node keeps its count of calls: n8n's node context, shared by every run of the node in one execution. */
export interface CallCount {
	read(): number;
	write(count: number): void;
}

/** A count held by the guard alone (tests, and runs with no node context). */
export function ownCount(initial = 0): CallCount {
	let count = initial;
	return { read: () => count, write: (next) => (count = next) };
}

/**
 * One run's guardrails: checks each call before it is dialled and counts the calls of the whole
 * execution (a loop, or an AI agent calling the tool again, even while an earlier call of it is
 * still running). The count is read and written in one step each time, with nothing awaited in
 * between, so runs that share it (the node context) can never both pass the limit.
 */
export class RunGuard {
	constructor(
		readonly destinations: DestinationRule | null,
		readonly maxCalls: number | null,
		private readonly count: CallCount = ownCount(),
	) {}

	/** Calls counted so far in this execution: placed, possibly placed, or reserved by a run in progress. */
	get callsPlaced(): number {
		return this.count.read();
	}

	/** Counts `calls` before they are made, or says why they may not be (and counts nothing). */
	reserve(calls: number): string | null {
		const counted = this.count.read();
		const refusal = callLimitRefusal(calls, counted, this.maxCalls);
		if (refusal === null && calls > 0) this.count.write(counted + calls);
		return refusal;
	}

	/** Gives back reserved calls that were surely not placed. */
	release(calls: number): void {
		if (calls > 0) this.count.write(Math.max(0, this.count.read() - calls));
	}

	/** Throws GuardrailError if any of `numbers` is outside Allowed Destinations. */
	checkDestinations(numbers: readonly string[]): void {
		for (const number of numbers) {
			const refusal = destinationRefusal(number, this.destinations);
			if (refusal !== null) throw new GuardrailError(refusal);
		}
	}

	/** Throws GuardrailError if any of `numbers` may not be dialled now; otherwise counts them as placed. */
	admit(numbers: readonly string[]): void {
		this.checkDestinations(numbers);
		const overLimit = this.reserve(numbers.length);
		if (overLimit !== null) throw new GuardrailError(overLimit);
	}
}

/**
 * A run's calls, reserved before its first request: per part (an item of Make Voice Call, a row
 * of a campaign), what it holds is settled once its request's outcome is known. Calls surely not
 * placed are given back; calls that may have been placed (`unknown`) stay counted. Whatever parts
 * that never sent still hold is given back when the run ends (`close`).
 */
export class Reservation {
	private readonly held: number[];

	private constructor(
		private readonly guard: RunGuard,
		held: number[],
	) {
		this.held = held;
	}

	/** Reserves every part's planned calls at once, or says why not (and reserves nothing). */
	static take(guard: RunGuard, planned: readonly number[]): Reservation | string {
		const refusal = guard.reserve(planned.reduce((sum, calls) => sum + calls, 0));
		return refusal ?? new Reservation(guard, [...planned]);
	}

	/** Nothing reserved up front: each part reserves its own calls when it is admitted. */
	static none(guard: RunGuard, parts: number): Reservation {
		return new Reservation(guard, new Array<number>(parts).fill(0));
	}

	/**
	 * Part `part` is about to call `numbers`: checks their destinations and fits what it holds to
	 * them (reserving more against the limit, or giving back the surplus). Throws GuardrailError,
	 * after giving back what the part held.
	 */
	admit(part: number, numbers: readonly string[]): void {
		const more = numbers.length - this.held[part];
		const refusal =
			numbers
				.map((number) => destinationRefusal(number, this.guard.destinations))
				.find((reason) => reason !== null) ?? (more > 0 ? this.guard.reserve(more) : null);
		if (refusal !== null) {
			this.settle(part, 0);
			throw new GuardrailError(refusal);
		}
		if (more < 0) this.guard.release(-more);
		this.held[part] = numbers.length;
	}

	/** Part `part` is done: `placed` of its calls may have been placed; the rest are given back. */
	settle(part: number, placed: number): void {
		this.guard.release(this.held[part] - Math.min(placed, this.held[part]));
		this.held[part] = 0;
	}

	/** Part `part` may have placed everything it held (its request's fate is unknown): all stay counted. */
	keep(part: number): void {
		this.held[part] = 0;
	}

	/** The run is over: parts that never sent give back what they hold. */
	close(): void {
		for (let part = 0; part < this.held.length; part++) this.settle(part, 0);
	}
}

/**
 * Why a campaign may not go out with `audience` while a guardrail is set, or null. `audience`
 * names recipients the provider looks up itself (Routee's contacts and groups, "2 contacts and
 * 1 group"): their numbers are never seen here, so they can be neither checked nor counted.
 */
export function unlistedAudienceRefusal(audience: string | null, guard: RunGuard): string | null {
	if (audience === null || (guard.destinations === null && guard.maxCalls === null)) return null;
	return (
		`Not dialled: this campaign also calls ${audience}, whose numbers the provider looks up itself, so Guardrails (Allowed Destinations, Max Calls per Run) cannot check or count them. ` +
		'While Guardrails are set, give every number in the input items instead, and remove Contacts and Groups from the Options. Nobody was called.'
	);
}

/** Whether a raw parameter value is filled in by an AI model (n8n's `$fromAI()`), not fixed by the workflow owner. */
export const filledByModel = (raw: unknown): boolean =>
	typeof raw === 'string' && /\$fromai\s*\(/i.test(raw);

/**
 * Why a node running as an AI agent's tool may not place calls with these guardrails, or null.
 * A tool must have both set by the workflow owner: Allowed Destinations (not empty) and Max Calls
 * per Run (at least 1), neither filled in by the model. `raw` are the parameter values as saved.
 */
export function toolGuardrailsRefusal(
	raw: { allowedDestinations?: unknown; maxCallsPerRun?: unknown },
	destinations: DestinationRule | null,
	maxCalls: number | null,
): string | null {
	const missing: string[] = [];
	if (destinations === null || filledByModel(raw.allowedDestinations))
		missing.push('Allowed Destinations (the countries or prefixes it may call, such as GB)');
	if (maxCalls === null || filledByModel(raw.maxCallsPerRun))
		missing.push('Max Calls per Run (a number of at least 1, such as 3)');
	if (missing.length === 0) return null;
	return (
		`Not dialled: as an AI agent's tool this node places calls only within guardrails the workflow owner fixed, and ${missing.join(' and ')} ${missing.length === 1 ? 'is' : 'are'} not set. ` +
		'Open the tool node, add Guardrails → Allowed Destinations and Max Calls per Run, and type fixed values (not $fromAI()). Nobody was called; tell the user the tool is not set up to place calls.'
	);
}
