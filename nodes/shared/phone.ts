// libphonenumber-js is a devDependency bundled into dist/nodes/shared/phone.js at build time
// (gulpfile.js): n8n community packages may not have runtime dependencies.
import { isSupportedCountry, parsePhoneNumberFromString } from 'libphonenumber-js/max';

/** E.164 as the providers require it: a plus, a non-zero country code digit, 7 to 15 digits in all. */
const E164 = /^\+[1-9]\d{6,14}$/;

/** Separators people type in phone numbers; they carry no meaning. */
const SEPARATORS = /[\s\-.()/]/g;

export type MsisdnResult = { ok: true; e164: string } | { ok: false; reason: string };

/**
 * Normalises an international number: separators are removed and an `00` international prefix
 * becomes `+`. A number without a country code is refused rather than guessed.
 */
export function normaliseMsisdn(input: unknown): MsisdnResult {
	const raw = typeof input === 'number' ? String(input) : typeof input === 'string' ? input : '';
	const compact = raw.replace(SEPARATORS, '');
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
 * commas, semicolons or new lines. Blank entries are dropped.
 */
export function splitNumbers(value: unknown): string[] {
	const parts = Array.isArray(value) ? value : typeof value === 'number' ? [value] : String(value ?? '').split(/[,;\n]/);
	return parts.map((part) => String(part ?? '').trim()).filter((part) => part !== '');
}

/**
 * Like normaliseMsisdn, but national numbers ("020 7946 0018", "(415) 555-0100") are read in
 * `defaultCountry` (ISO 3166-1 alpha-2), and every number must be a valid number of its country.
 */
export function normaliseNumber(input: unknown, defaultCountry?: string): MsisdnResult {
	const raw = typeof input === 'number' ? String(input) : typeof input === 'string' ? input.trim() : '';
	if (raw.replace(SEPARATORS, '') === '') return { ok: false, reason: 'is empty' };
	const country = defaultCountry?.trim().toUpperCase() || undefined;
	if (country !== undefined && !isSupportedCountry(country)) {
		return { ok: false, reason: `cannot be read: default country "${country}" is not an ISO 3166-1 alpha-2 code` };
	}
	const international = raw.replace(SEPARATORS, '').replace(/^00/, '+');
	const parsed = parsePhoneNumberFromString(international.startsWith('+') ? international : raw, country as never);
	if (parsed === undefined) {
		return country === undefined && !international.startsWith('+')
			? { ok: false, reason: 'has no country code: write it in international form or set a default country' }
			: { ok: false, reason: 'is not a phone number' };
	}
	if (!parsed.isValid()) {
		return { ok: false, reason: `is not a valid number${parsed.country ? ` in ${parsed.country}` : ''}` };
	}
	return { ok: true, e164: parsed.number };
}
