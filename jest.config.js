/**
 * One Jest run, two projects: every test with the server's own zone set to UTC, and again in
 * America/New_York the tests whose results could depend on it (unit, http, pages, db). The
 * browser, script, ops and architecture tests drive real processes or read the source: the
 * zone the test process runs in changes nothing for them.
 * @type {import('jest').Config}
 */
const shared = {
  testEnvironment: 'node',
  // @swc/jest strips types without checking them; `npm test` runs `tsc` first.
  // Some packages in fastify's tree ship ESM only, which Jest on Node 20 cannot require():
  // they are transformed to CommonJS too.
  // Pages are TSX rendered by Preact's automatic runtime (tsconfig says the same to tsc).
  transform: {
    '^.+\\.(t|j|mj)sx?$': ['@swc/jest', { module: { type: 'commonjs' }, jsc: { transform: { react: { runtime: 'automatic', importSource: 'preact' } } } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!(cookie|content-disposition|@fastify/cookie)/)'],
};

module.exports = {
  // Many tests wait on child processes (servers, Chromium): one worker per core keeps both busy.
  maxWorkers: '100%',
  testTimeout: 30000,
  projects: [
    {
      ...shared,
      displayName: 'UTC',
      roots: ['<rootDir>/test'],
      setupFiles: ['<rootDir>/test/setup/zone-utc.js'],
      globalSetup: '<rootDir>/test/global-setup.js',
    },
    {
      ...shared,
      displayName: 'New York',
      roots: ['<rootDir>/test'],
      testMatch: ['<rootDir>/test/(unit|http|pages|db)/**/*.test.ts'],
      setupFiles: ['<rootDir>/test/setup/zone-new-york.js'],
    },
  ],
};
