import { parseInput } from '../../../nodes/core/validation';
import { routeeConversation } from '../../../nodes/providers/routee/call';
import { conversationWait } from '../../../nodes/providers/routee/wait';

const URL = 'https://n8n.example.com/webhook-waiting/7/node?signature=ab';
const input = {
	from: '306912345678',
	recipients: [{ to: '+306900000001' }],
	content: { type: 'SAY', text: 'Hello', language: 'en-GB' },
};

describe('Routee: Call and Wait for Outcome', () => {
	it('puts the resume URL in callback.url, OnCompletion unless the node chose a strategy', () => {
		const plain = parseInput(routeeConversation.schema, conversationWait.withUrl(input, URL));
		expect(routeeConversation.buildRequest(plain).body.callback).toEqual({
			url: URL,
			strategy: 'OnCompletion',
		});
		const chosen = parseInput(
			routeeConversation.schema,
			conversationWait.withUrl(
				{ ...input, callback: { url: 'https://x.example.com/', strategy: 'OnChange' } },
				URL,
			),
		);
		expect(routeeConversation.buildRequest(chosen).body.callback).toEqual({
			url: URL,
			strategy: 'OnChange',
		});
	});

	it('rings for the hangup delay; a COLLECT verb follows the message to collect keys', () => {
		const call = parseInput(routeeConversation.schema, {
			...input,
			hangupDelay: 25,
			collect: { maxDigits: 4 },
		});
		expect(conversationWait.window(call)).toEqual({ ringSeconds: 25 });
		expect(routeeConversation.buildRequest(call).body.dialPlan).toEqual({
			verbs: [
				{ type: 'SAY', message: { text: 'Hello', language: 'en-GB' } },
				{ type: 'COLLECT', maxDigits: 4 },
			],
		});
		expect(() =>
			parseInput(routeeConversation.schema, { ...input, collect: { maxDigits: 31 } }),
		).toThrow('maxDigits');
	});
});
