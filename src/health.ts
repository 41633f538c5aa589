import { timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Config } from './config';
import type { Container } from './container';
import type { OpenDatabase } from './platform/database';
import { postgresMigrations, type PostgresDatabase } from './platform/postgres';
import { AppError } from './platform/errors';
import { promClient } from './platform/heavy-modules';
import type { FailureLimiter } from './http/failure-limiter';
import { hashSecret } from './platform/secrets';
import { NEWEST_MIGRATION, newestAppliedMigration } from './platform/migrations';
import { VERSION } from './platform/version';

/** Free space on the file system that holds `folder` (or its nearest existing parent), in MB. */
function freeMegabytes(folder: string): number {
  let dir = path.resolve(folder);
  while (!fs.existsSync(dir) && dir !== path.dirname(dir)) dir = path.dirname(dir);
  const stats = fs.statfsSync(dir);
  return Math.floor((stats.bavail * stats.bsize) / (1024 * 1024));
}

/** A check that fails in words rather than failing the probe (a 500 would say nothing). */
async function check<T extends { ok: boolean }>(run: () => T | Promise<T>): Promise<T | { ok: false; problem: string }> {
  try {
    return await run();
  } catch (error) {
    return { ok: false, problem: (error as Error).message };
  }
}

/**
 * What /health/ready checks, each with its details: the database takes writes, its migrations
 * are this code's, the notice worker runs and keeps up (nothing 15 minutes overdue), the disk
 * holding the data has READY_MIN_FREE_MB free. The last backup and the worker threads are
 * details only: they never take the server out of a load balancer.
 */
export async function readiness(services: Container, database: OpenDatabase | PostgresDatabase, config: Pick<Config, 'databasePath' | 'documentsPath' | 'readyMinFreeMb'>) {
  const checks = {
    database: await check(async () => {
      await services.uow.write(() => undefined); // takes the write lock (BEGIN IMMEDIATE) and lets it go
      return { ok: true };
    }),
    migrations: await check(async () => {
      if (database.engine === 'postgres') {
        const { applied, known } = await postgresMigrations(database.pool);
        return { ok: applied === known, applied, known };
      }
      const applied = newestAppliedMigration(database.sqlite);
      return { ok: applied === NEWEST_MIGRATION, applied, known: NEWEST_MIGRATION };
    }),
    notices: await check(async () => {
      const worker = await services.notices.health();
      const counts = await services.outbox.counts();
      return { ok: worker.running && worker.overdueSince === null, ...worker, pending: counts.pending ?? 0, failed: counts.failed ?? 0 };
    }),
    // The disk holding the data: the SQLite file's, or (PostgreSQL's being another machine's) the documents'.
    disk: await check(() => {
      const freeMb = freeMegabytes(database.engine === 'postgres' ? config.documentsPath : database.sqlite.memory ? config.databasePath : path.dirname(database.sqlite.name));
      return { ok: freeMb >= config.readyMinFreeMb, freeMb, minimumMb: config.readyMinFreeMb };
    }),
  };
  const details = await check(() => ({ ok: true, backup: services.backups.standing(), workerThreads: services.workerPool.stats() }));
  return { ready: Object.values(checks).every((c) => c.ok), checks, ...('problem' in details ? { detailsProblem: details.problem } : { backup: details.backup, workerThreads: details.workerThreads }) };
}

/** Whether a request may read the server's details: from the machine itself, or with the metrics token. */
const loopback = (ip: string) => ip === '::1' || ip.startsWith('127.') || ip.startsWith('::ffff:127.');

