/** Where npm run bench writes (bench/output.ts): untracked unless asked with --update. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { resultsFile, saveResults, TRACKED_RESULTS, UNTRACKED_RESULTS } from '../../bench/output';
import { REPO_ROOT } from '../support/pack';

describe('npm run bench’s results file', () => {
	it('is an untracked file by default, and bench/results.json only with --update', () => {
		expect(resultsFile([])).toBe(UNTRACKED_RESULTS);
		expect(resultsFile(['--update'])).toBe(TRACKED_RESULTS);
		expect(TRACKED_RESULTS).toBe(path.join(REPO_ROOT, 'bench', 'results.json'));
		expect(() => resultsFile(['--updat'])).toThrow('unknown option --updat');
		// git ignores the default file, so a run leaves the working tree clean.
		const ignored = execFileSync(
			'git',
			['check-ignore', path.relative(REPO_ROOT, UNTRACKED_RESULTS)],
			{ cwd: REPO_ROOT, encoding: 'utf8' },
		);
		expect(ignored.trim()).toBe(path.relative(REPO_ROOT, UNTRACKED_RESULTS));
	});

	it('keeps the other benchmark’s figures when one is saved', () => {
		const folder = mkdtempSync(path.join(os.tmpdir(), 'bench-output-'));
		const file = path.join(folder, 'results.json');
		try {
			writeFileSync(file, JSON.stringify({ campaign: { ratio: 0.7 }, receipts: { ratio: 0.5 } }));
			const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
			saveResults({ receipts: { ratio: 0.6 } }, file);
			log.mockRestore();
			expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({
				campaign: { ratio: 0.7 },
				receipts: { ratio: 0.6 },
			});
		} finally {
			rmSync(folder, { recursive: true, force: true });
		}
	});
});
