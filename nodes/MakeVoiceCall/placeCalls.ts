import {
	NodeApiError,
	NodeOperationError,
	type IExecuteFunctions,
	type INodeExecutionData,
	type JsonObject,
} from 'n8n-workflow';

import { readDeliveryPolicy } from '../common/deliveryOptions';
import { readCompliance, schedulingPaths } from '../common/compliance';
import { reserveRun, startRunGuard } from '../common/guardrails';
import { failureTitle, rowsFor } from '../common/results';
import { deliver, Pacer, type Delivery } from '../common/transport';
import { requestFieldsOf } from '../core/adapter';
import {
	windowedCall,
	windowSupportOf,
	type ComplianceCheck,
	type RingPlan,
} from '../core/callingWindow';
import { countsAsPlaced, GuardrailError, type Reservation } from '../core/guardrails';
import { normaliseNumber, splitNumbers } from '../core/phone';
import { recipientRow, type RecipientRow, type RecipientStatus } from '../core/recipientRow';
import { InputError, parseInput } from '../core/validation';
import { readInDefaultCountry } from '../providers/formParts';
import { providerPath } from '../providers/lists';

const messageOf = (error: unknown) =>
	error instanceof Error ? error.message : 'an unexpected error';

/**
 * Make Voice Call: one request per item through the chosen path, one row per number. Whatever
 * goes wrong with one item (its input, an expression, the provider, the connection) concerns
 * that item only: with Continue On Fail it gets its rows and the next item is called; without,
 * the node stops with an error that names the item.
 */
export async function placeCalls(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	// Read once, for the first item: a list or window that cannot be read stops the run before
	// anyone is dialled.
	const compliance = readCompliance(this);
	// Guardrails: the run's calls are reserved before the first request, so that a run that would
	// place more than allowed is refused before anyone is dialled, even while another run of this
	// node in the same execution is under way. Numbers the Compliance setting refuses reserve nothing.
	const guard = startRunGuard(this);
	const path = providerPath(this.getNodeParameter('provider', 0) as string);
	const plan = compliance.planFor(windowSupportOf(path.call), path.name, {}, []);
	const { reservation } = reserveRun(
		this,
		guard,
		plannedCalls(this, items.length, compliance, typeof plan === 'string' ? {} : plan),
	);
	try {
		return await placeItems.call(this, items, reservation, compliance);
	} finally {
		// Items never sent (the run stopped on an error) give their reserved calls back.
		reservation.close();
	}
}

