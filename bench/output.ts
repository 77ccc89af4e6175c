/**
 * Where `npm run bench` writes its figures. By default an untracked file (bench/tmp/, ignored by
 * git), so a run on any machine leaves the repository clean; `npm run bench -- --update` writes
 * the tracked bench/results.json, whose figures the README's Benchmarks section quotes.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

import { REPO_ROOT } from '../test/support/pack';

export const TRACKED_RESULTS = path.join(REPO_ROOT, 'bench', 'results.json');
export const UNTRACKED_RESULTS = path.join(REPO_ROOT, 'bench', 'tmp', 'results.json');

/** The results file for these command-line arguments: tracked only with --update. */
export function resultsFile(argv: readonly string[] = process.argv.slice(2)): string {
	const unknown = argv.filter((arg) => arg !== '--update');
	if (unknown.length)
		throw new Error(
			`unknown option ${unknown[0]} (the only option is --update: write bench/results.json)`,
		);
	return argv.includes('--update') ? TRACKED_RESULTS : UNTRACKED_RESULTS;
}

/** Merges `results` into the results file (other benchmarks' figures stay) and says where it went. */
export function saveResults(results: Record<string, unknown>, file = resultsFile()): void {
	const saved = existsSync(file)
		? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>)
		: {};
	mkdirSync(path.dirname(file), { recursive: true });
	writeFileSync(file, `${JSON.stringify({ ...saved, ...results }, null, 2)}\n`);
	const shown = path.relative(REPO_ROOT, file);
	console.log(
		file === TRACKED_RESULTS
			? `\nFigures written to ${shown} (tracked): update the README's Benchmarks section to match.`
			: `\nFigures written to ${shown} (not tracked). To replace the published figures: npm run bench -- --update`,
	);
}
