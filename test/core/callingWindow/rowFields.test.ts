/** The zone fields of a row: which zones a Calling Window was checked in, and whether they are a guess. */
import {
	ComplianceCheck,
	parseCallingWindow,
	readDoNotCallList,
	windowRowFields,
} from '../../../nodes/core/callingWindow';

const read = <T>(result: { ok: true; value: T } | { ok: false; error: Error }): T => {
	if (!result.ok) throw result.error;
	return result.value;
};
const noList = read(readDoNotCallList(''));
const MONDAY_NOON_UTC = new Date('2026-06-01T12:00:00Z');

describe('row fields of the Calling Window', () => {
	it('name the zones, their source and whether they are a guess', () => {
		expect(windowRowFields('+18502345678')).toEqual({
			windowZones: ['America/Chicago', 'America/New_York'],
			windowGuessed: true,
			windowSource: 'area-code',
		});
		// A London landline is placed by its prefix, and a fixed line is not a guess.
		expect(windowRowFields('+442079460018')).toEqual({
			windowZones: ['Europe/London'],
			windowGuessed: false,
			windowSource: expect.stringMatching(/^(prefix|country)$/),
		});
		expect(windowRowFields('+80012345678')).toEqual({
			windowZones: [],
			windowGuessed: true,
			windowSource: null,
		});
	});

	it('are on every row of a run with a window, dialled rows too, and on none without one', () => {
		const window = read(parseCallingWindow('Mon-Fri 09:00-20:00'));
		const withWindow = new ComplianceCheck(noList, window, MONDAY_NOON_UTC);
		// 13:00 in London: inside the window, so dialled; its row still names the zone.
		expect(withWindow.refusal('+442079460018')).toBeNull();
		expect(withWindow.rowFields('+442079460018')).toEqual(windowRowFields('+442079460018'));
		// 05:00 in Los Angeles: refused; the refusal's fields agree with the row fields.
		const refused = withWindow.refusal('+12135550123');
		expect(refused?.fields).toMatchObject(withWindow.rowFields('+12135550123'));

		const without = new ComplianceCheck(noList, null, MONDAY_NOON_UTC);
		expect(without.rowFields('+442079460018')).toEqual({});
	});
});
