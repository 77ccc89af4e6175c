import { parseInput } from '../../../nodes/core/validation';
import {
	imiconnectMessagingV1,
	webexConnectMakeCall,
} from '../../../nodes/providers/webexConnect/call';
import { makeCallWait, messagingV1Wait } from '../../../nodes/providers/webexConnect/wait';
import { fixture } from '../../support/fixtures';

const URL = 'https://n8n.example.com/webhook-waiting/7/node?signature=ab';

describe('Webex Connect: Call and Wait for Outcome', () => {
	it('Make Call: the resume URL replaces notifyUrl; sendAt is when the call starts', () => {
		const input = {
			from: '+14155550100',
			recipients: [{ to: '+447700900001' }],
			notifyUrl: 'https://elsewhere.example.com/',
			sendAt: '2026-12-01T09:00:00Z',
			content: fixture('webexConnect', 'request.makeCall').content,
		};
		const call = parseInput(webexConnectMakeCall.schema, makeCallWait.withUrl(input, URL));
		expect(webexConnectMakeCall.buildRequest(call).body.notifyUrl).toBe(URL);
		expect(makeCallWait.window(call)).toEqual({ startsAt: new Date('2026-12-01T09:00:00Z') });
		expect(
			makeCallWait.window(parseInput(webexConnectMakeCall.schema, { ...input, sendAt: undefined })),
		).toEqual({ startsAt: undefined });
	});

	it('Messaging API v1: the resume URL goes out as notifyurl; the expiry is the last start', () => {
		const input = {
			callflowid: 'flow-1',
			recipients: [{ to: '+447700900001' }],
			expiry: '2026-12-01T09:00:00+01:00',
		};
		const call = parseInput(imiconnectMessagingV1.schema, messagingV1Wait.withUrl(input, URL));
		expect(imiconnectMessagingV1.buildRequest(call).body.notifyurl).toBe(URL);
		expect(messagingV1Wait.window(call)).toEqual({ lastStartAt: new Date('2026-12-01T08:00:00Z') });
	});
});
