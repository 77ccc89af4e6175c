/**
 * npm run bench:n8n: receipts through a real n8n under each expression-engine setting.
 *
 * One n8n start per setting (n8n's defaults, N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true,
 * N8N_EXPRESSION_ENGINE=legacy), each holding side by side the Voice Receipt Trigger as a new node
 * gets it (version 1.1, Authentication None), a trigger saved before 1.1 (version 1) and n8n's
 * own Webhook node. Each round fires the same distinct Webex Connect receipts (documented shape,
 * time-stamped now) at every target, 8 concurrent, one target after the other (trigger, Webhook,
 * trigger 1, Webhook…, the order turned each round). A receipt counts when it was answered 2xx and
 * n8n saved its execution (bench/receipts.ts `measure`, which first waits for n8n to be idle, so
 * that the work one run leaves behind is not charged to the next).
 *
 * The machine is shared, so absolute rates are noisy: the figures that count are ratios, the
 * median of the rounds' rates and the median of the ratios within a round (neighbouring runs see
 * much the same load). The load average is printed with each setting. Not a test: no bound is
 * checked, nothing runs in jest.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { readdirSync, readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { activateReceiptTrigger } from '../test/support/e2e';
import { N8N_VERSION, startN8n, type N8nInstance } from '../test/support/n8n';
import { packPackage } from '../test/support/pack';
import { resultsFile, saveResults } from './output';
import { activateWebhookNode, measure, webexReceiptsStampedNow } from './receipts';

/**
 * Receipts a run and rounds: more where receipts are fast (n8n's database work then swings a
 * run by a few ms a receipt, a WAL checkpoint landing in one run or the next), fewer under the
 * defaults, where one receipt costs n8n 100–200 ms. BENCH_N8N_RECEIPTS and _ROUNDS set both.
 */
const sized = (receipts: number, rounds: number) => ({
	receipts: Number(process.env.BENCH_N8N_RECEIPTS ?? receipts),
	rounds: Number(process.env.BENCH_N8N_ROUNDS ?? rounds),
});
const WARMUP = 40;

const ALL_SETTINGS = [
	{ name: 'defaults', env: {}, ...sized(150, 5) },
	{
		name: 'lazy acquisition',
		env: { N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: 'true' },
		...sized(300, 7),
	},
	{ name: 'legacy engine', env: { N8N_EXPRESSION_ENGINE: 'legacy' }, ...sized(300, 7) },
] as const;
/** BENCH_N8N_SETTINGS (e.g. "lazy,legacy") measures only the settings whose names start so. */
const SETTINGS = ALL_SETTINGS.filter(
	(setting) =>
		!process.env.BENCH_N8N_SETTINGS ||
		process.env.BENCH_N8N_SETTINGS.split(',').some((prefix) => setting.name.startsWith(prefix)),
);

type Target = 'trigger' | 'webhook' | 'trigger v1';
/** Trigger, Webhook node, trigger 1, Webhook node: the Webhook node between the triggers. */
const ORDER: Target[] = ['trigger', 'webhook', 'trigger v1', 'webhook'];

interface Run {
	round: number;
	target: Target;
	receiptsPerSecond: number;
	processed: number;
	ok: number;
	cpuMsPerReceipt?: number;
}

interface Summary {
	/** Median, lowest and highest receipts processed per second over the rounds. */
	median: number;
	min: number;
	max: number;
	/** Median n8n CPU time per receipt, ms. */
	cpuMs?: number;
}

export interface SettingResult {
	setting: string;
	env: Record<string, string>;
	receipts: number;
	rounds: number;
	/** Load average (1 min) before and after, and other n8n processes seen on the machine. */
	load: { before: number; after: number; otherN8nProcesses: number };
	targets: Record<Target, Summary>;
	/** Per target: median of (target / Webhook node) within each round, with its range. */
	ratios: Record<Exclude<Target, 'webhook'>, { median: number; min: number; max: number }>;
	runs: Run[];
}

