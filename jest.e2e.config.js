/**
 * End-to-end tests in a real n8n 2.x (npm run test:e2e, after npm run build). The global setup
 * packs dist/ and installs Node 24 + n8n into a cache outside the repo on first use (a few minutes).
 */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test/e2e'],
	testMatch: ['<rootDir>/test/e2e/**/*.e2e.test.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }],
	},
	globalSetup: '<rootDir>/test/e2e/globalSetup.ts',
	globalTeardown: '<rootDir>/test/e2e/globalTeardown.ts',
	// Each n8n takes about half a gigabyte and both cores while starting: one suite at a time.
	maxWorkers: 1,
	testTimeout: 180000,
	slowTestThreshold: 60,
};
