/** The progress lines of the long first-run steps (test/support/progress.ts). */
import { buildStep, formatDuration, lineSplitter, withProgress } from './progress';

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

	it('shows what the step is building, not the compiler warnings about it (SQLite)', async () => {
		jest.useFakeTimers();
		try {
			const lines: string[] = [];
			let output: ((chunk: string) => void) | undefined;
			let finish: () => void = () => undefined;
			const step = withProgress(
				(line) => lines.push(line),
				'compiling SQLite',
				'about 3 min',
				(progress) => {
					output = lineSplitter((line) => progress.line(line));
					return new Promise<void>((resolve) => (finish = resolve));
				},
				{ show: buildStep, everyMs: 20_000 },
			);
			// node-gyp's step line, then gcc's warning about the file, cut across chunks as a pipe cuts it.
			output!('  CC(target) Release/obj.target/sqlite3/gen/sqlite-autoconf-3440200/sqli');
			output!('te3.o\nRelease/obj/gen/sqlite-autoconf-3440200/sqlite3.c: In function ‘sqlite3Vd');
			output!(
				'beExec’:\n 93412 |       pOut = out2Prerelease(p, pOp);\n       |              ^~~~\n',
			);
			await jest.advanceTimersByTimeAsync(20_000);
			output!('  CXX(target) Release/obj.target/node_sqlite3/src/statement.o\n  /usr/inc');
			await jest.advanceTimersByTimeAsync(20_000);
			finish();
			await step;
			expect(lines).toEqual([
				'compiling SQLite (about 3 min)',
				'  … 20 s — CC sqlite3.o',
				'  … 40 s — CXX statement.o',
				'  done in 40 s',
			]);
		} finally {
			jest.useRealTimers();
		}
	});

	it("reads node-gyp's build steps, and nothing else, from its output", () => {
		expect(
			[
				'  ACTION deps_sqlite3_gyp_action_before_build_target_unpack_sqlite_dep Release/obj/gen/sqlite-autoconf-3440200/sqlite3.c',
				'  SOLINK_MODULE(target) Release/obj.target/node_sqlite3.node',
				"../src/statement.cc:587:23: warning: unused variable 'status' [-Wunused-variable]",
				'  587 |     int status = sqlite3_step(stmt->_handle);',
				'make: Entering directory',
			].map(buildStep),
		).toEqual(['ACTION sqlite3.c', 'SOLINK_MODULE node_sqlite3.node', null, null, null]);
	});

	it('passes on whole lines only, whatever the chunks', () => {
		const lines: string[] = [];
		const write = lineSplitter((line) => lines.push(line));
		for (const chunk of ['npm http fe', 'tch GET 200 a\nnpm http fetch', ' GET 200 b\n', 'partial'])
			write(chunk);
		expect(lines).toEqual(['npm http fetch GET 200 a', 'npm http fetch GET 200 b']);
	});
});
