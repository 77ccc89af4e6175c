/** The simulator in its own process, so it does not share a core with the client being measured. */
import { spawn } from 'node:child_process';
import * as readline from 'node:readline';

import { startSimulator } from '../test/simulator/server';

export const BENCH_KEY = 'bench-webex-key';

/** Starts this file as a child process: the simulator's URL, and how to stop it. */
export function spawnSimulator(): Promise<{ url: string; stop: () => void }> {
	const child = spawn(process.execPath, [__filename], { stdio: ['ignore', 'pipe', 'inherit'] });
	return new Promise((resolve, reject) => {
		readline
			.createInterface({ input: child.stdout })
			.once('line', (url) => resolve({ url, stop: () => child.kill('SIGTERM') }));
		child.once('exit', (code) => reject(new Error(`simulator exited with ${code}`)));
	});
}

async function main() {
	const simulator = await startSimulator({ webexServiceKey: BENCH_KEY, receipts: false });
	process.stdout.write(`${simulator.url}\n`);
	process.on('SIGTERM', () => void simulator.close().then(() => process.exit(0)));
}

if (require.main === module) void main();
