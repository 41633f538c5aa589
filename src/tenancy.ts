import { AsyncLocalStorage, AsyncResource } from 'node:async_hooks';
import type { IncomingMessage } from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyBaseLogger, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from './config';
import { createContainer, type Container, type ContainerConfig } from './container';
import { createTenantsRepository, type TenantRow } from './features/tenants/tenants.repository';
import { normaliseHost, tenantDatabaseName, tenantFolderName } from './features/tenants/tenants.rules';
import { createTenantsService, type GovernmentAdministration } from './features/tenants/tenants.service';
import type { Api } from './http/api';
import { PROBLEM_CONTENT_TYPE, toProblem } from './http/problem';
import { openDatabase, type OpenDatabase } from './platform/database';
import { invalidField, notFound } from './platform/errors';
import { systemActor } from './platform/actor';
import { openPostgres, quotedName, type PostgresDatabase } from './platform/postgres';
import type { DatabaseSource } from './platform/read-only-database';
import type { Government } from './features/progress/progress.report';
import type { GovernmentLinks } from './features/partners/partners.service';
import type { Clock } from './platform/time';
import { compiledEntry, createWorkerPool } from './platform/worker-pool';
import { oneAtATime } from './platform/backup-schedule';

/*
 * Many governments (tenants) in one deployment. Each tenant's data is a database of its own
 * (a SQLite file, or a PostgreSQL database on the deployment's server), served by a container
 * of its own: no repository query can reach another tenant's rows, because no connection of
 * one tenant holds them. The deployment's own database is the home tenant's; it also keeps the
 * registry (the `tenants` table). A deployment that registers no tenant is one government, as
 * before: same addresses, keys, feeds and calendar UIDs.
 *
 * A request's tenant is found once, here, from its host name or its `/g/<slug>` prefix, and
 * held for the request in an AsyncLocalStorage; the routes' and pages' services are `services`,
 * which hands every call to the current tenant's container.
 */

export const TENANT_ROUTINGS = ['single', 'host', 'path'] as const;
export type TenantRouting = (typeof TENANT_ROUTINGS)[number];

type TenancyConfig = ContainerConfig & Pick<Config, 'tenantRouting' | 'databasePath' | 'databaseUrl' | 'databasePoolSize' | 'databaseSynchronous'>;

export interface Tenant {
  /** The registry's row; null for the home tenant of a deployment that has registered none. */
  row: TenantRow | null;
  services: Container;
  database: OpenDatabase | PostgresDatabase;
}

/** Where a tenant's own files go (its SQLite file, its documents): beside the deployment's database. */
export const tenantFolder = (config: Pick<Config, 'databasePath'>, slug: string) => path.join(path.dirname(config.databasePath), tenantFolderName(slug));

/** The address of a tenant's pages and feeds, as emails and calendar feeds give them. */
function tenantBaseUrl(config: TenancyConfig, row: TenantRow): string {
  if (row.database === null) return config.publicBaseUrl;
  if (config.tenantRouting === 'host' && row.host) return `${new URL(config.publicBaseUrl).protocol}//${row.host}`;
  return `${config.publicBaseUrl}/g/${row.slug}`;
}

/** The settings a tenant's container runs with: the configuration, with what the tenant says of itself. */
export function tenantConfig(config: TenancyConfig, row: TenantRow | null): ContainerConfig {
  if (!row) return config;
  const own = row.database !== null;
  const organisationName = row.organisationName ?? (own ? row.name : config.organisationName);
  return {
    ...config,
    organisationName,
    defaultTimezone: row.timezone ?? config.defaultTimezone,
    // Without its own sender, its emails go from the deployment's address in its own name.
    mailFrom: row.mailFrom ?? (own ? `"${organisationName.replace(/["\\]/g, '')}" <${addressOf(config.mailFrom)}>` : config.mailFrom),
    publicBaseUrl: tenantBaseUrl(config, row),
    documentsPath: own ? path.join(tenantFolder(config, row.slug), 'documents') : config.documentsPath,
    // Each government's backups in a folder of its own, at the same daily time (taken in turn);
    // on PostgreSQL cron takes them, as the home's start says once.
    backups: own ? { ...config.backups, dir: path.join(config.backups.dir, row.slug), dailyAt: config.databaseUrl ? null : config.backups.dailyAt } : config.backups,
  };
}

