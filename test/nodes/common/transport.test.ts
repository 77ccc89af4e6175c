/** How long to wait before retrying, read from a provider's Retry-After header (RFC 9110). */
import { retryAfterMs } from '../../../nodes/common/transport';

const NOW = Date.parse('2026-03-02T10:00:00.000Z');

describe('retryAfterMs', () => {
	it('reads delay-seconds, as a string or a number, under any spelling of the header name', () => {
		expect(retryAfterMs({ 'retry-after': '3' }, NOW)).toBe(3000);
		expect(retryAfterMs({ 'Retry-After': 2 }, NOW)).toBe(2000);
		expect(retryAfterMs({ 'RETRY-AFTER': '0' }, NOW)).toBe(0);
		expect(retryAfterMs({ 'retry-after': ['5', '9'] }, NOW)).toBe(5000);
	});

	it('reads an HTTP date as the time left until it', () => {
		expect(retryAfterMs({ 'retry-after': 'Mon, 02 Mar 2026 10:00:07 GMT' }, NOW)).toBe(7000);
		expect(retryAfterMs({ 'Retry-After': ['Mon, 02 Mar 2026 10:01:00 GMT'] }, NOW)).toBe(60_000);
	});

	it('takes the clock it is given, not the machine’s, for an HTTP date', () => {
		const header = { 'retry-after': 'Mon, 02 Mar 2026 10:00:07 GMT' };
		expect(retryAfterMs(header, NOW + 4000)).toBe(3000);
	});

	it('never waits a negative time: a date already past or a negative number means now', () => {
		expect(retryAfterMs({ 'retry-after': 'Mon, 02 Mar 2026 09:59:00 GMT' }, NOW)).toBe(0);
		expect(retryAfterMs({ 'retry-after': '-4' }, NOW)).toBe(0);
	});

	it('pauses a second when the header is absent or unreadable', () => {
		for (const headers of [
			{},
			{ 'x-retry-after': '5' },
			{ 'retry-after': 'soon' },
			{ 'retry-after': null },
			{ 'retry-after': { seconds: 5 } },
			{ 'retry-after': [] },
		])
			expect([headers, retryAfterMs(headers, NOW)]).toEqual([headers, 1000]);
	});
});
