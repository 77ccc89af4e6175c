/** The progress lines of the long first-run steps (test/support/progress.ts). */
import { formatDuration, withProgress } from './progress';

describe('withProgress', () => {
	it('says what the step does and how long it takes here, then elapsed time, measure and last output, then how long it took', async () => {
		const lines: string[] = [];
		const result = await withProgress(
			(line) => lines.push(line),
			'installing n8n',
			'about 4 min',
			async (progress) => {
				progress.line('npm http fetch GET 200 https://registry.example/n8n 12ms\n');
				await new Promise((resolve) => setTimeout(resolve, 130));
				return 42;
			},
			{ measure: () => '120 packages unpacked', everyMs: 50 },
		);
		expect(result).toBe(42);
		expect(lines[0]).toBe('installing n8n (about 4 min)');
		expect(lines[1]).toMatch(
			/^ {2}… 0 s, 120 packages unpacked — npm http fetch GET 200 https:\/\/registry\.example\/n8n 12ms$/,
		);
		expect(lines.at(-1)).toMatch(/^ {2}done in 0 s$/);
	});

	it('stops reporting when the step fails, and passes the failure on', async () => {
		const lines: string[] = [];
		await expect(
			withProgress(
				(line) => lines.push(line),
				'compiling',
				'about 3 min',
				async () => Promise.reject(new Error('no compiler')),
				{ everyMs: 10 },
			),
		).rejects.toThrow('no compiler');
		const count = lines.length;
		await new Promise((resolve) => setTimeout(resolve, 50));
		expect(lines).toHaveLength(count);
	});

	it('writes durations as a person reads them', () => {
		expect([formatDuration(4_400), formatDuration(65_000), formatDuration(875_000)]).toEqual([
			'4 s',
			'1 min 05 s',
			'14 min 35 s',
		]);
	});
});
