/**
 * `npm run screenshots`: the README's pictures, taken from the real n8n editor. Starts the sandbox
 * (as `npm run dev` does, on free ports), drives Debian's Chromium headless with playwright-core,
 * runs the examples the way a newcomer would (the editor's buttons and chat) and saves 1440×900
 * PNGs under docs/. Options: --out <dir> (default docs/), --chromium <path> (default
 * $CHROMIUM_PATH or /usr/bin/chromium).
 */
import { existsSync, mkdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import type { Browser } from 'playwright-core';
import { request } from 'undici';

import { REPO_ROOT } from '../test/support/pack';
import { DEFAULT_CHROMIUM, launchChromium, openEditor, type Editor } from './editor';
import { nodeOutput, nodesThatRan, SAMPLE_LEAD, waitFor } from './examples';
import { startSandbox, type Sandbox } from './sandbox';

interface Options {
	out: string;
	chromium: string;
}

function parseArgs(argv: string[]): Options {
	const options: Options = { out: path.join(REPO_ROOT, 'docs'), chromium: DEFAULT_CHROMIUM };
	for (let i = 0; i < argv.length; i += 2) {
		const [flag, value] = [argv[i], argv[i + 1]];
		if (flag === '--help' || flag === '-h') {
			// The help lives with the options' descriptions in bootstrap.js, which answers it first.
			// eslint-disable-next-line @typescript-eslint/no-require-imports
			const { help } = require(path.join(REPO_ROOT, 'scripts', 'bootstrap.js')) as {
				help: (command: string) => string;
			};
			process.stdout.write(help('screenshots'));
			process.exit(0);
		}
		if (value === undefined) throw new Error(`${flag} needs a value`);
		if (flag === '--out') options.out = path.resolve(value);
		else if (flag === '--chromium') options.chromium = path.resolve(value);
		else throw new Error(`unknown option ${flag}`);
	}
	return options;
}

const log = (message: string) => process.stderr.write(`[screenshots] ${message}\n`);

/** The editor, and pictures of it saved under `out`. */
class Shooter {
	readonly taken: string[] = [];

	constructor(
		readonly editor: Editor,
		private readonly out: string,
	) {}

	async shot(name: string): Promise<void> {
		const { page } = this.editor;
		// Let transitions, fonts and icons settle.
		await page.waitForTimeout(800);
		const file = path.join(this.out, `${name}.png`);
		await page.screenshot({ path: file });
		this.taken.push(file);
		log(`saved ${path.relative(REPO_ROOT, file)} (${Math.round(statSync(file).size / 1024)} KB)`);
	}
}

/** Example 3's executions, newest first, with the path each took. */
async function receiptExecutions(sandbox: Sandbox) {
	const executions = await sandbox.n8n.executions(sandbox.workflows.receipts.id);
	return executions.map((execution) => ({
		id: String(execution.id),
		event: nodeOutput(execution, 'Voice Receipt Trigger')[0] ?? {},
		ran: nodesThatRan(execution),
	}));
}

async function takeScreenshots(browser: Browser, sandbox: Sandbox, out: string): Promise<string[]> {
	const editor = await openEditor(browser, sandbox.editorUrl, sandbox.login);
	const { page } = editor;
	const shooter = new Shooter(editor, out);
	const { workflows } = sandbox;

	// A new Make Voice Call, as a newcomer adds one: Provider first, the credential following it.
	const blank = await sandbox.n8n.createWorkflow({
		name: 'A new workflow',
		nodes: [
			{
				id: 'b1',
				name: 'When clicking ‘Execute workflow’',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
		],
		connections: {},
		settings: { executionOrder: 'v1' },
	});
	await editor.openWorkflow(`${sandbox.n8n.baseUrl}/workflow/${blank.id}`);
	await editor.addNodeAfterTrigger('Make Voice Call', 'Place a voice call');
	await shooter.shot('make-voice-call-new-node');
	await page.locator('[data-test-id="parameter-input-provider"]').click();
	await page.locator('.el-select-dropdown__item:visible').first().waitFor();
	await shooter.shot('make-voice-call-provider-choice');
	await page.keyboard.press('Escape');
	await editor.closeNode();

	// Example 1 from the editor, as a newcomer would: Execute workflow, then open the campaign node.
	await editor.openWorkflow(workflows.campaign.url);
	await editor.executeWorkflow();
	await page.getByText('5 items').first().waitFor();
	await editor.closeToasts();
	await shooter.shot('example-1-campaign-execution');
	await editor.openNode('Send Voice Campaign');
	await editor.outputAs('table');
	await shooter.shot('send-voice-campaign');
	await editor.closeNode();

	// Example 2: listen for a test event, post a lead as the CRM would, open Make Voice Call.
	await editor.openWorkflow(workflows.crmCall.url);
	await editor.executeWorkflow();
	await waitFor('the test webhook to take the lead', async () => {
		const response = await request(
			`${sandbox.n8n.baseUrl}/webhook-test/${sandbox.access.webhookIds.crm}`,
			{
				method: 'POST',
				headers: {
					'content-type': 'application/json',
					[sandbox.access.crmHeader.name]: sandbox.access.crmHeader.value,
				},
				body: JSON.stringify(SAMPLE_LEAD),
			},
		);
		await response.body.dump();
		return response.statusCode === 200 ? true : undefined;
	});
	await page.getByText('1 item').first().waitFor();
	await editor.closeToasts();
	await editor.openNode('Make Voice Call');
	await editor.outputAs('table');
	await shooter.shot('make-voice-call');
	await editor.closeNode();

	// Example 3: the outcomes of those calls, the unanswered ones retried after 10 s.
	const [answered, retried] = await waitFor(
		'Example 3 to log an answered call and to retry an unanswered one',
		async () => {
			const runs = await receiptExecutions(sandbox);
			const found = [
				runs.find(
					(run) =>
						run.ran.includes('CRM: log the answered call') &&
						run.event.callbackData === 'spring-check-ups',
				),
				runs.find((run) => run.ran.includes('Call again')),
			];
			return found.every(Boolean) ? found : undefined;
		},
		90_000,
	);
	await editor.openWorkflow(`${workflows.receipts.url}/executions/${answered!.id}`);
	await editor.openNode('Voice Receipt Trigger');
	await page.getByText('Webhook URLs', { exact: true }).click();
	await page.locator('[data-test-id="radio-button-production"]').click();
	await editor.outputAs('json');
	await shooter.shot('voice-receipt-trigger');
	await editor.closeNode();

	await editor.openWorkflow(`${workflows.receipts.url}/executions/${retried!.id}`);
	await shooter.shot('example-3-receipt-executions');

	// Example 4: the agent in the editor's chat.
	await editor.openWorkflow(workflows.agent.url);
	await page.locator('[data-test-id="workflow-chat-button"]').click();
	const input = page.locator('textarea[data-test-id="chat-input"]');
	await input.fill('Please call +44 20 7946 0124 and tell them their glasses are ready.');
	await input.press('Enter');
	await page
		.getByText(/Done: the provider accepted the call/)
		.first()
		.waitFor({ timeout: 60_000 });
	await page.locator('[data-test-id="zoom-to-fit"]').click();
	// The logs show the tool's own run: what the model asked for and the call's row.
	await page
		.locator('[data-test-id="logs-overview"]')
		.getByText('Make Voice Call', { exact: true })
		.click();
	await editor.closeToasts();
	await shooter.shot('example-4-ai-agent-chat');

	// Example 5: Execute workflow; the calls wait for their outcomes, then the two SMS go out.
	await editor.openWorkflow(workflows.callAndWait.url);
	await editor.executeWorkflow();
	await waitFor(
		'Example 5 to finish',
		async () =>
			(await sandbox.n8n.executions(workflows.callAndWait.id)).some(
				(execution) => execution.status === 'success',
			)
				? true
				: undefined,
		120_000,
	);
	await page.getByText('2 items').first().waitFor();
	await editor.closeToasts();
	await shooter.shot('example-5-call-wait-sms');
	await editor.openNode('Call and wait for the outcome');
	await editor.outputAs('table');
	await shooter.shot('call-and-wait-for-outcome');
	await editor.closeNode();

	await page.context().close();
	return shooter.taken;
}

async function main(): Promise<void> {
	const options = parseArgs(process.argv.slice(2));
	if (!existsSync(options.chromium))
		throw new Error(
			`no Chromium at ${options.chromium}: install Debian's chromium (apt-get install chromium) or pass --chromium`,
		);
	mkdirSync(options.out, { recursive: true });

	const sandbox = await startSandbox({
		n8nPort: 0,
		simulatorPort: 0,
		servicesPort: 0,
		receiptDelayMs: 200,
		log,
	});
	let browser: Browser | undefined;
	const stop = async () => {
		await browser?.close().catch(() => undefined);
		await sandbox.stop();
	};
	process.once('SIGINT', () => void stop().then(() => process.exit(130)));
	try {
		browser = await launchChromium(options.chromium);
		const files = await takeScreenshots(browser, sandbox, options.out);
		log(`${files.length} screenshots in ${path.relative(REPO_ROOT, options.out) || '.'}/`);
	} finally {
		await stop();
	}
}

main().catch((error: Error) => {
	process.stderr.write(`screenshots failed: ${error.stack ?? error.message}\n`);
	process.exit(1);
});
