/**
 * InnoPaaS's own shape of time: `yyyyMMddHHmmss`, wall-clock time without a zone, in its task
 * times (sent in the task's time zone) and, assumed, its call records. Read and written with the
 * core's strict calendar (core/time.ts), which knows no provider's shapes.
 */
import { formatInZone, readTime, receiptTime, toUtcIso, type TimeReading } from '../../core/time';

/** `yyyyMMddHHmmss`, as InnoPaaS writes and takes times. */
export const COMPACT_TIME = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/;
const SHAPES = [COMPACT_TIME];

/** `readTime`, also reading `yyyyMMddHHmmss` in `zone`. */
export const readInnoPaasTime = (value: unknown, zone: string): TimeReading =>
	readTime(value, zone, SHAPES);

/** `toUtcIso`, also reading `yyyyMMddHHmmss` in `zone`. */
export const innoPaasUtcIso = (value: unknown, zone: string): string | null =>
	toUtcIso(value, zone, SHAPES);

/** A call record's time stamp as the event model's `timestamp` (see core `receiptTime`). */
export const innoPaasReceiptTime = (stamp: string | null, zone: string | undefined) =>
	receiptTime(stamp, zone, SHAPES);

/** Formats an instant as `yyyyMMddHHmmss` wall-clock time in `zone` (task times). */
export const toCompactLocal = (instant: Date, zone: string): string =>
	formatInZone(instant, zone, 'yyyyMMddHHmmss');
