// Once per test run: the compiled server (the tests that start real server processes run it,
// as `npm start` does) and the Chromium the browser tests drive, found before the workers start
// so they do not unpack it at the same time. `npm test` compiles first; a run of Jest alone
// compiles only when a source file is newer than the last build.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { findChromium } = require('./helpers/chromium');

const root = path.join(__dirname, '..');

function newestSource(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

function built() {
  try {
    return fs.statSync(path.join(root, 'dist', '.tsbuildinfo')).mtimeMs;
  } catch {
    return 0;
  }
}

module.exports = () => {
  if (Math.max(newestSource(path.join(root, 'src')), newestSource(path.join(root, 'scripts'))) > built())
    execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
  process.env.CHROMIUM_PATH = findChromium();
};
