import { NodeApiError, NodeOperationError, type IExecuteFunctions, type INodeExecutionData, type JsonObject } from 'n8n-workflow';

import { readDeliveryPolicy } from '../common/deliveryOptions';
import { rowsFor, type RecipientRow } from '../common/results';
import { deliver, Pacer } from '../common/transport';
import { splitNumbers } from '../core/phone';
import { InputError, parseInput } from '../core/validation';
import { readInDefaultCountry } from '../providers/formParts';
import { providerPath } from '../providers/registry';

/** Make Voice Call: one request per item through the chosen path, one row per number. */
export async function placeCalls(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const output: INodeExecutionData[] = [];
	const provider = this.getNodeParameter('provider', 0) as string;
	const { call: adapter, callForm: form } = providerPath(provider);
	// Keeps this execution's requests to the adapter's documented pace (none when it has none).
	const pacer = new Pacer(adapter.minIntervalMs);

	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const emit = (rows: RecipientRow[]) => output.push(...rows.map((json) => ({ json, pairedItem: { item: itemIndex } })));
		const requestedAt = new Date().toISOString();

		let call;
		try {
			const request = readInDefaultCountry(form.read(this, itemIndex), this.getNodeParameter('defaultCountry', itemIndex, ''));
			call = parseInput(adapter.schema, request);
		} catch (error) {
			if (!(error instanceof InputError)) throw new NodeOperationError(this.getNode(), error as Error, { itemIndex });
			if (!this.continueOnFail()) {
				throw new NodeOperationError(this.getNode(), error.message, { itemIndex, description: 'Nothing was sent for this item.' });
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
		const delivery = await deliver(this, adapter, adapter.baseUrl(credentials), adapter.buildRequest(call), {
			...readDeliveryPolicy(this, itemIndex),
			pacer,
		});
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
