/** The simulator in its own process, so it does not share a core with the client being measured. */
import { startSimulator } from '../test/simulator/server';

export const BENCH_KEY = 'bench-webex-key';

async function main() {
	const simulator = await startSimulator({ webexServiceKey: BENCH_KEY, receipts: false });
	process.stdout.write(`${simulator.url}\n`);
	process.on('SIGTERM', () => void simulator.close().then(() => process.exit(0)));
}

if (require.main === module) void main();
