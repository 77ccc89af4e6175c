/**
 * Every *.test.ts under test/, laid out like the source it tests: test/core, test/providers/<provider>,
 * test/nodes/<Node>, test/simulator, test/harness.
 * The real-n8n end-to-end suite (test/e2e) has its own runner: npm run test:e2e.
 */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['<rootDir>/test/**/*.test.ts'],
	testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/e2e/'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }],
	},
	testTimeout: 30000,
};
