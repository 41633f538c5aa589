import { Worker } from 'node:worker_threads';

/*
 * Runs in a worker thread with its own connection: copies the WAL into the database file and
 * waits for the disk (fsync) there, instead of inside some request's COMMIT.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 1000');
const timer = setInterval(() => {
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch {}
}, workerData.intervalMs);
parentPort.on('message', () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

/** Checkpoints the WAL of `file` every `intervalMs` from a worker thread, until stopped. */
export function startCheckpointer(file: string, intervalMs = 200): { stop(): void } {
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, intervalMs, driver: require.resolve('better-sqlite3') } });
  worker.unref();
  return { stop: () => worker.postMessage('stop') };
}
