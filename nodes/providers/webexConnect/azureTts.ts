/**
 * Azure text-to-speech, as Webex Connect's Make Call content names it: the neural voices per
 * locale and the speech regions, for the Language, Voice and Region pickers. Plain data and
 * functions (no n8n): the fields in fields.ts turn them into options.
 *
 * The voices are Microsoft's published Azure neural voices (its public voice list as of 2025, with
 * the larger English, German, French and Spanish line-ups of Azure's language-support table). Azure
 * adds voices now and then: any voice or locale not listed here can still be given as an
 * expression, and Webex Connect takes it as it is. To update the list, edit the lines below: one
 * locale per line, its English name and its voices as `F:Name` or `M:Name` (female or male; the
 * voice Webex Connect expects is `NameNeural`).
 */

/** Locale → [its name in English, its voices]. */
const VOICES: Record<string, [string, string]> = {
	'af-ZA': ['Afrikaans (South Africa)', 'F:Adri M:Willem'],
	'am-ET': ['Amharic (Ethiopia)', 'M:Ameha F:Mekdes'],
	'ar-AE': ['Arabic (United Arab Emirates)', 'F:Fatima M:Hamdan'],
	'ar-BH': ['Arabic (Bahrain)', 'M:Ali F:Laila'],
	'ar-DZ': ['Arabic (Algeria)', 'F:Amina M:Ismael'],
	'ar-EG': ['Arabic (Egypt)', 'F:Salma M:Shakir'],
	'ar-IQ': ['Arabic (Iraq)', 'M:Bassel F:Rana'],
	'ar-JO': ['Arabic (Jordan)', 'F:Sana M:Taim'],
	'ar-KW': ['Arabic (Kuwait)', 'M:Fahed F:Noura'],
	'ar-LB': ['Arabic (Lebanon)', 'F:Layla M:Rami'],
	'ar-LY': ['Arabic (Libya)', 'F:Iman M:Omar'],
	'ar-MA': ['Arabic (Morocco)', 'M:Jamal F:Mouna'],
	'ar-OM': ['Arabic (Oman)', 'M:Abdullah F:Aysha'],
	'ar-QA': ['Arabic (Qatar)', 'F:Amal M:Moaz'],
	'ar-SA': ['Arabic (Saudi Arabia)', 'M:Hamed F:Zariyah'],
	'ar-SY': ['Arabic (Syria)', 'F:Amany M:Laith'],
	'ar-TN': ['Arabic (Tunisia)', 'M:Hedi F:Reem'],
	'ar-YE': ['Arabic (Yemen)', 'F:Maryam M:Saleh'],
	'az-AZ': ['Azerbaijani (Azerbaijan)', 'M:Babek F:Banu'],
	'bg-BG': ['Bulgarian (Bulgaria)', 'M:Borislav F:Kalina'],
	'bn-BD': ['Bangla (Bangladesh)', 'F:Nabanita M:Pradeep'],
	'bn-IN': ['Bangla (India)', 'M:Bashkar F:Tanishaa'],
	'bs-BA': ['Bosnian (Bosnia and Herzegovina)', 'M:Goran F:Vesna'],
	'ca-ES': ['Catalan (Spain)', 'M:Enric F:Joana'],
	'cs-CZ': ['Czech (Czechia)', 'M:Antonin F:Vlasta'],
	'cy-GB': ['Welsh (United Kingdom)', 'M:Aled F:Nia'],
	'da-DK': ['Danish (Denmark)', 'F:Christel M:Jeppe'],
	'de-AT': ['German (Austria)', 'F:Ingrid M:Jonas'],
	'de-CH': ['German (Switzerland)', 'M:Jan F:Leni'],
	'de-DE': [
		'German (Germany)',
		'F:Amala M:Bernd M:Christoph M:Conrad F:Elke F:Gisela M:Kasper F:Katja M:Killian F:Klarissa M:Klaus F:Louisa F:Maja M:Ralf F:Tanja',
	],
	'el-GR': ['Greek (Greece)', 'F:Athina M:Nestoras'],
	'en-AU': ['English (Australia)', 'F:Natasha M:William'],
	'en-CA': ['English (Canada)', 'F:Clara M:Liam'],
	'en-GB': [
		'English (United Kingdom)',
		'F:Abbi M:Alfie F:Bella M:Elliot M:Ethan F:Hollie F:Libby F:Maisie M:Noah M:Oliver F:Olivia M:Ryan F:Sonia M:Thomas',
	],
	'en-HK': ['English (Hong Kong)', 'M:Sam F:Yan'],
	'en-IE': ['English (Ireland)', 'M:Connor F:Emily'],
	'en-IN': ['English (India)', 'F:Neerja M:Prabhat'],
	'en-KE': ['English (Kenya)', 'F:Asilia M:Chilemba'],
	'en-NG': ['English (Nigeria)', 'M:Abeo F:Ezinne'],
	'en-NZ': ['English (New Zealand)', 'M:Mitchell F:Molly'],
	'en-PH': ['English (Philippines)', 'M:James F:Rosa'],
	'en-SG': ['English (Singapore)', 'F:Luna M:Wayne'],
	'en-TZ': ['English (Tanzania)', 'M:Elimu F:Imani'],
	'en-US': [
		'English (United States)',
		'F:Amber F:Ana M:Andrew F:Aria F:Ashley F:Ava M:Brandon M:Brian M:Christopher F:Cora M:Davis F:Elizabeth F:Emma M:Eric M:Guy M:Jacob F:Jane M:Jason F:Jenny F:Michelle F:Monica F:Nancy M:Roger F:Sara M:Steffan M:Tony',
	],
	'en-ZA': ['English (South Africa)', 'F:Leah M:Luke'],
	'es-AR': ['Spanish (Argentina)', 'F:Elena M:Tomas'],
	'es-BO': ['Spanish (Bolivia)', 'M:Marcelo F:Sofia'],
	'es-CL': ['Spanish (Chile)', 'F:Catalina M:Lorenzo'],
	'es-CO': ['Spanish (Colombia)', 'M:Gonzalo F:Salome'],
	'es-CR': ['Spanish (Costa Rica)', 'M:Juan F:Maria'],
	'es-CU': ['Spanish (Cuba)', 'F:Belkys M:Manuel'],
	'es-DO': ['Spanish (Dominican Republic)', 'M:Emilio F:Ramona'],
	'es-EC': ['Spanish (Ecuador)', 'F:Andrea M:Luis'],
	'es-ES': [
		'Spanish (Spain)',
		'F:Abril M:Alvaro M:Arnau M:Dario M:Elias F:Elvira F:Estrella F:Irene F:Laia F:Lia M:Nil M:Saul M:Teo F:Triana F:Vera',
	],
	'es-GQ': ['Spanish (Equatorial Guinea)', 'M:Javier F:Teresa'],
	'es-GT': ['Spanish (Guatemala)', 'M:Andres F:Marta'],
	'es-HN': ['Spanish (Honduras)', 'M:Carlos F:Karla'],
	'es-MX': ['Spanish (Mexico)', 'F:Dalia M:Jorge'],
	'es-NI': ['Spanish (Nicaragua)', 'M:Federico F:Yolanda'],
	'es-PA': ['Spanish (Panama)', 'F:Margarita M:Roberto'],
	'es-PE': ['Spanish (Peru)', 'M:Alex F:Camila'],
	'es-PR': ['Spanish (Puerto Rico)', 'F:Karina M:Victor'],
	'es-PY': ['Spanish (Paraguay)', 'M:Mario F:Tania'],
	'es-SV': ['Spanish (El Salvador)', 'F:Lorena M:Rodrigo'],
	'es-US': ['Spanish (United States)', 'M:Alonso F:Paloma'],
	'es-UY': ['Spanish (Uruguay)', 'M:Mateo F:Valentina'],
	'es-VE': ['Spanish (Venezuela)', 'F:Paola M:Sebastian'],
	'et-EE': ['Estonian (Estonia)', 'F:Anu M:Kert'],
	'fa-IR': ['Persian (Iran)', 'F:Dilara M:Farid'],
	'fi-FI': ['Finnish (Finland)', 'M:Harri F:Noora'],
	'fil-PH': ['Filipino (Philippines)', 'M:Angelo F:Blessica'],
	'fr-BE': ['French (Belgium)', 'F:Charline M:Gerard'],
	'fr-CA': ['French (Canada)', 'M:Antoine M:Jean F:Sylvie'],
	'fr-CH': ['French (Switzerland)', 'F:Ariane M:Fabrice'],
	'fr-FR': [
		'French (France)',
		'M:Alain F:Brigitte F:Celeste M:Claude F:Coralie F:Denise F:Eloise M:Henri F:Jacqueline M:Jerome F:Josephine M:Maurice M:Yves F:Yvette',
	],
	'ga-IE': ['Irish (Ireland)', 'M:Colm F:Orla'],
	'gl-ES': ['Galician (Spain)', 'M:Roi F:Sabela'],
	'gu-IN': ['Gujarati (India)', 'F:Dhwani M:Niranjan'],
	'he-IL': ['Hebrew (Israel)', 'M:Avri F:Hila'],
	'hi-IN': ['Hindi (India)', 'M:Madhur F:Swara'],
	'hr-HR': ['Croatian (Croatia)', 'F:Gabrijela M:Srecko'],
	'hu-HU': ['Hungarian (Hungary)', 'F:Noemi M:Tamas'],
	'id-ID': ['Indonesian (Indonesia)', 'M:Ardi F:Gadis'],
	'is-IS': ['Icelandic (Iceland)', 'F:Gudrun M:Gunnar'],
	'it-IT': ['Italian (Italy)', 'M:Diego F:Elsa F:Isabella'],
	'ja-JP': ['Japanese (Japan)', 'M:Keita F:Nanami'],
	'jv-ID': ['Javanese (Indonesia)', 'M:Dimas F:Siti'],
	'ka-GE': ['Georgian (Georgia)', 'F:Eka M:Giorgi'],
	'kk-KZ': ['Kazakh (Kazakhstan)', 'F:Aigul M:Daulet'],
	'km-KH': ['Khmer (Cambodia)', 'M:Piseth F:Sreymom'],
	'kn-IN': ['Kannada (India)', 'M:Gagan F:Sapna'],
	'ko-KR': ['Korean (South Korea)', 'M:InJoon F:SunHi'],
	'lo-LA': ['Lao (Laos)', 'M:Chanthavong F:Keomany'],
	'lt-LT': ['Lithuanian (Lithuania)', 'M:Leonas F:Ona'],
	'lv-LV': ['Latvian (Latvia)', 'F:Everita M:Nils'],
	'mk-MK': ['Macedonian (North Macedonia)', 'M:Aleksandar F:Marija'],
	'ml-IN': ['Malayalam (India)', 'M:Midhun F:Sobhana'],
	'mn-MN': ['Mongolian (Mongolia)', 'M:Bataa F:Yesui'],
	'mr-IN': ['Marathi (India)', 'F:Aarohi M:Manohar'],
	'ms-MY': ['Malay (Malaysia)', 'M:Osman F:Yasmin'],
	'mt-MT': ['Maltese (Malta)', 'F:Grace M:Joseph'],
	'my-MM': ['Burmese (Myanmar)', 'F:Nilar M:Thiha'],
	'nb-NO': ['Norwegian Bokmål (Norway)', 'M:Finn F:Pernille'],
	'ne-NP': ['Nepali (Nepal)', 'F:Hemkala M:Sagar'],
	'nl-BE': ['Dutch (Belgium)', 'M:Arnaud F:Dena'],
	'nl-NL': ['Dutch (Netherlands)', 'F:Colette F:Fenna M:Maarten'],
	'pl-PL': ['Polish (Poland)', 'M:Marek F:Zofia'],
	'ps-AF': ['Pashto (Afghanistan)', 'M:GulNawaz F:Latifa'],
	'pt-BR': ['Portuguese (Brazil)', 'M:Antonio F:Francisca'],
	'pt-PT': ['Portuguese (Portugal)', 'M:Duarte F:Raquel'],
	'ro-RO': ['Romanian (Romania)', 'F:Alina M:Emil'],
	'ru-RU': ['Russian (Russia)', 'M:Dmitry F:Svetlana'],
	'si-LK': ['Sinhala (Sri Lanka)', 'M:Sameera F:Thilini'],
	'sk-SK': ['Slovak (Slovakia)', 'M:Lukas F:Viktoria'],
	'sl-SI': ['Slovenian (Slovenia)', 'F:Petra M:Rok'],
	'so-SO': ['Somali (Somalia)', 'M:Muuse F:Ubax'],
	'sq-AL': ['Albanian (Albania)', 'F:Anila M:Ilir'],
	'sr-RS': ['Serbian (Serbia)', 'M:Nicholas F:Sophie'],
	'su-ID': ['Sundanese (Indonesia)', 'M:Jajang F:Tuti'],
	'sv-SE': ['Swedish (Sweden)', 'M:Mattias F:Sofie'],
	'sw-KE': ['Swahili (Kenya)', 'M:Rafiki F:Zuri'],
	'sw-TZ': ['Swahili (Tanzania)', 'M:Daudi F:Rehema'],
	'ta-IN': ['Tamil (India)', 'F:Pallavi M:Valluvar'],
	'ta-LK': ['Tamil (Sri Lanka)', 'M:Kumar F:Saranya'],
	'ta-MY': ['Tamil (Malaysia)', 'F:Kani M:Surya'],
	'ta-SG': ['Tamil (Singapore)', 'M:Anbu F:Venba'],
	'te-IN': ['Telugu (India)', 'M:Mohan F:Shruti'],
	'th-TH': ['Thai (Thailand)', 'M:Niwat F:Premwadee'],
	'tr-TR': ['Turkish (Türkiye)', 'M:Ahmet F:Emel'],
	'uk-UA': ['Ukrainian (Ukraine)', 'M:Ostap F:Polina'],
	'ur-IN': ['Urdu (India)', 'F:Gul M:Salman'],
	'ur-PK': ['Urdu (Pakistan)', 'M:Asad F:Uzma'],
	'uz-UZ': ['Uzbek (Uzbekistan)', 'F:Madina M:Sardor'],
	'vi-VN': ['Vietnamese (Vietnam)', 'F:HoaiMy M:NamMinh'],
	'zh-CN': [
		'Chinese, Mandarin (China)',
		'F:Xiaoxiao F:Xiaoyi M:Yunjian M:Yunxi M:Yunxia M:Yunyang',
	],
	'zh-CN-liaoning': ['Chinese, Northeastern Mandarin (China, Liaoning)', 'F:Xiaobei'],
	'zh-CN-shaanxi': ['Chinese, Zhongyuan Mandarin (China, Shaanxi)', 'F:Xiaoni'],
	'zh-HK': ['Chinese, Cantonese (Hong Kong)', 'F:HiuGaai F:HiuMaan M:WanLung'],
	'zh-TW': ['Chinese, Mandarin (Taiwan)', 'F:HsiaoChen F:HsiaoYu M:YunJhe'],
	'zu-ZA': ['Zulu (South Africa)', 'F:Thando M:Themba'],
};

