import { execFileSync, spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import net from 'node:net';
import fs from 'node:fs';
import path from 'node:path';

const root = path.join(__dirname, '..');

/** Compiles the server as `npm start` does (incremental: quick when nothing changed). */
export function buildServer(): void {
  execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
}

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** The node options of `npm start` (package.json's start script), kept in that one place. */
function startOptions(): string[] {
  const { scripts } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: { start: string } };
  return scripts.start.split(/\s+/).filter((word) => word.startsWith('--'));
}

/**
 * The real server as `npm start` runs it (compiled, dist/src/server.js: see buildServer) as
 * a child process on a database file, on a free port; resolves once it answers /health.
 */
export async function startServerProcess(
  databasePath: string,
  { env = {}, nodeOptions = [], stdio = 'pipe', port }: { env?: Record<string, string>; nodeOptions?: string[]; stdio?: StdioOptions; port?: number } = {},
) {
  port ??= await freePort();
  const child: ChildProcess = spawn(process.execPath, [...startOptions(), ...nodeOptions, path.join(root, 'dist', 'src', 'server.js')], {
    cwd: root,
    env: { ...process.env, DATABASE_PATH: databasePath, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', AUTH_FAILURES_PER_MINUTE: '100000', ...env },
    stdio,
  });
  const started = performance.now();
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${url}/health`)).ok) break;
    } catch {
      if (i > 1500) throw new Error(`the server did not start:\n${output}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }
  return { url, child, exited, output: () => output, startupMs: performance.now() - started };
}

export interface ProbeStats {
  p99Ms: number;
  maxMs: number;
  meanMs: number;
  rssMaxMb: number;
  heapMaxMb: number;
  /** The server's process id (its main thread's too: /proc/<pid>/task/<pid>). */
  pid: number;
}

/**
 * The server as in production (npm start) with scripts/bench-probe.cjs loaded beside it: it
 * reports the event-loop delay and the largest RSS and heap since the last reset.
 */
export async function startProbedServer(databasePath: string, env: Record<string, string> = {}) {
  const server = await startServerProcess(databasePath, {
    env: { PUBLIC_BASE_URL: 'http://localhost', ...env },
    nodeOptions: ['--require', path.join(root, 'scripts', 'bench-probe.cjs')],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const { child } = server;
  const ask = (message: string) =>
    new Promise<ProbeStats>((resolve) => {
      child.once('message', (reply) => resolve(reply as ProbeStats));
      child.send(message);
    });
  return {
    url: server.url,
    startupMs: server.startupMs,
    stats: () => ask('stats'),
    reset: () => child.send('reset'),
    stop: async () => {
      child.kill('SIGTERM');
      await server.exited;
    },
  };
}