const median = (values: number[]) => {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = (sorted.length - 1) / 2;
	return (sorted[Math.floor(mid)] + sorted[Math.ceil(mid)]) / 2;
};
const round3 = (value: number) => +value.toFixed(3);
const log = (message: string) => process.stderr.write(`[bench:n8n] ${message}\n`);

/** A workflow holding only the Voice Receipt Trigger (Authentication None, Drop Duplicates on). */
const activateTrigger = (n8n: N8nInstance, typeVersion: number) =>
	activateReceiptTrigger(n8n, {
		name: `Receipts through the Voice Receipt Trigger ${typeVersion}`,
		parameters: { provider: 'auto', authentication: 'none', dropDuplicates: true },
		typeVersion,
	});

/** Processes running n8n on this machine that this benchmark did not start (other engineers' tests). */
function otherN8nProcesses(own: number[]): number {
	let count = 0;
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry) || own.includes(Number(entry))) continue;
		try {
			const command = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
			if (/\/bin\/n8n\0(start|worker|webhook)/.test(command)) count++;
		} catch {
			// Gone meanwhile.
		}
	}
	return count;
}

async function measureSetting(
	tarball: string,
	scratch: string,
	setting: (typeof ALL_SETTINGS)[number],
): Promise<SettingResult> {
	const { receipts: RECEIPTS, rounds: ROUNDS } = setting;
	const loadBefore = os.loadavg()[0];
	const n8n = await startN8n({
		packageTarball: tarball,
		logFile: path.join(scratch, `n8n-${setting.name.replace(/ /g, '-')}.log`),
		env: setting.env,
	});
	const runs: Run[] = [];
	let others = 0;
	try {
		const targets = {
			trigger: await activateTrigger(n8n, 1.1),
			'trigger v1': await activateTrigger(n8n, 1),
			webhook: await activateWebhookNode(n8n),
		};
		for (const [name, target] of Object.entries(targets)) {
			const warm = await measure(n8n, target, webexReceiptsStampedNow(WARMUP, `warm-${name}`));
			if (warm.processed !== WARMUP) throw new Error(`warm-up of ${name}: ${JSON.stringify(warm)}`);
		}
		others = otherN8nProcesses(n8n.pids());
		for (let round = 1; round <= ROUNDS; round++) {
			const bodies = webexReceiptsStampedNow(RECEIPTS, `r${round}-${randomUUID().slice(0, 8)}`);
			const order = round % 2 === 1 ? ORDER : [...ORDER].reverse();
			for (const target of order) {
				const { statuses, ...measured } = await measure(n8n, targets[target], bodies);
				runs.push({
					round,
					target,
					// Two decimals: on a loaded machine rates can be a few per second.
					receiptsPerSecond: +(measured.processed / measured.wallSeconds).toFixed(2),
					processed: measured.processed,
					ok: measured.ok,
					cpuMsPerReceipt: measured.cpuMsPerReceipt,
				});
				log(
					`${setting.name}, round ${round}, ${target}: ${runs[runs.length - 1].receiptsPerSecond}/s ` +
						`(${measured.processed} of ${RECEIPTS} saved, ${measured.ok} answered 2xx` +
						`${measured.failed ? `, answers ${JSON.stringify(statuses)}` : ''}` +
						`${measured.cpuMsPerReceipt === undefined ? '' : `, n8n CPU ${measured.cpuMsPerReceipt} ms/receipt`})`,
				);
			}
		}
	} finally {
		await n8n.stop();
	}

	const summary = (target: Target): Summary => {
		const mine = runs.filter((run) => run.target === target);
		const rates = mine.map((run) => run.receiptsPerSecond);
		const cpu = mine.flatMap((run) =>
			run.cpuMsPerReceipt === undefined ? [] : [run.cpuMsPerReceipt],
		);
		return {
			median: round3(median(rates)),
			min: Math.min(...rates),
			max: Math.max(...rates),
			...(cpu.length ? { cpuMs: round3(median(cpu)) } : {}),
		};
	};
	const ratio = (target: Exclude<Target, 'webhook'>) => {
		const perRound = Array.from({ length: ROUNDS }, (_, index) => {
			const inRound = runs.filter((run) => run.round === index + 1);
			const webhook = median(
				inRound.filter((run) => run.target === 'webhook').map((run) => run.receiptsPerSecond),
			);
			return inRound.find((run) => run.target === target)!.receiptsPerSecond / webhook;
		});
		return {
			median: round3(median(perRound)),
			min: round3(Math.min(...perRound)),
			max: round3(Math.max(...perRound)),
		};
	};
	return {
		setting: setting.name,
		env: setting.env,
		receipts: RECEIPTS,
		rounds: ROUNDS,
		load: { before: round3(loadBefore), after: round3(os.loadavg()[0]), otherN8nProcesses: others },
		targets: {
			trigger: summary('trigger'),
			'trigger v1': summary('trigger v1'),
			webhook: summary('webhook'),
		},
		ratios: { trigger: ratio('trigger'), 'trigger v1': ratio('trigger v1') },
		runs,
	};
}

