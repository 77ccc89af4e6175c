import type { AuthenticityMethod } from '../../core/signature';

/**
 * InnoPaaS documents no signature on the call records it posts to `billUrl`: protect the URL with
 * the trigger's query secret (e.g. …/voice-receipts?secret=…) instead.
 */
export const innoPaasSignatures = [] as const satisfies readonly AuthenticityMethod[];
