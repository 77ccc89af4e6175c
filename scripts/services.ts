/**
 * The sandbox's stand-ins for the two things around the examples that are not voice providers,
 * on one small HTTP server on 127.0.0.1:
 *
 * - a pretend CRM: `POST /crm/activities` stores any JSON body and answers it back with an id,
 *   `GET /crm/activities` lists what was stored (Example 3's follow-ups land here);
 * - a pretend SMS gateway: `POST /sms/messages` stores any JSON body (Example 5's texts to the people
 *   who did not answer), `GET /sms/messages` lists them;
 * - a scripted chat model with OpenAI's Chat Completions API under `/v1` (`GET /v1/models`,
 *   `POST /v1/chat/completions`, plain or streamed), so Example 4's agent runs with no account and
 *   no internet. It is not a model: when the user's message contains a phone number it asks for
 *   the call tool with that number and the rest of the sentence as the message, and once the tool
 *   has answered it reports the tool's result. Everything it does is deterministic.
 *
 * `GET /__sandbox/model-requests` lists the chat requests received, for tests and curiosity.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CrmActivity {
	id: string;
	receivedAt: string;
	[field: string]: unknown;
}

export interface SandboxServices {
	/** Base URL, e.g. `http://127.0.0.1:8788`. */
	readonly url: string;
	readonly activities: readonly CrmActivity[];
	/** What Example 5 "sent" by SMS. */
	readonly smsMessages: readonly CrmActivity[];
	readonly modelRequests: readonly unknown[];
	close(): Promise<void>;
}

/** The model ids `GET /v1/models` lists; the editor's model list shows them. */
const MODEL_IDS = ['gpt-4.1-mini', 'sandbox-scripted-model'];

export async function startServices({
	port = 0,
	host = '127.0.0.1',
} = {}): Promise<SandboxServices> {
	const activities: CrmActivity[] = [];
	const smsMessages: CrmActivity[] = [];
	const modelRequests: unknown[] = [];
	let completions = 0;

	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('error', () => undefined);
		req.on('end', () => {
			const raw = Buffer.concat(chunks).toString('utf8');
			const route = `${req.method ?? 'GET'} ${new URL(req.url ?? '/', 'http://sandbox').pathname.replace(/\/+$/, '')}`;
			let body: unknown;
			try {
				body = raw ? JSON.parse(raw) : undefined;
			} catch {
				return json(res, 400, { error: 'the body is not JSON' });
			}
			switch (route) {
				case 'POST /crm/activities': {
					const activity: CrmActivity = {
						...(isObject(body) ? body : { body }),
						id: `act-${activities.length + 1}`,
						receivedAt: new Date().toISOString(),
					};
					activities.push(activity);
					return json(res, 201, activity);
				}
				case 'GET /crm/activities':
					return json(res, 200, activities);
				case 'POST /sms/messages': {
					const sms: CrmActivity = {
						...(isObject(body) ? body : { body }),
						id: `sms-${smsMessages.length + 1}`,
						receivedAt: new Date().toISOString(),
					};
					smsMessages.push(sms);
					return json(res, 201, sms);
				}
				case 'GET /sms/messages':
					return json(res, 200, smsMessages);
				case 'GET /v1/models':
					return json(res, 200, {
						object: 'list',
						data: MODEL_IDS.map((id) => ({
							id,
							object: 'model',
							created: 0,
							owned_by: 'n8n-nodes-outbound-voice sandbox',
						})),
					});
				case 'POST /v1/chat/completions': {
					modelRequests.push(body);
					const request = (isObject(body) ? body : {}) as ChatRequest;
					const reply = scriptedReply(request, ++completions);
					return request.stream
						? stream(res, request, reply)
						: json(res, 200, completion(request, reply));
				}
				case 'GET /__sandbox/model-requests':
					return json(res, 200, modelRequests);
				default:
					return json(res, 404, {
						error: `nothing at ${route} in the sandbox (try /crm/activities, /sms/messages or /v1/models)`,
					});
			}
		});
	});

	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, host, () => {
			server.off('error', reject);
			resolve();
		});
	});
	const address = server.address() as AddressInfo;
	return {
		url: `http://${host}:${address.port}`,
		activities,
		smsMessages,
		modelRequests,
		close: () =>
			new Promise<void>((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			}),
	};
}

// ---------------------------------------------------------------------------------------------
// The scripted model

interface ChatMessage {
	role: string;
	content?: unknown;
	tool_calls?: unknown[];
	tool_call_id?: string;
}

interface ChatTool {
	type?: string;
	function?: {
		name?: string;
		description?: string;
		parameters?: { properties?: Record<string, unknown>; required?: string[] };
	};
}

interface ChatRequest {
	model?: string;
	messages?: ChatMessage[];
	tools?: ChatTool[];
	stream?: boolean;
}

type Reply =
	| { kind: 'text'; text: string }
	| { kind: 'tool'; id: string; name: string; arguments: string };

/** Text of a message's content, which is a string or a list of parts. */
function textOf(content: unknown): string {
	if (typeof content === 'string') return content;
	if (Array.isArray(content))
		return content
			.map((part) => (isObject(part) && typeof part.text === 'string' ? part.text : ''))
			.join(' ');
	return '';
}

/** A phone number in a sentence: + or 00 and digits, spaces, dots, dashes and brackets allowed inside. */
const PHONE = /(?:\+|\b00)?\d[\d\s().-]{5,}\d/;

const HELP =
	'I am the sandbox’s scripted model, not a real AI: I can only place a call. Give me a phone number and what to say, for example “Call +44 20 7946 0123 and tell them their glasses are ready.” (Connect a real chat model to the AI Agent for anything else.)';

