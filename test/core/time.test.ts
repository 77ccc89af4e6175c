import { readTime, receiptTime, toUtcIso } from '../../nodes/core/time';
import { COMPACT_TIME, toCompactLocal } from '../../nodes/providers/innoPaas/time';

/** A provider's own wall-clock shape (InnoPaaS's `yyyyMMddHHmmss`), handed to the core as callers do. */
const SHAPES = [COMPACT_TIME];

describe('toUtcIso', () => {
	it.each([
		['2026-05-01T10:00:05.123Z', 'UTC', '2026-05-01T10:00:05.123Z'],
		['2026-05-01T10:00:05+02:00', 'UTC', '2026-05-01T08:00:05.000Z'],
		['2015-04-12T18:30:19.456+5:30', 'UTC', '2015-04-12T13:00:19.456Z'],
		['2026-05-01T10:00:05+0200', 'UTC', '2026-05-01T08:00:05.000Z'],
		['2026-05-01T10:00:05', 'UTC', '2026-05-01T10:00:05.000Z'],
		['2026-07-01T10:00:05', 'Europe/London', '2026-07-01T09:00:05.000Z'],
		['2026-01-01 10:00', 'America/New_York', '2026-01-01T15:00:00.000Z'],
		['20260501100005', 'Asia/Shanghai', '2026-05-01T02:00:05.000Z'],
		[1764579600, 'UTC', '2025-12-01T09:00:00.000Z'],
		['1764579600123', 'UTC', '2025-12-01T09:00:00.123Z'],
	] as const)('%s in %s is %s', (input, zone, iso) => {
		expect(toUtcIso(input, zone, SHAPES)).toBe(iso);
	});

	it('reads a provider’s own shape only when the caller hands it in', () => {
		expect(toUtcIso('20260501100005', 'Asia/Shanghai')).toBeNull();
		expect(toUtcIso('20260501100005', 'Asia/Shanghai', SHAPES)).toBe('2026-05-01T02:00:05.000Z');
	});

	it('returns null for text that is not a time', () => {
		expect(toUtcIso('soon')).toBeNull();
		expect(toUtcIso('2026-05-01')).toBeNull();
	});

	it('formats compact local times across daylight saving', () => {
		expect(toCompactLocal(new Date('2026-07-01T09:00:05Z'), 'Europe/London')).toBe(
			'20260701100005',
		);
		expect(toCompactLocal(new Date('2026-01-01T09:00:05Z'), 'Europe/London')).toBe(
			'20260101090005',
		);
		expect(toCompactLocal(new Date('2026-05-01T02:00:05Z'), 'Asia/Shanghai')).toBe(
			'20260501100005',
		);
	});
});

describe('strict calendar: a time that does not exist is refused, never moved', () => {
	it.each([
		// Each of these was rolled over to another day or time, or to another century.
		['2026-04-31T08:00:00Z', 'UTC', 'is not a real date: April 2026 has no day 31'],
		['2026-02-30T08:00:00', 'UTC', 'is not a real date: February 2026 has no day 30'],
		['2027-02-29T09:00:00Z', 'UTC', 'is not a real date: February 2027 has no day 29'],
		['20260230093000', 'Asia/Shanghai', 'is not a real date: February 2026 has no day 30'],
		['2026-02-01 10:60:00', 'UTC', 'is not a real date: there is no minute 60'],
		['2026-02-01T25:00:00Z', 'UTC', 'is not a real date: there is no hour 25'],
		['2026-13-01T10:00:00', 'UTC', 'is not a real date: there is no month 13'],
		['0000-00-00 00:00:00', 'UTC', 'is not a real date: there is no month 00'],
		[
			'0050-01-01 00:00:00',
			'UTC',
			'is out of range: times from the year 1970 to 9999 (UTC) are read',
		],
		['9999-12-31T23:59:59-05:00', 'UTC', 'is out of range'],
		['9999-12-31T23:59:59', 'Asia/Shanghai', 'is real' /* in range: 15:59:59Z */],
		[
			'2026-03-29T02:30:00',
			'Europe/Berlin',
			'is not a real time: 02:30 does not exist in Europe/Berlin on 2026-03-29 (the clocks skip it)',
		],
		['2026-01-01T10:00:00+25:00', 'UTC', 'is not a real date: there is no UTC offset +25:00'],
	])('%s in %s: %s', (text, zone, reason) => {
		const reading = readTime(text, zone, SHAPES);
		if (reason === 'is real') expect(reading.ok).toBe(true);
		else
			expect(reading).toEqual({
				ok: false,
				problem: 'impossible',
				reason: expect.stringContaining(reason),
			});
		if (reason !== 'is real') expect(toUtcIso(text, zone, SHAPES)).toBeNull();
	});

	it('takes 24:00:00 as the end of the day (ISO 8601), a Date and a luxon DateTime as the instants they are', () => {
		expect(toUtcIso('2026-01-01T24:00:00Z')).toBe('2026-01-02T00:00:00.000Z');
		expect(toUtcIso('2026-01-01T24:30:00Z')).toBeNull();
		expect(readTime(new Date('2026-12-01T09:00:00Z'))).toEqual({
			ok: true,
			ms: Date.parse('2026-12-01T09:00:00Z'),
		});
		expect(readTime({ toISO: () => '2026-12-01T10:00:00.000+01:00' })).toEqual({
			ok: true,
			ms: Date.parse('2026-12-01T09:00:00Z'),
		});
		expect(readTime({ toISO: () => null })).toMatchObject({ ok: false, problem: 'impossible' });
	});

	it('reads nothing that is no time, whatever its type, and never throws', () => {
		for (const value of [
			{ toString: 1 },
			Object.create(null),
			[],
			null,
			undefined,
			Number.NaN,
			Infinity,
			-1,
			true,
			'soon',
			'2026-05-01',
		]) {
			expect(readTime(value)).toMatchObject({ ok: false });
		}
		expect(readTime('2026-05-01T10:00:00', 'Mars/Olympus')).toEqual({
			ok: false,
			problem: 'unreadable',
			reason: 'cannot be read: "Mars/Olympus" is not a time zone',
		});
	});

	it('says when a receipt’s stamp names no real time, so its payload is kept', () => {
		expect(receiptTime('2026-02-30 10:00:00', 'UTC')).toEqual({
			timestamp: null,
			unreadable: true,
		});
		expect(receiptTime(null, 'UTC')).toEqual({ timestamp: null, unreadable: false });
		expect(receiptTime('2026-05-01 10:00:00', 'Asia/Kolkata')).toEqual({
			timestamp: '2026-05-01T04:30:00.000Z',
			unreadable: false,
		});
	});
});
