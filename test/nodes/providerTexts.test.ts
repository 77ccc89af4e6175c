/**
 * Texts that name the providers are built from the registry: every provider is named, with the
 * field of the action nodes that takes its receipt URL, and that field exists under that name.
 */
import type { INodeProperties } from 'n8n-workflow';

import { VoiceReceiptWebhookApi } from '../../credentials/VoiceReceiptWebhookApi.credentials';
import { listed } from '../../nodes/common/providerTexts';
import { MakeVoiceCall } from '../../nodes/MakeVoiceCall/MakeVoiceCall.node';
import { defaultCountryProperty } from '../../nodes/providers/formParts';
import { PROVIDERS } from '../../nodes/providers/registry';
import { SendVoiceCampaign } from '../../nodes/SendVoiceCampaign/SendVoiceCampaign.node';
import { VoiceReceiptTrigger } from '../../nodes/VoiceReceiptTrigger/VoiceReceiptTrigger.node';

const trigger = new VoiceReceiptTrigger().description;
const makeVoiceCall = new MakeVoiceCall().description;
const sendVoiceCampaign = new SendVoiceCampaign().description;
const property = (properties: INodeProperties[], name: string) =>
	properties.find((candidate) => candidate.name === name)!;

/** Every field's display name, options and collections included. */
function displayNames(properties: readonly unknown[]): string[] {
	return properties.flatMap((entry) => {
		const { displayName, options, values } = entry as {
			displayName?: string;
			options?: unknown[];
			values?: unknown[];
		};
		return [
			...(displayName === undefined ? [] : [displayName]),
			...displayNames(options ?? []),
			...displayNames(values ?? []),
		];
	});
}

describe('texts that name the providers', () => {
	it('lists words as a sentence does', () => {
		expect(listed([])).toBe('');
		expect(listed(['A'])).toBe('A');
		expect(listed(['A', 'B'], 'or')).toBe('A or B');
		expect(listed(['A', 'B', 'C'])).toBe('A, B and C');
	});

	it('the trigger names every provider, and where each takes its URL', () => {
		const notice = property(trigger.properties, 'urlNotice').displayName;
		expect(trigger.description).toContain(listed(PROVIDERS.map((p) => p.displayName)));
		for (const provider of PROVIDERS)
			expect(notice).toContain(`${provider.receiptUrlField} (${provider.displayName})`);
		// n8n's editor shows the trigger's URLs in a section that starts closed.
		expect(notice).toMatch(/^Open "Webhook URLs" at the top of this panel/);
	});

	it.each(PROVIDERS.map((provider) => [provider.displayName, provider]))(
		'%s: the receipt URL field the texts name is a field of each of its paths, in both action nodes',
		(_name, provider) => {
			for (const path of provider.paths) {
				expect(displayNames(path.callForm.properties)).toContain(provider.receiptUrlField);
				expect(displayNames(path.campaignForm.properties)).toContain(provider.receiptUrlField);
			}
		},
	);

	it("Call and Wait's notice names every provider's receipt URL field", () => {
		const notice = property(makeVoiceCall.properties, 'waitNotice').displayName;
		for (const provider of PROVIDERS) expect(notice).toContain(provider.receiptUrlField);
	});

	it("the receipt credential names every provider's signature", () => {
		const texts = new VoiceReceiptWebhookApi().properties
			.filter((field) => field.name === 'notice' || field.name === 'secret')
			.map((field) => `${field.displayName} ${field.description ?? ''}`);
		expect(texts).toHaveLength(2);
		for (const method of PROVIDERS.flatMap((provider) => provider.authenticity))
			for (const text of texts) expect(text).toContain(method.name);
	});
});

describe('Provider', () => {
	it('tells that n8n leaves the credential empty after a change of Provider', () => {
		for (const node of [makeVoiceCall, sendVoiceCampaign])
			expect(property(node.properties, 'provider').description).toContain(
				'After you change Provider, choose that credential again.',
			);
	});
});

describe('Default Country', () => {
	it('is one field, the same in both action nodes', () => {
		const fields = [...makeVoiceCall.properties, ...sendVoiceCampaign.properties].filter(
			(field) => field.name === 'defaultCountry',
		);
		// Make Voice Call shows it once per provider path, Send Voice Campaign once.
		expect(fields.length).toBeGreaterThan(1);
		for (const { displayOptions: _shownFor, ...field } of fields)
			expect(field).toEqual(
				Object.fromEntries(
					Object.entries(defaultCountryProperty).filter(([key]) => key !== 'displayOptions'),
				),
			);
		expect(sendVoiceCampaign.properties.filter((f) => f.name === 'defaultCountry')).toHaveLength(1);
	});
});
