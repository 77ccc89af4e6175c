import type { IExecuteFunctions } from 'n8n-workflow';

/** `={{ $json.phone }}` or `={{ $json["phone"] }}`: a plain reference to a field of the item. */
const JSON_FIELD = /^=\{\{\s*\$json(?:\.([A-Za-z_$][\w$]*)|\[\s*(["'])(.+?)\2\s*\])\s*\}\}$/;

/**
 * A parameter's value for every input item. The usual campaign mapping, a plain `{{ $json.field }}`
 * reference to a column, is read straight from the items, and `sameAs` templates are computed
 * directly: n8n's expression engine costs tens of microseconds a call, which dominates a campaign of
 * 100,000 rows. Anything else goes through n8n's expression engine, item by item.
 */
export function readForEachItem(
	context: IExecuteFunctions,
	name: string,
	known: Record<string, (itemIndex: number) => unknown> = {},
): unknown[] {
	const items = context.getInputData();
	const raw = context.getNode().parameters[name];
	if (typeof raw === 'string') {
		const match = JSON_FIELD.exec(raw);
		const field = match?.[1] ?? match?.[3];
		if (field !== undefined) return items.map((item) => item.json[field]);
		const template = known[raw];
		if (template !== undefined) return items.map((_, itemIndex) => template(itemIndex));
	}
	return items.map((_, itemIndex) => context.getNodeParameter(name, itemIndex, ''));
}
