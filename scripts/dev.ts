/**
 * `npm run dev`: starts the sandbox (see sandbox.ts), prints where everything is and what to try,
 * and stops it all on Ctrl-C (SIGINT) or SIGTERM. scripts/bootstrap.js runs first: it answers
 * `--help` (the options are described there, in COMMANDS.dev), installs and builds, then runs this.
 */
import { renameSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

import { REPO_ROOT } from '../test/support/pack';
import { formatDuration } from '../test/support/progress';
import { SAMPLE_LEAD } from './examples';
import { startSandbox, type Sandbox, type SandboxInfo, type SandboxOptions } from './sandbox';

interface DevOptions extends SandboxOptions {
	readyFile?: string;
}

function parseArgs(argv: string[]): DevOptions {
	const options: DevOptions = {};
	const number = (flag: string, value: string) => {
		const parsed = Number(value);
		if (!Number.isInteger(parsed) || parsed < 0 || parsed > 65535)
			throw new Error(`${flag} needs a whole number, got ${value}`);
		return parsed;
	};
	for (let i = 0; i < argv.length; i += 2) {
		const [flag, value] = [argv[i], argv[i + 1]];
		if (flag === '--help' || flag === '-h') {
			// The help lives with the options' descriptions in bootstrap.js, which answers it first.
			// eslint-disable-next-line @typescript-eslint/no-require-imports
			const { help } = require(path.join(REPO_ROOT, 'scripts', 'bootstrap.js')) as {
				help: (command: string) => string;
			};
			process.stdout.write(help('dev'));
			process.exit(0);
		}
		if (value === undefined) throw new Error(`${flag} needs a value`);
		switch (flag) {
			case '--n8n-port':
				options.n8nPort = number(flag, value);
				break;
			case '--simulator-port':
				options.simulatorPort = number(flag, value);
				break;
			case '--services-port':
				options.servicesPort = number(flag, value);
				break;
			case '--receipt-delay-ms':
				options.receiptDelayMs = number(flag, value);
				break;
			case '--log-file':
				options.logFile = path.resolve(value);
				break;
			case '--ready-file':
				options.readyFile = path.resolve(value);
				break;
			default:
				throw new Error(`unknown option ${flag} (try --help)`);
		}
	}
	return options;
}

export function banner(info: SandboxInfo, startedAt: number): string {
	const { workflows: w } = info;
	const lead = JSON.stringify({ ...SAMPLE_LEAD, phone: SAMPLE_LEAD.phone.replace(/\s/g, '') });
	const lines = [
		'',
		`n8n-nodes-outbound-voice sandbox is ready (${formatDuration(Date.now() - startedAt)} after it was started)`,
		'',
		`  n8n editor    ${info.editorUrl}`,
		`  login         ${info.login.email} / ${info.login.password}`,
		`  simulator     ${info.simulatorUrl}  (Webex Connect, Routee, InnoPaaS, Twilio; what it received: ${info.simulatorUrl}/__sim/requests)`,
		`  pretend CRM   ${info.crmActivitiesUrl}`,
		`  credentials   ${info.credentials.map((credential) => credential.name).join(', ')}`,
		...(info.missingProviders.length
			? [
					`  (no sandbox credential for ${info.missingProviders.join(', ')}: this build of the package lacks its credential type)`,
				]
			: []),
		'',
		'  Example workflows:',
		...Object.values(w).map(
			(workflow) =>
				`    ${workflow.name}${workflow.active ? ' (active)' : ''}\n      ${workflow.url}`,
		),
		'',
		'  Try:',
		`    1. Open Example 1 and click "Execute workflow": five calls through Send Voice Campaign.`,
		`       Their outcomes arrive in Example 3 (its Executions tab): answered calls are logged in the CRM,`,
		`       the others are called again once after 10 s, then marked unreachable.`,
		`    2. Be the CRM: curl -s -X POST ${info.crmWebhookUrl} -H 'content-type: application/json' \\`,
		`         -H '${info.access.crmHeader.name}: ${info.access.crmHeader.value}' -d '${lead}'`,
		`       (Every trigger asks for a secret, made fresh for this sandbox; without it n8n answers 401/403.)`,
		`    3. Open Example 4, click "Open chat" and type: Call +44 20 7946 0123 and tell them their glasses are ready.`,
		`       (A scripted stand-in answers as the model; use your own OpenAI credential for a real one.`,
		`       Its chat URL ${info.chatUrl} asks for the login ${info.access.chatLogin.user} / ${info.access.chatLogin.password}.)`,
		`    4. Open Example 5 and click "Execute workflow": three calls, one after the other, each waiting for its outcome;`,
		`       the two who did not answer get an SMS (the pretend gateway: curl -s ${info.smsMessagesUrl}).`,
		`    5. Open Example 7 and click "Execute workflow": Twilio calls with machine detection; where an answering`,
		`       machine picks up, a second call leaves a voicemail after the beep; the CRM hears about each.`,
		`    The simulator decides by a number's last digit: 0-5 answered, 6 busy, 7 no answer, 8 rejected, 9 dropped.`,
		`    What the CRM received: curl -s ${info.crmActivitiesUrl}`,
		'',
		...(info.logFile ? [`  n8n log       ${info.logFile}`, ''] : []),
		'Press Ctrl-C to stop everything.',
		'',
	];
	return lines.join('\n');
}

async function main(): Promise<void> {
	// From `npm run dev` itself when bootstrap.js started this (installing and building included).
	const startedAt = Number(process.env.N8N_OUTBOUND_VOICE_STARTED_AT) || Date.now();
	const options = parseArgs(process.argv.slice(2));
	let sandbox: Sandbox | undefined;
	let stopRequested: NodeJS.Signals | undefined;

	const stop = async (signal: NodeJS.Signals) => {
		process.stdout.write(`\n${signal}: stopping the sandbox…\n`);
		await sandbox?.stop();
		process.stdout.write(
			'Stopped: n8n, its task runners, the simulator and the stand-ins are gone.\n',
		);
		process.exit(0);
	};
	const onSignal = (signal: NodeJS.Signals) => {
		if (stopRequested) {
			// A second Ctrl-C: leave now. n8n notices it lost its parent and ends itself.
			process.stdout.write(`${signal} again: exiting without waiting\n`);
			process.exit(130);
		}
		stopRequested = signal;
		// Still starting: startSandbox() finishes (or fails) first, then everything stops.
		if (sandbox) void stop(signal);
	};
	process.on('SIGINT', onSignal);
	process.on('SIGTERM', onSignal);

	process.stdout.write(
		'Starting the sandbox: the provider simulator, the pretend CRM, the package packed, n8n (installed on the first run only: the steps below say how long), credentials and example workflows…\n',
	);
	sandbox = await startSandbox(options);
	if (stopRequested) return stop(stopRequested);

	const info: SandboxInfo = { ...sandbox.info, pids: sandbox.n8n.pids() };
	process.stdout.write(banner(info, startedAt));
	if (options.readyFile) {
		const temporary = `${options.readyFile}.${process.pid}.tmp`;
		writeFileSync(
			temporary,
			JSON.stringify(
				{ ...info, devPid: process.pid, readyAfterMs: Date.now() - startedAt },
				null,
				2,
			),
		);
		renameSync(temporary, options.readyFile);
	}
}

main().catch((error: Error) => {
	process.stderr.write(`The sandbox could not start: ${error.stack ?? error.message}\n`);
	process.exit(1);
});
