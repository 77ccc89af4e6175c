/**
 * Make Voice Call's Operation, and the parameters of "Call and Wait for Outcome": how long to
 * wait, and how the receipts posted to the resume URL prove they come from the provider.
 */
import {
	SEND_AND_WAIT_OPERATION,
	type IExecuteFunctions,
	type INodeCredentialDescription,
	type INodeProperties,
	type IWebhookDescription,
} from 'n8n-workflow';

import { providerCredentials } from '../common/providerCredentials';
import { RECEIPT_URL_FIELD_NAMES } from '../common/providerTexts';
import {
	AUTHENTICATION_OPTIONS,
	authenticationDetailProperties,
	PROVIDER_CREDENTIAL_KINDS,
	type AuthenticationParameters,
} from '../common/receiptAuthentication';
import type { WaitLimit } from '../core/callback';
import { toUtcIso } from '../core/time';

/** The operation value n8n recognises as send-and-wait: it then checks the resume URL's signature. */
export const CALL_AND_WAIT = SEND_AND_WAIT_OPERATION;
const WAITING = { operation: [CALL_AND_WAIT] };

export const operationProperty: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	options: [
		{
			name: 'Place the Call',
			value: 'call',
			action: 'Place a voice call',
			description:
				'Place a call per item and output at once whether the provider took it (queued). Receipts about how it went arrive later, at a Voice Receipt Trigger.',
		},
		{
			name: 'Call and Wait for Outcome',
			value: CALL_AND_WAIT,
			action: 'Place a voice call and wait for its outcome',
			description:
				'Place one call, pause the workflow until it ends, and output its outcome: answered, not answered, failed or timed out',
		},
	],
	default: 'call',
};

/** The names of the receipt authentication parameters (the trigger's, prefixed). */
export const WAIT_AUTHENTICATION: AuthenticationParameters = {
	kind: 'receiptAuthentication',
	headerName: 'receiptHeaderName',
	queryParameter: 'receiptQueryParameter',
};

export const waitProperties: INodeProperties[] = [
	{
		displayName: `The node gives the provider this execution’s own resume URL as the call’s receipt URL (${RECEIPT_URL_FIELD_NAMES}; one set in Options is replaced) and pauses the workflow until the call ends. n8n must be reachable from the provider at its WEBHOOK_URL. One call per run: to call several people, put Loop Over Items (batch size 1) before this node.`,
		name: 'waitNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: WAITING },
	},
	{
		displayName: 'Limit Wait Time',
		name: 'limitWaitTime',
		type: 'options',
		options: [
			{
				name: 'Automatic',
				value: 'automatic',
				description:
					'The provider’s ring time plus 10 minutes after the call can start, plus the longest call where the provider limits it (Twilio’s Time Limit, 4 hours unless set); a scheduled call (Send At, Expiry, task times, redials) waits longer',
			},
			{
				name: 'After Time Interval',
				value: 'afterTimeInterval',
				description: 'Wait at most this long',
			},
			{
				name: 'At Specified Time',
				value: 'atSpecifiedTime',
				description: 'Wait until this date and time at the latest',
			},
		],
		default: 'automatic',
		displayOptions: { show: WAITING },
		description: 'When to stop waiting: the call then comes out with outcome "timeout"',
	},
	{
		displayName: 'Amount',
		name: 'resumeAmount',
		type: 'number',
		typeOptions: { minValue: 0, numberPrecision: 2 },
		default: 15,
		displayOptions: { show: { ...WAITING, limitWaitTime: ['afterTimeInterval'] } },
		description: 'How long to wait at most',
	},
	{
		displayName: 'Unit',
		name: 'resumeUnit',
		type: 'options',
		options: [
			{ name: 'Seconds', value: 'seconds' },
			{ name: 'Minutes', value: 'minutes' },
			{ name: 'Hours', value: 'hours' },
			{ name: 'Days', value: 'days' },
		],
		default: 'minutes',
		displayOptions: { show: { ...WAITING, limitWaitTime: ['afterTimeInterval'] } },
		description: 'The unit of the amount',
	},
	{
		displayName: 'Max Date and Time',
		name: 'maxDateAndTime',
		type: 'dateTime',
		default: '',
		displayOptions: { show: { ...WAITING, limitWaitTime: ['atSpecifiedTime'] } },
		description: 'Stop waiting at this date and time',
	},
	{
		displayName: 'Receipt Authentication',
		name: WAIT_AUTHENTICATION.kind,
		type: 'options',
		noDataExpression: true,
		options: AUTHENTICATION_OPTIONS,
		default: 'none',
		// `hide`, not `show`: n8n's editor hides every parameter that a credential-deciding field
		// (this one) lists under `show`, which would hide the Operation itself.
		displayOptions: { hide: { operation: ['call'] } },
		description:
			'How a receipt proves it comes from your provider, on top of the signed resume URL n8n checks itself. Receipts that fail are answered 401 and end nothing. A query secret or Basic auth user and password are added to the URL the provider gets.',
	},
	...authenticationDetailProperties(WAIT_AUTHENTICATION, WAITING),
	{
		displayName: 'Receipt Time Zone',
		name: 'receiptTimeZone',
		type: 'string',
		default: 'UTC',
		placeholder: 'Europe/London',
		displayOptions: { show: WAITING },
		description:
			'IANA time zone for provider time stamps that carry none (Webex Connect sends its tenant’s local time). Output times are always UTC.',
	},
];

