import type { AuthenticityMethod } from '../../core/signature';

/**
 * Routee documents no signature on its callbacks: protect the callback URL with the trigger's
 * header or query secret (e.g. …/voice-receipts?secret=…) instead.
 */
export const routeeSignatures = [] as const satisfies readonly AuthenticityMethod[];
