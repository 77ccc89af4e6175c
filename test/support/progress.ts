/**
 * Progress of a long step for a person watching a terminal (the sandbox's first run, the e2e
 * suite's first n8n install): a title saying what it does and how long it takes on this project's
 * 2-core machine, then every 20 s the elapsed time, a measure of progress when there is one and
 * the last thing the step printed; at the end how long it took.
 */
export interface StepProgress {
	/** The step printed a line (its output's last line is shown with the elapsed time). */
	line(text: string): void;
}

export function formatDuration(ms: number): string {
	const seconds = Math.round(ms / 1000);
	if (seconds < 60) return `${seconds} s`;
	return `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, '0')} s`;
}

export async function withProgress<T>(
	log: (message: string) => void,
	title: string,
	estimate: string,
	work: (progress: StepProgress) => Promise<T>,
	options: {
		measure?: () => string;
		everyMs?: number;
		/** What of an output line to show (null: not worth showing); default the line itself. */
		show?: (line: string) => string | null;
	} = {},
): Promise<T> {
	const started = Date.now();
	let last = '';
	log(`${title} (${estimate})`);
	const timer = setInterval(() => {
		const measured = options.measure?.() ?? '';
		log(
			`  … ${formatDuration(Date.now() - started)}${measured ? `, ${measured}` : ''}${last ? ` — ${last.slice(0, 80)}` : ''}`,
		);
	}, options.everyMs ?? 20_000);
	timer.unref();
	try {
		const result = await work({
			line: (text) => {
				const shown = (options.show ? options.show(text) : text)?.trim();
				if (shown) last = shown;
			},
		});
		log(`  done in ${formatDuration(Date.now() - started)}`);
		return result;
	} finally {
		clearInterval(timer);
	}
}

/**
 * Whole lines from a stream's chunks: a chunk can end in the middle of a line, whose start is kept
 * until the rest arrives. One splitter per stream (stdout and stderr interleave).
 */
export function lineSplitter(onLine: (line: string) => void): (chunk: string) => void {
	let partial = '';
	return (chunk) => {
		const lines = (partial + chunk).split('\n');
		partial = lines.pop() ?? '';
		for (const line of lines) onLine(line);
	};
}

/**
 * node-gyp's line for a build step, as its Makefile prints it (`  CC(target) Release/obj.target/
 * sqlite3/gen/sqlite-autoconf-3440200/sqlite3.o`): the step and the file's name ("CC sqlite3.o").
 * Anything else (a compiler warning and the source lines it quotes) is null.
 */
export function buildStep(line: string): string | null {
	const step =
		/^\s*(ACTION|TOUCH|COPY|CC|CXX|AR|LINK|SOLINK|SOLINK_MODULE)(?:\(\w+\))?\s+(?:.*\s)?(\S+)\s*$/.exec(
			line,
		);
	return step ? `${step[1]} ${step[2].split('/').pop()}` : null;
}
