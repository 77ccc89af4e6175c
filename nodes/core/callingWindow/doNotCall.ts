/**
 * Do-Not-Call Numbers: numbers that are never dialled. Read once per run (the node reads the
 * parameter for its first item), each entry normalised to E.164 once, with the node's Default
 * Country for national numbers, so checking a recipient is one lookup whatever the list's size.
 * An entry that cannot be read refuses the run: a list that silently lost a number would let that
 * person be called.
 */
import { shown } from '../objects';
import { normaliseNumber, splitNumbers } from '../phone';
import { formatCount, InputError, type ParseResult } from '../validation';

export const MAX_DO_NOT_CALL = 1_000_000;
/** How many unreadable entries a message shows (all are counted). */
const SHOWN_PROBLEMS = 3;
const MAX_SHOWN = 40;

export interface DoNotCallList {
	/** Distinct numbers in the list. */
	readonly size: number;
	/** Whether an E.164 number is listed (a recipient's number as the node normalised it). */
	has(e164: string): boolean;
}

const EMPTY: DoNotCallList = { size: 0, has: () => false };

const example = "e.g. {{ $('Sheet').all().map(item => item.json.phone) }}";

function shownEntry(value: unknown): string {
	const text = shown(value);
	if (typeof value !== 'string' && typeof value !== 'number') return text;
	return JSON.stringify(text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}…` : text);
}

/**
 * Reads a do-not-call list: a list of numbers (from an expression), or text with numbers
 * separated by commas, semicolons or new lines. Empty: nobody is listed.
 */
export function readDoNotCallList(
	value: unknown,
	defaultCountry?: string,
	field = 'Do-Not-Call Numbers',
): ParseResult<DoNotCallList> {
	const fail = (message: string): ParseResult<DoNotCallList> => ({
		ok: false,
		error: new InputError(field, `${field} ${message}`),
	});
	if (typeof value === 'object' && value !== null && !Array.isArray(value))
		return fail(`is ${shown(value)}: expected a list of phone numbers, ${example}`);
	const entries = splitNumbers(value);
	if (entries.length === 0) return { ok: true, value: EMPTY };
	if (entries.length > MAX_DO_NOT_CALL) {
		return fail(
			`has ${formatCount(entries.length)} entries; at most ${formatCount(MAX_DO_NOT_CALL)} are read`,
		);
	}
	const numbers = new Set<string>();
	const problems: string[] = [];
	let unreadable = 0;
	for (const [index, entry] of entries.entries()) {
		const result = normaliseNumber(entry, defaultCountry);
		if (result.ok) {
			numbers.add(result.e164);
			continue;
		}
		unreadable++;
		if (problems.length < SHOWN_PROBLEMS)
			problems.push(`entry ${formatCount(index + 1)} ${shownEntry(entry)} ${result.reason}`);
	}
	if (unreadable > 0) {
		const more =
			unreadable > problems.length
				? ` (and ${formatCount(unreadable - problems.length)} more)`
				: '';
		return fail(
			`has ${formatCount(unreadable)} ${unreadable === 1 ? 'entry' : 'entries'} that cannot be read as a phone number, so nobody was called: ${problems.join('; ')}${more}. Fix or remove ${unreadable === 1 ? 'it' : 'them'}; a list of items needs the numbers themselves, ${example}`,
		);
	}
	return { ok: true, value: { size: numbers.size, has: (e164) => numbers.has(e164) } };
}
