import {
	NodeApiError,
	NodeConnectionTypes,
	NodeOperationError,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type JsonObject,
} from 'n8n-workflow';

import { credentialTest } from '../common/credentialTests';
import { deliveryOptionsProperty, readDeliveryPolicy } from '../common/deliveryOptions';
import { rowsFor, type RecipientRow } from '../common/results';
import { deliver, Pacer } from '../common/transport';
import { splitNumbers } from '../shared/phone';
import { callAdapter } from '../shared/providers';
import { InputError, parseInput } from '../shared/validation';
import { CALL_FORMS } from './providers';

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
		// Listed here, not imported: n8n's linter finds credential tests only in the node's own text.
		credentials: [
			{
				name: 'webexConnectApi',
				required: true,
				testedBy: 'webexConnectApiTest',
				displayOptions: { show: { provider: ['webexConnect', 'imiconnectMessaging'] } },
			},
			{ name: 'routeeApi', required: true, displayOptions: { show: { provider: ['routee'] } } },
			{
				name: 'innoPaasApi',
				required: true,
				testedBy: 'innoPaasApiTest',
				displayOptions: { show: { provider: ['innoPaas'] } },
			},
		],
		properties: [
			{
				displayName: 'Provider',
				name: 'provider',
				type: 'options',
				noDataExpression: true,
				options: CALL_FORMS.map((form) => ({ name: form.name, value: form.provider, description: form.description })),
				default: 'webexConnect',
				description: 'Which voice API places the call',
			},
			...CALL_FORMS.flatMap((form) => form.properties),
			deliveryOptionsProperty,
		],
	};

	methods = { credentialTest };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const output: INodeExecutionData[] = [];
		const provider = this.getNodeParameter('provider', 0) as string;
		const adapter = callAdapter(provider);
		const form = CALL_FORMS.find((candidate) => candidate.provider === provider)!;
		// Keeps this execution's requests to the adapter's documented pace (none when it has none).
		const pacer = new Pacer(adapter.minIntervalMs);

		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			const emit = (rows: RecipientRow[]) =>
				output.push(...rows.map((json) => ({ json, pairedItem: { item: itemIndex } })));
			const requestedAt = new Date().toISOString();

			let call;
			try {
				call = parseInput(adapter.schema, form.read(this, itemIndex));
			} catch (error) {
				if (!(error instanceof InputError)) throw new NodeOperationError(this.getNode(), error as Error, { itemIndex });
				if (!this.continueOnFail()) {
					throw new NodeOperationError(this.getNode(), error.message, {
						itemIndex,
						description: 'Nothing was sent for this item.',
					});
				}
				// Every number given still gets its row, so none goes unaccounted for.
				const given = splitNumbers(this.getNodeParameter('to', itemIndex, ''));
				emit(
					(given.length ? given : ['']).map((to) => ({
						provider,
						status: 'invalid',
						messageId: null,
						correlationId: null,
						to,
						code: null,
						message: error.message,
						requestedAt,
					})),
				);
				continue;
			}

			const credentials = await this.getCredentials(adapter.credentialType, itemIndex);
			const delivery = await deliver(
				this,
				adapter,
				adapter.baseUrl(credentials),
				adapter.buildRequest(call),
				{ ...readDeliveryPolicy(this, itemIndex), pacer },
			);
			const { rows, failure } = rowsFor(adapter, call, delivery, requestedAt);
			if (failure !== null && !this.continueOnFail()) {
				throw new NodeApiError(this.getNode(), { code: failure.code, message: failure.message } as JsonObject, {
					itemIndex,
					httpCode: failure.httpStatus ? String(failure.httpStatus) : undefined,
					message: `${adapter.displayName} refused the call: ${failure.message} (code ${failure.code})`,
					description: 'Nothing was dialled for this item.',
				});
			}
			emit(rows);
		}
		return [output];
	}
}