export function scriptedReply(request: ChatRequest, sequence: number): Reply {
	const messages = request.messages ?? [];
	const last = messages[messages.length - 1];
	if (last?.role === 'tool') return { kind: 'text', text: reportToolResult(textOf(last.content)) };

	const userText = textOf(
		[...messages].reverse().find((message) => message.role === 'user')?.content,
	);
	const tool = pickCallTool(request.tools ?? []);
	const phone = PHONE.exec(userText)?.[0];
	if (!tool?.function?.name || !phone) return { kind: 'text', text: HELP };

	const say = spokenMessage(userText, phone);
	const args: Record<string, string> = {};
	const properties = tool.function.parameters?.properties ?? {};
	for (const name of Object.keys(properties)) {
		if (/^(to|phone|number|recipient|msisdn)/i.test(name))
			args[name] = phone.replace(/[\s().-]/g, '').replace(/^00/, '+');
		else if (/(message|text|say|speech|content)/i.test(name)) args[name] = say;
	}
	// A tool without parameters of its own (no $fromAI) still gets the request in plain words.
	if (Object.keys(properties).length === 0) args.input = userText;
	return {
		kind: 'tool',
		id: `call_sandbox_${sequence}`,
		name: tool.function.name,
		arguments: JSON.stringify(args),
	};
}

function pickCallTool(tools: ChatTool[]): ChatTool | undefined {
	return tools.find((tool) => /call|phone|voice/i.test(tool.function?.name ?? '')) ?? tools[0];
}

/** What to say: the part of the request after "tell them", "say" or "that", spoken to the person. */
function spokenMessage(userText: string, phone: string): string {
	const rest = userText.slice(userText.indexOf(phone) + phone.length);
	const match =
		/\b(?:tell(?:ing)? (?:them|him|her)(?: that)?|say(?:ing)?(?: that)?|that)\s+(.+)/i.exec(rest);
	const said = (match?.[1] ?? '').trim().replace(/[.!\s]+$/, '');
	if (!said) return 'Hello, this is a call from the n8n sandbox. Goodbye.';
	const addressed = said
		.replace(/\btheir\b/gi, 'your')
		.replace(/\bthey're\b/gi, "you're")
		.replace(/\bthey are\b/gi, 'you are')
		.replace(/\bthey\b/gi, 'you')
		.replace(/\bthem\b/gi, 'you');
	return `Hello, ${addressed[0].toLowerCase()}${addressed.slice(1)}. Goodbye.`;
}

/** Sums up what the call tool answered (Make Voice Call's output row, or an error). */
function reportToolResult(content: string): string {
	let parsed: unknown;
	try {
		parsed = JSON.parse(content);
	} catch {
		return `The call tool answered: ${content}`;
	}
	const row = Array.isArray(parsed) ? parsed[0] : parsed;
	const fields = isObject(row) && isObject(row.json) ? row.json : row;
	if (!isObject(fields) || typeof fields.status !== 'string')
		return `The call tool answered: ${content}`;
	if (fields.status === 'queued')
		return `Done: the provider accepted the call to ${String(fields.to)} (status: queued, message ID ${String(fields.messageId)}). Its outcome will arrive at the Voice Receipt Trigger.`;
	return `The call to ${String(fields.to)} was not placed: status ${fields.status}${fields.message ? ` (${String(fields.message)})` : ''}.`;
}

function completion(request: ChatRequest, reply: Reply) {
	const message =
		reply.kind === 'text'
			? { role: 'assistant', content: reply.text }
			: {
					role: 'assistant',
					content: null,
					tool_calls: [
						{
							id: reply.id,
							type: 'function',
							function: { name: reply.name, arguments: reply.arguments },
						},
					],
				};
	return {
		id: `chatcmpl-sandbox-${Date.now()}`,
		object: 'chat.completion',
		created: Math.floor(Date.now() / 1000),
		model: request.model ?? MODEL_IDS[0],
		choices: [
			{
				index: 0,
				message,
				logprobs: null,
				finish_reason: reply.kind === 'text' ? 'stop' : 'tool_calls',
			},
		],
		usage: { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 },
	};
}

/** The same answer as server-sent events, as OpenAI streams it. */
function stream(res: http.ServerResponse, request: ChatRequest, reply: Reply): void {
	const base = {
		id: `chatcmpl-sandbox-${Date.now()}`,
		object: 'chat.completion.chunk',
		created: Math.floor(Date.now() / 1000),
		model: request.model ?? MODEL_IDS[0],
	};
	const chunk = (delta: unknown, finish: string | null = null) =>
		`data: ${JSON.stringify({ ...base, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }] })}\n\n`;
	res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
	if (reply.kind === 'text') {
		res.write(chunk({ role: 'assistant', content: '' }));
		for (const word of reply.text.match(/\S+\s*/g) ?? []) res.write(chunk({ content: word }));
		res.write(chunk({}, 'stop'));
	} else {
		res.write(
			chunk({
				role: 'assistant',
				content: null,
				tool_calls: [
					{
						index: 0,
						id: reply.id,
						type: 'function',
						function: { name: reply.name, arguments: '' },
					},
				],
			}),
		);
		res.write(chunk({ tool_calls: [{ index: 0, function: { arguments: reply.arguments } }] }));
		res.write(chunk({}, 'tool_calls'));
	}
	res.end('data: [DONE]\n\n');
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function json(res: http.ServerResponse, status: number, body: unknown): void {
	res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}
