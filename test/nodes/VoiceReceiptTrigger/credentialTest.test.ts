import type { ICredentialDataDecryptedObject, ICredentialTestFunctions } from 'n8n-workflow';

import { VoiceReceiptWebhookApi } from '../../../credentials/VoiceReceiptWebhookApi.credentials';
import { testVoiceReceiptWebhookCredential } from '../../../nodes/VoiceReceiptTrigger/credentialTest';
import { VoiceReceiptTrigger } from '../../../nodes/VoiceReceiptTrigger/VoiceReceiptTrigger.node';

const SECRET = 'rcpt-secret-4b9e1c7d';
const USER = 'webex-notify';

describe('Voice Receipt Webhook credential test', () => {
	const test = (data: ICredentialDataDecryptedObject) =>
		testVoiceReceiptWebhookCredential.call({} as ICredentialTestFunctions, {
			id: '1',
			name: 'c',
			type: 'voiceReceiptWebhookApi',
			data,
		});

	it('checks the fields locally and never echoes the secret', async () => {
		expect(await test({ secret: SECRET, user: USER })).toEqual({
			status: 'OK',
			message: expect.stringContaining('Nothing is sent'),
		});
		expect((await test({ secret: '' })).status).toBe('Error');
		expect((await test({ secret: ` ${SECRET}` })).status).toBe('Error');
		// Shorter than 16 characters: guessable.
		expect(await test({ secret: 'fifteen-chars-x' })).toEqual({
			status: 'Error',
			message:
				'The secret has 15 characters; use at least 16 (a random one, e.g. from a password manager), so that it cannot be guessed',
		});
		expect((await test({ secret: 'sixteen-chars-xy' })).status).toBe('OK');
		const colon = await test({ secret: SECRET, user: 'a:b' });
		expect(colon.status).toBe('Error');
		expect(JSON.stringify(colon)).not.toContain(SECRET);
	});

	it('declares the secret as a password and is tested by the trigger', () => {
		const credential = new VoiceReceiptWebhookApi();
		expect(credential.properties.find((p) => p.name === 'secret')?.typeOptions?.password).toBe(
			true,
		);
		// Beside it only the credentials of provider signatures that read their own (Twilio's Auth Token).
		expect(new VoiceReceiptTrigger().description.credentials).toEqual([
			expect.objectContaining({ name: credential.name, testedBy: 'voiceReceiptWebhookApiTest' }),
			expect.objectContaining({ name: 'twilioVoiceApi', required: true }),
		]);
	});
});
