import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type JsonObject,
} from 'n8n-workflow';

import { readDeliveryPolicy } from '../common/deliveryOptions';
import { readCompliance } from '../common/compliance';
import { reserveRun, startRunGuard } from '../common/guardrails';
import { readForEachItem } from '../common/parameters';
import { failureTitle, rowsFor, type ProviderFailure } from '../common/results';
import { deliver, pacerFor } from '../common/transport';
import { requestFieldsOf, type Recipient } from '../core/adapter';
import { ComplianceError, type ComplianceCheck } from '../core/callingWindow';
import { campaignPace, CampaignPlan, type PlannedBatch } from '../core/campaign';
import {
	countsAsPlaced,
	destinationRefusal,
	GuardrailError,
	unlistedAudienceRefusal,
	type Reservation,
	type RunGuard,
} from '../core/guardrails';
import { normaliseNumber } from '../core/phone';
import { checkInput, InputError } from '../core/validation';
import { providerPath } from '../providers/lists';
import { batchRows, campaignOutput, refusedRow, type CampaignRow } from './output';
import { DEFAULT_CORRELATION_ID, readCampaignSettings, type CampaignSettings } from './settings';

type Recipients = { recipients: Recipient[] };

/** Send Voice Campaign: every input item is a recipient; batches go out as senders become free. */
export async function runCampaign(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	if (items.length === 0) return [[]];
	const provider = this.getNodeParameter('provider', 0) as string;
	const settings = readCampaignSettings(this);
	const requestedAt = new Date().toISOString();
	// Read once, for the first item: a list or window that cannot be read stops the run before
	// anyone is dialled.
	const compliance = readCompliance(this);
	const defaultCountry = this.getNodeParameter('defaultCountry', 0, '') as string;

	// Per row: a value that cannot be read for one item refuses that row only (the plan says why).
	const number = readForEachItem(this, 'to');
	const executionId = this.getExecutionId();
	const correlationId = readForEachItem(this, 'correlationId', {
		[DEFAULT_CORRELATION_ID]: (itemIndex) => `${executionId}-${itemIndex}`,
	});
	// Guardrails: one call per row is reserved before the first request, so that a list longer
	// than Max Calls per Run allows is refused before anyone is dialled, even while another run of
	// this node in the same execution is under way. Rows on the Do-Not-Call list or outside the
	// Calling Window are not called now, so they reserve nothing.
	const guard = startRunGuard(this);
	const { reservation, refusal: overLimit } = reserveRun(
		this,
		guard,
		items.map((_, index) =>
			refusedByCompliance(number, index, defaultCountry, compliance) ? 0 : 1,
		),
	);
	const refuseAll = (reason: string) => [
		campaignOutput(
			items.map((_, index) =>
				refusedRow(
					provider,
					{ status: 'blocked', to: shownNumber(number, index), reason },
					requestedAt,
				),
			),
			settings,
		),
	];
	if (overLimit !== null) return refuseAll(overLimit);
	try {
		return await sendCampaign.call(this, {
			provider,
			settings,
			number,
			correlationId,
			requestedAt,
			guard,
			compliance,
			defaultCountry,
			reservation,
			refuseAll,
		});
	} finally {
		// Rows never sent (refused, or the run stopped on an error) give their reserved calls back.
		reservation.close();
	}
}

interface CampaignRun {
	provider: string;
	settings: CampaignSettings;
	number: (itemIndex: number) => unknown;
	correlationId: (itemIndex: number) => unknown;
	requestedAt: string;
	guard: RunGuard;
	compliance: ComplianceCheck;
	defaultCountry: string;
	reservation: Reservation;
	refuseAll: (reason: string) => INodeExecutionData[][];
}

