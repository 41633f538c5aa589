/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  // @swc/jest strips types without checking them; `npm test` runs `tsc --noEmit` first.
  // Some packages in fastify's tree ship ESM only, which Jest on Node 20 cannot require():
  // they are transformed to CommonJS too.
  transform: { '^.+\\.(t|j|mj)s$': ['@swc/jest', { module: { type: 'commonjs' } }] },
  transformIgnorePatterns: ['/node_modules/(?!(cookie|content-disposition)/)'],
  testTimeout: 30000,
  globalSetup: '<rootDir>/test/global-setup.js',
};
