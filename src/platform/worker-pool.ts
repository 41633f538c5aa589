import { existsSync, readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import path from 'node:path';
import { parentPort, Worker } from 'node:worker_threads';
import type { Actor } from './actor';
import { AppError } from './errors';
import { SpreadsheetError } from './spreadsheet';

/**
 * Heavy work (PDFs, spreadsheets, large file parsing) runs in a few worker threads, so the one
 * thread that answers everyone only reads data and sends answers. The pool is bounded: at most
 * `size` jobs run, `queueLength` wait, and one person has at most `perPerson` running or
 * waiting; anything more is refused at once (503 or 429 with Retry-After) instead of queueing
 * without end. Each worker has a heap cap: a job that exceeds it ends that job (503), its
 * worker is replaced, and the server goes on.
 */
export interface WorkerPoolOptions {
  /** The compiled worker entry (see compiledEntry). */
  file: string;
  size: number;
  queueLength: number;
  perPerson: number;
  heapMb: number;
  /** The longest a job may run before its worker is stopped (tests shorten it). */
  jobTimeLimitMs?: number;
}

/** A job's function: plain data in (structured-cloneable), plain data or a Buffer out. */
type JobFunction = (...args: never[]) => unknown;
type Jobs = Record<string, JobFunction>;

/** The jobs as the main thread calls them: who asks first (for the per-person bound), then the job's own arguments. */
export type Offloaded<J> = {
  [K in keyof J]: J[K] extends (...args: infer A) => infer R ? (who: Actor, ...args: A) => Promise<Awaited<R>> : never;
};

interface Job {
  id: number;
  owner: string;
  name: string;
  args: unknown[];
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

interface Slot {
  worker: Worker;
  job: Job | null;
  /** Ends a job that runs past JOB_TIME_LIMIT_MS (its worker is stopped and replaced). */
  deadline?: NodeJS.Timeout;
}

/** The longest a job may run: the largest (a 10,000-unit XLSX, a 5,000-row import) take about a second. */
const JOB_TIME_LIMIT_MS = 60_000;

/** The person a job counts against: the signed-in account, else the API key (a script is one person). */
export const ownerOf = (actor: Actor) => (actor.userId != null ? `account:${actor.userId}` : actor.keyId != null ? `key:${actor.keyId}` : `role:${actor.role}`);

/**
 * The worker entry as compiled JavaScript: a worker thread runs plain Node, without the
 * TypeScript transform of Jest (@swc, in-process) or tsx. Running compiled (npm start) the
 * file is next to this one; running from src/ the same path under dist/ is used, which the
 * test run's global setup builds when stale (`npm run build` after changing worker code in dev).
 */
export function compiledEntry(sourceFile: string): string {
  const js = sourceFile.replace(/\.ts$/, '.js');
  if (js === sourceFile || existsSync(js)) return js;
  const root = path.resolve(__dirname, '..', '..');
  return path.join(root, 'dist', path.relative(root, js));
}

/** Errors that cross the thread boundary as the same class, so callers can tell them apart. */
const ERROR_CLASSES: Record<string, new (message: string) => Error> = { SpreadsheetError };

const shuttingDown = () => new AppError(503, 'SHUTTING_DOWN', 'The service is shutting down; try again in a moment', undefined, { retryAfterSeconds: 5 });

function revive(error: { name: string; message: string; fields: Record<string, unknown> }): Error {
  if (error.name === 'AppError') {
    const { status, code, errors, extensions } = error.fields as { status: number; code: string; errors?: []; extensions?: Record<string, unknown> };
    return new AppError(status, code, error.message, errors, extensions);
  }
  const Class = ERROR_CLASSES[error.name];
  return Object.assign(Class ? new Class(error.message) : new Error(error.message), error.fields);
}

export function createWorkerPool(options: WorkerPoolOptions) {
  const slots: Slot[] = [];
  const queue: Job[] = [];
  const perOwner = new Map<string, number>();
  let nextId = 1;
  let closed = false;
  /** A running average of how long a job takes, to tell a refused client when to come back. */
  let averageMs = 500;
  const startedAt = new Map<number, number>();

  const retryAfter = () => Math.max(1, Math.ceil((averageMs * (queue.length + 1)) / options.size / 1000));

  function release(job: Job) {
    const left = (perOwner.get(job.owner) ?? 1) - 1;
    if (left > 0) perOwner.set(job.owner, left);
    else perOwner.delete(job.owner);
  }

  function settle(slot: Slot, outcome: (job: Job) => void) {
    const job = slot.job;
    if (!job) return;
    slot.job = null;
    clearTimeout(slot.deadline);
    const began = startedAt.get(job.id);
    startedAt.delete(job.id);
    if (began !== undefined) averageMs = 0.8 * averageMs + 0.2 * (Date.now() - began);
    release(job);
    outcome(job);
  }

  function forget(slot: Slot) {
    const at = slots.indexOf(slot);
    if (at >= 0) slots.splice(at, 1);
  }

  function spawn(): Slot {
    const worker = new Worker(options.file, {
      resourceLimits: { maxOldGenerationSizeMb: options.heapMb, maxYoungGenerationSizeMb: Math.max(4, Math.round(options.heapMb / 8)) },
      // The worker's own stdout/stderr would keep the process's streams busy; it reports through messages.
      stdout: false,
      stderr: false,
    });
    const slot: Slot = { worker, job: null };
    worker.unref();
    worker.on('message', (message: { id: number; ok: boolean; value?: unknown; error?: Parameters<typeof revive>[0] }) => {
      if (slot.job?.id !== message.id) return;
      settle(slot, (job) => (message.ok ? job.resolve(message.value instanceof Uint8Array ? Buffer.from(message.value.buffer, message.value.byteOffset, message.value.byteLength) : message.value) : job.reject(revive(message.error!))));
      next(slot);
    });
    worker.on('error', (error: Error & { code?: string }) => {
      // A crashed worker takes no new job, even before its exit arrives.
      forget(slot);
      settle(slot, (job) =>
        job.reject(
          error.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? new AppError(503, 'WORK_TOO_LARGE', `This job needed more than the ${options.heapMb} MB a worker may use and was stopped; the service goes on`)
            : error,
        ),
      );
    });
    worker.on('exit', () => {
      // A worker that died (out of memory, a crash, past its time) is replaced by the next job that needs one.
      forget(slot);
      settle(slot, (job) => job.reject(closed ? shuttingDown() : new AppError(503, 'WORK_TOO_LARGE', 'The worker running this job stopped; the service goes on')));
      if (!closed && queue.length > 0) dispatch(queue.shift()!);
    });
    slots.push(slot);
    return slot;
  }

  function start(slot: Slot, job: Job) {
    slot.job = job;
    startedAt.set(job.id, Date.now());
    // A busy worker keeps the process alive until its answer comes; an idle one does not (scripts end).
    slot.worker.ref();
    slot.deadline = setTimeout(() => void slot.worker.terminate(), options.jobTimeLimitMs ?? JOB_TIME_LIMIT_MS).unref();
    try {
      slot.worker.postMessage({ id: job.id, name: job.name, args: job.args });
    } catch (error) {
      // Arguments that cannot cross to a thread: this job fails, the worker stays free.
      settle(slot, (failed) => failed.reject(error));
      next(slot);
    }
  }

  function next(slot: Slot) {
    const job = queue.shift();
    if (job) start(slot, job);
    else slot.worker.unref();
  }

  /** Runs the job on an idle worker, a new one (the pool starts lazily), or queues it; false when none of these is possible. */
  function dispatch(job: Job): boolean {
    const idle = slots.find((s) => s.job === null);
    if (idle) start(idle, job);
    else if (slots.length < options.size) start(spawn(), job);
    else if (queue.length < options.queueLength) queue.push(job);
    else return false;
    return true;
  }

  function run(owner: string, name: string, args: unknown[]): Promise<unknown> {
    if (closed) return Promise.reject(shuttingDown());
    const mine = perOwner.get(owner) ?? 0;
    if (mine >= options.perPerson)
      return Promise.reject(new AppError(429, 'TOO_MANY_JOBS', `You already have ${mine} document(s) or file(s) being made; wait for them to finish`, undefined, { retryAfterSeconds: retryAfter() }));
    return new Promise((resolve, reject) => {
      const job: Job = { id: nextId++, owner, name, args, resolve, reject };
      // Counted before it is dispatched: a job that fails at once is released against this count.
      perOwner.set(owner, mine + 1);
      if (dispatch(job)) return;
      release(job);
      reject(new AppError(503, 'POOL_BUSY', 'The service is busy making other documents and files; try again in a moment', undefined, { retryAfterSeconds: retryAfter() }));
    });
  }

  return {
    run,
    /** A typed client of a job table: `heavy.attendanceSheet(actor, heading, input)` runs in a worker. */
    /** The jobs, each run for its actor; `scope` tells apart the people of the tenants sharing the pool (their ids repeat). */
    client<J extends Jobs>(scope = ''): Offloaded<J> {
      return new Proxy({} as Offloaded<J>, { get: (_, name) => (who: Actor, ...args: unknown[]) => run(`${scope}${ownerOf(who)}`, String(name), args) });
    },
    /** How many workers run and how many jobs wait. */
    stats: () => ({ workers: slots.length, busy: slots.filter((s) => s.job).length, queued: queue.length }),
    /** Ends the workers; waiting and running jobs are refused (the server is closing). */
    async close() {
      closed = true;
      for (const job of queue.splice(0)) {
        release(job);
        job.reject(shuttingDown());
      }
      await Promise.all(slots.map((s) => s.worker.terminate()));
    },
  };
}

export type WorkerPool = ReturnType<typeof createWorkerPool>;

/**
 * Linux: this thread yields the CPU to the one that answers requests when both want it (nice
 * 10, for this thread only: its id from /proc/thread-self). Elsewhere nothing changes.
 */
function lowerThreadPriority() {
  try {
    setPriority(Number(readlinkSync('/proc/thread-self').split('/').pop()), 10);
  } catch {
    // Not Linux, or not allowed: the threads share the CPU evenly.
  }
}

/**
 * Inside a worker: answers each job message by running the named job. A Buffer answer is moved
 * (transferred), not copied; an error goes back with its class name and fields.
 */
export function serveJobs(jobs: Jobs): void {
  const port = parentPort;
  if (!port) throw new Error('serveJobs runs inside a worker thread');
  lowerThreadPriority();
  port.on('message', async ({ id, name, args }: { id: number; name: string; args: unknown[] }) => {
    try {
      const job = jobs[name];
      if (!job) throw new Error(`no job named ${name}`);
      const value = await (job as (...a: unknown[]) => unknown)(...args);
      if (value instanceof Uint8Array) {
        // Small Buffers share a pooled ArrayBuffer: only a buffer of its own can be moved.
        const own = value.byteOffset === 0 && value.byteLength === value.buffer.byteLength && value.buffer instanceof ArrayBuffer ? value : new Uint8Array(value);
        port.postMessage({ id, ok: true, value: own }, [own.buffer as ArrayBuffer]);
      } else port.postMessage({ id, ok: true, value });
    } catch (caught) {
      const error = caught instanceof Error ? caught : new Error(String(caught));
      // The class's own name: a subclass that does not set `name` is still told apart.
      const sent = { id, ok: false, error: { name: error.constructor.name, message: error.message, fields: { ...error } } };
      try {
        port.postMessage(sent);
      } catch {
        // Fields that cannot cross to the main thread: the class and message still do.
        port.postMessage({ ...sent, error: { ...sent.error, fields: {} } });
      }
    }
  });
}
