/**
 * A Calling Window: the days and hours, in the called person's local time, when a phone may ring.
 * Written as text ("Mon-Fri 09:00-20:00; Sat 10:00-18:00") or as a list of rules
 * ({ days, from, to }, as a node's fixed collection gives them). A rule whose end is not after its
 * start crosses midnight: "Fri 22:00-02:00" is Friday 22:00 to Saturday 02:00.
 */
import { kindOf, shown } from '../objects';
import { InputError, type ParseResult } from '../validation';

/** ISO weekdays, as luxon numbers them: Monday 1 … Sunday 7. */
export const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;

export interface WindowRule {
	/** ISO weekdays (1–7) on which the rule starts. */
	days: readonly number[];
	/** Minutes after local midnight: start 0–1439, end 1–1440; end ≤ start ends the next day. */
	start: number;
	end: number;
}

export interface CallingWindow {
	rules: readonly WindowRule[];
}

export const MAX_RULES = 50;
export const MAX_WINDOW_TEXT = 2000;
const MAX_SHOWN = 60;

const DAY_NAMES = new Map<string, number>(
	WEEKDAYS.flatMap((day, index) => {
		const full = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
		return [
			[day.toLowerCase(), index + 1],
			[full[index], index + 1],
		];
	}),
);
const DAY_LIST = 'Mon, Tue, Wed, Thu, Fri, Sat or Sun';
const EVERY_DAY = new Set(['daily', 'every day', 'everyday']);