async function sendCampaign(
	this: IExecuteFunctions,
	{
		provider,
		settings,
		number,
		correlationId,
		requestedAt,
		guard,
		compliance,
		defaultCountry,
		reservation,
		refuseAll,
	}: CampaignRun,
): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const { campaign: adapter, campaignForm: form } = providerPath(provider);
	// The campaign's own fields, read from the first item: when they cannot be read, nothing is sent.
	let campaign: Record<string, unknown> = {};
	let campaignUnreadable: InputError | null = null;
	try {
		campaign = form.read(this, 0);
	} catch (error) {
		campaignUnreadable = new InputError(
			'input',
			`The campaign’s fields could not be read: ${(error as Error).message}`,
		);
	}
	// Numbers the provider looks up itself (Routee's contacts and groups) escape the guardrails; a
	// send time of the user's own escapes the Calling Window.
	const unchecked =
		unlistedAudienceRefusal(form.unlistedAudience?.(campaign) ?? null, guard) ??
		compliance.sendTimeRefusal(campaign);
	if (unchecked !== null) {
		if (!this.continueOnFail())
			throw new NodeOperationError(this.getNode(), unchecked, {
				itemIndex: 0,
				description: 'Nobody was called.',
			});
		return refuseAll(unchecked);
	}
	const readRecipient = form.readRecipient;
	// One request per recipient in single-call mode (maxRecipientsPerRequest 1), within the
	// adapter's concurrency; its callsPerSecond spaces the requests (Pacer).
	const pace = campaignPace(adapter, settings, form.defaultConcurrency);
	const plan = new CampaignPlan<Recipients>(
		{
			count: items.length,
			number,
			correlationId,
			extra: readRecipient && ((index) => readRecipient(this, index)),
		},
		{
			defaultCountry,
			removeDuplicates: settings.removeDuplicates ?? true,
			batchSize: pace.batchSize,
			checkRecipient: (value) => {
				const to = (value as Recipient).to;
				const refusal = destinationRefusal(to, guard.destinations);
				if (refusal !== null) return { ok: false, error: new GuardrailError(refusal) };
				const notNow = compliance.refusal(to);
				if (notNow !== null) return { ok: false, error: new ComplianceError(notNow) };
				return checkInput(adapter.recipientSchema, value);
			},
			batchKey: adapter.batchKey?.bind(adapter),
			// A group's own derived fields (an InnoPaaS country) are checked with its first recipient.
			checkGroup: (first) =>
				campaignUnreadable === null
					? checkInput(adapter.schema, { ...campaign, recipients: [first] })
					: { ok: false, error: campaignUnreadable },
		},
	);
	const requestFor = (batch: PlannedBatch<Recipients>) =>
		adapter.forBatch?.(batch.call, batch.batchIndex, batch.onlyBatch) ?? batch.call;
	const credentials = await this.getCredentials(adapter.credentialType, 0);
	const baseUrl = adapter.baseUrl(credentials);
	// The account's pace (its calls per second where the credential holds one), checked before a dry run too.
	const pacer = pacerFor(this, adapter, credentials);
	// Only the fields the adapter names (never a secret) reach the request, and the dry run's output.
	const buildRequest = (call: Recipients) =>
		adapter.buildRequest(call, requestFieldsOf(adapter, credentials));
	const refusedRows = () =>
		plan.refused.flatMap((row, item) =>
			row === undefined
				? []
				: [{ json: refusedRow(provider, row, requestedAt), pairedItem: { item } }],
		);

	if (settings.dryRun) {
		const dryRun = plan.remainingBatches().map((batch) => {
			const call = requestFor(batch);
			const { method, path, encoding, body } = buildRequest(call);
			const request = { method, url: `${baseUrl}${path}`, encoding, body };
			return {
				json: {
					dryRun: true,
					batchIndex: batch.batchIndex,
					recipients: call.recipients.length,
					request,
				} as IDataObject,
				pairedItem: batch.rows.map((item) => ({ item })),
			};
		});
		throwOnCampaignError(this, plan);
		return [[...dryRun, ...refusedRows()]];
	}

	const policy = { ...readDeliveryPolicy(this, 0), pacer };
	const sent = new Array<CampaignRow | undefined>(items.length);
	const failures: ProviderFailure[] = [];
	let accepted = 0;
	// A pool of senders, each taking the next planned batch when its request is answered.
	const sender = async () => {
		for (let batch = plan.nextBatch(); batch !== undefined; batch = plan.nextBatch()) {
			const call = requestFor(batch);
			let delivery;
			try {
				delivery = await deliver(this, adapter, baseUrl, buildRequest(call), policy);
			} catch (error) {
				// Unexpected, and the request may have left: its calls stay counted.
				batch.rows.forEach((row) => reservation.keep(row));
				throw new NodeOperationError(this.getNode(), error as Error, {
					description: `Batch ${batch.batchIndex + 1}: its calls may have been placed.`,
				});
			}
			const result = rowsFor(adapter, call, delivery, requestedAt);
			if (result.failure === null) accepted++;
			else failures.push(result.failure);
			const rows = batch.rows;
			batchRows(result, batch.batchIndex).forEach((row, position) => {
				sent[rows[position]] = row;
				reservation.settle(rows[position], countsAsPlaced(row) ? 1 : 0);
			});
		}
	};
	await Promise.all(Array.from({ length: pace.concurrency }, sender));
	throwOnCampaignError(this, plan);

	if (accepted === 0 && failures.length > 0 && !this.continueOnFail()) {
		const [failure] = failures;
		throw new NodeApiError(
			this.getNode(),
			{ code: failure.code, message: failure.message } as JsonObject,
			{
				httpCode: failure.httpStatus ? String(failure.httpStatus) : undefined,
				message: failureTitle(adapter, failure, 'every batch of the campaign'),
				description: 'Nobody was called.',
			},
		);
	}
	const rows = Array.from(
		sent,
		(row, index) => row ?? refusedRow(provider, plan.refused[index]!, requestedAt),
	);
	return [campaignOutput(rows, settings)];
}

/** The campaign's own fields were wrong: nothing was sent. Unless Continue On Fail, that is an error. */
function throwOnCampaignError(context: IExecuteFunctions, plan: CampaignPlan<Recipients>) {
	if (plan.campaignError !== null && !context.continueOnFail()) {
		throw new NodeOperationError(context.getNode(), plan.campaignError.message, {
			itemIndex: 0,
			description: 'Nothing was sent.',
		});
	}
}

/** Whether a row's number is refused by the Do-Not-Call list or the Calling Window (a number that cannot be read is not). */
function refusedByCompliance(
	number: (itemIndex: number) => unknown,
	itemIndex: number,
	defaultCountry: string,
	compliance: ComplianceCheck,
): boolean {
	try {
		const read = normaliseNumber(number(itemIndex), defaultCountry || undefined);
		return read.ok && compliance.refusal(read.e164) !== null;
	} catch {
		return false;
	}
}

/** A row's number as text for its output row, whatever the item holds. */
function shownNumber(number: (itemIndex: number) => unknown, itemIndex: number): string {
	try {
		const value = number(itemIndex);
		return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
	} catch {
		return '';
	}
}