async function placeItems(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	reservation: Reservation,
	compliance: ComplianceCheck,
): Promise<INodeExecutionData[][]> {
	const output: INodeExecutionData[] = [];
	const provider = this.getNodeParameter('provider', 0) as string;
	const path = providerPath(provider);
	const { call: adapter, callForm: form } = path;
	// Keeps this execution's requests to the adapter's documented pace (none when it has none).
	const pacer = Pacer.for(adapter);
	const support = windowSupportOf(adapter);
	const label = `${path.name} in Make Voice Call`;
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const requestedAt = new Date().toISOString();
		const which = `Item ${itemIndex + 1} of ${items.length}`;
		const emit = (rows: RecipientRow[]) =>
			output.push(...rows.map((json) => ({ json, pairedItem: { item: itemIndex } })));
		/** One row per number the item gives (or one without a number), when its request could not be made. */
		const rowsOfItem = (status: RecipientStatus, message: string): RecipientRow[] => {
			let given: unknown[] = [];
			try {
				given = splitNumbers(this.getNodeParameter('to', itemIndex, ''));
			} catch {
				// `to` itself cannot be read: the item still gets its row.
			}
			return (given.length ? given : ['']).map((to) =>
				recipientRow({
					provider,
					status,
					to: typeof to === 'string' ? to : '',
					message,
					requestedAt,
				}),
			);
		};

		let call;
		let request;
		let policy;
		let notDialled: RecipientRow[] = [];
		let rowFields: Array<Record<string, unknown>> = [];
		try {
			call = parseInput(
				adapter.schema,
				readInDefaultCountry(
					form.read(this, itemIndex),
					this.getNodeParameter('defaultCountry', itemIndex, ''),
				),
			);
			// Numbers the Compliance setting refuses (Do-Not-Call list, Calling Window) get their own
			// row and are left out of the request; the others ring now, at the user's send time, or
			// (Schedule) at the window's next opening.
			const plan = compliance.planFor(support, label, call, schedulingPaths('call'));
			// Schedule on a path that takes no send time: refused with the first item, before anyone is dialled.
			if (typeof plan === 'string') throw new InputError('input', plan);
			const sent = windowedCall(
				compliance,
				support,
				label,
				plan,
				call,
				itemIndex * pacer.spacingMs,
			);
			notDialled = sent.refused.map(({ recipient, refusal }) => ({
				...recipientRow({
					provider,
					status: refusal.status,
					to: recipient.to,
					correlationId: recipient.correlationId ?? null,
					message: refusal.message,
					requestedAt,
				}),
				...refusal.fields,
			}));
			if (typeof sent.call === 'string') throw new InputError('input', sent.call);
			call = sent.call;
			rowFields = sent.rowFields;
			if (call.recipients.length === 0) {
				reservation.settle(itemIndex, 0);
				emit(notDialled);
				continue;
			}
			reservation.admit(
				itemIndex,
				call.recipients.map((recipient) => recipient.to),
			);
			policy = { ...readDeliveryPolicy(this, itemIndex), pacer };
		} catch (error) {
			// Bad input, or an expression that fails for this item: nothing is sent for it.
			reservation.settle(itemIndex, 0);
			const message =
				error instanceof InputError
					? error.message
					: `The item’s parameters could not be read: ${messageOf(error)}`;
			if (!this.continueOnFail()) {
				throw new NodeOperationError(this.getNode(), message, {
					itemIndex,
					description: `${which}: nothing was sent for it.`,
				});
			}
			emit(rowsOfItem(error instanceof GuardrailError ? 'blocked' : 'invalid', message));
			continue;
		}

		let baseUrl: string;
		try {
			const credentials = await this.getCredentials(adapter.credentialType, itemIndex);
			baseUrl = adapter.baseUrl(credentials);
			// Only the fields the adapter names (never a secret) reach the request.
			request = adapter.buildRequest(call, requestFieldsOf(adapter, credentials));
		} catch (error) {
			reservation.settle(itemIndex, 0);
			if (!this.continueOnFail())
				throw new NodeOperationError(this.getNode(), error as Error, {
					itemIndex,
					description: `${which}: nothing was sent for it.`,
				});
			emit(
				rowsOfItem(
					'failed',
					`The credential could not be read: ${messageOf(error)}; nothing was sent`,
				),
			);
			continue;
		}
		let delivery: Delivery;
		try {
			delivery = await deliver(this, adapter, baseUrl, request, policy);
		} catch (error) {
			// deliver() reads every answer and connection error itself; anything thrown here is
			// unexpected, and the request may have left: never sent again, reported as unknown.
			reservation.keep(itemIndex);
			if (!this.continueOnFail()) {
				throw new NodeOperationError(this.getNode(), error as Error, {
					itemIndex,
					description: `${which}: the call may have been placed.`,
				});
			}
			emit(
				rowsOfItem(
					'unknown',
					`${adapter.displayName}: ${messageOf(error)}; the call may have been placed, so it was not sent again`,
				),
			);
			continue;
		}
		const { rows, failure } = rowsFor(adapter, call, delivery, requestedAt);
		reservation.settle(itemIndex, rows.filter(countsAsPlaced).length);
		if (failure !== null && !this.continueOnFail()) {
			throw new NodeApiError(
				this.getNode(),
				{ code: failure.code, message: failure.message } as JsonObject,
				{
					itemIndex,
					httpCode: failure.httpStatus ? String(failure.httpStatus) : undefined,
					message: failureTitle(adapter, failure, 'the call'),
					description: `${which}: nothing was dialled for it.`,
				},
			);
		}
		emit([...rows.map((row, position) => ({ ...row, ...rowFields[position] })), ...notDialled]);
	}
	return [output];
}

/**
 * How many numbers each item would call or schedule: its `to` less the numbers the Compliance setting refuses,
 * at least one unless every number is refused (one when `to` cannot be read).
 */
function plannedCalls(
	context: IExecuteFunctions,
	itemCount: number,
	compliance: ComplianceCheck,
	plan: RingPlan,
): number[] {
	return Array.from({ length: itemCount }, (_, itemIndex) => {
		try {
			const numbers = splitNumbers(context.getNodeParameter('to', itemIndex, ''));
			const country = context.getNodeParameter('defaultCountry', itemIndex, '') as string;
			const listed = numbers.filter((value) => {
				const read = normaliseNumber(value, country || undefined);
				return read.ok && compliance.decide(read.e164, plan).kind === 'refused';
			}).length;
			return numbers.length > 0 && listed === numbers.length
				? 0
				: Math.max(1, numbers.length - listed);
		} catch {
			return 1;
		}
	});
}
