/**
 * A throwaway PostgreSQL cluster (initdb/pg_ctl of the installed server, a temporary folder, a
 * free loopback port) for the tests and the crash test; test/helpers/postgres.ts re-exports it.
 */
import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';

const exec = promisify(execFile);

/** A PostgreSQL server of its own for one test file or run: nothing of the system's cluster is touched. */
export interface PostgresCluster {
  port: number;
  /** Creates an empty database and answers its `postgres://` URL. */
  createDatabase(name: string): Promise<string>;
  /** Stops the server as an administrator would (fast: connections are cut), keeping its data. */
  stopServer(): Promise<void>;
  /** Starts the stopped server again on the same port. */
  startServer(): Promise<void>;
  /** Stops the server at once (no checkpoint: the data is thrown away) and removes its folder. */
  stop(): Promise<void>;
}

/** The newest installed server's programs (Debian: /usr/lib/postgresql/<version>/bin). */
function postgresBinaries(): string {
  const root = '/usr/lib/postgresql';
  const versions = fs.existsSync(root) ? fs.readdirSync(root).filter((version) => fs.existsSync(path.join(root, version, 'bin', 'initdb'))) : [];
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  if (!newest)
    throw new Error(`PostgreSQL is not installed (no ${root}/*/bin/initdb): install Debian's server with \`apt-get install -y postgresql\` (.ci/run does this in CI).`);
  return path.join(root, newest, 'bin');
}

/** PostgreSQL refuses to run as root: as root, its programs run as the postgres user. */
const asRoot = process.getuid?.() === 0;

function runPostgresProgram(program: string, args: string[]) {
  return asRoot ? exec('runuser', ['-u', 'postgres', '--', program, ...args]) : exec(program, args);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Durability off, nothing in the background: a test cluster lives for seconds and its data is thrown away. */
const TEST_SETTINGS = `
listen_addresses = '127.0.0.1'
fsync = off
synchronous_commit = off
full_page_writes = off
autovacuum = off
max_connections = 50
shared_buffers = 32MB
log_min_messages = warning
`;

/**
 * A freshly initialised data folder, made once per machine and server version and copied for
 * every cluster: initdb takes 1.5-2 s here, the copy about 0.25 s. Made under a temporary name
 * and renamed, so test files starting together never see half of one.
 */
async function initialisedCluster(bin: string): Promise<string> {
  const template = path.join(os.tmpdir(), `sop-pg-template-${path.basename(path.dirname(bin))}-${asRoot ? 'postgres' : os.userInfo().username}`);
  if (fs.existsSync(path.join(template, 'global', 'pg_control'))) return template;
  const staging = fs.mkdtempSync(`${template}-`);
  if (asRoot) fs.chownSync(staging, postgresUser().uid, postgresUser().gid);
  const dataDir = path.join(staging, 'data');
  try {
    await runPostgresProgram(path.join(bin, 'initdb'), ['-D', dataDir, '--auth=trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C', '--no-sync', '--no-instructions']);
    fs.renameSync(dataDir, template);
  } catch (error) {
    // Another test file made it first; anything else left there is for a person to remove.
    if (!fs.existsSync(path.join(template, 'global', 'pg_control'))) throw new Error(`could not make the PostgreSQL template ${template}`, { cause: error });
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
  return template;
}

let postgresIds: { uid: number; gid: number } | undefined;
function postgresUser() {
  postgresIds ??= {
    uid: Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim()),
    gid: Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim()),
  };
  return postgresIds;
}

/** Starts a throwaway cluster in a temporary folder, on a free loopback port. */
export async function startPostgres(): Promise<PostgresCluster> {
  const bin = postgresBinaries();
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'sop-pg-'));
  if (asRoot) fs.chownSync(folder, postgresUser().uid, postgresUser().gid);
  const dataDir = path.join(folder, 'data');
  const pgCtl = path.join(bin, 'pg_ctl');
  let started = false;
  const stopNow = () => {
    if (started) {
      try {
        execFileSync(asRoot ? 'runuser' : pgCtl, [...(asRoot ? ['-u', 'postgres', '--', pgCtl] : []), '-D', dataDir, '-m', 'immediate', '-w', 'stop'], { stdio: 'ignore' });
      } catch {
        // Already stopped.
      }
      started = false;
    }
    fs.rmSync(folder, { recursive: true, force: true });
  };
  // A test file that fails before stop() must not leave a server running.
  process.once('exit', stopNow);
  try {
    // cp -a keeps the owner (postgres) that the server insists on.
    await exec('cp', ['-a', await initialisedCluster(bin), dataDir]);
    fs.appendFileSync(path.join(dataDir, 'postgresql.conf'), TEST_SETTINGS);
    let port = 0;
    // The free port may be taken between asking and listening: try another.
    for (let attempt = 1; !started; attempt++) {
      port = await freePort();
      try {
        await runPostgresProgram(pgCtl, ['-D', dataDir, '-l', path.join(folder, 'server.log'), '-o', `-p ${port} -k ${folder}`, '-w', '-t', '30', 'start']);
        started = true;
      } catch (error) {
        if (attempt >= 3) throw new Error(`PostgreSQL did not start: ${readLog(folder)}`, { cause: error });
      }
    }
    return {
      port,
      async createDatabase(name) {
        if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain database name: ${name}`);
        const client = new Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres' });
        await client.connect();
        try {
          await client.query(`CREATE DATABASE ${name}`);
        } finally {
          await client.end();
        }
        return `postgres://postgres@127.0.0.1:${port}/${name}`;
      },
      async stopServer() {
        await runPostgresProgram(pgCtl, ['-D', dataDir, '-m', 'fast', '-w', 'stop']);
        started = false;
      },
      async startServer() {
        await runPostgresProgram(pgCtl, ['-D', dataDir, '-l', path.join(folder, 'server.log'), '-o', `-p ${port} -k ${folder}`, '-w', '-t', '30', 'start']);
        started = true;
      },
      async stop() {
        process.removeListener('exit', stopNow);
        if (started) await runPostgresProgram(pgCtl, ['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
        started = false;
        stopNow();
      },
    };
  } catch (error) {
    process.removeListener('exit', stopNow);
    stopNow();
    throw error;
  }
}

function readLog(folder: string): string {
  try {
    return fs.readFileSync(path.join(folder, 'server.log'), 'utf8');
  } catch {
    return '(no server log)';
  }
}
