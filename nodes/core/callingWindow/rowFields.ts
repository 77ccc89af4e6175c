/**
 * What a row says about the time zones a Calling Window was checked in (issue 22: "the row says
 * which zones were used and whether it was a guess"), for every recipient of a run with a window:
 * dialled, scheduled and refused rows alike.
 */
import { zonesOfNumber, type ZoneSource } from './zones';

export interface WindowRowFields {
	/** The IANA zones the window must be open in; empty when the number's zone is unknown. */
	windowZones: readonly string[];
	/** True unless libphonenumber calls the number a fixed line: a mobile can ring anywhere. */
	windowGuessed: boolean;
	/** Where the zones come from: the area code (+1), a number prefix, the country; null: unknown. */
	windowSource: ZoneSource | null;
}

/** The zone fields of an E.164 number's row. */
export function windowRowFields(e164: string): WindowRowFields {
	const found = zonesOfNumber(e164);
	return found.ok
		? { windowZones: found.zones, windowGuessed: found.guessed, windowSource: found.source }
		: { windowZones: [], windowGuessed: true, windowSource: null };
}
