import { imiconnectMessagingForm } from './imiconnectMessaging';
import { innoPaasForm } from './innoPaas';
import { routeeForm } from './routee';
import type { CallForm } from './types';
import { webexConnectForm } from './webexConnect';

/** The provider paths Make Voice Call offers, in the order of its `provider` option. */
export const CALL_FORMS: CallForm[] = [webexConnectForm, imiconnectMessagingForm, routeeForm, innoPaasForm];
