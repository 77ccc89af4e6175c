/** The Azure text-to-speech pickers of Webex Connect's Make Call content: Language, Voice, Region. */
import type { ILoadOptionsFunctions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { MakeVoiceCall } from '../../../nodes/MakeVoiceCall/MakeVoiceCall.node';
import {
	AZURE_LANGUAGE_OPTIONS,
	AZURE_REGION_OPTIONS,
	AZURE_VOICES,
	azureVoiceOptions,
} from '../../../nodes/providers/webexConnect/azureTts';
import { azureVoices } from '../../../nodes/providers/webexConnect/fields';
import { SendVoiceCampaign } from '../../../nodes/SendVoiceCampaign/SendVoiceCampaign.node';

const values = (options: Array<{ value: string }>) => options.map((option) => option.value);

describe('Azure voices and regions', () => {
	it('lists every locale once, each with at least one voice, by name', () => {
		const locales = values(AZURE_LANGUAGE_OPTIONS);
		expect(new Set(locales).size).toBe(locales.length);
		expect(locales.length).toBeGreaterThan(100);
		for (const locale of locales)
			expect(AZURE_VOICES.some((voice) => voice.locale === locale)).toBe(true);
		expect(AZURE_LANGUAGE_OPTIONS.find((option) => option.value === 'en-GB')?.name).toBe(
			'English (United Kingdom) — en-GB',
		);
		for (const voice of AZURE_VOICES) expect(voice.voice).toMatch(/^[A-Z][A-Za-z]+Neural$/);
	});

	it('offers a locale’s voices with their gender', () => {
		const british = azureVoiceOptions('en-GB');
		expect(british).toContainEqual({
			name: 'Sonia (female)',
			value: 'SoniaNeural',
			description: 'A female en-GB voice',
		});
		expect(british).toContainEqual(
			expect.objectContaining({ name: 'Ryan (male)', value: 'RyanNeural' }),
		);
		expect(
			british.every((option) =>
				AZURE_VOICES.some((voice) => voice.locale === 'en-GB' && voice.voice === option.value),
			),
		).toBe(true);
		// Written as in a saved workflow or typed: case and spaces do not matter.
		expect(azureVoiceOptions(' EN-gb ')).toEqual(british);
	});

	it('offers every voice once, locales named, for a locale it does not know or an expression', () => {
		for (const unknown of ['xx-XX', '={{ $json.locale }}', undefined]) {
			const all = azureVoiceOptions(unknown);
			expect(new Set(values(all)).size).toBe(all.length);
			expect(all).toContainEqual(
				expect.objectContaining({ name: 'Jenny (en-US, female)', value: 'JennyNeural' }),
			);
			expect(new Set(values(all))).toEqual(new Set(AZURE_VOICES.map((voice) => voice.voice)));
		}
	});

	it('lists the speech regions with their portal names', () => {
		expect(AZURE_REGION_OPTIONS).toContainEqual({ name: 'East US — eastus', value: 'eastus' });
		expect(values(AZURE_REGION_OPTIONS)).toEqual(
			expect.arrayContaining(['westeurope', 'uksouth', 'australiaeast']),
		);
	});

	it('fills the Voice picker from the node’s chosen language (the loadOptions method)', async () => {
		const context = {
			getCurrentNodeParameter: (name: string) => (name === 'language' ? 'de-DE' : undefined),
		} as unknown as ILoadOptionsFunctions;
		const options = await azureVoices.call(context);
		expect(values(options as Array<{ value: string }>)).toContain('KatjaNeural');
		expect(options).toEqual(azureVoiceOptions('de-DE'));
	});
});

describe.each([
	['Make Voice Call', new MakeVoiceCall()],
	['Send Voice Campaign', new SendVoiceCampaign()],
])('%s', (_name, node) => {
	const tts = (name: string) =>
		node.description.properties.find(
			(property) =>
				property.name === name && property.displayOptions?.show?.provider?.includes('webexConnect'),
		)!;
	const inOptions = (property: INodeProperties) =>
		values(property.options as INodePropertyOptions[] as Array<{ value: string }>);

	it('keeps the saved defaults among the pickers’ values (en-US, JennyNeural, eastus)', () => {
		expect(tts('language').default).toBe('en-US');
		expect(inOptions(tts('language'))).toContain('en-US');
		expect(tts('voice').default).toBe('JennyNeural');
		expect(values(azureVoiceOptions('en-US'))).toContain('JennyNeural');
		expect(tts('region').default).toBe('eastus');
		expect(inOptions(tts('region'))).toContain('eastus');
	});

	it('has every loadOptions method its pickers name', () => {
		const named = node.description.properties.flatMap((property) =>
			property.typeOptions?.loadOptionsMethod ? [property.typeOptions.loadOptionsMethod] : [],
		);
		expect(named).toContain('azureVoices');
		for (const method of named) expect(typeof node.methods.loadOptions[method]).toBe('function');
	});
});