/** `Name <a@b.go.id>` or `a@b.go.id` -> `a@b.go.id`. */
const addressOf = (from: string) => /<([^>]+)>\s*$/.exec(from)?.[1] ?? from.trim();

/** `postgres://u:p@h/sop` with another database: `postgres://u:p@h/sop_sleman`. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** A registered tenant's own database, migrated (the home tenant's is the deployment's). */
export async function openTenantDatabase(config: TenancyConfig, row: TenantRow & { database: string }): Promise<OpenDatabase | PostgresDatabase> {
  return config.databaseUrl ? openPostgres(withDatabase(config.databaseUrl, row.database), { poolSize: config.databasePoolSize }) : openDatabase(row.database, { synchronous: config.databaseSynchronous });
}

/** The database a government's data is in on the deployment's PostgreSQL server (`DATABASE_URL`'s, then the slug). */
export const tenantDatabaseOf = (homeUrl: string, slug: string) => tenantDatabaseName(decodeURIComponent(new URL(homeUrl).pathname.slice(1)), slug);

const databaseTaken = (slug: string, database: string) => invalidField('/slug', `${database} already exists: move it away, or register the government under another slug than ${slug}`, { reason: 'TAKEN' });

/**
 * Makes a new tenant's empty, migrated database: a SQLite file in its own folder, or a database
 * on the deployment's PostgreSQL server (the deployment's role needs CREATEDB). Discarding it
 * removes what was made.
 */
