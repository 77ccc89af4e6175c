import { kindOf } from './objects';
import { normaliseNumber, type MsisdnResult } from './phone';
import type { CallAdapter, Recipient } from './adapter';
import { ComplianceError } from './callingWindow/compliance';
import { GuardrailError } from './guardrails';
import type { PlannedRecipient } from './recipientSchema';
import type { InputError, ParseResult } from './validation';

/**
 * A campaign's input rows as the node reads them, by row index. Each read may throw (an
 * expression that fails for that item): that row is then refused, with the reason, and the
 * campaign goes on.
 */
export interface CampaignInput {
	count: number;
	number(index: number): unknown;
	correlationId(index: number): unknown;
	/** Provider-specific per-recipient fields (InnoPaaS template variables). */
	extra?(index: number): Record<string, unknown> | undefined;
}

/** An input row that is not called, and why. */
export interface RefusedRow {
	/** `blocked`: a guardrail (Allowed Destinations) refused the number; `suppressed`: the Do-Not-Call list. */
	status: 'invalid' | 'duplicate' | 'blocked' | 'suppressed' | 'outside-window';
	/** The number as normalised, or as given when it could not be read. */
	to: string;
	reason: string;
	/** Extra row fields (an outside-window row's zones and next opening). */
	fields?: Record<string, unknown>;
}

/** One request's worth of recipients; `rows` holds their input row indices, in the same order. */
export interface PlannedBatch<Call> {
	batchIndex: number;
	rows: number[];
	call: Call;
	/** Whether this is the campaign's only request. */
	onlyBatch: boolean;
}

export interface PlanOptions<Call extends { recipients: Recipient[] }> {
	/** ISO 3166-1 alpha-2 country for national numbers. */
	defaultCountry?: string;
	/** Keep only the first row of each number. */
	removeDuplicates: boolean;
	batchSize: number;
	/** The adapter's check of one recipient, its number already normalised. */
	checkRecipient(value: PlannedRecipient): ParseResult<Recipient>;
	/** Recipients with different keys never share a request; absent: any may. */
	batchKey?(recipient: Recipient): string;
	/** The campaign's request for a group, checked with the group's first recipient. */
	checkGroup(first: Recipient): ParseResult<Call>;
}

interface Group<Call> {
	call: Call | null;
	/** Why the group is not called, when its check failed. */
	error: InputError | null;
	rows: number[];
	recipients: Recipient[];
}

/** A number as given, for the output row: text and numbers as they are; anything else has no text. */
const given = (value: unknown): string =>
	typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';

/** A row's value could not be read; why is in `reason`. */
class Unreadable {
	constructor(readonly reason: string) {}
}

/** A value of a row, or why it could not be read (`problem` says what, e.g. "to could not be read for this row"). */
function readRow<T>(problem: string, read: () => T): T | Unreadable {
	try {
		return read();
	} catch (error) {
		return new Unreadable(`${problem}: ${error instanceof Error ? error.message : 'it failed'}`);
	}
}

/** A problem of the group's own recipients (InnoPaaS: their country), not of the campaign's fields. */
const concernsRecipients = (error: InputError) =>
	error.field === 'recipients' || error.field.startsWith('recipients.');

/** The row status of a recipient its check refused. */
const refusalStatus = (error: InputError): RefusedRow['status'] =>
	error instanceof GuardrailError
		? 'blocked'
		: error instanceof ComplianceError
			? error.refusal.status
			: 'invalid';

/**
 * Plans a campaign batch by batch, as senders ask for them, so the first requests are on their way
 * while later rows are still being checked. Every row is either in exactly one batch or refused
 * (invalid, or a duplicate of an earlier row). A batch is handed out once its group holds more
 * than a batch, or at the end of the input, so each batch knows whether it is the only one.
 */
export class CampaignPlan<Call extends { recipients: Recipient[] }> {
	/** Rows that are not called, by input index, filled in as planning advances. */
	readonly refused: Array<RefusedRow | undefined>;
	/**
	 * Set when the campaign's own fields fail their check (made with the first recipient): then no
	 * batch is handed out, and every row that would have been called is refused with this error.
	 */
	campaignError: InputError | null = null;
	private nextRow = 0;
	private batchCount = 0;
	private readonly firstRowOf = new Map<string, number>();
	/** In order of first appearance. */
	private readonly groups = new Map<string, Group<Call>>();

	constructor(
		private readonly input: CampaignInput,
		private readonly options: PlanOptions<Call>,
	) {
		this.refused = new Array<RefusedRow | undefined>(input.count);
	}

	/** The next request to send, or undefined when every row is planned and every batch handed out. */
	nextBatch(): PlannedBatch<Call> | undefined {
		const { batchSize } = this.options;
		while (this.nextRow < this.input.count) {
			const group = this.planRow(this.nextRow++);
			if (group !== undefined && group.rows.length > batchSize)
				return this.handOut(group, batchSize, false);
		}
		for (const group of this.groups.values()) {
			if (group.rows.length === 0 || group.call === null) continue;
			const onlyBatch =
				this.batchCount === 0 &&
				[...this.groups.values()].every(
					(other) => other === group || other.rows.length === 0 || other.call === null,
				);
			return this.handOut(group, group.rows.length, onlyBatch);
		}
		return undefined;
	}

	/** Plans every row that is left, and returns the batches they make. */
	remainingBatches(): Array<PlannedBatch<Call>> {
		const batches: Array<PlannedBatch<Call>> = [];
		for (let batch = this.nextBatch(); batch !== undefined; batch = this.nextBatch())
			batches.push(batch);
		return batches;
	}

