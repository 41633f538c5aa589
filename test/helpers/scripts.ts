import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const exec = promisify(execFile);
const root = path.join(__dirname, '..', '..');

/**
 * Runs an operational script as compiled (`node dist/scripts/<name>.js`, which the test run's
 * global setup has built); with `viaNpm`, as the README tells people to (`npm run <name> --`),
 * without the build that npm runs first. Never throws: answers the exit code and what it printed.
 */
export async function runScript(name: string, args: readonly string[], env: Record<string, string>, { viaNpm = false } = {}) {
  const [command, argv] = viaNpm ? ['npm', ['run', '--ignore-scripts', name, '--', ...args]] : [process.execPath, [path.join(root, 'dist', 'scripts', `${name}.js`), ...args]];
  try {
    const { stdout, stderr } = await exec(command as string, argv as string[], { cwd: root, env: { ...process.env, ...env } });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}
