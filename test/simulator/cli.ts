/**
 * Runs the provider simulator from the command line (`npm run simulator -- --port 8787`) so a
 * separately started n8n can be pointed at it. Options:
 *   --port <n>              default 0 (a free port)
 *   --webex-key <key>       Webex Connect service key, default sim-webex-key
 *   --webex-hub-secret <s>  sign Webex receipts (x-hub-signature); unsigned when absent
 *   --receipt-delay-ms <n>  default 20
 * The first line printed is `Simulator listening on <url>`.
 */
import { WEBEX_V1_PATH, WEBEX_V2_PATH } from './providers/webexConnect';
import { startSimulator, type SimulatorOptions } from './server';

function parseArgs(argv: string[]): SimulatorOptions {
	const options: SimulatorOptions = {};
	for (let i = 0; i < argv.length; i++) {
		const flag = argv[i];
		const value = argv[i + 1];
		if (value === undefined) throw new Error(`${flag} needs a value`);
		i++;
		switch (flag) {
			case '--port':
				options.port = toNumber(flag, value);
				break;
			case '--webex-key':
				options.webexServiceKey = value;
				break;
			case '--webex-hub-secret':
				options.webexHubSecret = value;
				break;
			case '--receipt-delay-ms':
				options.receiptDelayMs = toNumber(flag, value);
				break;
			default:
				throw new Error(`unknown option ${flag}`);
		}
	}
	return options;
}

function toNumber(flag: string, value: string): number {
	const number = Number(value);
	if (!Number.isInteger(number) || number < 0) {
		throw new Error(`${flag} needs a whole number, got ${value}`);
	}
	return number;
}

async function main(): Promise<void> {
	const simulator = await startSimulator(parseArgs(process.argv.slice(2)));
	const { options } = simulator;
	console.log(`Simulator listening on ${simulator.url}`);
	console.log(
		`Webex Connect: key=${options.webexServiceKey}` +
			(options.webexHubSecret ? ` hubSecret=${options.webexHubSecret}` : '') +
			` v2=${simulator.url}${WEBEX_V2_PATH} v1=${simulator.url}${WEBEX_V1_PATH}`,
	);
	console.log(`Control API: ${simulator.url}/__sim/{faults,requests,dials,receipts,reset}`);

	const stop = (signal: string) => {
		console.log(`${signal}: stopping`);
		// No process.exit(): the process ending by itself proves close() left nothing open.
		void simulator.close();
	};
	process.once('SIGINT', () => stop('SIGINT'));
	process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: Error) => {
	console.error(error.message);
	process.exit(1);
});