/** Azure Speech regions with neural text-to-speech: region → its name in the Azure portal. */
export const AZURE_SPEECH_REGIONS: Record<string, string> = {
	australiaeast: 'Australia East',
	brazilsouth: 'Brazil South',
	canadacentral: 'Canada Central',
	centralindia: 'Central India',
	centralus: 'Central US',
	eastasia: 'East Asia',
	eastus: 'East US',
	eastus2: 'East US 2',
	francecentral: 'France Central',
	germanywestcentral: 'Germany West Central',
	japaneast: 'Japan East',
	japanwest: 'Japan West',
	koreacentral: 'Korea Central',
	northcentralus: 'North Central US',
	northeurope: 'North Europe',
	norwayeast: 'Norway East',
	qatarcentral: 'Qatar Central',
	southafricanorth: 'South Africa North',
	southcentralus: 'South Central US',
	southeastasia: 'Southeast Asia',
	swedencentral: 'Sweden Central',
	switzerlandnorth: 'Switzerland North',
	switzerlandwest: 'Switzerland West',
	uaenorth: 'UAE North',
	uksouth: 'UK South',
	westcentralus: 'West Central US',
	westeurope: 'West Europe',
	westus: 'West US',
	westus2: 'West US 2',
	westus3: 'West US 3',
};

