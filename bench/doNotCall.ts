/**
 * The Do-Not-Call benchmark (part of npm run bench; alone: node .build-test/bench/doNotCall.js
 * after npm run bench's build steps). A list of 100,000 numbers must cost a constant per
 * recipient: it is read once per run into a set, and each recipient is one probe of it.
 *
 * Three configurations, in the same run and in alternating order (best round of each, after an
 * uncounted warm-up round): no list
 * (the baseline), a 1,000-number list and a 100,000-number list, none of whose numbers is a
 * recipient, so every configuration dials the same 100,000 recipients.
 *
 * - campaign: Send Voice Campaign (the shipped dist/) in n8n-core against the simulator (in this
 *   process: the ratios compare like with like), from n8n starting the node to the run's end;
 * - once: reading the list (`readDoNotCallList`: every entry normalised to E.164), alone;
 * - per recipient: the shipped `ComplianceCheck.refusal` over every recipient, timed, and the
 *   list's probes counted.
 *
 * Everything is printed as a ratio to the baseline; the campaign's time less the list's one-time
 * read, per recipient, is the figure that must stay flat.
 */

import { startSimulator } from '../test/simulator/server';
import { resultsFile, saveResults } from './output';
import { contacts, shippedCampaign } from './scenarios';
import { BENCH_KEY } from './simulator';

const RECIPIENTS = Number(process.env.BENCH_DNC_RECIPIENTS ?? 100_000);
const ROUNDS = Number(process.env.BENCH_DNC_ROUNDS ?? 3);
const SIZES = [0, 1_000, 100_000] as const;

/* eslint-disable @typescript-eslint/no-require-imports */
type Core = typeof import('../nodes/core/callingWindow');
const core = (): Core => require('../../dist/nodes/core/callingWindow/index.js') as Core;
/* eslint-enable @typescript-eslint/no-require-imports */

/** UK mobiles +4474…, a range the recipients (+4479…) never use. */
const listed = (size: number) =>
	Array.from({ length: size }, (_, n) => `+447${400000000 + n}`).join('\n');

interface Round {
	campaignMs: number;
	readMs: number;
	perRecipientNs: number;
	probesPerRecipient: number;
}

async function campaign(url: string, items: Array<Record<string, string>>, list: string) {
	const { wallMs, queued } = await shippedCampaign(url, items, {
		campaign: { concurrency: 4 },
		compliance: list === '' ? {} : { doNotCall: list },
	});
	if (queued !== items.length) throw new Error(`${queued} of ${items.length} queued`);
	return wallMs;
}

/** The list read once, then every recipient checked against it (no window: the list alone). */
function checkOnly(list: string, numbers: string[]) {
	const { readDoNotCallList, ComplianceCheck } = core();
	const readStart = performance.now();
	const read = readDoNotCallList(list, 'GB');
	const readMs = performance.now() - readStart;
	if (!read.ok) throw read.error;
	let probes = 0;
	const counted = {
		size: read.value.size,
		has: (e164: string) => {
			probes++;
			return read.value.has(e164);
		},
	};
	const check = new ComplianceCheck(counted, null, new Date());
	// Best of three passes: the first may pay for the garbage the read left behind.
	let perRecipientNs = Infinity;
	for (let pass = 0; pass < 3; pass++) {
		const start = performance.now();
		for (const number of numbers)
			if (check.decide(number).kind === 'refused') throw new Error(`${number} refused`);
		perRecipientNs = Math.min(perRecipientNs, ((performance.now() - start) * 1e6) / numbers.length);
	}
	return { readMs, perRecipientNs, probesPerRecipient: probes / (3 * numbers.length) };
}

export interface DoNotCallResults {
	recipients: number;
	rounds: number;
	/** By list size: best round of each measure, and ratios to the no-list baseline. */
	lists: Array<{
		size: number;
		campaignSeconds: number;
		campaignRatio: number;
		readMs: number;
		readShareOfBaseline: number;
		campaignLessReadUsPerRecipient: number;
		campaignLessReadRatio: number;
		checkNsPerRecipient: number;
		checkRatio: number;
		probesPerRecipient: number;
	}>;
}

export async function runDoNotCallBenchmark(): Promise<DoNotCallResults> {
	const items = contacts(RECIPIENTS);
	const numbers = items.map((item) => item.phone);
	const lists = SIZES.map(listed);
	const simulator = await startSimulator({ webexServiceKey: BENCH_KEY, receipts: false });
	const rounds: Round[][] = SIZES.map(() => []);
	try {
		// Round 0 warms the JIT up and is not counted.
		for (let round = 0; round <= ROUNDS; round++) {
			for (const [index, list] of lists.entries()) {
				simulator.reset();
				const measured = {
					campaignMs: await campaign(simulator.url, items, list),
					...checkOnly(list, numbers),
				};
				if (round > 0) rounds[index].push(measured);
			}
		}
	} finally {
		await simulator.close();
	}
	const best = (index: number, key: keyof Round) => Math.min(...rounds[index].map((r) => r[key]));
	const base = { campaign: best(0, 'campaignMs'), check: best(0, 'perRecipientNs') };
	const lessRead = (index: number) =>
		((best(index, 'campaignMs') - best(index, 'readMs')) * 1000) / RECIPIENTS;
	return {
		recipients: RECIPIENTS,
		rounds: ROUNDS,
		lists: SIZES.map((size, index) => ({
			size,
			campaignSeconds: +(best(index, 'campaignMs') / 1000).toFixed(3),
			campaignRatio: +(best(index, 'campaignMs') / base.campaign).toFixed(3),
			readMs: +best(index, 'readMs').toFixed(2),
			readShareOfBaseline: +(best(index, 'readMs') / base.campaign).toFixed(3),
			campaignLessReadUsPerRecipient: +lessRead(index).toFixed(3),
			campaignLessReadRatio: +(lessRead(index) / lessRead(0)).toFixed(3),
			checkNsPerRecipient: +best(index, 'perRecipientNs').toFixed(1),
			checkRatio: +(best(index, 'perRecipientNs') / base.check).toFixed(3),
			probesPerRecipient: Math.max(...rounds[index].map((r) => r.probesPerRecipient)),
		})),
	};
}

export function printDoNotCallResults(results: DoNotCallResults): void {
	console.log(
		`\nDo-Not-Call Numbers: a campaign of ${results.recipients.toLocaleString('en-US')} recipients, none listed (best of ${results.rounds} rounds; ratios to no list):`,
	);
	console.table(
		Object.fromEntries(
			results.lists.map((list) => [
				list.size === 0 ? 'no list' : `${list.size.toLocaleString('en-US')} numbers`,
				{
					'campaign s': list.campaignSeconds,
					'campaign ×': list.campaignRatio,
					'list read ms (once)': list.readMs,
					'read / no-list campaign': list.readShareOfBaseline,
					'campaign − read, µs/recipient': list.campaignLessReadUsPerRecipient,
					'per recipient ×': list.campaignLessReadRatio,
					'check ns/recipient': list.checkNsPerRecipient,
					'check ×': list.checkRatio,
					'probes/recipient': list.probesPerRecipient,
				},
			]),
		),
	);
}

/** Runs, prints and saves (merged into `file`, as npm run bench's other figures). */
export async function doNotCallBenchmark(file = resultsFile()): Promise<void> {
	const doNotCall = await runDoNotCallBenchmark();
	printDoNotCallResults(doNotCall);
	saveResults({ doNotCall }, file);
}

if (require.main === module) {
	doNotCallBenchmark().catch((error) => {
		console.error(error);
		process.exit(1);
	});
}
