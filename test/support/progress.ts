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
	options: { measure?: () => string; everyMs?: number } = {},
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
				const trimmed = text.trim();
				if (trimmed) last = trimmed;
			},
		});
		log(`  done in ${formatDuration(Date.now() - started)}`);
		return result;
	} finally {
		clearInterval(timer);
	}
}
