// Once per test run: the compiled server (the tests that start real server processes run it,
// as `npm start` does) and the Chromium the browser tests drive, found before the workers start
// so they do not unpack it at the same time.
const { execFileSync } = require('node:child_process');
const path = require('node:path');
const { findChromium } = require('./helpers/chromium');

module.exports = () => {
  execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: path.join(__dirname, '..'), stdio: 'inherit' });
  process.env.CHROMIUM_PATH = findChromium();
};
