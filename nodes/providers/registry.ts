/**
 * The registry: every provider this package knows, one line each (its folder's index.ts: the
 * core record with its n8n parts), in the order receipts are detected (the first parser that
 * recognises a payload reads it). Everything else is derived from this list (lists.ts): the
 * nodes' Provider options and fields, the trigger's Provider and Authentication options, the
 * action nodes' credentials and pickers, the receipt detection order and the public API.
 */
import { innoPaas } from './innoPaas';
import { routee } from './routee';
import { twilio } from './twilio';
import type { NodeProvider } from './types';
import { webexConnect } from './webexConnect';

export const PROVIDERS: readonly NodeProvider[] = [webexConnect, routee, innoPaas, twilio];
