import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { credentialTest } from '../common/credentialTests';
import { loadOptions } from '../common/loadOptions';
import { deliveryOptionsProperty } from '../common/deliveryOptions';
import { credentialDisplayOptions, credentialPlacement, pathProperties, providerProperty } from '../common/providerFields';
import { placeCalls } from './placeCalls';

export class MakeVoiceCall implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Make Voice Call',
		name: 'makeVoiceCall',
		icon: { light: 'file:../../icons/voice.svg', dark: 'file:../../icons/voice.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{"Call " + $parameter["to"]}}',
		description: 'Place an outbound voice call per item: text-to-speech, a media prompt or an IVR call flow',
		defaults: { name: 'Make Voice Call' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		// Listed here, not derived: n8n's linter finds credential tests only in the node's own text.
		// A unit test checks this list against the provider registry. Each credential is shown for its
		// provider's paths only, with `hide` (see credentialDisplayOptions): Provider stays visible.
		credentials: [
			{
				name: 'webexConnectApi',
				required: true,
				testedBy: 'webexConnectApiTest',
				displayOptions: credentialDisplayOptions('webexConnectApi'),
			},
			{ name: 'routeeApi', required: true, displayOptions: credentialDisplayOptions('routeeApi') },
			{
				name: 'innoPaasApi',
				required: true,
				testedBy: 'innoPaasApiTest',
				displayOptions: credentialDisplayOptions('innoPaasApi'),
			},
		],
		properties: [
			providerProperty('callForm', 'Which voice API places the call. The credential below is one of this provider’s.'),
			credentialPlacement,
			...pathProperties('callForm'),
			deliveryOptionsProperty,
		],
	};

	methods = { credentialTest, loadOptions };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await placeCalls.call(this);
	}
}
