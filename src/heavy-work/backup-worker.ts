import { parentPort, workerData } from 'node:worker_threads';
import { takeBackup } from '../platform/backups';

// A backup in a thread of its own (started for it, ended after it): copying and checking a
// large database takes seconds, which the thread that answers requests must not spend.
try {
  parentPort!.postMessage({ ok: true, backup: takeBackup(workerData) });
} catch (error) {
  parentPort!.postMessage({ ok: false, message: (error as Error).message });
}
