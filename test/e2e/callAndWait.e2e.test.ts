/**
 * Make Voice Call → Call and Wait for Outcome in a real n8n 2.x: the call is placed with the
 * execution's signed resume URL as the provider's callback, the provider simulator posts the
 * call's receipts there as it would to any URL, and n8n resumes the execution on the final one.
 * Every provider path, each outcome, the timeout (n8n's wait tracker), duplicates after the
 * resume, forged receipts, two items through Loop Over Items, and a manual run from the editor.
 */
import { randomUUID } from 'node:crypto';
import { request } from 'undici';

import { startN8n, type N8nInstance } from '../support/n8n';
import { packedTarball } from '../support/pack';
import {
	executionsText,
	hubSignature,
	leakedSecrets,
	logFile,
	nodeType,
	postRaw,
	waitFor,
} from '../support/e2e';
import { startSimulator, type Simulator } from '../simulator/server';
import { TWILIO_SIM, type TwilioAccount } from '../simulator/providers/twilio';
import { twilioSignature } from '../simulator/providers/twilioCallbacks';
import { openAccount, TEST_PROVIDERS } from '../support/providers';
import { webexTts } from '../support/webexTts';

const SERVICE_KEY = 'e2e-wait-webex-key-5c2a91';
const HUB_SECRET = 'e2e-wait-hub-secret-e63f0b';
const ROUTEE_APP = 'e2e-wait-routee-app';
const ROUTEE_SECRET = 'e2e-wait-routee-secret-71da4c';
const INNO_APP = 'e2e-wait-inno-app';
const INNO_KEY = 'e2e-wait-inno-key-0f93be';
const TWILIO = openAccount(
	TEST_PROVIDERS.find((provider) => provider.id === 'twilio')!,
	'e2e-wait',
);
const TWILIO_TOKEN = (TWILIO.account as TwilioAccount).twilioAuthToken;
const SECRETS = [
	...TWILIO.secrets,
	SERVICE_KEY,
	HUB_SECRET,
	ROUTEE_SECRET,
	Buffer.from(`${ROUTEE_APP}:${ROUTEE_SECRET}`).toString('base64'),
	INNO_KEY,
];

const CALL = 'Call and wait';
const AFTER = 'After the call';

let n8n: N8nInstance;
let simulator: Simulator;
const credentials: Record<
	'webex' | 'routee' | 'innoPaas' | 'hub' | 'twilio',
	{ id: string; name: string }
> = {} as never;
const workflowIds: string[] = [];

beforeAll(async () => {
	simulator = await startSimulator({
		webexServiceKey: SERVICE_KEY,
		webexHubSecret: HUB_SECRET,
		routeeApplicationId: ROUTEE_APP,
		routeeApplicationSecret: ROUTEE_SECRET,
		innoPaasAppId: INNO_APP,
		innoPaasAppKey: INNO_KEY,
		...(TWILIO.account as TwilioAccount),
		// A call's receipts a moment apart, as a real call unfolds (and after n8n has saved the wait).
		receiptDelayMs: 400,
	});
	n8n = await startN8n({
		packageTarball: packedTarball(),
		logFile: logFile('callAndWait'),
		env: { N8N_LOG_LEVEL: 'debug' },
	});
	const create = async (name: string, type: string, data: Record<string, unknown>) => {
		const { id } = await n8n.createCredential(name, type, data);
		return { id, name };
	};
	credentials.webex = await create('Webex (simulator)', 'webexConnectApi', {
		apiKey: SERVICE_KEY,
		region: 'eu',
		baseUrl: simulator.url,
	});
	credentials.routee = await create('Routee (simulator)', 'routeeApi', {
		applicationId: ROUTEE_APP,
		applicationSecret: ROUTEE_SECRET,
		baseUrl: simulator.url,
	});
	credentials.innoPaas = await create('InnoPaaS (simulator)', 'innoPaasApi', {
		appId: INNO_APP,
		appSecretKey: INNO_KEY,
		baseUrl: simulator.url,
	});
	credentials.hub = await create('Webex hub secret', 'voiceReceiptWebhookApi', {
		secret: HUB_SECRET,
	});
	credentials.twilio = await create(
		'Twilio (simulator)',
		TWILIO.provider.credentialType,
		TWILIO.credential(simulator.url),
	);
});

