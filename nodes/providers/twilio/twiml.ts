/**
 * TwiML the node writes for a call: `<Say>` and `<Play>` in a `<Response>`. Every value from an
 * item is XML-escaped (text and attributes alike), so no item can add a verb (`<Dial>`, `<Refer>`)
 * or an attribute: whatever a row holds is spoken or fetched, never obeyed. Twilio takes at most
 * 4,000 characters of inline TwiML; the limit is checked on the TwiML as sent, after escaping.
 */
import { formatCount, InputError } from '../../core/validation';

import { TWILIO } from './common';

/** Twilio's limit on the `Twiml` parameter, in characters (UTF-16 code units, as Java counts them). */
export const MAX_TWIML = 4000;

export interface SayVerb {
	say: string;
	/** e.g. `alice`, `Polly.Joanna`, `Google.en-US-Standard-C`. */
	voice?: string;
	/** e.g. `en-US`. */
	language?: string;
	/** Times to say it; 0 repeats until the call ends. */
	loop?: number;
	/** The node field the text came from, named in errors. */
	field: string;
}

export interface PlayVerb {
	/** An http(s) URL of an audio file. */
	play: string;
	loop?: number;
	field: string;
}

export type TwimlVerb = SayVerb | PlayVerb;

/**
 * Where `value` has a character XML 1.0 cannot hold at all (escaping cannot help): a control other
 * than tab, line feed and carriage return, a lone surrogate, U+FFFE or U+FFFF. -1 when none.
 */
function notXmlAt(value: string): number {
	for (let i = 0; i < value.length; i++) {
		const unit = value.charCodeAt(i);
		if (unit < 0x20 && unit !== 0x09 && unit !== 0x0a && unit !== 0x0d) return i;
		if (unit === 0xfffe || unit === 0xffff) return i;
		if (unit >= 0xd800 && unit <= 0xdbff) {
			const next = value.charCodeAt(i + 1);
			if (!(next >= 0xdc00 && next <= 0xdfff)) return i;
			i++;
		} else if (unit >= 0xdc00 && unit <= 0xdfff) return i;
	}
	return -1;
}

const ENTITIES: Readonly<Record<string, string>> = {
	'&': '&amp;',
	'<': '&lt;',
	'>': '&gt;',
	'"': '&quot;',
	"'": '&apos;',
};

/**
 * `value` as XML text or attribute content: the five special characters become entities. A
 * character XML cannot hold is refused (InputError naming `field` and the position), not dropped.
 */
export function escapeXml(value: string, field: string): string {
	const at = notXmlAt(value);
	if (at >= 0) {
		const code = value.charCodeAt(at).toString(16).toUpperCase().padStart(4, '0');
		throw new InputError(
			field,
			`${field} has the character U+${code} at position ${formatCount(at + 1)}, which TwiML (XML) cannot carry: remove it`,
		);
	}
	return value.replace(/[&<>"']/g, (char) => ENTITIES[char]);
}

const VOICE = /^[A-Za-z][A-Za-z0-9._-]{0,63}$/;
const LANGUAGE = /^[a-zA-Z]{2,3}(?:-[a-zA-Z0-9]{2,8}){0,2}$/;

function loopAttribute(loop: number | undefined, field: string): string {
	if (loop === undefined) return '';
	if (!Number.isInteger(loop) || loop < 0 || loop > 1000)
		throw new InputError(
			field,
			`${field} loop ${String(loop)} must be a whole number from 0 to 1,000`,
		);
	return ` loop="${loop}"`;
}

function sayXml(verb: SayVerb): string {
	let attributes = '';
	if (verb.voice !== undefined) {
		if (!VOICE.test(verb.voice))
			throw new InputError(
				'voice',
				`voice "${verb.voice}" is not a ${TWILIO} voice name (e.g. alice, Polly.Joanna, Google.en-US-Standard-C)`,
			);
		attributes += ` voice="${escapeXml(verb.voice, 'voice')}"`;
	}
	if (verb.language !== undefined) {
		if (!LANGUAGE.test(verb.language))
			throw new InputError(
				'language',
				`language "${verb.language}" is not a language tag such as en-US`,
			);
		attributes += ` language="${escapeXml(verb.language, 'language')}"`;
	}
	attributes += loopAttribute(verb.loop, verb.field);
	return `<Say${attributes}>${escapeXml(verb.say, verb.field)}</Say>`;
}

function playXml(verb: PlayVerb): string {
	let url: URL | undefined;
	try {
		url = new URL(verb.play);
	} catch {
		url = undefined;
	}
	if (url === undefined || (url.protocol !== 'https:' && url.protocol !== 'http:'))
		throw new InputError(
			verb.field,
			`${verb.field} "${verb.play}" is not an http(s) URL of an audio file`,
		);
	return `<Play${loopAttribute(verb.loop, verb.field)}>${escapeXml(verb.play, verb.field)}</Play>`;
}

/**
 * The `Twiml` parameter for these verbs, in order. Throws InputError when a value cannot be
 * written or the TwiML would be longer than Twilio takes: the message names the field with the
 * longest value, its length as given and once escaped, the TwiML's length and the limit.
 */
export function buildTwiml(verbs: readonly TwimlVerb[]): string {
	if (verbs.length === 0)
		throw new InputError('twiml', 'Nothing to say or play: add a text or an audio URL');
	const parts = verbs.map((verb) => ('say' in verb ? sayXml(verb) : playXml(verb)));
	const twiml = `<Response>${parts.join('')}</Response>`;
	if (twiml.length <= MAX_TWIML) return twiml;
	const longest = verbs.reduce((a, b) => (value(b).length > value(a).length ? b : a));
	const given = value(longest);
	const escaped = escapeXml(given, longest.field).length;
	throw new InputError(
		longest.field,
		`${longest.field} has ${formatCount(given.length)} characters` +
			(escaped !== given.length ? ` (${formatCount(escaped)} once XML-escaped)` : '') +
			`; the TwiML sent to ${TWILIO} would have ${formatCount(twiml.length)} characters, and ${TWILIO} takes at most ${formatCount(MAX_TWIML)}: shorten it by ${formatCount(twiml.length - MAX_TWIML)}`,
	);
}

const value = (verb: TwimlVerb) => ('say' in verb ? verb.say : verb.play);
