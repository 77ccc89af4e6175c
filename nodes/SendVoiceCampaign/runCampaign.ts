import {
	NodeApiError,
	NodeOperationError,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type JsonObject,
} from 'n8n-workflow';

import { readDeliveryPolicy } from '../common/deliveryOptions';
import { readCompliance, schedulingPaths } from '../common/compliance';
import { reserveRun, startRunGuard } from '../common/guardrails';
import { readForEachItem } from '../common/parameters';
import { failureTitle, rowsFor, type ProviderFailure } from '../common/results';
import { deliver, pacerFor, type Pacer } from '../common/transport';
import { requestFieldsOf, type Recipient } from '../core/adapter';
import { windowSupportOf } from '../core/callingWindow';
import { campaignPace, type CampaignPlan } from '../core/campaign';
import { countsAsPlaced, unlistedAudienceRefusal } from '../core/guardrails';
import { InputError } from '../core/validation';
import { providerPath } from '../providers/lists';
import type { NodePath } from '../providers/types';
import { batchRows, campaignOutput, refusedRow, type CampaignRow } from './output';
import { planCampaign, type PreparedRequest } from './plan';
import { DEFAULT_CORRELATION_ID, readCampaignSettings, type CampaignSettings } from './settings';

type Recipients = { recipients: Recipient[] };

/**
 * Send Voice Campaign: every input item is a recipient. The whole campaign is planned first
 * (nothing is sent while planning; each row's number is read once), so that Max Calls per Run and
 * the Calling Window's last ring are checked before anyone is dialled; then batches go out as
 * senders become free.
 */
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
	const guard = startRunGuard(this);
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
	/** Nobody is called: an error, or with Continue On Fail every row with the reason. */
	const refuseRun = (reason: string) => {
		if (!this.continueOnFail())
			throw new NodeOperationError(this.getNode(), reason, {
				itemIndex: 0,
				description: 'Nobody was called.',
			});
		return refuseAll(reason);
	};
	const path = providerPath(provider);
	// The campaign's own fields, read from the first item: when they cannot be read, nothing is sent.
	let campaign: Record<string, unknown> = {};
	let campaignUnreadable: InputError | null = null;
	try {
		campaign = path.campaignForm.read(this, 0);
	} catch (error) {
		campaignUnreadable = new InputError(
			'input',
			`The campaign’s fields could not be read: ${(error as Error).message}`,
		);
	}
	// Numbers the provider looks up itself (Routee's contacts and groups) escape the guardrails;
	// Schedule on a path that takes no send time cannot be honoured.
	const ringPlan = compliance.planFor(
		windowSupportOf(path.campaign),
		path.name,
		campaign,
		schedulingPaths('campaign'),
	);
	const unlisted = unlistedAudienceRefusal(
		path.campaignForm.unlistedAudience?.(campaign) ?? null,
		guard,
	);
	if (unlisted !== null) return refuseRun(unlisted);
	if (typeof ringPlan === 'string') return refuseRun(ringPlan);

	// Its pace: one request per recipient in single-call mode (maxRecipientsPerRequest 1), within
	// the adapter's concurrency, started no faster than the account's pace (its calls per second
	// where the credential holds one), which also bounds the last ring of the plan.
	const credentials = await this.getCredentials(path.campaign.credentialType, 0);
	const pacer = pacerFor(this, path.campaign, credentials);
	const pace = campaignPace(path.campaign, settings, path.campaignForm.defaultConcurrency);
	const planned = planCampaign(this, path, {
		count: items.length,
		number,
		correlationId,
		campaign,
		campaignUnreadable,
		defaultCountry,
		removeDuplicates: settings.removeDuplicates ?? true,
		batchSize: pace.batchSize,
		guard,
		compliance,
		ringPlan,
		spacingMs: pacer.spacingMs,
	});
	if (!planned.ok) return refuseRun(planned.message);
	// Guardrails: one call per row that will be dialled or scheduled is reserved before the first
	// request, so that a list longer than Max Calls per Run allows is refused before anyone is
	// dialled, even while another run of this node in the same execution is under way. Rows not
	// called (suppressed, outside-window, invalid, duplicates) reserve nothing.
	const inBatch = new Array<number>(items.length).fill(0);
	for (const { rows } of planned.requests) for (const row of rows) inBatch[row] = 1;
	const { reservation, refusal: overLimit } = reserveRun(this, guard, inBatch);
	if (overLimit !== null) return refuseAll(overLimit);
	try {
		return await sendCampaign.call(this, {
			provider,
			path,
			settings,
			requestedAt,
			reservation,
			plan: planned.plan,
			requests: planned.requests,
			concurrency: pace.concurrency,
			pacer,
			credentials,
		});
	} finally {
		// Rows never sent (refused, or the run stopped on an error) give their reserved calls back.
		reservation.close();
	}
}

interface CampaignRun {
	provider: string;
	path: NodePath;
	settings: CampaignSettings;
	requestedAt: string;
	reservation: ReturnType<typeof reserveRun>['reservation'];
	plan: CampaignPlan<Recipients>;
	requests: PreparedRequest[];
	concurrency: number;
	pacer: Pacer;
	credentials: ICredentialDataDecryptedObject;
}

async function sendCampaign(
	this: IExecuteFunctions,
	{
		provider,
		path,
		settings,
		requestedAt,
		reservation,
		plan,
		requests,
		concurrency,
		pacer,
		credentials,
	}: CampaignRun,
): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const adapter = path.campaign;
	const baseUrl = adapter.baseUrl(credentials);
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
		const dryRun = requests.map(({ batchIndex, rows, call, scheduledFor }) => {
			const { method, path: requestPath, encoding, body } = buildRequest(call);
			const request = { method, url: `${baseUrl}${requestPath}`, encoding, body };
			return {
				json: {
					dryRun: true,
					batchIndex,
					recipients: call.recipients.length,
					...(scheduledFor === undefined ? {} : { scheduledFor }),
					request,
				} as IDataObject,
				pairedItem: rows.map((item) => ({ item })),
			};
		});
		throwOnCampaignError(this, plan);
		return [[...dryRun, ...refusedRows()]];
	}

	const policy = { ...readDeliveryPolicy(this, 0), pacer };
	const sent = new Array<CampaignRow | undefined>(items.length);
	const failures: ProviderFailure[] = [];
	let accepted = 0;
	let next = 0;
	// A pool of senders, each taking the next planned request when its own is answered.
	const sender = async () => {
		for (let request = requests[next++]; request !== undefined; request = requests[next++]) {
			const { call, rows, batchIndex, rowFields } = request;
			let delivery;
			try {
				delivery = await deliver(this, adapter, baseUrl, buildRequest(call), policy);
			} catch (error) {
				// Unexpected, and the request may have left: its calls stay counted.
				rows.forEach((row) => reservation.keep(row));
				throw new NodeOperationError(this.getNode(), error as Error, {
					description: `Batch ${batchIndex + 1}: its calls may have been placed.`,
				});
			}
			const result = rowsFor(adapter, call, delivery, requestedAt);
			if (result.failure === null) accepted++;
			else failures.push(result.failure);
			batchRows(result, batchIndex).forEach((row, position) => {
				sent[rows[position]] = Object.assign(row, rowFields[position]);
				reservation.settle(rows[position], countsAsPlaced(row) ? 1 : 0);
			});
		}
	};
	await Promise.all(Array.from({ length: concurrency }, sender));
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

/** A row's number as text for its output row, whatever the item holds. */
function shownNumber(number: (itemIndex: number) => unknown, itemIndex: number): string {
	try {
		const value = number(itemIndex);
		return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
	} catch {
		return '';
	}
}
