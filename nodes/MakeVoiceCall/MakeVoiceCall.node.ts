import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { deliveryOptionsProperty } from '../common/deliveryOptions';
import { complianceProperty } from '../common/compliance';
import { guardrailsProperty, toolGuardrailsNotice } from '../common/guardrails';
import { loadOptions } from '../common/loadOptions';
import { credentialPlacement, pathProperties, providerProperty } from '../common/providerFields';
import { testVoiceReceiptWebhookCredential } from '../common/receiptCredentialTest';
import { callAndWait } from './callAndWait';
import { placeCalls } from './placeCalls';
import { waitForOutcome } from './waitForOutcome';
import {
	CALL_AND_WAIT,
	callCredentials,
	operationProperty,
	waitProperties,
	waitWebhooks,
} from './waitProperties';

export class MakeVoiceCall implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Make Voice Call',
		name: 'makeVoiceCall',
		icon: { light: 'file:../../icons/voice.svg', dark: 'file:../../icons/voice.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{"Call " + $parameter["to"]}}',
		description:
			'Place an outbound voice call per item: text-to-speech, a media prompt or an IVR call flow. Calls are real and cost money; or call and wait for the outcome.',
		defaults: { name: 'Make Voice Call' },
		// What an AI agent's model reads about the tool (unless the workflow gives its own description).
		usableAsTool: {
			replacements: {
				description:
					'Places a real phone call, which costs money: a voice reads a text to the person who answers. The number must be in international E.164 format: + and the country code, digits only, e.g. +442079460123. The text is what the person hears: plain sentences, no markup, no links. Returns at once whether the provider took the call (status "queued") and its messageId; it does not tell whether the person answered. If the call is refused (a number outside the allowed destinations, too many calls, bad input), the result says why: do not retry the same call.',
			},
		},
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		// The provider's credential, and the receipts' secret for Call and Wait for Outcome.
		credentials: callCredentials,
		webhooks: waitWebhooks,
		properties: [
			providerProperty(
				'callForm',
				'Which voice API places the call. The credential below is one of this provider’s.',
			),
			credentialPlacement,
			operationProperty,
			...pathProperties('callForm'),
			...waitProperties,
			toolGuardrailsNotice,
			guardrailsProperty,
			complianceProperty,
			deliveryOptionsProperty,
		],
	};

	methods = {
		credentialTest: { voiceReceiptWebhookApiTest: testVoiceReceiptWebhookCredential },
		loadOptions,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		if (this.getNodeParameter('operation', 0, 'call') === CALL_AND_WAIT)
			return await callAndWait.call(this);
		return await placeCalls.call(this);
	}

	/** Receipts posted to the resume URL of a waiting "Call and Wait for Outcome". */
	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await waitForOutcome.call(this);
	}
}
