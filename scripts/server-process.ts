import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

const root = path.join(__dirname, '..');

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * The real server (src/server.ts, as `npm start` runs it) as a child process on a database
 * file, on a free port; resolves once it answers /health.
 */
export async function startServerProcess(
  databasePath: string,
  { env = {}, nodeOptions = [], stdio = 'pipe' }: { env?: Record<string, string>; nodeOptions?: string[]; stdio?: StdioOptions } = {},
) {
  const port = await freePort();
  // The same node options as `npm start` (package.json).
  const child: ChildProcess = spawn(process.execPath, ['--max-old-space-size=160', ...nodeOptions, '--import', 'tsx', path.join(root, 'src', 'server.ts')], {
    cwd: root,
    env: { ...process.env, DATABASE_PATH: databasePath, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', AUTH_FAILURES_PER_MINUTE: '100000', ...env },
    stdio,
  });
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${url}/health`)).ok) break;
    } catch {
      if (i > 600) throw new Error(`the server did not start:\n${output}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  return { url, child, exited, output: () => output };
}
