/**
 * Provider payloads kept as JSON in test/fixtures/<provider>/<name>.json (see test/fixtures/README.md):
 * receipts as the providers document them and request bodies that several tests share.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { InnoPaasCallRecord } from '../simulator/providers/innoPaas';

type Fields = Record<string, unknown>;

/** Webex Connect's receipt: a deliveryInfoNotification around one delivery event. */
export interface WebexReceipt {
	deliveryInfoNotification: Fields & { deliveryInfo: Fields };
	deliveryTransInfo?: string;
}

/** A Routee callback: one call's (conversation) or one campaign message's. */
export interface RouteeCallback extends Fields {
	messageId: string;
	to: string;
	status: Fields;
}

/** Every fixture, by provider and name, with the shape tests rely on. */
export interface Fixtures {
	webexConnect: {
		/** The final receipt of a call (7410 Disconnected), with the platform's quirks. */
		'receipt.disconnected': WebexReceipt;
		/** A Make Call request (POST /v2/messages) with text-to-speech content. */
		'request.makeCall': Fields & { content: Fields };
		/** A Messaging API v1 request (POST /resources/v1/messaging) for a call flow. */
		'request.messagingV1': Fields;
	};
	routee: {
		/** The callback of a single call (voice conversation), status Completed. */
		'callback.conversation': RouteeCallback;
		/** The callback of a campaign message, status Completed. */
		'callback.campaign': RouteeCallback;
	};
	innoPaas: {
		/** The call record posted to billUrl for an answered call (an assumed shape). */
		'callRecord.answered': InnoPaasCallRecord;
		/** batch-notify's answer when the request is accepted. */
		'answer.success': { code: string; message: string; data: { callId: string } };
	};
}

const texts = new Map<string, string>();

/** A fixture, parsed afresh on every call: each caller gets its own deep copy to change at will. */
export function fixture<
	Provider extends keyof Fixtures,
	Name extends keyof Fixtures[Provider] & string,
>(provider: Provider, name: Name): Fixtures[Provider][Name] {
	const path = join(__dirname, '..', 'fixtures', provider, `${name}.json`);
	let text = texts.get(path);
	if (text === undefined) {
		text = readFileSync(path, 'utf8');
		texts.set(path, text);
	}
	return JSON.parse(text) as Fixtures[Provider][Name];
}
