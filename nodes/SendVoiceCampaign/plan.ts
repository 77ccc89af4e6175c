/**
 * A campaign planned before anything is sent: every row decided (invalid, duplicate, blocked by
 * Allowed Destinations, suppressed, outside the window, called now or scheduled for an opening),
 * every request built, and its last ring bound to the Calling Window (core/callingWindow/rings.ts).
 */
import type { IExecuteFunctions } from 'n8n-workflow';

import type { Recipient } from '../core/adapter';
import {
	boundRings,
	ComplianceError,
	lastSendOffsetMs,
	requestKind,
	startDelayMs,
	windowSupportOf,
	zoneSetsOf,
	type CallDecision,
	type ComplianceCheck,
	type RingPlan,
	type TimedRequest,
} from '../core/callingWindow';
import { CampaignPlan } from '../core/campaign';
import { destinationRefusal, GuardrailError, type RunGuard } from '../core/guardrails';
import { checkInput, type InputError } from '../core/validation';
import type { NodePath } from '../providers/types';

type Recipients = { recipients: Recipient[] };

/** One request ready to send: its batch, its rows' input indices, and what each row adds. */
export interface PreparedRequest {
	batchIndex: number;
	rows: number[];
	call: Recipients;
	/** When the request is sent for a later opening (Schedule): that opening, ISO in UTC. */
	scheduledFor?: string;
	/** Per recipient, in order: the row fields of its window decision (zones, scheduledFor). */
	rowFields: Array<Record<string, unknown>>;
}

export interface CampaignInputs {
	count: number;
	number(index: number): unknown;
	correlationId(index: number): unknown;
	campaign: Record<string, unknown>;
	campaignUnreadable: InputError | null;
	defaultCountry: string;
	removeDuplicates: boolean;
	batchSize: number;
	guard: RunGuard;
	compliance: ComplianceCheck;
	ringPlan: RingPlan;
	/** How far apart the path's requests start (its Pacer): the run's pace. */
	spacingMs: number;
}

export type PlannedCampaign =
	| { ok: true; plan: CampaignPlan<Recipients>; requests: PreparedRequest[] }
	| { ok: false; message: string };

/** Plans every row and builds every request; `message` says why the run is refused instead. */
export function planCampaign(
	context: IExecuteFunctions,
	path: NodePath,
	input: CampaignInputs,
): PlannedCampaign {
	const { compliance, ringPlan, campaign, campaignUnreadable } = input;
	const adapter = path.campaign;
	const readRecipient = path.campaignForm.readRecipient;
	// Each number's window decision, by number: a duplicate row gets the same one. Without a
	// Calling Window every number's is the same (rung from the same start, no row fields): kept
	// once, which spares a campaign of 100,000 rows as many map entries and look-ups.
	const decisions = new Map<string, CallDecision>();
	let sameForAll: CallDecision | undefined;
	const decisionOf = (to: string) => sameForAll ?? decisions.get(to);
	const plan = new CampaignPlan<Recipients>(
		{
			count: input.count,
			number: input.number,
			correlationId: input.correlationId,
			extra: readRecipient && ((index) => readRecipient(context, index)),
		},
		{
			defaultCountry: input.defaultCountry,
			removeDuplicates: input.removeDuplicates,
			batchSize: input.batchSize,
			checkRecipient: (value) => {
				const to = value.to;
				const refusal = destinationRefusal(to, input.guard.destinations);
				if (refusal !== null) return { ok: false, error: new GuardrailError(refusal) };
				const decision = compliance.decide(to, ringPlan);
				if (decision.kind === 'refused')
					return { ok: false, error: new ComplianceError(decision.refusal) };
				if (compliance.window === null) sameForAll ??= decision;
				else decisions.set(to, decision);
				return adapter.recipientSchema.checkPlanned(value);
			},
			// Batches never mix openings: one request per opening time (and per the adapter's key).
			batchKey: (recipient) => {
				const key = adapter.batchKey?.(recipient) ?? '';
				const decision = decisionOf(recipient.to);
				return decision?.scheduled ? `${key} ${decision.at.toISOString()}` : key;
			},
			// A group's own derived fields (an InnoPaaS country) are checked with its first recipient.
			checkGroup: (first) =>
				campaignUnreadable === null
					? checkInput(adapter.schema, { ...campaign, recipients: [first] })
					: { ok: false, error: campaignUnreadable },
		},
	);
	const batches = plan.remainingBatches();
	const firstOf = (call: Recipients) => decisionOf(call.recipients[0].to);
	// Requests sent now go out one after another at the path's pace: the last may start this late.
	const paceMs = lastSendOffsetMs(
		batches.filter((batch) => requestKind(firstOf(batch.call), ringPlan) === 'now').length,
		input.spacingMs,
	);
	const timed = batches.map((batch): TimedRequest<Recipients> => {
		const first = firstOf(batch.call);
		const kind = requestKind(first, ringPlan);
		return {
			call: adapter.forBatch?.(batch.call, batch.batchIndex, batch.onlyBatch) ?? batch.call,
			kind,
			start: first?.at ?? compliance.now,
			delayMs: startDelayMs(kind, ringPlan, paceMs),
			until: first?.until,
			zones: zoneSetsOf(
				batch.call.recipients.map((recipient) => recipient.to),
				(to) => decisionOf(to)?.fields.windowZones,
			),
		};
	});
	const bound = boundRings(compliance, windowSupportOf(adapter), path.name, timed);
	if (!bound.ok) return bound;
	const requests = batches.map((batch, index): PreparedRequest => {
		const first = firstOf(batch.call);
		return {
			batchIndex: batch.batchIndex,
			rows: batch.rows,
			call: bound.calls[index],
			...(first?.scheduled ? { scheduledFor: first.at.toISOString() } : {}),
			rowFields: batch.call.recipients.map(({ to }) => decisionOf(to)?.fields ?? {}),
		};
	});
	return { ok: true, plan, requests };
}
