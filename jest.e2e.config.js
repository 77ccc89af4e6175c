/**
 * End-to-end tests in real n8n instances (npm run test:e2e, after npm run build). The global setup
 * packs dist/ and installs each selected n8n line (test/support/n8nLines.ts: n8n and the Node it
 * needs) into a cache outside the repo on first use (a few minutes each).
 *
 * The suites run once per n8n line, as one jest project per line; N8N_E2E_VERSIONS (e.g.
 * `2.41.1`, or `2.41.1,1.123.81`) selects lines, every line by default.
 */

/** Which suites run on which n8n line. */
const SUITES = {
	'2.41.1': [
		'smoke',
		'calls',
		'receipts',
		'sandbox',
		'callAndWait',
		'editor',
		'queueMode',
		'compliance',
	],
	'1.123.81': ['smoke', 'calls', 'receipts'],
	// The oldest n8n the package supports (README: Compatibility).
	'1.100.1': ['smoke', 'calls', 'receipts'],
};

const wanted = (process.env.N8N_E2E_VERSIONS || '')
	.split(',')
	.map((version) => version.trim())
	.filter((version) => version !== '');
for (const version of wanted) {
	if (!SUITES[version])
		throw new Error(
			`N8N_E2E_VERSIONS names n8n ${version}; the e2e suite knows ${Object.keys(SUITES).join(', ')}`,
		);
}
const versions =
	wanted.length > 0
		? Object.keys(SUITES).filter((version) => wanted.includes(version))
		: Object.keys(SUITES);
// Read by the global setup (same process), which installs these lines before any test.
process.env.N8N_E2E_SELECTED_VERSIONS = versions.join(',');

const transform = { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }] };

module.exports = {
	projects: versions.map((version) => ({
		displayName: `n8n ${version}`,
		testEnvironment: 'node',
		roots: ['<rootDir>/test/e2e'],
		testMatch: SUITES[version].map((suite) => `<rootDir>/test/e2e/${suite}.e2e.test.ts`),
		transform,
		// What test/support/n8nLines.ts's e2eVersion() reads.
		globals: { N8N_E2E_VERSION: version },
		slowTestThreshold: 60,
	})),
	globalSetup: '<rootDir>/test/e2e/globalSetup.ts',
	globalTeardown: '<rootDir>/test/e2e/globalTeardown.ts',
	// Each n8n takes about half a gigabyte and both cores while starting: one suite at a time.
	maxWorkers: 1,
	testTimeout: 180000,
};
