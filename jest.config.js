/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  // @swc/jest strips types without checking them; `npm test` runs `tsc --noEmit` first.
  // Some packages in fastify's tree ship ESM only, which Jest on Node 20 cannot require():
  // they are transformed to CommonJS too.
  // Pages are TSX rendered by Preact's automatic runtime (tsconfig says the same to tsc).
  transform: {
    '^.+\\.(t|j|mj)sx?$': ['@swc/jest', { module: { type: 'commonjs' }, jsc: { transform: { react: { runtime: 'automatic', importSource: 'preact' } } } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!(cookie|content-disposition|@fastify/cookie)/)'],
  testTimeout: 30000,
  // Many tests wait on child processes (servers, Chromium): one worker per core keeps both busy.
  maxWorkers: '100%',
  globalSetup: '<rootDir>/test/global-setup.js',
};
