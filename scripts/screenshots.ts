/**
 * `npm run screenshots`: the README's pictures, taken from the real n8n editor. Starts the sandbox
 * (as `npm run dev` does, on free ports), drives Debian's Chromium headless with playwright-core,
 * runs the examples the way a newcomer would (the editor's buttons and chat) and saves 1440×900
 * PNGs under docs/. Options: --out <dir> (default docs/), --chromium <path> (default
 * $CHROMIUM_PATH or /usr/bin/chromium).
 */
import { existsSync, mkdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { request } from 'undici';

import { REPO_ROOT } from '../test/support/pack';
import { CRM_WEBHOOK_PATH, nodeOutput, nodesThatRan, SAMPLE_LEAD, waitFor } from './examples';
import { startSandbox, type Sandbox } from './sandbox';

/** Flags that work headless as root on a machine without network (see the README). */
const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--disable-dev-shm-usage',
];
const VIEWPORT = { width: 1440, height: 900 };

interface Options {
	out: string;
	chromium: string;
}

function parseArgs(argv: string[]): Options {
	const options: Options = {
		out: path.join(REPO_ROOT, 'docs'),
		chromium: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
	};
	for (let i = 0; i < argv.length; i += 2) {
		const [flag, value] = [argv[i], argv[i + 1]];
		if (value === undefined) throw new Error(`${flag} needs a value`);
		if (flag === '--out') options.out = path.resolve(value);
		else if (flag === '--chromium') options.chromium = path.resolve(value);
		else throw new Error(`unknown option ${flag}`);
	}
	return options;
}

const log = (message: string) => process.stderr.write(`[screenshots] ${message}\n`);

class Shooter {
	readonly taken: string[] = [];

	constructor(
		private readonly page: Page,
		private readonly sandbox: Sandbox,
		private readonly out: string,
	) {}

	async shot(name: string): Promise<void> {
		// Let transitions, fonts and icons settle.
		await this.page.waitForTimeout(800);
		const file = path.join(this.out, `${name}.png`);
		await this.page.screenshot({ path: file });
		this.taken.push(file);
		log(`saved ${path.relative(REPO_ROOT, file)} (${Math.round(statSync(file).size / 1024)} KB)`);
	}

	async login(): Promise<void> {
		const { page, sandbox } = this;
		await page.goto(`${sandbox.editorUrl}signin`);
		await page.fill('input[name=emailOrLdapLoginId]', sandbox.login.email);
		await page.fill('input[name=password]', sandbox.login.password);
		await page.click('button:has-text("Sign in")');
		await page.waitForURL((url) => !url.pathname.includes('signin'));
	}

	/** Opens a workflow in the editor, with nothing in front of the canvas. */
	async openWorkflow(url: string): Promise<void> {
		await this.page.goto(url);
		await this.page.locator('[data-test-id="canvas-node"]').first().waitFor();
		await this.dismissPopups();
	}

	/** Floating notices n8n shows now and then (its production checklist, a survey) would cover the picture. */
	async dismissPopups(): Promise<void> {
		const { page } = this;
		await page.waitForTimeout(500);
		const checklist = page.locator('[data-test-id="suggested-actions-close"]');
		if (await checklist.isVisible()) await checklist.click();
		if (await page.locator('[data-test-id="nps-survey-modal"]').isVisible()) await page.keyboard.press('Escape');
	}

	async openNode(name: string): Promise<void> {
		await this.page.locator(`[data-test-id="canvas-node"][data-node-name="${name}"]`).dblclick();
		await this.page.locator('[data-test-id="ndv"]').waitFor();
	}

	async closeNode(): Promise<void> {
		await this.page.locator('[data-test-id="ndv-close-button"]').click();
		await this.page.locator('[data-test-id="ndv"]').waitFor({ state: 'hidden' });
	}

	/** Clicks the canvas's "Execute workflow" (it runs, or listens for a test event). */
	async executeWorkflow(): Promise<void> {
		await this.page.locator('[data-test-id="execute-workflow-button"]').click();
	}

	/** The node view's output panel as a table, JSON or schema. */
	async outputAs(mode: 'table' | 'json' | 'schema'): Promise<void> {
		await this.page.locator(`[data-test-id="output-panel"] [data-test-id="radio-button-${mode}"]`).click();
	}