/** An option as n8n's options fields take it (structurally n8n's INodePropertyOptions). */
export interface PickerOption {
	name: string;
	value: string;
	description?: string;
}

export interface AzureVoice {
	locale: string;
	/** As Webex Connect takes it: `JennyNeural`. */
	voice: string;
	gender: 'female' | 'male';
}

/** Every listed voice, locale by locale. */
export const AZURE_VOICES: readonly AzureVoice[] = Object.entries(VOICES).flatMap(
	([locale, [, voices]]) =>
		voices.split(' ').map((entry): AzureVoice => {
			const [gender, name] = entry.split(':');
			return { locale, voice: `${name}Neural`, gender: gender === 'M' ? 'male' : 'female' };
		}),
);

/** The Language picker: every locale with voices, by name. */
export const AZURE_LANGUAGE_OPTIONS: PickerOption[] = Object.entries(VOICES)
	.map(([locale, [name]]) => ({ name: `${name} — ${locale}`, value: locale }))
	.sort((a, b) => a.name.localeCompare(b.name, 'en'));

/** The Region picker. */
export const AZURE_REGION_OPTIONS: PickerOption[] = Object.entries(AZURE_SPEECH_REGIONS).map(
	([value, name]) => ({
		name: `${name} — ${value}`,
		value,
	}),
);

