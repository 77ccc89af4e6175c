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
			reason: 'has no country code: write it in international form, e.g. +447700900123',
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