	private handOut(group: Group<Call>, size: number, onlyBatch: boolean): PlannedBatch<Call> {
		const rows = group.rows.splice(0, size);
		const recipients = group.recipients.splice(0, size);
		return { batchIndex: this.batchCount++, rows, call: { ...group.call!, recipients }, onlyBatch };
	}

	/** Decides one row; returns the group it joined, if it is to be called. */
	private planRow(index: number): Group<Call> | undefined {
		const { input, options } = this;
		const rawNumber = readRow('to could not be read for this row', () => input.number(index));
		if (rawNumber instanceof Unreadable) {
			this.refuse(index, 'invalid', '', rawNumber.reason);
			return undefined;
		}
		const number: MsisdnResult =
			typeof rawNumber === 'object' && rawNumber !== null
				? { ok: false, reason: '' }
				: normaliseNumber(rawNumber, options.defaultCountry);
		if (!number.ok) {
			const reason =
				number.reason === ''
					? `to must be a phone number, not ${kindOf(rawNumber)}`
					: `to "${given(rawNumber)}" ${number.reason}`;
			this.refuse(index, 'invalid', given(rawNumber), reason);
			return undefined;
		}
		const earlier = options.removeDuplicates ? this.firstRowOf.get(number.e164) : undefined;
		if (earlier !== undefined) {
			this.refuse(
				index,
				'duplicate',
				number.e164,
				`same number as input row ${earlier + 1}; called once`,
			);
			return undefined;
		}
		const correlationId = readRow('correlationId could not be read for this row', () =>
			input.correlationId(index),
		);
		if (correlationId instanceof Unreadable) {
			this.refuse(index, 'invalid', number.e164, correlationId.reason);
			return undefined;
		}
		const extra = readRow('a field of this row could not be read', () => input.extra?.(index));
		if (extra instanceof Unreadable) {
			this.refuse(index, 'invalid', number.e164, extra.reason);
			return undefined;
		}
		const recipient = options.checkRecipient(
			extra === undefined
				? { to: number.e164, correlationId }
				: { ...(extra as Record<string, unknown>), to: number.e164, correlationId },
		);
		if (!recipient.ok) {
			this.refuse(
				index,
				refusalStatus(recipient.error),
				number.e164,
				recipient.error.message,
				recipient.error instanceof ComplianceError ? recipient.error.refusal.fields : undefined,
			);
			return undefined;
		}
		if (options.removeDuplicates) this.firstRowOf.set(number.e164, index);
		if (this.campaignError !== null) {
			this.refuse(index, 'invalid', number.e164, this.campaignError.message);
			return undefined;
		}
		const key = options.batchKey?.(recipient.value) ?? '';
		let group = this.groups.get(key);
		if (group === undefined) {
			const checked = options.checkGroup(recipient.value);
			group = checked.ok
				? { call: checked.value, error: null, rows: [], recipients: [] }
				: { call: null, error: checked.error, rows: [], recipients: [] };
			// The first group's check is the campaign's: its fields are wrong for everyone, unless the
			// problem is of the group's own recipients (their country), which concerns those rows only.
			if (!checked.ok && this.groups.size === 0 && !concernsRecipients(checked.error))
				this.campaignError = checked.error;
			this.groups.set(key, group);
		}
		if (group.error !== null) {
			this.refuse(index, 'invalid', number.e164, group.error.message);
			return undefined;
		}
		group.rows.push(index);
		group.recipients.push(recipient.value);
		return group;
	}

	private refuse(
		index: number,
		status: RefusedRow['status'],
		to: string,
		reason: string,
		fields?: Record<string, unknown>,
	) {
		this.refused[index] =
			fields === undefined ? { status, to, reason } : { status, to, reason, fields };
	}
}

/** Counts per value, e.g. per status, for a summary that reconciles with the input count. */
export function tally<T extends string>(values: readonly T[]): Record<string, number> {
	const counts: Record<string, number> = {};
	for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
	return counts;
}

/** How a campaign's requests go out: recipients per request, and requests in flight at once. */
export interface CampaignPace {
	batchSize: number;
	concurrency: number;
}

/**
 * The user's Batch Size and Concurrency (or the form's default concurrency) within what the
 * adapter allows: never more recipients per request than it takes (1 in single-call mode), never
 * more requests in flight than its `concurrency`, and at least one of each.
 */
export function campaignPace(
	adapter: Pick<CallAdapter, 'maxRecipientsPerRequest' | 'concurrency'>,
	asked: { batchSize?: number; concurrency?: number },
	defaultConcurrency: number,
): CampaignPace {
	const max = Math.max(1, adapter.maxRecipientsPerRequest);
	const batchSize = Math.min(asked.batchSize ?? max, max);
	const concurrency = Math.min(
		asked.concurrency ?? defaultConcurrency,
		adapter.concurrency ?? Number.POSITIVE_INFINITY,
	);
	return { batchSize: Math.max(1, batchSize), concurrency: Math.max(1, concurrency) };
}

/**
 * Request starts spaced evenly to a rate (`callsPerSecond`), for requests in flight together:
 * each start is reserved when asked for, so concurrent senders queue up rather than start at once.
 * Pure: it says how long to wait, the caller waits.
 */
export class StartSchedule {
	readonly intervalMs: number;
	private next = Number.NEGATIVE_INFINITY;

	constructor(callsPerSecond: number | undefined) {
		this.intervalMs =
			callsPerSecond !== undefined && callsPerSecond > 0 ? 1000 / callsPerSecond : 0;
	}

	/** Reserves the next start at or after `now` (ms); returns how long to wait for it. */
	reserve(now: number): number {
		if (this.intervalMs === 0) return 0;
		const start = Math.max(now, this.next);
		this.next = start + this.intervalMs;
		return start - now;
	}
}
