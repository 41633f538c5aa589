import { buildTestApp, expectProblem, type TestApp } from '../helpers/app';
import { signedInPerson } from '../helpers/pages';
import { pdfPages } from '../helpers/pdf';
import { systemActor } from '../../src/platform/actor';
import { compiledEntry, createWorkerPool } from '../../src/platform/worker-pool';

/** A job that keeps the pool's worker busy until released (the job table's test aid). */
function holdWorker(t: TestApp, owner: string) {
  const signal = new SharedArrayBuffer(4);
  const done = t.app.services.workerPool.run(owner, 'holdUntilSignalled', [signal]);
  return {
    done,
    release: async () => {
      Atomics.store(new Int32Array(signal), 0, 1);
      Atomics.notify(new Int32Array(signal), 0);
      expect(await done).toBe('released');
    },
  };
}

async function batchWithOfficial(t: TestApp) {
  const programme = await t.make.programme();
  const batch = await t.make.batch(programme.id, { name: 'Angkatan I' });
  const unit = await t.make.unit({ code: 'DISHUB', name: 'Dinas Perhubungan' });
  const person = await t.make.participant(unit.id, { name: 'Rahmat Hidayat' });
  await t.organiser.post(`/batches/${batch.id}/enrolments`, { participantId: person.id });
  return { programme, batch };
}

describe('the worker pool of heavy work', () => {
  let t: TestApp;
  afterEach(() => t.app.close());

  it('makes PDFs and XLSX files in a worker thread, not on the thread that serves requests', async () => {
    t = await buildTestApp({ now: '2013-10-01T01:00:00Z' });
    const { programme, batch } = await batchWithOfficial(t);
    expect(t.app.services.workerPool.stats().workers).toBe(0); // started when first needed

    const sheet = await t.organiser.get(`/batches/${batch.id}/attendance-sheet.pdf?day=1`);
    expect(sheet.status).toBe(200);
    expect((await pdfPages(sheet.raw.rawPayload)).join(' ')).toContain('Rahmat Hidayat');
    const xlsx = await t.app.inject({ url: `/programmes/${programme.id}/progress?format=xlsx`, headers: { authorization: `Bearer ${t.organiserKey}` } });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expect(t.app.services.workerPool.stats().workers).toBeGreaterThanOrEqual(1);
  });

  it('refuses when full: 503 for everyone while every worker and the queue are taken, 429 for a person with too many jobs, with Retry-After', async () => {
    t = await buildTestApp({ now: '2013-10-01T01:00:00Z', env: { WORKER_THREADS: '1', WORKER_QUEUE: '0', WORKER_JOBS_PER_PERSON: '1' } });
    const { batch } = await batchWithOfficial(t);
    const organiserKeyId = (await t.app.services.access.list()).find((k) => k.label === 'Bagian Organisasi')!.id;

    // Someone else's job holds the only worker: the API and the pages say the service is busy.
    const other = holdWorker(t, 'key:someone-else');
    const busy = await t.organiser.get(`/batches/${batch.id}/attendance-sheet.pdf?day=1`);
    expectProblem(busy, 503, 'POOL_BUSY');
    expect(Number(busy.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    const desk = (await signedInPerson(t.app, t.organiser, { email: 'organisasi@banjarmasinkota.go.id', name: 'Rina', role: 'organiser' })).client;
    const cookie = [...desk.jar].map(([k, v]) => `${k}=${v}`).join('; ');
    const page = await t.app.inject({ url: `/organisasi/angkatan/${batch.id}/daftar-hadir.pdf?hari=1`, headers: { cookie, accept: 'text/html' } });
    expect(page.statusCode).toBe(503);
    expect(page.headers['retry-after']).toBeDefined();
    expect(page.body).toContain('Layanan sedang sibuk membuat dokumen dan berkas lain');
    await other.release();

    // The organiser's own job still running: a second one is theirs too many (the queue is not the limit here).
    const own = holdWorker(t, `key:${organiserKeyId}`);
    const tooMany = await t.organiser.get(`/batches/${batch.id}/attendance-sheet.pdf?day=1`);
    expectProblem(tooMany, 429, 'TOO_MANY_JOBS');
    expect(Number(tooMany.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    await own.release();

    // Free again: the same request is served.
    const served = await t.organiser.get(`/batches/${batch.id}/attendance-sheet.pdf?day=1`);
    expect(served.status).toBe(200);
  });

  it('ends a job that needs more memory than a worker may have with a clean 503, replaces the worker, and goes on', async () => {
    t = await buildTestApp({ now: '2013-10-01T01:00:00Z', env: { WORKER_THREADS: '1', WORKER_HEAP_MB: '32' } });
    const { batch } = await batchWithOfficial(t);
    const runaway = t.app.services.workerPool.run('key:runaway', 'exhaustMemory', []);
    await expect(runaway).rejects.toMatchObject({ status: 503, code: 'WORK_TOO_LARGE' });

    // This process (the server) is alive, and the next job gets a new worker.
    const sheet = await t.organiser.get(`/batches/${batch.id}/attendance-sheet.pdf?day=1`);
    expect(sheet.status).toBe(200);
    expect((await pdfPages(sheet.raw.rawPayload)).join(' ')).toContain('Rahmat Hidayat');
  });

  it('parses imports through the pool for scripts too, and refuses with 503 once the app is closed', async () => {
    t = await buildTestApp();
    const outcome = await t.app.services.units.importCsv(systemActor, 'code,name,kind\nDISHUB,Dinas Perhubungan,dinas\n');
    expect(outcome.created).toBe(1);
    await t.app.close();
    await expect(t.app.services.units.importCsv(systemActor, 'code,name,kind\nDINKES,Dinas Kesehatan,dinas\n')).rejects.toMatchObject({ status: 503, code: 'SHUTTING_DOWN' });
    t = await buildTestApp(); // for afterEach
  });
});

it('stops a job that runs past its time limit, refuses it in words, and serves the next job on a new worker', async () => {
  const pool = createWorkerPool({ file: compiledEntry(require.resolve('../../src/heavy-work/worker')), size: 1, queueLength: 1, perPerson: 2, heapMb: 32, jobTimeLimitMs: 4000 }); // a new worker starts well within it, even on a loaded machine
  try {
    await expect(pool.run('account:1', 'holdUntilSignalled', [new SharedArrayBuffer(4)])).rejects.toMatchObject({ status: 503, code: 'WORK_TOO_LARGE' });
    // The person's count went down with the job: two more may run, the first on a fresh worker.
    const signal = new SharedArrayBuffer(4);
    const next = pool.run('account:1', 'holdUntilSignalled', [signal]);
    Atomics.store(new Int32Array(signal), 0, 1);
    Atomics.notify(new Int32Array(signal), 0);
    expect(await next).toBe('released');
    expect(pool.stats()).toEqual({ workers: 1, busy: 0, queued: 0 });
  } finally {
    await pool.close();
  }
});
