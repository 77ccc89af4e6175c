/**
 * The test oracle of the Calling Window: a zone's wall clock by Intl (not luxon, not offset
 * arithmetic), and whether a rule set allows a wall-clock time, written out plainly.
 */
const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

export interface TestRule {
	days: number[];
	start: number;
	end: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** ISO weekday (1–7) and minute of the day at an instant in a zone, as Intl tells them. */
export function wallClock(ms: number, timeZone: string): { weekday: number; minute: number } {
	let formatter = formatters.get(timeZone);
	if (formatter === undefined) {
		formatter = new Intl.DateTimeFormat('en-US', {
			timeZone,
			hourCycle: 'h23',
			weekday: 'short',
			hour: 'numeric',
			minute: 'numeric',
		});
		formatters.set(timeZone, formatter);
	}
	const parts = Object.fromEntries(
		formatter.formatToParts(new Date(ms)).map((part) => [part.type, part.value]),
	);
	return {
		weekday: DAYS.indexOf(parts.weekday) + 1,
		minute: Number(parts.hour) * 60 + Number(parts.minute),
	};
}

/** Whether the rules allow this wall-clock time; a rule whose end is not after its start ends the next day. */
export function allows(rules: TestRule[], weekday: number, minute: number): boolean {
	const yesterday = weekday === 1 ? 7 : weekday - 1;
	return rules.some((rule) =>
		rule.end > rule.start
			? rule.days.includes(weekday) && minute >= rule.start && minute < rule.end
			: (rule.days.includes(weekday) && minute >= rule.start) ||
				(rule.days.includes(yesterday) && minute < rule.end),
	);
}

export const allowedIn = (rules: TestRule[], ms: number, zones: readonly string[]): boolean =>
	zones.every((zone) => {
		const { weekday, minute } = wallClock(ms, zone);
		return allows(rules, weekday, minute);
	});

const hhmm = (minutes: number) =>
	`${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** The rules as Calling Window text, one rule per day list. */
export const windowText = (rules: TestRule[]): string =>
	rules
		.map(
			(rule) =>
				`${rule.days.map((day) => DAYS[day - 1]).join(',')} ${hhmm(rule.start)}-${hhmm(rule.end)}`,
		)
		.join('; ');
