import { toCompactLocal, toUtcIso } from '../../nodes/core/time';

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
		expect(toUtcIso(input, zone)).toBe(iso);
	});

	it('returns null for text that is not a time', () => {
		expect(toUtcIso('soon')).toBeNull();
		expect(toUtcIso('2026-05-01')).toBeNull();
	});

	it('formats compact local times across daylight saving', () => {
		expect(toCompactLocal(new Date('2026-07-01T09:00:05Z'), 'Europe/London')).toBe('20260701100005');
		expect(toCompactLocal(new Date('2026-01-01T09:00:05Z'), 'Europe/London')).toBe('20260101090005');
		expect(toCompactLocal(new Date('2026-05-01T02:00:05Z'), 'Asia/Shanghai')).toBe('20260501100005');
	});
});
