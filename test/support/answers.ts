import type { ProviderResponse } from '../../nodes/core/adapter';

/** A provider's answer: HTTP 200 with `body`. */
export const ok = (body: unknown): ProviderResponse => ({ statusCode: 200, headers: {}, body });
