import { Worker } from 'node:worker_threads';

/*
 * Runs in one worker thread for the whole process, with a connection of its own to each
 * database file: copies each WAL into its database file and waits for the disk (fsync) there,
 * instead of inside some request's COMMIT. A file is checkpointed only when another connection
 * committed to it since its last checkpoint (its data_version moved), so a deployment of
 * hundreds of governments costs one thread, not one each, and an idle database nothing.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const open = new Map();
let timer;
function tick() {
  for (const entry of open.values()) {
    try {
      const version = entry.db.pragma('data_version', { simple: true });
      if (version === entry.checkpointed) continue;
      const [{ busy, log, checkpointed }] = entry.db.pragma('wal_checkpoint(PASSIVE)');
      // A reader holding an older snapshot stops a checkpoint part way: try again at the next tick.
      if (busy === 0 && checkpointed === log) entry.checkpointed = version;
    } catch {}
  }
}
parentPort.on('message', ({ add, remove }) => {
  if (add !== undefined && !open.has(add)) {
    try {
      const db = new Database(add, { fileMustExist: true });
      db.pragma('busy_timeout = 1000');
      open.set(add, { db, checkpointed: undefined });
    } catch {
      // A database closed (and its folder removed) before this thread got to it has nothing to checkpoint.
    }
  }
  if (remove !== undefined && open.has(remove)) {
    open.get(remove).db.close();
    open.delete(remove);
  }
  if (open.size > 0 && !timer) timer = setInterval(tick, workerData.intervalMs);
  if (open.size === 0 && timer) timer = clearInterval(timer);
});
`;

const INTERVAL_MS = 200;
let worker: Worker | undefined;
/** How many opened connections checkpoint each file (a file opened twice is checkpointed once). */
const users = new Map<string, number>();

function shared(): Worker {
  if (!worker) {
    worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { intervalMs: INTERVAL_MS, driver: require.resolve('better-sqlite3') } });
    worker.unref();
    // The connections still checkpoint themselves (wal_autocheckpoint): a failed helper never stops the server.
    worker.on('error', () => {});
    worker.on('exit', () => {
      worker = undefined;
      users.clear();
    });
  }
  return worker;
}

/** Checkpoints the WAL of `file` every 200 ms while it changes, from the process's checkpointer thread, until stopped. */
export function startCheckpointer(file: string): { stop(): void } {
  users.set(file, (users.get(file) ?? 0) + 1);
  if (users.get(file) === 1) shared().postMessage({ add: file });
  let stopped = false;
  return {
    stop() {
      if (stopped || !users.has(file)) return;
      stopped = true;
      const left = users.get(file)! - 1;
      if (left > 0) return void users.set(file, left);
      users.delete(file);
      worker?.postMessage({ remove: file });
    },
  };
}
