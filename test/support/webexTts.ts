/**
 * Webex Connect text-to-speech parameters the node and e2e tests share. Plain data, no import:
 * the e2e suite loads it without n8n-core.
 */

/** A Make Call v2 text-to-speech call (Azure voice) saying `text` to each item's `phone`. */
export const webexTts = (text: string): Record<string, string> => ({
	provider: 'webexConnect',
	from: '+14155550100',
	to: '={{ $json.phone }}',
	contentType: 'TTS',
	text,
	ttsProcessor: 'Azure',
	language: 'en-GB',
	voice: 'SoniaNeural',
	voiceType: 'neural',
	gender: 'female',
	region: 'uksouth',
});

/** The same call in a US English voice (Azure, East US). */
export const webexTtsUs = (text: string): Record<string, string> => ({
	...webexTts(text),
	language: 'en-US',
	voice: 'JennyNeural',
	region: 'eastus',
});
