/**
 * The n8n side of a provider path: how Make Voice Call and Send Voice Campaign show its fields and
 * read them per item. Only n8n types are imported, so the adapters stay usable without n8n.
 */
import type {
	IDataObject,
	IDisplayOptions,
	IExecuteFunctions,
	INodeProperties,
} from 'n8n-workflow';

import { normaliseMsisdn, normaliseNumber } from '../core/phone';
import { InputError } from '../core/validation';

/** How Make Voice Call offers one provider path. */
export interface CallForm {
	/** Shown under the path's name in the Provider option. */
	description: string;
	/** Its fields; the node shows them only when this path is chosen. */
	properties: INodeProperties[];
	/** The item's parameters as the adapter's normalised request (validated by the adapter). */
	read(context: IExecuteFunctions, itemIndex: number): Record<string, unknown>;
}

/** How Send Voice Campaign offers one provider path. */
export interface CampaignForm extends CallForm {
	/** The campaign's fields (everything but the recipients), read from the first item. */
	read(context: IExecuteFunctions, itemIndex: number): Record<string, unknown>;
	/** Per-recipient fields beyond the number and correlation id, read from each item. */
	readRecipient?(context: IExecuteFunctions, itemIndex: number): Record<string, unknown>;
	/** Requests in flight at once unless the user says otherwise. */
	defaultConcurrency: number;
	/**
	 * Recipients of the campaign read by `read` that the provider looks up itself (lists kept at
	 * the provider), in words ("2 contacts"), or null: Guardrails cannot check them.
	 */
	unlistedAudience?(campaign: Record<string, unknown>): string | null;
}

/** Shows a property only for the given provider paths. */
export const forProviders = (providers: string[], property: INodeProperties): INodeProperties => ({
	...property,
	displayOptions: {
		...property.displayOptions,
		show: { ...property.displayOptions?.show, provider: providers },
	},
});

/** A provider path's optional fields, in the collection every path calls Options. */
export const optionsCollection = (options: INodeProperties[]): INodeProperties => ({
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options,
});

/** The path's Options collection as an object (absent: empty). */
export const readOptions = (context: IExecuteFunctions, itemIndex: number) =>
	context.getNodeParameter('options', itemIndex, {}) as IDataObject;

/** The text a voice reads aloud (text-to-speech), shown with the content type that says it. */
export const spokenTextProperty = (
	maxChars: number,
	displayOptions: IDisplayOptions,
): INodeProperties => ({
	displayName: 'Text',
	name: 'text',
	type: 'string',
	typeOptions: { rows: 4 },
	default: '',
	required: true,
	displayOptions,
	description: `What the person hears, at most ${maxChars.toLocaleString('en-US')} characters`,
});

/**
 * The Default Country field of both action nodes: Make Voice Call shows it after each path's To,
 * Send Voice Campaign after its recipient fields.
 */
export const defaultCountryProperty: INodeProperties = {
	displayName: 'Default Country',
	name: 'defaultCountry',
	type: 'string',
	default: '',
	placeholder: 'GB',
	description:
		'The country of numbers written without a country code, as its two-letter code (ISO 3166-1 alpha-2) such as GB, US or DE: with GB, "020 7946 0018" is called as +44 20 7946 0018. Leave empty when every number starts with + or 00; a number without a country code is then refused.',
};

/**
 * The request's numbers (`recipients[].to`) read in the item's Default Country: national numbers
 * become E.164 (libphonenumber-js), and a number that is not valid there is refused with the
 * reason. Without a default country the numbers go to the adapter as typed, and a national one is
 * refused with a reason that names the field.
 */
export function readInDefaultCountry(
	request: Record<string, unknown>,
	defaultCountry: unknown,
): Record<string, unknown> {
	const { recipients } = request;
	if (!Array.isArray(recipients)) return request;
	const country = typeof defaultCountry === 'string' ? defaultCountry.trim() : '';
	return {
		...request,
		recipients: recipients.map((recipient: IDataObject) => ({
			...recipient,
			to: inCountry(recipient.to, country),
		})),
	};
}

function inCountry(to: unknown, country: string): unknown {
	// Anything but text or a number is left to the adapter's schema, which names what it is.
	if (typeof to !== 'string' && typeof to !== 'number') return to;
	if (country === '') {
		// As typed, for the adapter to check; only a national number gets a reason naming the field.
		const national = !normaliseMsisdn(to).ok && /^\d+$/.test(String(to).replace(/[\s\-.()/]/g, ''));
		if (!national) return to;
		throw new InputError(
			'to',
			`to "${String(to)}" has no country code: write it in international form (e.g. +442079460123) or set Default Country`,
		);
	}
	const result = normaliseNumber(to, country);
	if (result.ok) return result.e164;
	throw new InputError('to', `to "${String(to)}" ${result.reason}`);
}