afterAll(async () => {
	await n8n?.stop();
	await simulator?.close();
});

const waitTts = { ...webexTts('Your table is ready'), operation: 'sendAndWait' };

const CREDENTIAL_OF: Record<string, () => Record<string, { id: string; name: string }>> = {
	webexConnect: () => ({ webexConnectApi: credentials.webex }),
	imiconnectMessaging: () => ({ webexConnectApi: credentials.webex }),
	routee: () => ({ routeeApi: credentials.routee }),
	innoPaas: () => ({ innoPaasApi: credentials.innoPaas }),
	twilio: () => ({ twilioVoiceApi: credentials.twilio }),
};

/** Receipt Authentication options whose secret is the provider credential's own (Twilio's Auth Token). */
const OWN_CREDENTIAL_SIGNATURES = ['twilioSignature'];

interface Flow {
	workflowId: string;
	/** Starts one execution with these items (a POST to the workflow's webhook, answered at once). */
	start(items: Array<Record<string, unknown>>): Promise<void>;
}

const node = (
	name: string,
	type: string,
	typeVersion: number,
	parameters: Record<string, unknown>,
	extra: Record<string, unknown> = {},
) => ({
	id: randomUUID(),
	name,
	type,
	typeVersion,
	position: [0, 0],
	parameters,
	...extra,
});

/**
 * Webhook → Split Out → [Loop Over Items →] Make Voice Call (waiting) → No Operation, active.
 * `provider` replaces the provider path's credential (one pointing at another simulator).
 */
async function flow(
	parameters: Record<string, unknown>,
	{
		loop = false,
		provider,
	}: { loop?: boolean; provider?: Record<string, { id: string; name: string }> } = {},
): Promise<Flow> {
	const path = `wait-${randomUUID()}`;
	const authentication = parameters.receiptAuthentication as string | undefined;
	const callCredentials = {
		...(provider ?? CREDENTIAL_OF[String(parameters.provider)]()),
		...(authentication && !OWN_CREDENTIAL_SIGNATURES.includes(authentication)
			? { voiceReceiptWebhookApi: credentials.hub }
			: {}),
	};
	const nodes = [
		node(
			'Webhook',
			'n8n-nodes-base.webhook',
			2,
			{ httpMethod: 'POST', path, responseMode: 'onReceived', options: {} },
			{ webhookId: randomUUID() },
		),
		node('Items', 'n8n-nodes-base.splitOut', 1, { fieldToSplitOut: 'body', options: {} }),
		...(loop
			? [node('Loop', 'n8n-nodes-base.splitInBatches', 3, { batchSize: 1, options: {} })]
			: []),
		node(CALL, nodeType('makeVoiceCall'), 1, parameters, { credentials: callCredentials }),
		node(AFTER, 'n8n-nodes-base.noOp', 1, {}),
	];
	const connections: Record<string, unknown> = loop
		? {
				Webhook: { main: [[{ node: 'Items', type: 'main', index: 0 }]] },
				Items: { main: [[{ node: 'Loop', type: 'main', index: 0 }]] },
				// Loop Over Items: output 0 "done" (every item), output 1 the next batch.
				Loop: {
					main: [
						[{ node: AFTER, type: 'main', index: 0 }],
						[{ node: CALL, type: 'main', index: 0 }],
					],
				},
				[CALL]: { main: [[{ node: 'Loop', type: 'main', index: 0 }]] },
			}
		: {
				Webhook: { main: [[{ node: 'Items', type: 'main', index: 0 }]] },
				Items: { main: [[{ node: CALL, type: 'main', index: 0 }]] },
				[CALL]: { main: [[{ node: AFTER, type: 'main', index: 0 }]] },
			};
	const workflow = await n8n.createWorkflow({
		name: `wait ${String(parameters.provider)} ${path}`,
		nodes,
		connections,
	});
	workflowIds.push(workflow.id);
	await n8n.activateWorkflow(workflow.id);
	return {
		workflowId: workflow.id,
		async start(items) {
			const answer = await n8n.webhook('POST', path, items);
			expect(answer.status).toBe(200);
		},
	};
}

