import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { DEFAULT_POLICY, type DeliveryPolicy } from './transport';

/** Retry and timeout settings shared by the action nodes. */
export const deliveryOptionsProperty: INodeProperties = {
	displayName: 'Delivery Settings',
	name: 'delivery',
	type: 'collection',
	placeholder: 'Add Setting',
	default: {},
	options: [
		{
			displayName: 'Tries When Rate Limited',
			name: 'maxTries',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 10 },
			default: 3,
			description:
				'How often to send a request in all when the provider answers 429 or 503 (it did not take the request). Requests that may have reached the provider are never sent twice.',
		},
		{
			displayName: 'Timeout (Seconds)',
			name: 'timeout',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 30,
			description:
				'How long to wait for the provider’s answer. Without one in time, the call’s status is "unknown" and it is not placed again.',
		},
	],
};

export function readDeliveryPolicy(context: IExecuteFunctions, itemIndex: number): DeliveryPolicy {
	const settings = context.getNodeParameter('delivery', itemIndex, {}) as {
		maxTries?: number;
		timeout?: number;
	};
	return {
		...DEFAULT_POLICY,
		maxTries: settings.maxTries ?? DEFAULT_POLICY.maxTries,
		timeoutMs: (settings.timeout ?? DEFAULT_POLICY.timeoutMs / 1000) * 1000,
	};
}
