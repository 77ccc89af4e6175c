// libphonenumber-js is a devDependency bundled into dist/nodes/core/phone.js at build time
// (gulpfile.js): n8n community packages may not have runtime dependencies.
import { Metadata } from 'libphonenumber-js/core';
import { isSupportedCountry, parsePhoneNumberFromString } from 'libphonenumber-js/max';
import maxMetadata from 'libphonenumber-js/max/metadata';

import { kindOf } from './objects';

/** E.164 as the providers require it: a plus, a non-zero country code digit, 7 to 15 digits in all. */
const E164 = /^\+[1-9]\d{6,14}$/;

/** Separators people type in phone numbers; they carry no meaning. */
const SEPARATORS = /[\s\-.()/]/g;

export type MsisdnResult = { ok: true; e164: string } | { ok: false; reason: string };

/** A trunk zero in brackets after the country code, as in "+44 (0)20 7946 0018". */
const BRACKETED_TRUNK_ZERO = /^(\s*(?:\+|00)\s*[1-9]\d{0,2})[\s\-.]*\(\s*0\s*\)/;

/**
 * Drops a bracketed trunk zero: "(0)" means "dial 0 here only from inside the country", so the
 * international number has no 0 there ("+44 (0)20 …" is +4420…). Kept, it would be sent as +440….
 */
const withoutTrunkZero = (raw: string) => raw.replace(BRACKETED_TRUNK_ZERO, '$1 ');

/**
 * Normalises an international number: separators and a bracketed trunk zero are removed and an
 * `00` international prefix becomes `+`. A number without a country code is refused rather than
 * guessed.
 */
export function normaliseMsisdn(input: unknown): MsisdnResult {
	// Already E.164 (the usual case, and every campaign recipient after planning): nothing to strip.
	if (typeof input === 'string' && E164.test(input)) return { ok: true, e164: input };
	const raw = typeof input === 'number' ? String(input) : typeof input === 'string' ? input : '';
	const compact = withoutTrunkZero(raw).replace(SEPARATORS, '');
	if (compact === '') return { ok: false, reason: 'is empty' };
	const candidate = compact.startsWith('00') ? `+${compact.slice(2)}` : compact;
	if (E164.test(candidate)) return { ok: true, e164: candidate };
	if (/^\d+$/.test(candidate)) {
		return {
			ok: false,
			reason: 'has no country code: write it in international form, e.g. +442079460123',
		};
	}
	return {
		ok: false,
		reason: 'is not a valid international number: expected + and 7 to 15 digits (E.164)',
	};
}

/**
 * The numbers in a `to` value: an array (from an expression), or text with numbers separated by
 * commas, semicolons or new lines. Blank entries are dropped. Text and numbers come back as
 * trimmed text; anything else (an object, a nested list) comes back as it is, for the adapter's
 * schema to refuse with the field's name. Never throws.
 */
export function splitNumbers(value: unknown): unknown[] {
	if (value === undefined || value === null) return [];
	if (typeof value === 'string')
		return value
			.split(/[,;\n]/)
			.map((part) => part.trim())
			.filter((part) => part !== '');
	const parts = Array.isArray(value) ? value : [value];
	return parts.flatMap((part: unknown) => {
		if (part === undefined || part === null) return [];
		if (typeof part === 'string') return part.trim() === '' ? [] : [part.trim()];
		return typeof part === 'number' || typeof part === 'boolean' ? [String(part)] : [part];
	});
}

/**
 * Like normaliseMsisdn, but national numbers ("020 7946 0018", "(415) 555-0100") are read in
 * `defaultCountry` (ISO 3166-1 alpha-2), and every number must be a valid number of its country.
 */
