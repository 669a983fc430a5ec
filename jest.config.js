/**
 * Two projects. `unit`: pure code and committed files, loaded from the TypeScript sources, no database and no
 * processes (`npm run test:unit`, seconds). `integration`: a real PostgreSQL and the real processes of the
 * stack, started once in global setup from dist/ (rebuilt there first when stale). `npm test` runs both.
 * A test is a unit test when its file is named `*.unit.test.ts`.
 */
const shared = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tests/tsconfig.json' }] },
};

module.exports = {
  testTimeout: 60_000,
  maxWorkers: 1,
  projects: [
    {
      ...shared,
      displayName: 'unit',
      roots: ['<rootDir>/tests'],
      testMatch: ['**/*.unit.test.ts'],
      setupFiles: ['<rootDir>/tests/support/quiet-logs.ts'],
    },
    {
      ...shared,
      displayName: 'integration',
      roots: ['<rootDir>/tests'],
      testMatch: ['**/*.test.ts'],
      testPathIgnorePatterns: ['\\.unit\\.test\\.ts$'],
      globalSetup: '<rootDir>/tests/support/global-setup.ts',
      globalTeardown: '<rootDir>/tests/support/global-teardown.ts',
    },
  ],
};