/**
 * The Voice picker for a locale: its voices, female and male said. A locale the list does not
 * know (or an expression, which the editor cannot resolve yet) gets every voice, locale named.
 */
export function azureVoiceOptions(locale: unknown): PickerOption[] {
	const wanted = typeof locale === 'string' ? locale.trim().toLowerCase() : '';
	const own = AZURE_VOICES.filter((voice) => voice.locale.toLowerCase() === wanted);
	const short = (voice: AzureVoice) => voice.voice.replace(/Neural$/, '');
	if (own.length) {
		return own.map((voice) => ({
			name: `${short(voice)} (${voice.gender})`,
			value: voice.voice,
			description: `A ${voice.gender} ${voice.locale} voice`,
		}));
	}
	// A few names exist in several locales: one option each, naming them all.
	const byName = new Map<string, AzureVoice[]>();
	for (const voice of AZURE_VOICES)
		byName.set(voice.voice, [...(byName.get(voice.voice) ?? []), voice]);
	return [...byName.values()].map((voices) => ({
		name: `${short(voices[0])} (${voices.map((voice) => voice.locale).join(', ')}, ${voices[0].gender})`,
		value: voices[0].voice,
		description: `A ${voices[0].gender} voice of ${voices.map((voice) => voice.locale).join(', ')}`,
	}));
}