export function normaliseNumber(input: unknown, defaultCountry?: string): MsisdnResult {
	if (typeof input === 'string' && E164.test(input) && isValidE164(input))
		return { ok: true, e164: input };
	if (
		input !== undefined &&
		input !== null &&
		typeof input !== 'string' &&
		typeof input !== 'number'
	) {
		return { ok: false, reason: `is not a phone number: it is ${kindOf(input)}` };
	}
	const raw = withoutTrunkZero(
		typeof input === 'number' ? String(input) : typeof input === 'string' ? input.trim() : '',
	);
	if (raw.replace(SEPARATORS, '') === '') return { ok: false, reason: 'is empty' };
	const country = defaultCountry?.trim().toUpperCase() || undefined;
	if (country !== undefined && !isSupportedCountry(country)) {
		return {
			ok: false,
			reason: `cannot be read: default country "${country}" is not an ISO 3166-1 alpha-2 code`,
		};
	}
	const international = raw.replace(SEPARATORS, '').replace(/^00/, '+');
	const parsed = parsePhoneNumberFromString(
		international.startsWith('+') ? international : raw,
		country as never,
	);
	if (parsed === undefined) {
		return country === undefined && !international.startsWith('+')
			? {
					ok: false,
					reason: 'has no country code: write it in international form or set a default country',
				}
			: { ok: false, reason: 'is not a phone number' };
	}
	if (!parsed.isValid()) {
		return {
			ok: false,
			reason: `is not a valid number${parsed.country ? ` in ${parsed.country}` : ''}`,
		};
	}
	// libphonenumber calls some 16-digit numbers valid (+49 with 14 digits); E.164 allows 15.
	if (!E164.test(parsed.number)) {
		return {
			ok: false,
			reason: `has ${parsed.number.length - 1} digits; an international number (E.164) has at most 15`,
		};
	}
	return { ok: true, e164: parsed.number };
}

/*
 * A campaign reads 100,000 numbers, nearly all already in E.164, and libphonenumber's general
 * parser costs about 5 µs each. For a plain "+digits" number the answer only needs its calling
 * code and the country's number patterns, which are compiled once here from libphonenumber's own
 * metadata, following its rules (parse → getCountryByNationalNumber → getNumberType). Anything
 * unusual (a national prefix that libphonenumber would strip, a non-geographic code, no country)
 * and every number found invalid go the general way, so the answer and the reason stay
 * libphonenumber's. test/core/phone.fastPath.test.ts compares both on many numbers of every country.
 */

/** The part of libphonenumber's Metadata class used here (its typings declare almost none). */
interface NumberingPlanMetadata {
	selectNumberingPlan(countryOrCallingCode: string): void;
	getCountryCodesForCallingCode(callingCode: string): string[] | undefined;
	isNonGeographicCallingCode(callingCode: string): boolean;
	numberingPlan: {
		nationalNumberPattern(): string;
		nationalPrefixForParsing(): string | undefined;
		leadingDigits(): string | undefined;
		type(name: string): { pattern(): string; possibleLengths(): number[] | undefined } | undefined;
	};
}

/** libphonenumber's number types (getNumberType.js); a valid number is one of them. */
const NUMBER_TYPES = [
	'FIXED_LINE',
	'MOBILE',
	'PREMIUM_RATE',
	'TOLL_FREE',
	'SHARED_COST',
	'VOIP',
	'PERSONAL_NUMBER',
	'PAGER',
	'UAN',
	'VOICEMAIL',
];

interface CountryPlan {
	/** libphonenumber's "leading digits": when given, a match decides the country by itself. */
	leadingDigits?: RegExp;
	nationalNumber: RegExp;
	/**
	 * By national number length: one pattern joining every number type that allows that length
	 * (a type with no lengths of its own allows any), so one test tells whether a number has a type.
	 */
	typesByLength: Map<number, RegExp | null>;
	types: Array<{ lengths?: number[]; pattern: string }>;
}

interface CallingCodePlan {
	countries: CountryPlan[];
	/** The main country's national prefix; a national number starting with it goes the general way. */
	nationalPrefix?: RegExp;
}

const whole = (pattern: string) => new RegExp(`^(?:${pattern})$`);
/** Compiled on first use, per calling code; null: no such calling code. */
let callingCodePlans: Map<string, CallingCodePlan | null> | undefined;

