/**
 * Polls every calendar feed of a national-scale database against the real server and reports
 * its memory: the caches must keep the server under its heap cap however many feeds exist.
 *   npm run soak -- --programmes 500 --unit-feeds 20000
 * Options: --connections N (default 16), --rounds N (default 2).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { createContainer } from '../src/container';
import { systemActor } from '../src/platform/actor';
import { openDatabase } from '../src/platform/database';
import { systemClock } from '../src/platform/time';
import { parseArgs } from './cli';
import { seedScale } from './scale';
import { buildServer, startProbedServer } from './server-process';
import { mapInOrder } from '../src/platform/in-order';

const args = parseArgs(process.argv.slice(2));
const PROGRAMMES = Number(args.programmes ?? 500);
const UNIT_FEEDS = Number(args['unit-feeds'] ?? 20_000);
const CONNECTIONS = Number(args.connections ?? 16);
const ROUNDS = Number(args.rounds ?? 2);
const log = (message: string) => console.error(`[soak] ${message}`);

/** Seeds the scale database and issues private-feed tokens for the first `count` units. */
async function seed(file: string): Promise<string[]> {
  const database = openDatabase(file);
  try {
    seedScale(database.sqlite, PROGRAMMES);
    const services = createContainer({ database, clock: systemClock });
    const unitIds = database.sqlite.prepare('SELECT id FROM units ORDER BY id LIMIT ?').pluck().all(UNIT_FEEDS) as number[];
    const feeds = await services.uow.write(async () => await mapInOrder(unitIds, async (id) => (await services.calendars.issueToken(systemActor, id)).url));
    if (feeds.length < UNIT_FEEDS) throw new Error(`only ${feeds.length} units exist; raise --programmes`);
    const programmeIds = database.sqlite.prepare('SELECT id FROM programmes').pluck().all() as number[];
    const batchIds = database.sqlite.prepare('SELECT id FROM batches').pluck().all() as number[];
    return [...programmeIds.map((id) => `/calendars/programmes/${id}.ics`), ...batchIds.map((id) => `/calendars/batches/${id}.ics`), ...feeds.map((url) => new URL(url).pathname)];
  } finally {
    database.close();
  }
}

/** Fetches every path once with CONNECTIONS requests in flight; counts answers that are not 200. */
async function pollAll(base: string, paths: string[]) {
  let next = 0;
  let errors = 0;
  const firstErrors: string[] = [];
  const worker = async () => {
    while (next < paths.length) {
      const url = `${base}${paths[next++]}`;
      try {
        const res = await fetch(url);
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`${res.status}`);
      } catch (err) {
        errors++;
        if (firstErrors.length < 5) firstErrors.push(`${url}: ${(err as Error).message}`);
      }
    }
  };
  await Promise.all(Array.from({ length: CONNECTIONS }, worker));
  return { errors, firstErrors };
}

async function main() {
  buildServer();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sop-soak-'));
  const file = path.join(dir, 'soak.db');
  log(`seeding ${PROGRAMMES} programmes and ${UNIT_FEEDS} unit feed tokens into ${file}`);
  const paths = await seed(file);
  const server = await startProbedServer(file);
  server.reset();
  const started = Date.now();
  let errors = 0;
  for (let round = 1; round <= ROUNDS; round++) {
    log(`round ${round}: ${paths.length} feeds, ${CONNECTIONS} connections`);
    const result = await pollAll(server.url, paths);
    errors += result.errors;
    for (const line of result.firstErrors) log(`error: ${line}`);
  }
  const stats = await server.stats();
  await server.stop();
  const units = (new Database(file, { readonly: true }).prepare('SELECT count(*) FROM units').pluck().get() as number).toLocaleString('en');
  fs.rmSync(dir, { recursive: true, force: true });
  const seconds = (Date.now() - started) / 1000;
  console.log(
    [
      `programmes            ${PROGRAMMES} (${units} units)`,
      `feeds                 ${paths.length} (programme, batch and ${UNIT_FEEDS} unit feeds) x ${ROUNDS} rounds, ${CONNECTIONS} connections`,
      `feeds served          ${paths.length * ROUNDS - errors} in ${seconds.toFixed(0)} s (${((paths.length * ROUNDS) / seconds).toFixed(0)}/s)`,
      `errors                ${errors}`,
      `RSS max               ${stats.rssMaxMb.toFixed(0)} MB`,
      `heap max              ${stats.heapMaxMb.toFixed(0)} MB (old space capped at 160 MB)`,
      `event-loop delay      p99 ${stats.p99Ms.toFixed(0)} ms, max ${stats.maxMs.toFixed(0)} ms`,
    ].join('\n'),
  );
  if (errors > 0 || stats.rssMaxMb >= 300) process.exitCode = 1;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