/** n8n's CPU time per receipt, Webhook node / trigger (medians): the cost ratio, steadier than rates under load. */
function costRatio(result: SettingResult, target: Exclude<Target, 'webhook'>): number | undefined {
	const [webhook, trigger] = [result.targets.webhook.cpuMs, result.targets[target].cpuMs];
	return webhook && trigger ? round3(webhook / trigger) : undefined;
}

function print(results: SettingResult[]): void {
	console.log(
		`\nReceipts through a real n8n ${N8N_VERSION} (${os.cpus().length} cores, shared): distinct Webex Connect receipts, ` +
			`8 concurrent, interleaved rounds; receipts/s processed (answered 2xx and execution saved):`,
	);
	const rate = (s: Summary) => `${s.median} (${s.min}–${s.max})`;
	console.table(
		Object.fromEntries(
			results.map((r) => [
				r.setting,
				{
					'receipts × rounds': `${r.receipts} × ${r.rounds}`,
					'trigger 1.1': rate(r.targets.trigger),
					'trigger 1': rate(r.targets['trigger v1']),
					'Webhook node': rate(r.targets.webhook),
					'ratio 1.1/Webhook': `${r.ratios.trigger.median} (${r.ratios.trigger.min}–${r.ratios.trigger.max})`,
					'ratio 1/Webhook': `${r.ratios['trigger v1'].median} (${r.ratios['trigger v1'].min}–${r.ratios['trigger v1'].max})`,
					'cost ratio Webhook/1.1 | Webhook/1 (CPU)': (['trigger', 'trigger v1'] as const)
						.map((target) => costRatio(r, target) ?? '-')
						.join(' | '),
					'CPU ms/receipt 1.1 | 1 | Webhook': [
						r.targets.trigger,
						r.targets['trigger v1'],
						r.targets.webhook,
					]
						.map((s) => s.cpuMs ?? '-')
						.join(' | '),
					load: `${r.load.before} → ${r.load.after}, ${r.load.otherN8nProcesses} other n8n`,
				},
			]),
		),
	);
	console.log(
		'Rates: median (lowest–highest) over the rounds. Ratios: median (range) of trigger / Webhook node within each round. ' +
			"Cost ratio: n8n's CPU time per receipt, Webhook node / trigger (medians over the rounds).",
	);
}

async function main() {
	const file = resultsFile();
	const scratch = await mkdtemp(path.join(os.tmpdir(), 'n8n-outbound-voice-bench-n8n-'));
	const results: SettingResult[] = [];
	try {
		const tarball = process.env.BENCH_N8N_TARBALL ?? (await packPackage(scratch));
		for (const setting of SETTINGS) results.push(await measureSetting(tarball, scratch, setting));
	} finally {
		await rm(scratch, { recursive: true, force: true });
	}
	print(results);
	saveResults(
		{ receiptsBySetting: { n8n: N8N_VERSION, measuredAt: new Date().toISOString(), results } },
		file,
	);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
