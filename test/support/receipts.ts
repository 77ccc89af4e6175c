/**
 * Receipt builders, one per provider, on the documented payloads of test/fixtures/<provider>/: a test
 * names only the fields its case is about. A field given as undefined is left out of the payload.
 */
import type { InnoPaasCallRecord } from '../simulator/providers/innoPaas';
import { fixture, type RouteeCallback, type WebexReceipt } from './fixtures';

type Fields = Record<string, unknown>;

/** The record without its keys set to undefined. */
export const defined = <T extends Fields>(record: T): T =>
	Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as T;

/**
 * A Webex Connect receipt as the platform documents it, quirks included (capital Description, string
 * code, zone-less time stamp): the final Disconnected receipt of a call unless `info` (fields of
 * deliveryInfo), `envelope` (fields of deliveryInfoNotification) or `outer` (deliveryTransInfo) say
 * otherwise.
 */
export function webexReceipt(
	info: Fields = {},
	envelope: Fields = {},
	outer: Fields = {},
): WebexReceipt {
	const base = fixture('webexConnect', 'receipt.disconnected');
	const notification = base.deliveryInfoNotification;
	return defined({
		...base,
		deliveryInfoNotification: defined({
			...notification,
			deliveryInfo: defined({ ...notification.deliveryInfo, ...info }),
			...envelope,
		}),
		...outer,
	});
}

/** The Webex Connect receipt of one delivery event: its code, and its word as Description and, in capitals, as deliveryStatus. */
export const webexEvent = (
	code: string,
	word: string,
	envelope: Fields = {},
	outer: Fields = {},
): WebexReceipt =>
	webexReceipt({ code, Description: word, deliveryStatus: word.toUpperCase() }, envelope, outer);

/**
 * A Routee callback as docs.routee.net lists its fields: a single call's (`conversation`) or a
 * campaign message's, status Completed unless `name` says otherwise; `extra` changes other fields.
 */
export function routeeCallback(
	kind: 'conversation' | 'campaign',
	name?: string,
	extra: Fields = {},
): RouteeCallback {
	const base = fixture('routee', `callback.${kind}`);
	return defined({
		...base,
		...(name === undefined ? {} : { status: { ...base.status, name } }),
		...extra,
	});
}

/** The call record InnoPaaS posts to billUrl (an ASSUMED shape: InnoPaaS documents none) of an answered call; `extra` changes fields. */
export const innoPaasRecord = (extra: Fields = {}): InnoPaasCallRecord & Fields =>
	defined({ ...fixture('innoPaas', 'callRecord.answered'), ...extra });
