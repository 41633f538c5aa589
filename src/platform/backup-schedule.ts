import { Worker } from 'node:worker_threads';
import type { Clock } from './time';
import type { DateTime } from 'luxon';
import { backupSummary, lastBackup, nextBackupAt, type BackupInfo } from './backups';

interface Log {
  info(details: object, message: string): void;
  error(details: object, message: string): void;
}

/** Why a server on PostgreSQL takes no backups of its own, said once at its start. */
export const NO_BACKUPS_ON_POSTGRES =
  'no daily backup by the server on PostgreSQL (BACKUP_TIME is not used): back up with `npm run backup` (pg_dump) from cron on one machine, or with the PostgreSQL tooling of the hosting';

/**
 * The server's backups: taken in a thread of their own (`workerFile`, see
 * src/heavy-work/backup-worker.ts), daily at `dailyAt` local time in `zone` once started, and
 * on demand; one at a time. An in-memory database (tests) has none. Nor has a server on
 * PostgreSQL (`onPostgres`): every one of its processes would take the same backup, each on its
 * own machine's disk, and a hosted database is backed up by `npm run backup` from cron or by the
 * hosting's own PostgreSQL tooling.
 */
export function createBackupSchedule(options: {
  databasePath: string | null;
  onPostgres?: boolean;
  documentsPath: string;
  dir: string;
  keep: number;
  dailyAt: string | null;
  zone: string;
  version: string;
  clock: Clock;
  workerFile: string;
  /** Whose turn it is: the daily backups of a deployment's governments wait for each other's (see `oneAtATime`). */
  turns?: <T>(task: () => Promise<T>) => Promise<T>;
}) {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<BackupInfo> | undefined;
  let worker: Worker | undefined;
  let lastFailure: { at: string; message: string } | null = null;
  let stopping = false;

  function takeNow(): Promise<BackupInfo> {
    // A daily backup still waiting its turn when the server stops is not started.
    if (stopping) return Promise.reject(new Error('the server is stopping'));
    if (options.onPostgres) return Promise.reject(new Error(NO_BACKUPS_ON_POSTGRES));
    if (!options.databasePath) return Promise.reject(new Error('an in-memory database has no backups'));
    running ??= new Promise<BackupInfo>((resolve, reject) => {
      const { databasePath, documentsPath, dir: backupDir, keep, version } = options;
      worker = new Worker(options.workerFile, { workerData: { databasePath, documentsPath, backupDir, keep, version, now: options.clock.now().toJSDate() } });
      worker.once('message', (answer: { ok: true; backup: BackupInfo } | { ok: false; message: string }) => (answer.ok ? resolve(answer.backup) : reject(new Error(answer.message))));
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`the backup thread stopped (exit code ${code})`)));
    }).then(
      (backup) => {
        lastFailure = null;
        return backup;
      },
      (error: Error) => {
        // A backup cut off by the server stopping is no failure: its unfinished folder is removed by the next.
        if (!stopping) lastFailure = { at: options.clock.now().toUTC().toISO()!, message: error.message };
        throw error;
      },
    );
    return running.finally(() => {
      running = undefined;
      worker = undefined;
    });
  }

  return {
    takeNow,
    /** The newest backup (as the console and /health/ready show it), and this server's last backup failure since its last success. */
    standing() {
      const last = lastBackup(options.dir);
      return { last: last ? backupSummary(last) : null, lastFailure, dailyAt: options.databasePath ? options.dailyAt : null };
    },
    /** Whether backups are taken by cron, not by the servers (on PostgreSQL). */
    byCron: options.onPostgres === true,
    /** The newest backup, if any. */
    last: (): BackupInfo | undefined => lastBackup(options.dir),
    /** Schedules the daily backup (nothing without a time or a database file). */
    start(log: Log) {
      const { dailyAt, databasePath } = options;
      if (options.onPostgres && dailyAt) log.info({ backupTime: dailyAt }, NO_BACKUPS_ON_POSTGRES);
      if (!dailyAt || !databasePath) return;
      // The next is planned from this one's due time, not from the clock: a timer may fire a little early.
      const plan = (after: DateTime) => {
        const due = nextBackupAt(after, dailyAt, options.zone);
        timer = setTimeout(() => {
          (options.turns ?? ((task) => task()))(takeNow).then(
            (backup) => log.info({ folder: backup.folder, bytes: backup.database.bytes, documents: backup.documents.count, missingDocuments: backup.documents.missing?.length ?? 0 }, 'backup taken'),
            (err: Error) => {
              if (!stopping) log.error({ err }, 'backup failed; the next is tried at the next scheduled time');
            },
          );
          plan(due);
        }, Math.max(0, due.diff(options.clock.now()).as('milliseconds')));
        timer.unref();
      };
      plan(options.clock.now());
    },
    /** Stops the schedule and any backup under way (its unfinished folder is not a backup). */
    async stop() {
      stopping = true;
      clearTimeout(timer);
      await worker?.terminate();
    },
  };
}

export type BackupSchedule = ReturnType<typeof createBackupSchedule>;

/** Runs the tasks given one after another, whoever gives them: the governments' daily backups, due at the same time, take one thread in turn. */
export function oneAtATime() {
  let last: Promise<unknown> = Promise.resolve();
  return <T>(task: () => Promise<T>): Promise<T> => {
    const result = last.then(task, task);
    last = result.catch(() => undefined);
    return result;
  };
}
