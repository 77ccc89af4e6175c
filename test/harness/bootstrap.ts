/**
 * One-time process setup so n8n-core's execution engine can run in-process.
 *
 * n8n-core 2.x pulls a few services out of the `@n8n/di` container while a node runs:
 * `Logger` (for `this.logger`), `InstanceSettings` (every node context reads it in its
 * constructor), `OutboundHttp` (all HTTP helpers) and `ErrorReporter`. Only the first two
 * need help: the real `InstanceSettings` writes `~/.n8n/config` on construction and the real
 * `Logger` prints through winston. The rest build themselves from `GlobalConfig` defaults.
 */
import './env';

import { InstanceSettings } from 'n8n-core';
import { AsyncLocalStorage } from 'node:async_hooks';
import * as os from 'node:os';
import * as path from 'node:path';
import { LoggerProxy, type Logger as N8nLogger, type LogMetadata } from 'n8n-workflow';

/**
 * n8n-core ships its own nested copies of `@n8n/di` and `@n8n/backend-common` (the top-level
 * ones belong to @n8n/node-cli and are older). The container is a module singleton, so we must
 * load exactly the copy n8n-core resolves, through jest's own `require` so it is the same instance.
 */
function requireFromCore<T>(moduleName: string): T {
	const coreDir = path.dirname(require.resolve('n8n-core/package.json'));
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	return require(require.resolve(moduleName, { paths: [coreDir] })) as T;
}

type ServiceKey = abstract new (...args: never[]) => unknown;
interface DiContainer {
	set(key: ServiceKey, instance: unknown): void;
	get<T>(key: abstract new (...args: never[]) => T): T;
}

export type LogLevel = 'error' | 'warn' | 'info' | 'debug';
export interface LogEntry {
	level: LogLevel;
	message: string;
	metadata?: LogMetadata;
}

/** Routes each log line to the run that produced it (runs may overlap with Promise.all). */
const logScope = new AsyncLocalStorage<LogEntry[]>();
/** Lines logged outside any harness run. */
export const unscopedLogs: LogEntry[] = [];

class CapturingLogger implements N8nLogger {
	error(message: string, metadata?: LogMetadata) {
		this.push('error', message, metadata);
	}
	warn(message: string, metadata?: LogMetadata) {
		this.push('warn', message, metadata);
	}
	info(message: string, metadata?: LogMetadata) {
		this.push('info', message, metadata);
	}
	debug(message: string, metadata?: LogMetadata) {
		this.push('debug', message, metadata);
	}
	/** backend-common's Logger API; n8n services call `logger.scoped('…')`. */
	scoped() {
		return this;
	}
	private push(level: LogLevel, message: string, metadata?: LogMetadata) {
		(logScope.getStore() ?? unscopedLogs).push({ level, message, metadata });
	}
}

let container: DiContainer | undefined;

/** Idempotent: wires the container and n8n-workflow's LoggerProxy to the capturing logger. */
export function setupN8nCore(): DiContainer {
	if (container) return container;
	const { Container } = requireFromCore<{ Container: DiContainer }>('@n8n/di');
	const { Logger } = requireFromCore<{ Logger: ServiceKey }>('@n8n/backend-common');

	const logger = new CapturingLogger();
	Container.set(Logger, logger);
	LoggerProxy.init(logger); // WorkflowExecute logs through the proxy, nodes through the container

	// A stub: the real constructor creates `<n8nFolder>/config`. Execution reads only these
	// (`settings.fsStorageMigrated` via StorageConfig, which BinaryDataConfig pulls in per node).
	const settings = Object.create(InstanceSettings.prototype) as InstanceSettings;
	Object.assign(settings, {
		instanceId: 'harness-instance',
		hmacSignatureSecret: 'harness-hmac-secret',
		n8nFolder: path.join(os.tmpdir(), 'n8n-harness'),
		instanceType: 'main',
		settings: { encryptionKey: 'harness-encryption-key', fsStorageMigrated: true },
	});
	Container.set(InstanceSettings, settings);

	container = Container;
	return Container;
}

/** Runs `fn` with every log line it causes collected into `sink`. */
export async function withLogCapture<T>(sink: LogEntry[], fn: () => Promise<T>): Promise<T> {
	return await logScope.run(sink, fn);
}

/**
 * Flattens log entries into one string (errors expanded, cycles cut) so a test can assert
 * that a secret never appears anywhere in what was logged.
 */
export function logsToText(logs: LogEntry[]): string {
	const seen = new WeakSet<object>();
	return logs
		.map((entry) =>
			JSON.stringify(entry, (_key, value: unknown) => {
				if (value instanceof Error) {
					return { ...value, name: value.name, message: value.message, stack: value.stack };
				}
				if (typeof value === 'object' && value !== null) {
					if (seen.has(value)) return '[circular]';
					seen.add(value);
				}
				return value;
			}),
		)
		.join('\n');
}