const quoted = (value: unknown): string => {
	const text = shown(value);
	return typeof value === 'string' || typeof value === 'number'
		? JSON.stringify(text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}…` : text)
		: text;
};

class RuleProblem extends Error {}

function readDay(word: string): number {
	const day = DAY_NAMES.get(word.trim().toLowerCase());
	if (day === undefined)
		throw new RuleProblem(`${quoted(word.trim())} is not a day: expected ${DAY_LIST}`);
	return day;
}

/** "Mon-Fri", "Mon,Wed,Fri", "Sat-Sun", "Fri-Mon" (wraps), "Daily"; or a list of day names. */
function readDays(value: unknown): number[] {
	const words = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : null;
	if (words === null || words.length === 0)
		throw new RuleProblem(`days ${quoted(value)} name no day: expected ${DAY_LIST}, e.g. Mon-Fri`);
	const days = new Set<number>();
	for (const word of words) {
		if (typeof word !== 'string')
			throw new RuleProblem(`a day is ${kindOf(word)}: expected ${DAY_LIST}`);
		if (EVERY_DAY.has(word.trim().toLowerCase())) {
			for (let day = 1; day <= 7; day++) days.add(day);
			continue;
		}
		const [from, to, ...rest] = word.split('-');
		if (rest.length > 0) throw new RuleProblem(`${quoted(word)} is not a day or a range of days`);
		const first = readDay(from);
		const last = to === undefined ? first : readDay(to);
		for (let step = 0; step < 7; step++) {
			const day = ((first - 1 + step) % 7) + 1;
			days.add(day);
			if (day === last) break;
		}
	}
	return [...days].sort((a, b) => a - b);
}

/** "09:00" → 540. The end of a rule may be 24:00 (midnight at the end of the day). */
function readTime(value: unknown, role: 'start' | 'end'): number {
	const match = typeof value === 'string' ? /^\s*(\d{1,2}):(\d{2})\s*$/.exec(value) : null;
	const minutes = match ? Number(match[1]) * 60 + Number(match[2]) : NaN;
	const limit = role === 'start' ? 23 * 60 + 59 : 24 * 60;
	if (!match || Number(match[2]) > 59 || minutes > limit) {
		throw new RuleProblem(
			`${role} ${quoted(value)} is not a time of day: expected HH:MM from 00:00 to ${role === 'start' ? '23:59' : '24:00'}`,
		);
	}
	return minutes;
}

function checkedRule(days: number[], start: number, end: number): WindowRule {
	if (start === end) {
		throw new RuleProblem(
			`start and end are both ${clock(start)}: a rule must be open for some time (00:00-24:00 for a whole day)`,
		);
	}
	return { days, start, end: end === 0 ? 24 * 60 : end };
}

function ruleFromText(text: string): WindowRule {
	const match = /^\s*(.+?)\s+(\d{1,2}:\d{2})\s*-\s*(\d{1,2}:\d{2})\s*$/.exec(text);
	if (!match)
		throw new RuleProblem('is not a rule: expected days and hours, e.g. Mon-Fri 09:00-20:00');
	return checkedRule(
		readDays(match[1].replace(/\s+/g, '')),
		readTime(match[2], 'start'),
		readTime(match[3], 'end'),
	);
}

function ruleFromRecord(record: unknown): WindowRule {
	if (typeof record !== 'object' || record === null || Array.isArray(record))
		throw new RuleProblem(`is ${kindOf(record)}: expected { days, from, to }`);
	const { days, from, to } = record as Record<string, unknown>;
	const list = typeof days === 'string' ? days.replace(/\s+/g, '') : days;
	return checkedRule(readDays(list), readTime(from, 'start'), readTime(to, 'end'));
}

export const clock = (minutes: number): string =>
	`${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** Reads a Calling Window; every problem names the field, the rule, the value and the limit. */
export function parseCallingWindow(
	value: unknown,
	field = 'Calling Window',
): ParseResult<CallingWindow> {
	const fail = (message: string): ParseResult<CallingWindow> => ({
		ok: false,
		error: new InputError(field, `${field} ${message}`),
	});
	if (typeof value === 'string' && value.length > MAX_WINDOW_TEXT)
		return fail(`is ${value.length} characters long; at most ${MAX_WINDOW_TEXT} are read`);
	const parts: unknown[] =
		typeof value === 'string'
			? value.split(/[;\n]/).filter((part) => part.trim() !== '')
			: Array.isArray(value)
				? value
				: [];
	if (
		typeof value !== 'string' &&
		!Array.isArray(value) &&
		value !== undefined &&
		value !== null &&
		value !== ''
	)
		return fail(
			`is ${kindOf(value)}: expected rules such as "Mon-Fri 09:00-20:00; Sat 10:00-18:00"`,
		);
	if (parts.length === 0) return fail('has no rule: add one, e.g. Mon-Fri 09:00-20:00');
	if (parts.length > MAX_RULES)
		return fail(`has ${parts.length} rules; at most ${MAX_RULES} are allowed`);
	const rules: WindowRule[] = [];
	for (const [index, part] of parts.entries()) {
		try {
			rules.push(typeof part === 'string' ? ruleFromText(part) : ruleFromRecord(part));
		} catch (error) {
			// Only RuleProblem is thrown by the rule readers; anything else is told the same way.
			const problem = error instanceof RuleProblem ? error.message : 'cannot be read';
			const label = typeof part === 'string' ? ` (${quoted(part.trim())})` : '';
			return fail(`rule ${index + 1}${label}: ${problem}`);
		}
	}
	return { ok: true, value: { rules } };
}

/** The window as text that parseCallingWindow reads back, for output rows and messages. */
export function formatCallingWindow(window: CallingWindow): string {
	return window.rules
		.map((rule) => `${formatDays(rule.days)} ${clock(rule.start)}-${clock(rule.end)}`)
		.join('; ');
}

function formatDays(days: readonly number[]): string {
	const runs: string[] = [];
	for (let index = 0; index < days.length; ) {
		let last = index;
		while (last + 1 < days.length && days[last + 1] === days[last] + 1) last++;
		const name = (day: number) => WEEKDAYS[day - 1];
		runs.push(
			last === index
				? name(days[index])
				: last === index + 1
					? `${name(days[index])},${name(days[last])}`
					: `${name(days[index])}-${name(days[last])}`,
		);
		index = last + 1;
	}
	return runs.join(',');
}