/** Prometheus metrics of one app: requests by route and status, latency, the process, the outbox, the last backup. */
function createMetrics(services: Container) {
  const { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } = promClient();
  const register = new Registry();
  collectDefaultMetrics({ register });
  const requests = new Counter({ name: 'http_requests_total', help: 'Requests answered, by route pattern, method and status', labelNames: ['route', 'method', 'status'], registers: [register] });
  const latency = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time to answer, by route pattern and method',
    labelNames: ['route', 'method'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [register],
  });
  new Gauge({
    name: 'sop_notice_deliveries',
    help: 'Notice deliveries in the outbox, by status',
    labelNames: ['status'],
    registers: [register],
    async collect() {
      const counts = await services.outbox.counts();
      for (const status of ['pending', 'sent', 'failed'] as const) this.set({ status }, counts[status] ?? 0);
    },
  });
  new Gauge({
    name: 'sop_last_backup_age_seconds',
    help: 'Seconds since the newest backup was taken (+Inf: none yet, so an alert on its age fires)',
    registers: [register],
    collect() {
      const last = services.backups.last();
      this.set(last ? (services.clock.now().toMillis() - Date.parse(last.takenAt)) / 1000 : Infinity);
    },
  });
  new Gauge({
    name: 'sop_worker_jobs',
    help: 'Heavy-work jobs in the worker threads, running or queued',
    labelNames: ['state'],
    registers: [register],
    collect() {
      const stats = services.workerPool.stats();
      this.set({ state: 'running' }, stats.busy);
      this.set({ state: 'queued' }, stats.queued);
    },
  });
  return { register, requests, latency };
}

/**
 * GET /health (liveness, kept as it was, with the version), /health/live, /health/ready (503
 * when a check fails) and, with METRICS_TOKEN set, GET /metrics for Prometheus behind that
 * bearer token (without it /metrics does not exist: nothing about the server is public).
 */
export function healthRoutes(app: FastifyInstance, services: Container, database: OpenDatabase | PostgresDatabase, config: Pick<Config, 'databasePath' | 'documentsPath' | 'readyMinFreeMb' | 'metricsToken'>, keyFailures: FailureLimiter) {
  const noAuth = { security: [] };
  app.get(
    '/health',
    {
      schema: { tags: ['health'], summary: 'Liveness, with the release', ...noAuth, response: { 200: Type.Object({ status: Type.Literal('ok'), version: Type.String() }), '4xx': Type.Ref('Problem') } },
    },
    async () => ({ status: 'ok' as const, version: VERSION }),
  );
  app.get('/health/live', { schema: { tags: ['health'], summary: 'The process is up', ...noAuth, response: { 200: Type.Object({ status: Type.Literal('ok') }), '4xx': Type.Ref('Problem') } } }, async () => ({ status: 'ok' as const }));

  const token = config.metricsToken;
  const tokenPresented = (authorization: string | undefined) => {
    const presented = /^Bearer (.+)$/.exec(authorization ?? '')?.[1];
    return token !== null && presented !== undefined && timingSafeEqual(Buffer.from(hashSecret(presented)), Buffer.from(hashSecret(token)));
  };
  const Ready = Type.Object(
    { status: Type.Union([Type.Literal('ready'), Type.Literal('not ready')]), version: Type.String() },
    { additionalProperties: true, description: 'From the machine itself or with the metrics token: each check (database, migrations, notices, disk) with its details, the last backup and the worker threads' },
  );
  app.get(
    '/health/ready',
    {
      schema: {
        tags: ['health'],
        summary: 'Ready to serve: database writable, migrations current, notice worker keeping up, disk space (503 when not); details from the machine itself or with the metrics token',
        ...noAuth,
        response: { 200: Ready, 503: Ready, '4xx': Type.Ref('Problem') },
      },
    },
    async (request, reply) => {
      const { ready, ...details } = await readiness(services, database, config);
      const status = ready ? ('ready' as const) : ('not ready' as const);
      // Anyone else (a load balancer) needs the status code only: paths, counts and free space are not theirs to read.
      const shown = loopback(request.ip) || tokenPresented(request.headers.authorization) ? details : {};
      return reply.code(ready ? 200 : 503).send({ status, version: VERSION, ...shown });
    },
  );

  if (!token) return;
  const metrics = createMetrics(services);
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    if (route === '/metrics') return;
    metrics.requests.inc({ route, method: request.method, status: String(reply.statusCode) });
    metrics.latency.observe({ route, method: request.method }, reply.elapsedTime / 1000);
  });
  app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
    if (!tokenPresented(request.headers.authorization)) {
      // Wrong tokens spend the address's budget of failed API keys: guessing is refused like guessing keys.
      keyFailures.check(request);
      await keyFailures.fail(request);
      throw new AppError(401, 'METRICS_TOKEN', 'GET /metrics needs Authorization: Bearer <METRICS_TOKEN>');
    }
    return reply.type(metrics.register.contentType).send(await metrics.register.metrics());
  });
}