const executionsOf = (workflowId: string) => n8n.executions(workflowId);

/** The workflow's executions once `count` of them have the given statuses (any end status by default). */
async function settled(
	workflowId: string,
	count: number,
	statuses = ['success', 'error'],
	timeoutMs = 60_000,
) {
	return waitFor(
		`${count} executions of ${workflowId} with status ${statuses.join('/')}`,
		async () => {
			const list = await executionsOf(workflowId);
			return list.length === count && list.every((execution) => statuses.includes(execution.status))
				? list
				: undefined;
		},
		{ timeoutMs, intervalMs: 300 },
	);
}

/** Every item a node output in an execution, over all its runs (a loop runs it once per item). */
const outputs = (execution: Record<string, any>, name: string): Array<Record<string, any>> =>
	((execution.data?.resultData?.runData?.[name] ?? []) as Array<Record<string, any>>).flatMap(
		(run) =>
			((run.data?.main?.[0] ?? []) as Array<{ json: Record<string, any> }>).map(
				(item) => item.json,
			),
	);

/** The resume URL n8n gave the provider with the n-th call (of one provider path when `path` says), from the request the simulator got. */
function resumeUrlOf(
	index: number,
	path = /\/(v2\/messages|resources\/v1\/messaging|voice\/conversation|batch-notify|Calls\.json)$/,
	provider: Simulator = simulator,
): string {
	const call = provider.requests.filter(
		(entry) => entry.method === 'POST' && path.test(entry.path),
	)[index];
	const raw = call.rawBody;
	if (call.path.endsWith('batch-notify')) return new URLSearchParams(raw).get('billUrl')!;
	if (call.path.endsWith('Calls.json')) return new URLSearchParams(raw).get('StatusCallback')!;
	const body = JSON.parse(raw) as Record<string, any>;
	return body.notifyUrl ?? body.notifyurl ?? body.callback?.url;
}

