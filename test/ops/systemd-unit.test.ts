import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../scripts/server-process';

/**
 * The systemd unit (scripts/deploy/sop-scheduler.service): systemd itself accepts every line of
 * it, it runs node with the options of `npm start`, and the command it runs starts the server on
 * an environment file made from .env.example and stops it on SIGTERM well within TimeoutStopSec.
 */
jest.setTimeout(30_000);

const root = path.join(__dirname, '..', '..');
const UNIT = path.join(root, 'scripts', 'deploy', 'sop-scheduler.service');
const INSTALLED = '/opt/sop-scheduler';
const unit = fs.readFileSync(UNIT, 'utf8');

/** The value of a [Service] setting (the last one, as systemd reads it). */
function setting(name: string): string {
  const values = [...unit.matchAll(new RegExp(`^${name}=(.*)$`, 'gm'))].map((m) => m[1]!.trim());
  if (!values.length) throw new Error(`the unit has no ${name}=`);
  return values.at(-1)!;
}

/** The unit as this machine can run it: this node, this checkout, instead of the installed ones. */
function localUnit(): string {
  const [node] = setting('ExecStart').split(/\s+/);
  return unit.replaceAll(`${node} `, `${process.execPath} `).replaceAll(INSTALLED, root);
}

/** What `systemd-analyze verify` says of a unit file, by a name of its own in a folder of its own. */
function verify(text: string): { status: number | null; lines: string[]; name: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sop-unit-'));
  try {
    const file = path.join(dir, 'sop-scheduler-test.service');
    fs.writeFileSync(file, text);
    const result = spawnSync('systemd-analyze', ['verify', file], { encoding: 'utf8', cwd: dir });
    if (result.error) throw new Error('systemd-analyze is not installed: apt-get install -y systemd');
    const lines = `${result.stdout}\n${result.stderr}`.split('\n').filter((line) => line.includes('sop-scheduler-test'));
    return { status: result.status, lines, name: file };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** An environment file as systemd reads one: KEY=value lines, comments and blank lines skipped. */
function environmentFile(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const match = /^\s*([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    if (match && !line.trimStart().startsWith('#')) env[match[1]!] = match[2]!.trim();
  }
  return env;
}

it('passes systemd-analyze verify without a word about its own settings, and the check can fail', () => {
  const checked = verify(localUnit());
  expect(checked.lines).toEqual([]);
  expect(checked.status).toBe(0);

  // A misspelt option and a bad value are named: the check above would have seen them.
  const broken = verify(localUnit().replace('ProtectHome=true', 'ProtectHom=true').replace('NoNewPrivileges=true', 'NoNewPrivileges=maybe'));
  expect(broken.lines.join('\n')).toMatch(/Unknown key 'ProtectHom'/);
  expect(broken.lines.join('\n')).toMatch(/Failed to parse boolean value, ignoring: maybe/);
});

it('keeps the design: its own user, restart on failure, the environment file, hardening, the data folder writable', () => {
  expect(setting('User')).toBe('sop-scheduler');
  expect(setting('WorkingDirectory')).toBe(INSTALLED);
  expect(setting('EnvironmentFile')).toBe('/etc/sop-scheduler/env');
  expect(setting('Restart')).toBe('on-failure');
  for (const [name, value] of Object.entries({ ProtectSystem: 'strict', ProtectHome: 'true', PrivateTmp: 'true', NoNewPrivileges: 'true' })) expect(setting(name)).toBe(value);
  expect(setting('ReadWritePaths')).toBe('/var/lib/sop-scheduler');
});

it('runs node with exactly the options of `npm start`, on the compiled server', () => {
  const { scripts } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: { start: string } };
  const [node, ...args] = setting('ExecStart').split(/\s+/);
  const [command, ...startArgs] = scripts.start.split(/\s+/);
  expect(command).toBe('node');
  expect(path.isAbsolute(node!)).toBe(true);
  expect(path.basename(node!)).toBe('node');
  expect(args).toEqual([...startArgs.slice(0, -1), path.join(INSTALLED, startArgs.at(-1)!)]);
});

it('its command starts the server on an environment file made from .env.example and stops on SIGTERM within TimeoutStopSec', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sop-unit-run-'));
  const port = await freePort();
  // The example as an administrator adapts it (README): the data under one folder.
  const env = {
    ...environmentFile(fs.readFileSync(path.join(root, '.env.example'), 'utf8')),
    PORT: String(port),
    DATABASE_PATH: path.join(dir, 'sop.db'),
    DOCUMENTS_PATH: path.join(dir, 'documents'),
    BACKUP_DIR: path.join(dir, 'backups'),
    TRUST_PROXY: '127.0.0.1',
    PUBLIC_BASE_URL: 'https://sop.example.go.id',
    // ...and the unit's own Environment= lines.
    ...environmentFile(unit.replace(/^Environment=/gm, '')),
  };
  const [node, ...args] = localUnit().match(/^ExecStart=(.*)$/m)![1]!.trim().split(/\s+/);
  const child = spawn(node!, args, { cwd: root, env: { PATH: process.env.PATH, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  try {
    for (let i = 0; ; i++) {
      try {
        if ((await fetch(`http://127.0.0.1:${port}/health`)).ok) break;
      } catch {
        if (i > 500 || child.exitCode !== null) throw new Error(`the server did not start:\n${output}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    }
    // Logs: JSON lines on stdout, which journald keeps.
    const stopAllowedMs = Number(/^(\d+)s$/.exec(setting('TimeoutStopSec'))![1]) * 1000;
    const stopping = performance.now();
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(performance.now() - stopping).toBeLessThan(stopAllowedMs / 2);
    const lines = output.split('\n').filter((line) => line.trim());
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
  } finally {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await exited;
    }
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