function callingCodePlan(callingCode: string): CallingCodePlan | null {
	callingCodePlans ??= new Map();
	let plan = callingCodePlans.get(callingCode);
	if (plan !== undefined) return plan;
	const metadata = new Metadata(maxMetadata) as unknown as NumberingPlanMetadata;
	const countries = metadata.getCountryCodesForCallingCode(callingCode);
	if (countries === undefined) {
		// A code of no country, or a non-geographic one (+800…), which goes the general way.
		plan = metadata.isNonGeographicCallingCode(callingCode) ? { countries: [] } : null;
	} else {
		plan = {
			countries: countries.map((country): CountryPlan => {
				metadata.selectNumberingPlan(country);
				const { numberingPlan } = metadata;
				const leadingDigits = numberingPlan.leadingDigits();
				return {
					leadingDigits: leadingDigits ? new RegExp(`^(?:${leadingDigits})`) : undefined,
					nationalNumber: whole(numberingPlan.nationalNumberPattern()),
					typesByLength: new Map(),
					types: NUMBER_TYPES.flatMap((name) => {
						const type = numberingPlan.type(name);
						return type?.pattern()
							? [{ lengths: type.possibleLengths(), pattern: type.pattern() }]
							: [];
					}),
				};
			}),
		};
		metadata.selectNumberingPlan(callingCode);
		const nationalPrefix = metadata.numberingPlan.nationalPrefixForParsing();
		if (nationalPrefix) plan.nationalPrefix = new RegExp(`^(?:${nationalPrefix})`);
	}
	callingCodePlans.set(callingCode, plan);
	return plan;
}

function typesOfLength(country: CountryPlan, length: number): RegExp | null {
	let pattern = country.typesByLength.get(length);
	if (pattern === undefined) {
		const types = country.types.filter(
			(type) => type.lengths === undefined || type.lengths.includes(length),
		);
		pattern =
			types.length === 0 ? null : whole(types.map((type) => `(?:${type.pattern})`).join('|'));
		country.typesByLength.set(length, pattern);
	}
	return pattern;
}

const hasType = (country: CountryPlan, national: string): boolean =>
	country.nationalNumber.test(national) &&
	(typesOfLength(country, national.length)?.test(national) ?? false);

/** True when libphonenumber would call this E.164 number valid and keep it as it is; false: ask it. */
export function isValidE164(number: string): boolean {
	for (let length = 1; length <= 3; length++) {
		const plan = callingCodePlan(number.slice(1, 1 + length));
		if (plan === null) continue;
		const national = number.slice(1 + length);
		if (national.length < 2 || national.length > 17 || plan.nationalPrefix?.test(national))
			return false;
		const country =
			plan.countries.length === 1
				? plan.countries[0]
				: plan.countries.find((candidate) =>
						candidate.leadingDigits
							? candidate.leadingDigits.test(national)
							: hasType(candidate, national),
					);
		return country !== undefined && hasType(country, national);
	}
	return false;
}

/**
 * The ISO 3166-1 alpha-2 country of an E.164 number: libphonenumber-js's answer, or, for a number
 * it cannot place (an unassigned range), the main country of its calling code. Null for
 * non-geographic codes (+800, +882…) and text that is not a number.
 */
export function countryOfE164(number: string): string | null {
	const parsed = parsePhoneNumberFromString(number);
	if (parsed === undefined) return null;
	return (
		parsed.country ?? maxMetadata.country_calling_codes[parsed.countryCallingCode]?.[0] ?? null
	);
}

/** Whether `code` is an ISO 3166-1 alpha-2 country libphonenumber-js knows (upper case). */
export function isKnownCountry(code: string): boolean {
	return isSupportedCountry(code);
}

/**
 * libphonenumber-js's kind of an E.164 number ('FIXED_LINE', 'MOBILE', 'FIXED_LINE_OR_MOBILE', …);
 * undefined when it cannot tell. A mobile number's area code says where it was issued, not where
 * its owner is.
 */
export function numberTypeOfE164(number: string): string | undefined {
	return parsePhoneNumberFromString(number)?.getType();
}