/** The waiting webhook, declared as n8n's own send-and-wait nodes declare theirs. */
export const waitWebhooks: IWebhookDescription[] = [
	{
		name: 'default',
		httpMethod: 'POST',
		// The node answers every receipt itself, at once (Webex Connect waits only 10 s).
		responseMode: 'onReceived',
		path: '={{ $nodeId }}',
		restartWebhook: true,
		isFullPath: true,
	},
];

const UNIT_MS: Record<string, number> = {
	seconds: 1000,
	minutes: 60_000,
	hours: 3_600_000,
	days: 86_400_000,
};

/** Limit Wait Time as set. */
export function readWaitLimit(context: IExecuteFunctions): WaitLimit {
	const kind = context.getNodeParameter('limitWaitTime', 0, 'automatic') as string;
	if (kind === 'afterTimeInterval') {
		const amount = Number(context.getNodeParameter('resumeAmount', 0, 15));
		const unit = context.getNodeParameter('resumeUnit', 0, 'minutes') as string;
		return { kind: 'interval', ms: amount * (UNIT_MS[unit] ?? UNIT_MS.minutes) };
	}
	if (kind === 'atSpecifiedTime') {
		const value = context.getNodeParameter('maxDateAndTime', 0, '') as unknown;
		const text =
			typeof value === 'object' && value !== null && 'toISO' in value
				? String((value as { toISO(): string }).toISO())
				: String(value);
		// A time without a zone (n8n's date picker writes such) is read in the workflow's time zone.
		const iso = toUtcIso(text, context.getTimezone());
		return { kind: 'until', at: new Date(iso ?? Number.NaN) };
	}
	return { kind: 'automatic' };
}

/** Call and Wait for Outcome: the secret receipts to the resume URL must carry. */
const receiptCredential: INodeCredentialDescription = {
	name: 'voiceReceiptWebhookApi',
	required: true,
	testedBy: 'voiceReceiptWebhookApiTest',
	// Only with a Receipt Authentication (shown while waiting). Written with `hide`, as the provider
	// credentials are: n8n's editor hides a parameter a credential names under `show` (see
	// credentialDisplayOptions in nodes/common/providerFields.ts).
	// A signature whose secret is in the provider's credential (Twilio's) needs no second one.
	displayOptions: {
		hide: { operation: ['call'], receiptAuthentication: ['none', ...PROVIDER_CREDENTIAL_KINDS] },
	},
};

/** Make Voice Call's credentials: each provider's, and the receipts' secret. */
export const callCredentials: INodeCredentialDescription[] = [
	...providerCredentials(),
	receiptCredential,
];
