import type { IExecuteFunctions } from 'n8n-workflow';

import { hasOwn, isRecord } from '../core/objects';

/** `={{ $json.phone }}` or `={{ $json["phone"] }}`: a plain reference to a field of the item. */
const JSON_FIELD = /^=\{\{\s*\$json(?:\.([A-Za-z_$][\w$]*)|\[\s*(["'])(.+?)\2\s*\])\s*\}\}$/;

/**
 * A parameter's value for every input item, as a reader by item index. The usual campaign mapping,
 * a plain `{{ $json.field }}` reference to a column, is read straight from the items, and `sameAs`
 * templates are computed directly: n8n's expression engine costs tens of microseconds a call, which
 * dominates a campaign of 100,000 rows. Anything else goes through n8n's expression engine, item by
 * item; an expression that fails for one item makes reading that item throw its error (and only
 * that item: a campaign refuses that row and calls the others).
 */
export function readForEachItem(
	context: IExecuteFunctions,
	name: string,
	known: Record<string, (itemIndex: number) => unknown> = {},
): (itemIndex: number) => unknown {
	const items = context.getInputData();
	const raw = context.getNode().parameters[name];
	if (typeof raw === 'string') {
		const match = JSON_FIELD.exec(raw);
		const field = match?.[1] ?? match?.[3];
		if (field !== undefined) {
			// Own fields only: `$json.constructor` of an item without that column is nothing.
			const values = items.map((item) =>
				isRecord(item.json) && hasOwn(item.json, field) ? item.json[field] : undefined,
			);
			return (itemIndex) => values[itemIndex];
		}
		// Own templates only: a parameter whose text is "constructor" is that text, not Object.
		if (hasOwn(known, raw)) return known[raw];
	}
	const failures = new Map<number, unknown>();
	const values = items.map((_, itemIndex) => {
		try {
			return context.getNodeParameter(name, itemIndex, '');
		} catch (error) {
			failures.set(itemIndex, error);
			return undefined;
		}
	});
	return (itemIndex) => {
		if (failures.has(itemIndex)) throw failures.get(itemIndex);
		return values[itemIndex];
	};
}
