import { Worker } from 'node:worker_threads';

/*
 * Runs in a worker thread with its own connection: copies the WAL into the database file and
 * waits for the disk (fsync) there, instead of inside some request's COMMIT.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
let db;
try {
  // A database closed (and its folder removed) before this thread started has nothing to checkpoint.
  db = new Database(workerData.file, { fileMustExist: true });
} catch {
  process.exit(0);
}
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
  // The connection still checkpoints itself (wal_autocheckpoint): a failed helper never stops the server.
  worker.on('error', () => {});
  return { stop: () => worker.postMessage('stop') };
}
