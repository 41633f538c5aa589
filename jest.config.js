const fs = require('node:fs');
const path = require('node:path');

/**
 * The HTTP, page and browser tests the PostgreSQL project leaves out, each with why, as
 * `'http/name.test.ts': 'what only SQLite has that it checks'`. None today: HTTP and page tests
 * read the database through the TestApp's engine-neutral queries (`t.sql`, `t.sqlOne`,
 * `t.sqlValue`, `t.count`, `t.sqlRun`), browser tests through `site.openDatabase()`; a test that
 * needs a file (`databasePath`: a worker thread reading it) runs that part on SQLite in either
 * project.
 * @type {Record<string, string>}
 */
const SQLITE_ONLY = {};

const POSTGRES_TESTS = ['http', 'pages', 'browser'].flatMap((folder) =>
  fs
    .readdirSync(path.join(__dirname, 'test', folder))
    .filter((name) => /\.test\.tsx?$/.test(name) && !(`${folder}/${name}` in SQLITE_ONLY))
    .map((name) => `<rootDir>/test/${folder}/${name}`),
);
for (const file of Object.keys(SQLITE_ONLY))
  if (!fs.existsSync(path.join(__dirname, 'test', file))) throw new Error(`jest.config.js SQLITE_ONLY names test/${file}, which does not exist`);

/**
 * One Jest run, three projects: every test with the server's own zone set to UTC; again in
 * America/New_York the tests whose results could depend on it (unit, http, pages, db); and
 * again on PostgreSQL the HTTP, page and browser tests (but those of SQLITE_ONLY), each app
 * or server on its own copy of a migrated template database in one throwaway cluster. The
 * browser, script, ops and architecture tests drive real processes or read the source: the zone the
 * test process runs in changes nothing for them (test/ops/races and test/pg start their own
 * PostgreSQL).
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
    {
      ...shared,
      displayName: 'PostgreSQL',
      roots: ['<rootDir>/test'],
      testMatch: POSTGRES_TESTS,
      setupFiles: ['<rootDir>/test/setup/zone-utc.js', '<rootDir>/test/setup/on-postgres.js'],
      globalSetup: '<rootDir>/test/setup/postgres-global-setup.ts',
      globalTeardown: '<rootDir>/test/setup/postgres-global-teardown.ts',
    },
  ],
};