	/** "Workflow executed successfully" and other toasts. */
	async closeToasts(): Promise<void> {
		for (const close of await this.page.locator('.el-notification .el-notification__closeBtn').all())
			await close.click().catch(() => undefined);
		await this.page.locator('.el-notification').first().waitFor({ state: 'hidden' }).catch(() => undefined);
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
	const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1, locale: 'en-US', timezoneId: 'UTC' });
	const page = await context.newPage();
	page.setDefaultTimeout(30_000);
	const shooter = new Shooter(page, sandbox, out);
	const { workflows } = sandbox;
	await shooter.login();

	// Example 1 from the editor, as a newcomer would: Execute workflow, then open the campaign node.
	await shooter.openWorkflow(workflows.campaign.url);
	await shooter.executeWorkflow();
	await page.getByText('5 items').first().waitFor();
	await shooter.closeToasts();
	await shooter.shot('example-1-campaign-execution');
	await shooter.openNode('Send Voice Campaign');
	await shooter.outputAs('table');
	await shooter.shot('send-voice-campaign');
	await shooter.closeNode();

	// Example 2: listen for a test event, post a lead as the CRM would, open Make Voice Call.
	await shooter.openWorkflow(workflows.crmCall.url);
	await shooter.executeWorkflow();
	await waitFor('the test webhook to take the lead', async () => {
		const response = await request(`${sandbox.n8n.baseUrl}/webhook-test/${CRM_WEBHOOK_PATH}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(SAMPLE_LEAD),
		});
		await response.body.dump();
		return response.statusCode === 200 ? true : undefined;
	});
	await page.getByText('1 item').first().waitFor();
	await shooter.closeToasts();
	await shooter.openNode('Make Voice Call');
	await shooter.outputAs('table');
	await shooter.shot('make-voice-call');
	await shooter.closeNode();

	// Example 3: the outcomes of those calls, the unanswered ones retried after 10 s.
	const [answered, retried] = await waitFor(
		'Example 3 to log an answered call and to retry an unanswered one',
		async () => {
			const runs = await receiptExecutions(sandbox);
			const found = [
				runs.find((run) => run.ran.includes('CRM: log the answered call') && run.event.callbackData === 'spring-check-ups'),
				runs.find((run) => run.ran.includes('Call again')),
			];
			return found.every(Boolean) ? found : undefined;
		},
		90_000,
	);
	await shooter.openWorkflow(`${workflows.receipts.url}/executions/${answered!.id}`);
	await shooter.openNode('Voice Receipt Trigger');
	await page.getByText('Webhook URLs', { exact: true }).click();
	await page.locator('[data-test-id="radio-button-production"]').click();
	await shooter.outputAs('json');
	await shooter.shot('voice-receipt-trigger');
	await shooter.closeNode();

	await shooter.openWorkflow(`${workflows.receipts.url}/executions/${retried!.id}`);
	await shooter.shot('example-3-receipt-executions');

	// Example 4: the agent in the editor's chat.
	await shooter.openWorkflow(workflows.agent.url);
	await page.locator('[data-test-id="workflow-chat-button"]').click();
	const input = page.locator('textarea[data-test-id="chat-input"]');
	await input.fill('Please call +44 20 7946 0124 and tell them their glasses are ready.');
	await input.press('Enter');
	await page.getByText(/Done: the provider accepted the call/).first().waitFor({ timeout: 60_000 });
	await page.locator('[data-test-id="zoom-to-fit"]').click();
	// The logs show the tool's own run: what the model asked for and the call's row.
	await page.locator('[data-test-id="logs-overview"]').getByText('Make Voice Call', { exact: true }).click();
	await shooter.closeToasts();
	await shooter.shot('example-4-ai-agent-chat');

	// Example 5: Execute workflow; the calls wait for their outcomes, then the two SMS go out.
	await shooter.openWorkflow(workflows.callAndWait.url);
	await shooter.executeWorkflow();
	await waitFor(
		'Example 5 to finish',
		async () => ((await sandbox.n8n.executions(workflows.callAndWait.id)).some((execution) => execution.status === 'success') ? true : undefined),
		120_000,
	);
	await page.getByText('2 items').first().waitFor();
	await shooter.closeToasts();
	await shooter.shot('example-5-call-wait-sms');
	await shooter.openNode('Call and wait for the outcome');
	await shooter.outputAs('table');
	await shooter.shot('call-and-wait-for-outcome');
	await shooter.closeNode();

	await context.close();
	return shooter.taken;
}

async function main(): Promise<void> {
	const options = parseArgs(process.argv.slice(2));
	if (!existsSync(options.chromium))
		throw new Error(`no Chromium at ${options.chromium}: install Debian's chromium (apt-get install chromium) or pass --chromium`);
	mkdirSync(options.out, { recursive: true });

	const sandbox = await startSandbox({ n8nPort: 0, simulatorPort: 0, servicesPort: 0, receiptDelayMs: 200, log });
	let browser: Browser | undefined;
	const stop = async () => {
		await browser?.close().catch(() => undefined);
		await sandbox.stop();
	};
	process.once('SIGINT', () => void stop().then(() => process.exit(130)));
	try {
		browser = await chromium.launch({ executablePath: options.chromium, headless: true, args: CHROMIUM_ARGS });
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