export function tenantDatabaseMaker(config: TenancyConfig, home: OpenDatabase | PostgresDatabase) {
  return async (slug: string): Promise<{ database: string; discard(): Promise<void> }> => {
    if (home.engine === 'postgres') {
      const name = tenantDatabaseOf(config.databaseUrl!, slug);
      await home.pool.query(`CREATE DATABASE ${quotedName(name)}`).catch((err: unknown) => {
        // Another registration of the same slug at the same moment, or a database left from before.
        if (['42P04', '23505'].includes(String((err as { code?: string }).code))) throw databaseTaken(slug, name);
        throw err;
      });
      const discard = async () => void (await home.pool.query(`DROP DATABASE IF EXISTS ${quotedName(name)}`));
      await openPostgres(withDatabase(config.databaseUrl!, name), { poolSize: 1 }).then((made) => made.close(), async (err: unknown) => {
        await discard();
        throw err;
      });
      return { database: name, discard };
    }
    const folder = tenantFolder(config, slug);
    const file = path.join(folder, 'sop.db');
    if (fs.existsSync(file)) throw databaseTaken(slug, file);
    // Only the database's own files, and the folder if nothing else is in it: anything else is not this command's to remove.
    const discard = async () => {
      for (const made of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(made, { force: true });
      if (fs.readdirSync(folder).length === 0) fs.rmdirSync(folder);
    };
    try {
      openDatabase(file, { synchronous: config.databaseSynchronous }).close();
    } catch (err) {
      await discard();
      throw err;
    }
    return { database: file, discard };
  };
}

/** The governments registered directly below one, each with a database of its own. */
const childrenOf = (all: readonly TenantRow[], parent: TenantRow) => all.filter((r): r is TenantRow & { database: string } => r.parentId === parent.id && r.database !== null);

/** The registry of governments, kept in the deployment's own database: as the server and the command line use it. */
export const tenantRegistry = (home: OpenDatabase | PostgresDatabase, homeServices: Pick<Container, 'uow' | 'clock'>, config: Pick<Config, 'publicBaseUrl'>) =>
  createTenantsService({ repository: homeServices.uow.outsideUnits(createTenantsRepository(home.db)), uow: homeServices.uow, clock: homeServices.clock, ownHost: new URL(config.publicBaseUrl).host });

/** Requests for the deployment itself (probes, metrics, the API's documents, page assets): the home tenant answers them at any address. */
const DEPLOYMENT_PATHS = /^\/(health|metrics|docs|assets)(\/|$|\?)/;
const PATH_PREFIX = /^\/g\/([^/?#]+)(.*)$/;

export async function openTenancy({ config, database, clock }: { config: TenancyConfig; database: OpenDatabase | PostgresDatabase; clock: Clock }) {
  // Read once before any unit of work can be open; later through the home unit of work's turn-taking.
  const rows = await createTenantsRepository(database.db).list();
  // Heavy work runs in one set of worker threads for every tenant.
  const workerPool = createWorkerPool({ file: compiledEntry(require.resolve('./heavy-work/worker')), size: config.workers.threads, queueLength: config.workers.queue, perPerson: config.workers.perPerson, heapMb: config.workers.heapMb });
  // A single-government deployment serves its home tenant alone, whatever the registry holds.
  const serving = config.tenantRouting !== 'single';
  // CACHE_MEMORY_MB is the whole deployment's: each government caches its share (of those registered at the start).
  const sharing = serving ? Math.max(1, rows.length) : 1;
  // The governments' daily backups, due at the same time, take one thread in turn.
  const backupTurns = oneAtATime();
  const containerOf = (tenantDatabase: OpenDatabase | PostgresDatabase, row: TenantRow | null, administration?: GovernmentAdministration) =>
    createContainer({
      database: tenantDatabase,
      clock,
      config: { ...tenantConfig(config, row), cacheMemoryMb: config.cacheMemoryMb / sharing },
      workerPool,
      tenant: row?.slug,
      governmentsBelow: async () => governmentsBelow(row ?? (await homeRowNow())),
      governments: linksOf(row),
      administration,
      backupTurns,
    });

  const listed = (row: TenantRow, all: TenantRow[]) => ({ ...row, parentSlug: all.find((r) => r.id === row.parentId)?.slug ?? null, address: tenantBaseUrl(config, row) });
  /**
   * The platform administrator's work, on the home government's pages: a government registered
   * (its database made and opened at once) with its first organiser invited, as the command
   * line does. A deployment of one government has none.
   */
  const administration: GovernmentAdministration | undefined = serving
    ? {
        async list() {
          const all = await registryRows();
          return all.map((row) => listed(row, all));
        },
        async register(input, organiser) {
          const row = await registry.register(input, tenantDatabaseMaker(config, database));
          rowsRead = undefined;
          await openOrReport(row as TenantRow & { database: string });
          const tenant = bySlug.get(row.slug);
          if (!tenant) throw new Error(`${row.slug} was registered, but its database cannot be opened: see the log`);
          const invited = await tenant.services.users.invite(systemActor, { role: 'organiser', name: organiser.name, email: organiser.email });
          return { government: listed(row, await registryRows()), organiser: invited };
        },
      }
    : undefined;

  /**
   * The registry's rows as the governments' links and the overview read them: from memory, read
   * again at most every 2 s (a government registered from the command line shows within that),
   * and at once after the pages register one.
   */
  let rowsRead: { at: number; rows: Promise<TenantRow[]> } | undefined;
  function registryRows(): Promise<TenantRow[]> {
    if (!rowsRead || Date.now() - rowsRead.at >= 2000) {
      const read = { at: Date.now(), rows: registry.list() };
      read.rows.catch(() => rowsRead === read && (rowsRead = undefined));
      rowsRead = read;
    }
    return rowsRead.rows;
  }
  const homeRowNow = async () => (await registryRows()).find((r) => r.database === null);

  const homeRow = rows.find((row) => row.database === null) ?? null;
  const home: Tenant = { row: homeRow, services: containerOf(database, homeRow, administration), database };
  const registry = tenantRegistry(database, home.services, config);

  /** How a tenant reaches the others: its own place in the registry, the governments directly below it, and their partner side. */
  function linksOf(row: TenantRow | null): GovernmentLinks {
    const me = async () => row ?? (await homeRowNow());
    const children = async () => {
      const self = await me();
      return self ? childrenOf(await registryRows(), self) : [];
    };
    return {
      async self() {
        const self = await me();
        if (!self) return null;
        const parent = self.parentId === null ? undefined : (await registryRows()).find((r) => r.id === self.parentId);
        return { slug: self.slug, name: self.name, parent: parent ? { slug: parent.slug, name: parent.name } : null };
      },
      children: async () => (await children()).map(({ slug, name }) => ({ slug, name })),
      async below(slug) {
        if (!(await children()).some((child) => child.slug === slug)) return undefined;
        return (await tenantBySlug(slug))?.services.partners;
      },
    };
  }

  /** Where a worker thread reads a tenant's database. */
  const sourceOf = (row: TenantRow & { database: string }): DatabaseSource =>
    config.databaseUrl ? { engine: 'postgres', url: withDatabase(config.databaseUrl, row.database) } : { engine: 'sqlite', path: row.database };
  /** The governments below one (a province's kabupaten and kota; a ministry's provinces, each followed by its own), by name. */
  async function governmentsBelow(row: TenantRow | undefined): Promise<Government[]> {
    if (!row || !serving) return [];
    const all = await registryRows();
    const below: Government[] = [];
    const visit = (parent: TenantRow) => {
      for (const child of childrenOf(all, parent).sort((a, b) => a.name.localeCompare(b.name, 'id'))) {
        below.push({ slug: child.slug, name: child.name, kind: child.kind, parent: parent.slug, source: sourceOf(child) });
        visit(child);
      }
    };
    visit(row);
    return below;
  }

  const bySlug = new Map<string, Tenant>();
  const byHost = new Map<string, Tenant>();
  if (homeRow) bySlug.set(homeRow.slug, home);
  if (homeRow?.host) byHost.set(homeRow.host, home);
  byHost.set(normaliseHost(new URL(config.publicBaseUrl).host), home);
  let log: FastifyBaseLogger | undefined;

  let closed = false;
  async function open(row: TenantRow & { database: string }): Promise<Tenant> {
    if (closed) throw new Error('the server is stopping');
    const tenantDatabase = await openTenantDatabase(config, row);
    const tenant: Tenant = { row, services: containerOf(tenantDatabase, row), database: tenantDatabase };
    bySlug.set(row.slug, tenant);
    // An address already served keeps its government (the deployment's own address above all).
    if (row.host && !byHost.has(row.host)) byHost.set(row.host, tenant);
    if (log) start(tenant, log);
    return tenant;
  }
  /** Governments whose database could not be opened: the others are served, and these are said in the log. */
  const unopened = new Map<string, unknown>();
  /** Opens a government once, however many ask at the same time (its registration and a request for it, say). */
  const opening = new Map<string, Promise<void>>();
  function openOrReport(row: TenantRow & { database: string }): Promise<void> {
    if (bySlug.has(row.slug)) return Promise.resolve();
    let pending = opening.get(row.slug);
    if (!pending) {
      pending = open(row).then(
        () => void unopened.delete(row.slug),
        (err: unknown) => {
          if (!unopened.has(row.slug)) log?.error({ err, tenant: row.slug }, 'a government’s database cannot be opened; its requests are answered 404 until it can');
          unopened.set(row.slug, err);
        },
      );
      opening.set(row.slug, pending);
      void pending.finally(() => opening.delete(row.slug));
    }
    return pending;
  }
  function start(tenant: Tenant, logger: FastifyBaseLogger) {
    const child = tenant.row ? logger.child({ tenant: tenant.row.slug }) : logger;
    tenant.services.notices.start(child);
    tenant.services.backups.start(child);
  }

  if (serving) for (const row of rows) if (row.database !== null) await openOrReport(row as TenantRow & { database: string });

  /** Tenants registered (by the command line) since the registry was last read; at most every 2 s. */
  let lastRead = 0;
  let reading: Promise<void> | undefined;
  function readRegistryAgain(): Promise<void> {
    if (!serving || Date.now() - lastRead < 2000) return reading ?? Promise.resolve();
    lastRead = Date.now();
    return (reading ??= (async () => {
      rowsRead = undefined;
      for (const row of await registryRows()) if (row.database !== null) await openOrReport(row as TenantRow & { database: string });
    })().finally(() => (reading = undefined)));
  }

  /** The tenant with this slug, reading the registry again if it is not open yet. */
  async function tenantBySlug(slug: string): Promise<Tenant | undefined> {
    if (!bySlug.has(slug)) await readRegistryAgain();
    return bySlug.get(slug);
  }

  const context = new AsyncLocalStorage<Tenant>();
  /** The tenant the current request is for. Outside a request only a single-government deployment has one: anything else would be a guess. */
  function current(): Tenant {
    const tenant = context.getStore();
    if (tenant) return tenant;
    if (!serving) return home;
    throw new Error('no tenant: this runs outside a request of a multi-government deployment');
  }

  /**
   * The slug a request named in its `/g/<slug>` prefix, which routing no longer sees: every
   * government is reached so with TENANT_ROUTING=path, and one without a host name of its own
   * with TENANT_ROUTING=host.
   */
  const prefixSlug = new WeakMap<IncomingMessage, string>();
  /** Fastify's rewriteUrl: `/g/sleman/unit?x` is routed as `/unit?x` for tenant sleman. */
  function rewriteUrl(request: IncomingMessage): string {
    const url = request.url ?? '/';
    const match = serving ? PATH_PREFIX.exec(url) : null;
    if (!match) return url;
    prefixSlug.set(request, match[1]!);
    return match[2]!.startsWith('/') ? match[2]! : `/${match[2]!}`;
  }

  async function tenantOf(request: FastifyRequest): Promise<Tenant | undefined> {
    if (!serving || DEPLOYMENT_PATHS.test(request.url)) return home;
    const slug = prefixSlug.get(request.raw);
    if (slug !== undefined) return await tenantBySlug(slug);
    if (config.tenantRouting === 'path') return home;
    const host = normaliseHost(request.host ?? '');
    if (!byHost.has(host)) await readRegistryAgain();
    return byHost.get(host);
  }

  /**
   * Runs the rest of each request (hooks, handler, answer) as its tenant's. The context is entered
   * again after the body is read, as a body's events come from the connection, outside it.
   */
  function route(app: Api) {
    const scopes = new WeakMap<FastifyRequest, AsyncResource>();
    app.addHook('onRequest', (request, reply, done) => {
      tenantOf(request).then(
        (tenant) => {
          // Answered here: the pages' error page would need a government's words and sessions.
          if (!tenant) return void reply.code(404).type(PROBLEM_CONTENT_TYPE).send(toProblem(notFound('government', request.host), {}));
          cookiesUnderPrefix(request, reply);
          context.run(tenant, () => {
            const scope = new AsyncResource('tenant-request');
            scopes.set(request, scope);
            scope.runInAsyncScope(done, request.raw);
          });
        },
        (err: Error) => done(err),
      );
    });
    app.addHook('preValidation', (request, _reply, done) => {
      const scope = scopes.get(request);
      if (scope) scope.runInAsyncScope(done, request.raw);
      else done();
    });
    if (serving) app.addHook('onSend', async (request, reply, payload) => prefixed(request, reply, payload));
  }

  /** A tenant's cookies (session, language) are its own: set, and cleared, for its prefix only. */
  function cookiesUnderPrefix(request: FastifyRequest, reply: FastifyReply) {
    const slug = prefixSlug.get(request.raw);
    const { setCookie, clearCookie } = reply as Partial<Pick<FastifyReply, 'setCookie' | 'clearCookie'>>;
    if (slug === undefined || !setCookie || !clearCookie) return;
    reply.setCookie = (name, value, options) => setCookie.call(reply, name, value, { ...options, path: `/g/${slug}` });
    reply.clearCookie = (name, options) => clearCookie.call(reply, name, { ...options, path: `/g/${slug}` });
  }

  /**
   * The pages link and redirect to the service's own paths (`/unit`); a government reached by
   * its prefix has its answers give them under that prefix (`/g/sleman/unit`).
   */
  function prefixed(request: FastifyRequest, reply: FastifyReply, payload: unknown) {
    const slug = prefixSlug.get(request.raw);
    if (slug === undefined) return payload;
    const prefix = `/g/${slug}`;
    const under = (url: string) => (url.startsWith('/') && !url.startsWith('//') && !url.startsWith(`${prefix}/`) && url !== prefix ? `${prefix}${url}` : url);
    const location = reply.getHeader('location');
    if (typeof location === 'string') reply.header('location', under(location));
    if (typeof payload !== 'string' || !String(reply.getHeader('content-type') ?? '').startsWith('text/html')) return payload;
    return payload.replace(/\b(href|action|src|formaction)="(\/[^"]*)"/g, (_all, attribute: string, url: string) => `${attribute}="${under(url)}"`);
  }

  /** Every service of the current tenant: what routes and pages are given, so none can hold another tenant's. */
  const services = tenantServices(home.services, () => current().services);

  return {
    home,
    registry,
    services,
    current,
    rewriteUrl,
    route,
    tenant: tenantBySlug,
    /** Every tenant opened, the home tenant first. */
    tenants: (): Tenant[] => [home, ...[...bySlug.values()].filter((tenant) => tenant !== home)],
    /** Starts every tenant's background work (notices, the home's daily backup), and of those opened later. */
    start(logger: FastifyBaseLogger) {
      log = logger;
      for (const [slug, err] of unopened) logger.error({ err, tenant: slug }, 'a government’s database cannot be opened; its requests are answered 404 until it can');
      // Said once for the deployment, not by each government's notice worker.
      if (!config.smtpUrl) logger.warn('SMTP_URL is not set: notices are kept in the outbox (see /organisasi/pemberitahuan) and not sent by email');
      for (const tenant of this.tenants()) start(tenant, logger);
    },
    /** Stops every tenant's background work and closes the databases this tenancy opened (not the home one). */
    async close() {
      closed = true;
      await Promise.allSettled(
        this.tenants().map(async (tenant) => {
          await Promise.allSettled([tenant.services.backups.stop(), tenant.services.notices.stop()]);
          if (tenant !== home) await tenant.database.close();
        }),
      );
      await workerPool.close();
    },
  };
}

export type Tenancy = Awaited<ReturnType<typeof openTenancy>>;

/**
 * A container whose every service passes each call to `current()`'s: routes take their services
 * once, when registered, and each call then reaches the tenant of the request making it. The
 * home container gives the shape (which members are functions).
 */
function tenantServices(shape: Container, current: () => Container): Container {
  const members = new Map<PropertyKey, object>();
  const readOnly = () => {
    throw new Error('the services are the request’s government’s: set nothing on them');
  };
  return new Proxy(shape, {
    set: readOnly,
    get(_target, name) {
      const template = (shape as Record<PropertyKey, unknown>)[name];
      if (typeof template !== 'object' || template === null) return template;
      let member = members.get(name);
      if (!member) {
        member = new Proxy(template, {
          set: readOnly,
          get(template, key) {
            const own = () => (current() as unknown as Record<PropertyKey, Record<PropertyKey, unknown>>)[name]!;
            if (typeof (template as Record<PropertyKey, unknown>)[key] !== 'function') return own()[key];
            return (...args: unknown[]) => (own()[key] as (...a: unknown[]) => unknown).apply(own(), args);
          },
        });
        members.set(name, member);
      }
      return member;
    },
  });
}