describe('Call and Wait for Outcome in a real n8n', () => {
	afterEach(() => simulator.reset());

	it('Webex Connect: waits through the receipts, resumes on the final one, then answers duplicates "no action required" and a wrong signature 401', async () => {
		const { workflowId, start } = await flow({
			...waitTts,
			options: { correlationId: '={{ $json.ref }}' },
		});
		await start([{ phone: '+447700900001', ref: 'booking-1' }]);
		const [execution] = await settled(workflowId, 1);
		expect(execution.status).toBe('success');
		const [row] = outputs(execution, AFTER);
		expect(row).toMatchObject({
			outcome: 'answered',
			status: 'completed',
			provider: 'webexConnect',
			to: '+447700900001',
			correlationId: 'booking-1',
			providerStatus: 'DISCONNECTED',
			providerCode: '7410',
			call: { status: 'queued', provider: 'webexConnect' },
			event: { status: 'completed', final: true },
		});
		const url = resumeUrlOf(0);
		expect(url).toMatch(
			new RegExp(`^${n8n.baseUrl}/webhook-waiting/${execution.id}/[^?]+\\?signature=[0-9a-f]{64}$`),
		);
		// Every receipt was taken: three before the final one without resuming, then the final one.
		// (One that came before n8n had saved the wait would get n8n's 409 and be retried.)
		const delivered = simulator.receiptsSent.filter((receipt) => receipt.url === url);
		const answered = delivered.filter((receipt) => receipt.status === 200);
		expect(
			answered.map(
				(receipt) => (receipt.body as any).deliveryInfoNotification.deliveryInfo.deliveryStatus,
			),
		).toEqual(['OFFERED', 'ACCEPTED', 'ANSWERED', 'DISCONNECTED']);
		expect(
			delivered.filter((receipt) => receipt.status !== 200).map((receipt) => receipt.status),
		).toEqual(delivered.filter((receipt) => receipt.status !== 200).map(() => 409));
		process.stderr.write(
			`[callAndWait e2e] receipt attempts to the resume URL: ${delivered.map((receipt) => receipt.status).join(', ')}\n`,
		);
		// The provider retries: the final receipt again after the resume is acknowledged, not an error.
		const last = answered[answered.length - 1];
		const raw = JSON.stringify(last.body);
		const again = await postRaw(url, raw, { 'x-hub-signature': hubSignature(raw, HUB_SECRET) });
		expect(again.status).toBe(200);
		expect(String(again.body)).toMatch(/no action required/i);
		const forged = await postRaw(url.replace(/signature=[0-9a-f]{8}/, 'signature=00000000'), raw);
		expect(forged.status).toBe(401);
		expect(await executionsOf(workflowId)).toHaveLength(1);
	});

	it('Webex Connect: busy, no answer and a dropped call each resume their own execution with the outcome', async () => {
		const { workflowId, start } = await flow(waitTts);
		for (const phone of ['+447700900006', '+447700900007', '+447700900009'])
			await start([{ phone }]);
		const executions = await settled(workflowId, 3);
		const rows = executions.map((execution) => outputs(execution, AFTER)[0]);
		const byNumber = Object.fromEntries(
			rows.map((row) => [row.to, [row.outcome, row.status, row.providerCode]]),
		);
		expect(byNumber).toEqual({
			'+447700900006': ['not-answered', 'busy', '7402'],
			'+447700900007': ['not-answered', 'no-answer', '7401'],
			'+447700900009': ['failed', 'failed', '7409'],
		});
	});

	it('IMIconnect Messaging API v1, Routee (with collected keys) and InnoPaaS resume on their final receipt', async () => {
		const v1 = await flow({
			provider: 'imiconnectMessaging',
			operation: 'sendAndWait',
			to: '={{ $json.phone }}',
			voiceContent: 'callflowid',
			callflowid: 'flow-7',
		});
		const routee = await flow({
			provider: 'routee',
			operation: 'sendAndWait',
			from: '306912345678',
			to: '={{ $json.phone }}',
			type: 'SAY',
			text: 'Press 1 to confirm your appointment',
			language: 'en-GB',
			gender: 'female',
			options: {
				callback: { settings: { url: 'https://replaced.example.com/', strategy: 'OnChange' } },
				collectDigits: true,
				maxDigits: 1,
			},
		});
		const innoPaas = await flow({
			provider: 'innoPaas',
			operation: 'sendAndWait',
			to: '={{ $json.phone }}',
			templateId: 'tpl-9',
		});
		await v1.start([{ phone: '+447700900008' }]);
		await routee.start([{ phone: '+306900000012' }]);
		await innoPaas.start([{ phone: '+447700900007' }]);
		const [v1Row, routeeRow, innoRow] = await Promise.all(
			[v1, routee, innoPaas].map(
				async ({ workflowId }) => outputs((await settled(workflowId, 1))[0], AFTER)[0],
			),
		);
		expect(v1Row).toMatchObject({
			provider: 'imiconnectMessaging',
			outcome: 'not-answered',
			status: 'rejected',
			providerCode: '7406',
		});
		expect(routeeRow).toMatchObject({
			provider: 'routee',
			outcome: 'answered',
			status: 'completed',
			dtmfDigits: '1',
			durationSeconds: 18,
		});
		expect(innoRow).toMatchObject({
			provider: 'innoPaas',
			outcome: 'not-answered',
			status: 'no-answer',
			to: '+447700900007',
		});
		// Routee got the resume URL in place of the one in the options, with the strategy kept: every status was posted.
		const routeeUrl = resumeUrlOf(0, /\/voice\/conversation$/);
		expect(routeeUrl).toContain('/webhook-waiting/');
		expect(
			simulator.receiptsSent
				.filter((receipt) => receipt.url === routeeUrl && receipt.status === 200)
				.map((receipt) => (receipt.body as any).status.name),
		).toEqual(['Queued', 'Initiated', 'Ringing', 'InProgress', 'Completed']);
		expect(resumeUrlOf(0, /batch-notify$/).length).toBeLessThanOrEqual(250);
	});

	const twilioSay = {
		provider: 'twilio',
		operation: 'sendAndWait',
		from: '+15005550006',
		to: '={{ $json.phone }}',
		twilioContent: 'say',
		text: 'Your table is ready',
		receiptAuthentication: 'twilioSignature',
		options: { machineDetection: 'DetectMessageEnd' },
	};

	it('Twilio: the resume URL is the Status Callback; each call resumes on its signed `completed` callback with answeredBy and the duration', async () => {
		const { workflowId, start } = await flow(twilioSay);
		// Simulator digits: 1 a person answers, 3 a machine (greeting ended with a beep), 5 busy.
		for (const phone of ['+14155550101', '+14155550103', '+14155550105']) await start([{ phone }]);
		const executions = await settled(workflowId, 3);
		expect(executions.map((execution) => execution.status)).toEqual([
			'success',
			'success',
			'success',
		]);
		const byNumber = Object.fromEntries(
			executions.map((execution) => {
				const [row] = outputs(execution, AFTER);
				return [
					row.to,
					[
						row.provider,
						row.outcome,
						row.status,
						row.answeredBy,
						row.durationSeconds,
						row.providerStatus,
					],
				];
			}),
		);
		expect(byNumber).toEqual({
			'+14155550101': ['twilio', 'answered', 'completed', 'human', 18, 'completed'],
			'+14155550103': ['twilio', 'answered', 'completed', 'machine', 25, 'completed'],
			'+14155550105': ['twilio', 'not-answered', 'busy', null, 0, 'busy'],
		});
		for (const execution of executions) {
			const [row] = outputs(execution, AFTER);
			expect(row.messageId).toMatch(/^CA[0-9a-f]{32}$/);
			expect(row.event).toMatchObject({
				provider: 'twilio',
				final: true,
				messageId: row.messageId,
			});
		}
		// Each call asked for the `completed` event only, at its execution's resume URL, with
		// machine detection; Twilio posted it once and n8n took it on that only try.
		const calls = simulator.requests.filter((entry) => entry.path.endsWith('/Calls.json'));
		expect(calls).toHaveLength(3);
		for (const [index, call] of calls.entries()) {
			const fields = new URLSearchParams(call.rawBody);
			expect(fields.getAll('StatusCallbackEvent')).toEqual(['completed']);
			expect(fields.get('MachineDetection')).toBe('DetectMessageEnd');
			const url = resumeUrlOf(index);
			expect(url).toMatch(
				new RegExp(`^${n8n.baseUrl}/webhook-waiting/\\d+/[^?]+\\?signature=[0-9a-f]{64}$`),
			);
			const delivered = simulator.receiptsSent.filter((receipt) => receipt.url === url);
			expect(
				delivered.map((receipt) => [receipt.status, (receipt.body as any).CallStatus]),
			).toEqual([[200, fields.get('To')!.endsWith('5') ? 'busy' : 'completed']]);
		}
	});

	it('Twilio Signature: a forged callback to the resume URL is answered 401 and resumes nothing; the one signed as Twilio signs it resumes', async () => {
		// A simulator that posts no callbacks: this test sends the only ones.
		const quiet = await startSimulator({ ...(TWILIO.account as TwilioAccount), receipts: false });
		try {
			const created = await n8n.createCredential(
				'Twilio (simulator, no callbacks)',
				TWILIO.provider.credentialType,
				TWILIO.credential(quiet.url),
			);
			const { workflowId, start } = await flow(twilioSay, {
				provider: { twilioVoiceApi: { id: created.id, name: created.name } },
			});
			await start([{ phone: '+14155550102' }]);
			const [waiting] = await settled(workflowId, 1, ['waiting'], 20_000);
			const url = resumeUrlOf(0, /\/Calls\.json$/, quiet);
			const callSid = outputs(waiting, CALL)[0]?.messageId as string;
			expect(callSid).toMatch(/^CA[0-9a-f]{32}$/);
			const raw = new URLSearchParams({
				AccountSid: TWILIO_SIM.account.sid,
				ApiVersion: '2010-04-01',
				CallSid: callSid,
				CallStatus: 'completed',
				CallDuration: '42',
				SipResponseCode: '200',
				AnsweredBy: 'machine_end_silence',
				Direction: 'outbound-api',
				From: '+15005550006',
				To: '+14155550102',
				SequenceNumber: '0',
				Timestamp: new Date().toUTCString().replace(/GMT$/, '+0000'),
			}).toString();
			const form = { 'content-type': 'application/x-www-form-urlencoded' };
			const refused = [
				await postRaw(url, raw, form),
				await postRaw(url, raw, {
					...form,
					'x-twilio-signature': twilioSignature('not-the-auth-token', url, raw),
				}),
				await postRaw(url, raw, {
					...form,
					'x-twilio-signature': twilioSignature(TWILIO_TOKEN, `${url}&extra=1`, raw),
				}),
			];
			expect(refused.map((answer) => [answer.status, answer.body])).toEqual(
				refused.map(() => [401, { error: 'unauthorized' }]),
			);
			expect((await executionsOf(workflowId)).map((execution) => execution.status)).toEqual([
				'waiting',
			]);
			const signed = await postRaw(url, raw, {
				...form,
				'x-twilio-signature': twilioSignature(TWILIO_TOKEN, url, raw),
			});
			expect(signed).toMatchObject({
				status: 200,
				body: { received: 1, forThisCall: 1, resumed: true },
			});
			const [done] = await settled(workflowId, 1);
			expect(outputs(done, AFTER)[0]).toMatchObject({
				provider: 'twilio',
				outcome: 'answered',
				status: 'completed',
				messageId: callSid,
				answeredBy: 'machine',
				durationSeconds: 42,
			});
			expect(quiet.dialCounts()).toEqual({ '+14155550102': 1 });
		} finally {
			await quiet.close();
		}
	});

	it('comes out as "timeout" when no final receipt arrives in the Limit Wait Time, and a late receipt changes nothing', async () => {
		const { workflowId, start } = await flow({
			...waitTts,
			limitWaitTime: 'afterTimeInterval',
			resumeAmount: 2,
			resumeUnit: 'seconds',
			// The provider reports only the call's start: no final receipt ever comes.
			options: { requestedReceipts: ['offered', 'accepted'] },
		});
		await start([{ phone: '+447700900002' }]);
		await settled(workflowId, 1, ['waiting'], 20_000);
		// n8n's wait tracker looks for due executions once a minute.
		const [execution] = await settled(workflowId, 1, ['success', 'error'], 100_000);
		expect(execution.status).toBe('success');
		expect(outputs(execution, AFTER)).toEqual([
			expect.objectContaining({
				outcome: 'timeout',
				status: 'timeout',
				to: '+447700900002',
				event: null,
			}),
		]);
		const url = resumeUrlOf(0);
		expect(
			simulator.receiptsSent.filter((receipt) => receipt.url === url && receipt.status === 200),
		).toHaveLength(2);
		const late = JSON.stringify({
			deliveryInfoNotification: {
				deliveryInfo: {
					timeStamp: '2026-05-01T10:00:05',
					Description: 'Disconnected',
					code: '7410',
					destination: '+447700900002',
					deliveryStatus: 'DISCONNECTED',
				},
				transid: execution.data.resultData.runData[CALL][0].data.main[0][0].json.messageId,
			},
		});
		const answer = await postRaw(url, late);
		expect(answer.status).toBe(200);
		expect(String(answer.body)).toMatch(/no action required/i);
		const [after] = await executionsOf(workflowId);
		expect(outputs(after, AFTER)[0].outcome).toBe('timeout');
	}, 150_000);

	it('with Webex Connect Signature: a forged receipt is answered 401 and resumes nothing; the signed one resumes', async () => {
		const { workflowId, start } = await flow({
			...waitTts,
			receiptAuthentication: 'hubSignature',
			options: { requestedReceipts: ['offered'] },
		});
		await start([{ phone: '+447700900003' }]);
		await settled(workflowId, 1, ['waiting'], 20_000);
		const url = resumeUrlOf(0);
		await waitFor('the Offered receipt', () =>
			simulator.receiptsSent.some((receipt) => receipt.url === url && receipt.status === 200),
		);
		const receipt = (transid: string) =>
			JSON.stringify({
				deliveryInfoNotification: {
					deliveryInfo: {
						timeStamp: '2026-05-01T10:00:05',
						Description: 'Disconnected',
						code: '7410',
						destination: '+447700900003',
						deliveryStatus: 'DISCONNECTED',
					},
					transid,
				},
			});
		const transid = (simulator.receiptsSent.find((entry) => entry.url === url)!.body as any)
			.deliveryInfoNotification.transid as string;
		const raw = receipt(transid);
		const unsigned = await postRaw(url, raw);
		const forged = await postRaw(url, raw, {
			'x-hub-signature': hubSignature(raw, 'not-the-hub-secret'),
		});
		for (const answer of [unsigned, forged]) {
			expect(answer.status).toBe(401);
			expect(answer.body).toMatchObject({ error: 'unauthorized' });
		}
		expect((await executionsOf(workflowId)).map((execution) => execution.status)).toEqual([
			'waiting',
		]);
		const signed = await postRaw(url, raw, { 'x-hub-signature': hubSignature(raw, HUB_SECRET) });
		expect(signed).toMatchObject({
			status: 200,
			body: { received: 1, forThisCall: 1, resumed: true },
		});
		const [done] = await settled(workflowId, 1);
		expect(outputs(done, AFTER)[0]).toMatchObject({ outcome: 'answered', status: 'completed' });
	});

	it('two items through Loop Over Items (batch size 1): each call waits on its own, both outcomes come out', async () => {
		const { workflowId, start } = await flow(waitTts, { loop: true });
		await start([{ phone: '+447700900004' }, { phone: '+447700900007' }]);
		const [execution] = await settled(workflowId, 1, ['success', 'error'], 90_000);
		expect(execution.status).toBe('success');
		// n8n replaces each waiting run of the node with its resumed one: one run per call.
		expect(outputs(execution, CALL).map((row) => [row.to, row.outcome])).toEqual([
			['+447700900004', 'answered'],
			['+447700900007', 'not-answered'],
		]);
		expect(outputs(execution, AFTER).map((row) => [row.to, row.outcome])).toEqual([
			['+447700900004', 'answered'],
			['+447700900007', 'not-answered'],
		]);
		// One resume URL for both waits (same execution, same node): each call resumed on its own receipts.
		expect(resumeUrlOf(0)).toBe(resumeUrlOf(1));
		expect(simulator.dialCounts()).toEqual({ '+447700900004': 1, '+447700900007': 1 });
	});

	it('refuses two items without a loop before dialling anyone, naming the pattern that works', async () => {
		const { workflowId, start } = await flow(waitTts);
		await start([{ phone: '+447700900001' }, { phone: '+447700900002' }]);
		const [execution] = await settled(workflowId, 1);
		expect(execution.status).toBe('error');
		expect(JSON.stringify(execution.data.resultData.error)).toContain('Loop Over Items');
		expect(simulator.requests).toHaveLength(0);
	});

	it('works in a manual run from the editor (Execute workflow)', async () => {
		const workflow = await n8n.createWorkflow({
			name: 'wait manual',
			nodes: [
				node('When clicking ‘Execute workflow’', 'n8n-nodes-base.manualTrigger', 1, {}),
				node(
					CALL,
					nodeType('makeVoiceCall'),
					1,
					{ ...waitTts, to: '+447700900005' },
					{ credentials: { webexConnectApi: credentials.webex } },
				),
			],
			connections: {
				'When clicking ‘Execute workflow’': { main: [[{ node: CALL, type: 'main', index: 0 }]] },
			},
		});
		workflowIds.push(workflow.id);
		const executionId = await n8n.runWorkflow(workflow.id, 'When clicking ‘Execute workflow’');
		const [execution] = await settled(workflow.id, 1);
		expect(String(execution.id)).toBe(String(executionId));
		expect(execution.mode).toBe('manual');
		expect(outputs(execution, CALL)).toEqual([
			// Released (the platform ended the call) proves no answer: seed 001.
			expect.objectContaining({
				outcome: 'failed',
				providerStatus: 'RELEASED',
				to: '+447700900005',
			}),
		]);
	});

	it('keeps every secret out of the executions and n8n’s log', async () => {
		const text = (await executionsText(n8n, workflowIds)) + n8n.logs();
		expect(leakedSecrets(text, SECRETS)).toEqual([]);
		// The resume URL answers nothing to a plain GET (POST only).
		const get = await request(`${n8n.baseUrl}/webhook-waiting/1/none`);
		await get.body.dump();
		expect(get.statusCode).toBeGreaterThanOrEqual(400);
	});
});
