/**
 * When a Calling Window is open in every one of a set of zones (the most conservative reading: a
 * number whose zone is uncertain may only ring when it is allowed in all its candidate zones).
 *
 * A window's rules are a pattern on the local wall clock. Between two changes of a zone's UTC
 * offset (DST, or a change of the zone's rules), local time is UTC plus a constant, so the allowed
 * instants of that stretch are the pattern's wall-clock intervals shifted by the offset. This is
 * exact across DST: a start inside the hour that spring skips opens at the change; an end inside
 * the hour that autumn repeats closes (and reopens) as the wall clock says. Zone rules are luxon's
 * (n8n's Intl).
 */
import { IANAZone, type Zone } from 'luxon';

import type { CallingWindow } from './definition';

/** An interval of instants, start included, end excluded (ms since the epoch). */
export interface Opening {
	start: Date;
	end: Date;
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** How far ahead openings are looked for: a year and a week, so every DST season is seen once. */
export const HORIZON_DAYS = 372;
/**
 * Offsets are sampled this often to find their changes, each then found to the millisecond. Real
 * zones change weeks apart at the least (Morocco's Ramadan break lasts about a month).
 */
const SAMPLE = 3 * DAY;
/** Offset stretches are worked out and kept per zone for pieces of time this long. */
const BUCKET = 30 * DAY;
/** The first search looks this far; only a window that is closed that long looks to the horizon. */
const FIRST_LOOK = 8 * DAY;

type Span = [number, number];

const zones = new Map<string, Zone>();

/** A luxon zone by IANA name; throws a RangeError naming a zone this runtime does not know. */
function zoneNamed(name: string): Zone {
	let zone = zones.get(name);
	if (zone === undefined) {
		zone = IANAZone.create(name);
		if (!zone.isValid) throw new RangeError(`time zone "${name}" is unknown to this Node.js`);
		zones.set(name, zone);
	}
	return zone;
}

/** UTC offset in ms of a zone at an instant. */
const offsetAt = (zone: Zone, ms: number): number => zone.offset(ms) * MINUTE;

/** ISO weekday (Mon 1 … Sun 7) of a wall-clock day counted from 1970-01-01 (a Thursday). */
const weekday = (day: number): number => ((((day + 3) % 7) + 7) % 7) + 1;

/** Whether a wall-clock time (ms on a clock that runs like UTC) is inside the window's pattern. */
export function allowedOnWallClock(window: CallingWindow, wall: number): boolean {
	const day = Math.floor(wall / DAY);
	const minute = (wall - day * DAY) / MINUTE;
	return window.rules.some((rule) => {
		if (rule.end > rule.start)
			return rule.days.includes(weekday(day)) && minute >= rule.start && minute < rule.end;
		return (
			(rule.days.includes(weekday(day)) && minute >= rule.start) ||
			(rule.days.includes(weekday(day - 1)) && minute < rule.end)
		);
	});
}

/** The window's wall-clock intervals that meet [from, to), in wall-clock ms. */
function wallSpans(window: CallingWindow, from: number, to: number): Span[] {
	const spans: Span[] = [];
	for (let day = Math.floor(from / DAY) - 1; day * DAY < to; day++) {
		for (const rule of window.rules) {
			if (!rule.days.includes(weekday(day))) continue;
			const start = day * DAY + rule.start * MINUTE;
			const end = (rule.end > rule.start ? day : day + 1) * DAY + rule.end * MINUTE;
			if (end > from && start < to) spans.push([Math.max(start, from), Math.min(end, to)]);
		}
	}
	return spans;
}

type Stretch = [start: number, end: number, offset: number];

/** Stretches of [from, to) with one UTC offset each. */
function offsetStretches(zone: Zone, from: number, to: number): Stretch[] {
	const stretches: Stretch[] = [];
	let start = from;
	let offset = offsetAt(zone, from);
	for (let probe = from; probe < to; ) {
		const next = Math.min(probe + SAMPLE, to);
		// `to` itself belongs to the next piece; a change just before it is still found here.
		if (offsetAt(zone, next) !== offset) {
			// The first instant with another offset, found by halving (to the millisecond).
			let [low, high] = [probe, next];
			while (high - low > 1) {
				const middle = Math.floor((low + high) / 2);
				if (offsetAt(zone, middle) === offset) low = middle;
				else high = middle;
			}
			if (high === to) break;
			stretches.push([start, high, offset]);
			[start, offset] = [high, offsetAt(zone, high)];
			probe = high;
		} else probe = next;
	}
	stretches.push([start, to, offset]);
	return stretches;
}

/** Stretches by zone and BUCKET-long piece of time: a campaign asks about the same zones often. */
const stretchCache = new Map<string, Stretch[]>();
const MAX_CACHED = 20_000;

function cachedStretches(name: string, from: number, to: number): Stretch[] {
	const stretches: Stretch[] = [];
	for (let bucket = Math.floor(from / BUCKET); bucket * BUCKET < to; bucket++) {
		const key = `${name} ${bucket}`;
		let piece = stretchCache.get(key);
		if (piece === undefined) {
			if (stretchCache.size >= MAX_CACHED) stretchCache.clear();
			piece = offsetStretches(zoneNamed(name), bucket * BUCKET, (bucket + 1) * BUCKET);
			stretchCache.set(key, piece);
		}
		for (const [start, end, offset] of piece)
			if (end > from && start < to)
				stretches.push([Math.max(start, from), Math.min(end, to), offset]);
	}
	return stretches;
}

/** Sorted spans, overlapping or touching ones joined. */
function merged(spans: Span[]): Span[] {
	const sorted = [...spans].sort((a, b) => a[0] - b[0]);
	const out: Span[] = [];
	for (const span of sorted) {
		const last = out.at(-1);
		if (last && span[0] <= last[1]) last[1] = Math.max(last[1], span[1]);
		else out.push([span[0], span[1]]);
	}
	return out;
}

/** Instants of [from, to) when the window is open in one zone. */
function zoneSpans(window: CallingWindow, name: string, from: number, to: number): Span[] {
	const spans: Span[] = [];
	for (const [start, end, offset] of cachedStretches(name, from, to)) {
		for (const [wallStart, wallEnd] of wallSpans(window, start + offset, end + offset))
			spans.push([wallStart - offset, wallEnd - offset]);
	}
	return merged(spans);
}

function intersection(a: Span[], b: Span[]): Span[] {
	const out: Span[] = [];
	for (let i = 0, j = 0; i < a.length && j < b.length; ) {
		const start = Math.max(a[i][0], b[j][0]);
		const end = Math.min(a[i][1], b[j][1]);
		if (start < end) out.push([start, end]);
		if (a[i][1] < b[j][1]) i++;
		else j++;
	}
	return out;
}

/** Instants of [from, to) when the window is open in every zone. */
function commonSpans(
	window: CallingWindow,
	zoneNames: readonly string[],
	from: number,
	to: number,
): Span[] {
	if (zoneNames.length === 0)
		throw new RangeError('no time zone given: the window cannot be checked');
	let common = zoneSpans(window, zoneNames[0], from, to);
	// Once the zones share no opening, the others cannot bring one back.
	for (const name of zoneNames.slice(1)) {
		if (common.length === 0) break;
		common = intersection(common, zoneSpans(window, name, from, to));
	}
	return common;
}

/** Whether the window is open at `at` in every one of `zoneNames`. */
export function isOpen(window: CallingWindow, zoneNames: readonly string[], at: Date): boolean {
	if (zoneNames.length === 0)
		throw new RangeError('no time zone given: the window cannot be checked');
	const ms = at.getTime();
	return zoneNames.every((name) => allowedOnWallClock(window, ms + offsetAt(zoneNamed(name), ms)));
}

/**
 * The first opening common to every zone that contains `at` or starts after it: `start` is `at`
 * itself when the window is open now. Its `end` is the first instant it is closed again in some
 * zone (at most the horizon). Null when it does not open within HORIZON_DAYS (e.g. hours that
 * never overlap across the zones).
 */
export function nextOpening(
	window: CallingWindow,
	zoneNames: readonly string[],
	at: Date,
): Opening | null {
	const from = at.getTime();
	for (const reach of [FIRST_LOOK, HORIZON_DAYS * DAY]) {
		const spans = commonSpans(window, zoneNames, from, from + reach);
		if (spans.length === 0) continue;
		const start = spans[0][0];
		let end = spans[0][1];
		// An opening that runs to the end of what was looked at may go on: look again from there.
		if (end === from + reach && reach !== HORIZON_DAYS * DAY) {
			const rest = commonSpans(window, zoneNames, start, start + HORIZON_DAYS * DAY)[0];
			if (rest && rest[0] === start) end = rest[1];
		}
		return { start: new Date(start), end: new Date(end) };
	}
	return null;
}

/** The common opening `at` is inside, or null when the window is closed then in some zone. */
export function currentOpening(
	window: CallingWindow,
	zoneNames: readonly string[],
	at: Date,
): Opening | null {
	return isOpen(window, zoneNames, at) ? nextOpening(window, zoneNames, at) : null;
}

/**
 * Whether every instant from `start` to `start + durationMs` (both included) is inside the window
 * in every zone: whether a call placed at `start` still rings in time when it may ring up to
 * `durationMs` later (provider pacing, queues, redials).
 */
export function fitsWindow(
	window: CallingWindow,
	zoneNames: readonly string[],
	start: Date,
	durationMs: number,
): boolean {
	const opening = currentOpening(window, zoneNames, start);
	return opening !== null && opening.end.getTime() > start.getTime() + durationMs;
}
