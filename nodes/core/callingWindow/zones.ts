/**
 * The time zones a phone number's owner is likely in, from tables derived at development time
 * (scripts/zoneTables.ts writes zoneTables.json from the IANA tz database and Google
 * libphonenumber's prefix map; see its header for sources and licences).
 */
import { countryOfE164, numberTypeOfE164 } from '../phone';
import tables from './zoneTables.json';

/**
 * Where a number's zones come from: its North American area code, a libphonenumber number prefix
 * (other countries with several zones), or every zone of its country.
 */
export type ZoneSource = 'area-code' | 'prefix' | 'country';

export type NumberZones =
	| {
			ok: true;
			/** IANA zone names, sorted, at least one. */
			zones: readonly string[];
			source: ZoneSource;
			/**
			 * True unless libphonenumber calls the number a fixed line: a mobile number (or one that
			 * may be mobile, as every North American number) can ring anywhere.
			 */
			guessed: boolean;
			/** ISO 3166-1 alpha-2 country, as libphonenumber places the number. */
			country: string | null;
	  }
	| { ok: false; reason: string };

const E164 = /^\+[1-9]\d{6,14}$/;

const resolve = (indices: number[]): readonly string[] =>
	Object.freeze(indices.map((index) => tables.zones[index]));

// Maps, not the JSON objects: a key such as "__proto__" or "constructor" reads nothing.
const prefixes = new Map(
	Object.entries(tables.prefixes).map(([prefix, indices]) => [prefix, resolve(indices)]),
);
const countries = new Map(
	Object.entries(tables.countries).map(([country, indices]) => [country, resolve(indices)]),
);
const LONGEST_PREFIX = Math.max(...[...prefixes.keys()].map((prefix) => prefix.length));

/** Every zone name the tables hold (each must be known to the runtime's Intl; tested). */
export const TABLE_ZONES: readonly string[] = Object.freeze([...tables.zones]);

/** The zones of a country from the IANA tz database, or undefined for a code it does not list. */
export function zonesOfCountry(country: string): readonly string[] | undefined {
	return countries.get(country);
}

/** The zones of an E.164 number: area code (+1), longest libphonenumber prefix, or country. */
export function zonesOfNumber(number: string): NumberZones {
	if (typeof number !== 'string' || !E164.test(number))
		return { ok: false, reason: 'is not an E.164 number (+ and 7 to 15 digits)' };
	const digits = number.slice(1);
	const country = countryOfE164(number);
	const guessed = numberTypeOfE164(number) !== 'FIXED_LINE';
	if (digits.startsWith('1')) {
		const zones = prefixes.get(digits.slice(0, 4));
		if (zones) return { ok: true, zones, source: 'area-code', guessed, country };
	} else {
		for (let length = Math.min(LONGEST_PREFIX, digits.length); length >= 2; length--) {
			const zones = prefixes.get(digits.slice(0, length));
			if (zones) return { ok: true, zones, source: 'prefix', guessed, country };
		}
	}
	const zones = country === null ? undefined : countries.get(country);
	if (zones === undefined) {
		return {
			ok: false,
			reason:
				country === null
					? 'belongs to no country (a non-geographic number), so its time zone is unknown'
					: `is in ${country}, a country the time zone table does not list`,
		};
	}
	return { ok: true, zones, source: 'country', guessed, country };
}
