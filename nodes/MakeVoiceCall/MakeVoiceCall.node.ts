import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { deliveryOptionsProperty } from '../common/deliveryOptions';
import { providerCredentials } from '../common/providerCredentials';
import { pathProperties, providerProperty } from '../common/providerFields';
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
		credentials: providerCredentials(),
		properties: [providerProperty('callForm', 'Which voice API places the call'), ...pathProperties('callForm'), deliveryOptionsProperty],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await placeCalls.call(this);
	}
}
