/**
 * Driving the real n8n editor with Debian's Chromium (playwright-core), as a person would: signing
 * in, opening workflows and nodes, adding a node from the node creator, reading and choosing
 * parameters. Used by `npm run screenshots` (scripts/screenshots.ts) and the e2e suite's editor
 * test (test/e2e/editor.e2e.test.ts). The selectors are the editor's own `data-test-id`s (n8n 2.41).
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Flags that work headless as root on a machine without network (see the README). */
export const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--disable-dev-shm-usage',
];
export const VIEWPORT = { width: 1440, height: 900 };
export const DEFAULT_CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export async function launchChromium(executablePath = DEFAULT_CHROMIUM): Promise<Browser> {
	if (!existsSync(executablePath))
		throw new Error(
			`no Chromium at ${executablePath}: install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH`,
		);
	return chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
}

/** A page of the editor, signed in, in a fixed-size window (the same pictures on every machine). */
export async function openEditor(
	browser: Browser,
	baseUrl: string,
	login: { email: string; password: string },
): Promise<Editor> {
	const context = await browser.newContext({
		viewport: VIEWPORT,
		deviceScaleFactor: 1,
		locale: 'en-US',
		timezoneId: 'UTC',
	});
	const page = await context.newPage();
	page.setDefaultTimeout(30_000);
	const editor = new Editor(page, baseUrl.replace(/\/+$/, ''));
	await editor.login(login);
	return editor;
}

export class Editor {
	constructor(
		readonly page: Page,
		readonly baseUrl: string,
	) {}

	async login({ email, password }: { email: string; password: string }): Promise<void> {
		const { page } = this;
		await page.goto(`${this.baseUrl}/signin`);
		await page.fill('input[name=emailOrLdapLoginId]', email);
		await page.fill('input[name=password]', password);
		await page.click('button:has-text("Sign in")');
		await page.waitForURL((url) => !url.pathname.includes('signin'));
	}

	/** Opens a workflow (its editor URL, or an execution of it), with nothing in front of the canvas. */
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
		if (await page.locator('[data-test-id="nps-survey-modal"]').isVisible())
			await page.keyboard.press('Escape');
	}

	async openNode(name: string): Promise<void> {
		await this.page.locator(`[data-test-id="canvas-node"][data-node-name="${name}"]`).dblclick();
		await this.page.locator('[data-test-id="ndv"]').waitFor();
	}

	async closeNode(): Promise<void> {
		await this.page.locator('[data-test-id="ndv-close-button"]').click();
		await this.page.locator('[data-test-id="ndv"]').waitFor({ state: 'hidden' });
	}

	/**
	 * Adds a node after the workflow's only node, the way a person does: the + on its output, the
	 * node's name typed into the node creator, then its action (a node with an Operation lists its
	 * operations' actions, e.g. "Place a voice call") or "Add to workflow". The new node's view opens.
	 */
	async addNodeAfterTrigger(displayName: string, action?: string): Promise<void> {
		const { page } = this;
		await page.locator('[data-test-id="canvas-handle-plus"]').first().click();
		await page.locator('[data-test-id="node-creator-search-bar"]').waitFor();
		await page.keyboard.type(displayName);
		await page
			.locator('[data-test-id="node-creator-item-name"]', { hasText: displayName })
			.first()
			.click();
		await page
			.getByText(action ?? 'Add to workflow', { exact: true })
			.first()
			.click();
		await page.locator('[data-test-id="ndv"]').waitFor();
		// The credential field settles after the parameters (n8n picks a credential, if any fits).
		await page.locator('[data-test-id="node-credentials-slot"]').waitFor();
		await page.waitForTimeout(1000);
	}

	/** The open node's parameters as the editor shows them, top to bottom: each label's first line. */
	async parameterLabels(): Promise<string[]> {
		const items = await this.page
			.locator(
				'[data-test-id="ndv"] [data-test-id="node-parameters"] [data-test-id="parameter-item"]',
			)
			.allInnerTexts();
		return items.map((text) => text.split('\n')[0].trim());
	}

	/** The text an options parameter shows (its chosen option's name). */
	async optionShown(parameter: string): Promise<string> {
		return this.page
			.locator(`[data-test-id="parameter-input-${parameter}"] input`)
			.first()
			.inputValue();
	}

	/** Opens an options parameter's list and returns its options' names. */
	async optionNames(parameter: string): Promise<string[]> {
		await this.page.locator(`[data-test-id="parameter-input-${parameter}"]`).click();
		const items = this.page.locator('.el-select-dropdown__item:visible');
		await items.first().waitFor();
		const names = (await items.allInnerTexts()).map((text) => text.split('\n')[0].trim());
		await this.page.keyboard.press('Escape');
		return names;
	}

	/** Chooses an option of an options parameter by (part of) its name. */
	async chooseOption(parameter: string, name: string): Promise<void> {
		await this.page.locator(`[data-test-id="parameter-input-${parameter}"]`).click();
		await this.page.locator('.el-select-dropdown__item:visible', { hasText: name }).first().click();
		await this.page.waitForTimeout(1000);
	}

	/** What the credential field shows: the chosen credential's name, or its "Connect to …" button. */
	async credentialShown(): Promise<string> {
		const slot = this.page.locator('[data-test-id="node-credentials-slot"]');
		const select = slot.locator('[data-test-id="node-credentials-select"] input');
		if (await select.count()) return select.first().inputValue();
		return (await slot.innerText()).replace(/^Credential\s*/, '').trim();
	}

	/** Saves the workflow (the editor's keyboard shortcut) and waits until it is saved. */
	async save(): Promise<void> {
		await this.page.keyboard.press('Control+s');
		await this.page.waitForTimeout(1500);
	}

	/** Clicks the canvas's "Execute workflow" (it runs, or listens for a test event). */
	async executeWorkflow(): Promise<void> {
		await this.page.locator('[data-test-id="execute-workflow-button"]').click();
	}

	/** The node view's output panel as a table, JSON or schema. */
	async outputAs(mode: 'table' | 'json' | 'schema'): Promise<void> {
		await this.page
			.locator(`[data-test-id="output-panel"] [data-test-id="radio-button-${mode}"]`)
			.click();
	}

	/** "Workflow executed successfully" and other toasts. */
	async closeToasts(): Promise<void> {
		for (const close of await this.page
			.locator('.el-notification .el-notification__closeBtn')
			.all())
			await close.click().catch(() => undefined);
		await this.page
			.locator('.el-notification')
			.first()
			.waitFor({ state: 'hidden' })
			.catch(() => undefined);
	}
}
