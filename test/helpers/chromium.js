// Finds the Chromium the browser tests drive, once per test run (test/global-setup.js).
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

/**
 * CHROMIUM_PATH if set; else the headless Chromium inside @sparticuz/chromium (a dev
 * dependency, so `npm ci` brings it; unpacked to the temp folder on first use); else Debian's
 * `chromium`. No Chromium is an error, never a skipped test.
 */
function findChromium() {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  let reason = '';
  try {
    // The package is ESM only: asked in a child process.
    const script = "import chromium from '@sparticuz/chromium'; process.stdout.write(await chromium.executablePath());";
    const found = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: path.join(__dirname, '..', '..'), encoding: 'utf8' }).trim();
    if (fs.existsSync(found)) return found;
    reason = `@sparticuz/chromium answered ${found}, which does not exist`;
  } catch (error) {
    reason = `@sparticuz/chromium failed: ${error.message}`;
  }
  for (const candidate of ['/usr/bin/chromium', '/usr/bin/chromium-browser']) if (fs.existsSync(candidate)) return candidate;
  throw new Error(`No Chromium for the browser tests (${reason}). Run npm ci, install Debian's chromium, or set CHROMIUM_PATH.`);
}

module.exports = { findChromium };
