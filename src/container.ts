import { createBackupSchedule } from './platform/backup-schedule';
import { VERSION } from './platform/version';
import { loadConfig, type Config } from './config';
import { accountConstraints, createAccountsRepository } from './features/accounts/accounts.repository';
import { createSessionsService } from './features/accounts/sessions.service';
import { createUsersService } from './features/accounts/users.service';
import { createAccessRepository, accessConstraints } from './features/access/access.repository';
import { createAccessService } from './features/access/access.service';
import { createAuditRepository } from './features/audit/audit.repository';
import { createAuditService } from './features/audit/audit.service';
import { bookingConstraints, createBookingsRepository } from './features/bookings/bookings.repository';
import { createBookingsService } from './features/bookings/bookings.service';
import { calendarUrls } from './features/calendars/calendar-urls';
import { createCalendarsRepository } from './features/calendars/calendars.repository';
import { createCalendarsService } from './features/calendars/calendars.service';
import { createDraftsRepository, draftConstraints } from './features/drafts/drafts.repository';
import { createHolidaysRepository, holidayConstraints } from './features/holidays/holidays.repository';
import { createHolidaysService } from './features/holidays/holidays.service';
import { createDraftsService } from './features/drafts/drafts.service';
import { createMeService } from './features/me/me.service';
import { smtpChannel, webhookChannel } from './features/notices/channels';
import { createNoticesRepository } from './features/notices/notices.repository';
import { createDeliveryWorker } from './features/notices/delivery-worker';
import { createNoticeScheduler } from './features/notices/notice-scheduler';
import { createOutboxRepository, outboxConstraints } from './features/outbox/outbox.repository';
import { createOutboxService } from './features/outbox/outbox.service';
import { createParticipantsRepository, participantConstraints } from './features/participants/participants.repository';
import { createParticipantsService } from './features/participants/participants.service';
import { createPeriodsRepository, periodConstraints } from './features/periods/periods.repository';
import { createPeriodsService } from './features/periods/periods.service';
import { createProgrammesRepository } from './features/programmes/programmes.repository';
import { createProgrammesService } from './features/programmes/programmes.service';
import { createProgressRepository } from './features/progress/progress.repository';
import { createPrintoutsService } from './features/printouts/printouts.service';
import { createProgressService } from './features/progress/progress.service';
import { createAdministrationService, type GovernmentAdministration } from './features/tenants/tenants.service';
import { createPartnersRepository, partnerConstraints } from './features/partners/partners.repository';
import { createPartnersService, noGovernments, type GovernmentLinks } from './features/partners/partners.service';
import type { Government } from './features/progress/progress.report';
import { createRequestsRepository, requestConstraints } from './features/requests/requests.repository';
import { createRequestsService } from './features/requests/requests.service';
import { createUnitsRepository, unitConstraints } from './features/units/units.repository';
import { createUnitsService } from './features/units/units.service';
import { createWalkInsRepository, walkInConstraints } from './features/walk-ins/walk-ins.repository';
import { createWalkInsService } from './features/walk-ins/walk-ins.service';
import { tenantConstraints } from './features/tenants/tenants.repository';
import { createBatchesService } from './features/workshops/batches.service';
import { createEnrolmentsService } from './features/workshops/enrolments.service';
import { createWorkshopsRepository, workshopConstraints } from './features/workshops/workshops.repository';
import { createConstraintTranslator, createPgConstraintTranslator, type ConstraintErrors } from './platform/constraints';
import { createVersionReader, dataVersionConstraints } from './platform/data-versions';
import type { Db, OpenDatabase } from './platform/database';
import type { DatabaseSource } from './platform/read-only-database';
import { createPostgresUnitOfWork, type PostgresDatabase } from './platform/postgres';
import { deploymentUid } from './platform/deployment';
import { createDocumentStore } from './platform/documents';
import type { Clock } from './platform/time';
import { createUnitOfWork } from './platform/unit-of-work';
import { compiledEntry, createWorkerPool, type WorkerPool } from './platform/worker-pool';
import type { HeavyJobs } from './heavy-work/jobs';

/** Every database constraint's API error, declared by the repository that owns its table. */
export const CONSTRAINT_ERRORS: ConstraintErrors = {
  ...outboxConstraints,
  ...holidayConstraints,
  ...unitConstraints,
  ...accessConstraints,
  ...accountConstraints,
  ...participantConstraints,
  ...workshopConstraints,
  ...draftConstraints,
  ...periodConstraints,
  ...bookingConstraints,
  ...requestConstraints,
  ...walkInConstraints,
  ...dataVersionConstraints,
  ...tenantConstraints,
  ...partnerConstraints,
};

/** What a container reads of the configuration (a tenant's container: with that tenant's settings). */
export type ContainerConfig = Pick<Config, 'publicBaseUrl' | 'cacheMemoryMb' | 'defaultTimezone' | 'sessionIdleMinutes' | 'sessionMaxHours' | 'documentsPath' | 'draftQuota' | 'organisationName' | 'smtpUrl' | 'mailFrom' | 'webhook' | 'noticeRetrySeconds' | 'noticeBatchingSeconds' | 'noticeDeadlines' | 'workers' | 'backups'>;

/**
 * Assembles every feature once over one database and one clock: repositories, then services
 * in dependency order, each given only the narrow parts of the others it uses.
 */
export function createContainer({
  database,
  clock,
  config = loadConfig({}),
  tenant = '',
  governmentsBelow = async () => [],
  governments = noGovernments,
  administration: platformAdministration,
  backupTurns,
  workerPool = createWorkerPool({ file: compiledEntry(require.resolve('./heavy-work/worker')), size: config.workers.threads, queueLength: config.workers.queue, perPerson: config.workers.perPerson, heapMb: config.workers.heapMb }),
}: {
  database: OpenDatabase | PostgresDatabase;
  clock: Clock;
  /** Scripts and tests may leave it out: the defaults of the environment schema. */
  config?: ContainerConfig;
  /** The worker threads of heavy work (PDFs, spreadsheets, large imports), started when first needed; the tenants of a deployment share one. */
  workerPool?: WorkerPool;
  /** The tenant's slug, when the pool is shared: each person's job budget is their own. */
  tenant?: string;
  /** The governments this one oversees (the tenancy knows them); none for a deployment of one. */
  governmentsBelow?: () => Promise<Government[]>;
  /** How this government reaches the others of the deployment (asistensi partners). */
  governments?: GovernmentLinks;
  /** The platform administrator's work: only the home government of a deployment of many has it. */
  administration?: GovernmentAdministration;
  /** The daily backups of the deployment's governments take turns (src/tenancy.ts shares one). */
  backupTurns?: <T>(task: () => Promise<T>) => Promise<T>;
}) {
  const { db } = database;
  const uow =
    database.engine === 'postgres'
      ? createPostgresUnitOfWork(database, createPgConstraintTranslator(CONSTRAINT_ERRORS))
      : createUnitOfWork(database.sqlite, createConstraintTranslator(database.sqlite, CONSTRAINT_ERRORS));
  // Statements outside a unit of work wait while one is open on the connection.
  const repositoryOf = <R extends object>(create: (db: Db) => R) => uow.outsideUnits(create(db));
  const versions = repositoryOf(createVersionReader);
  // The deployment's id (calendar UIDs) is read, and on the very first start made, right away:
  // outside every unit of work, so no rollback can take it back. Read again after a failure.
  let deploymentRead: Promise<string> | undefined;
  const deploymentId = () =>
    (deploymentRead ??= deploymentUid(db).catch((error: unknown) => {
      deploymentRead = undefined;
      throw error;
    }));
  deploymentId().catch(() => undefined);
  const urls = calendarUrls(config.publicBaseUrl);
  const cacheBytes = config.cacheMemoryMb * 1024 * 1024;
  const base = { uow, clock };
  const heavy = workerPool.client<HeavyJobs>(tenant && `${tenant}/`);
  // A worker reads the database over its own connection (the file, or the URL this process's
  // pool connects to); an in-memory one only this thread can read.
  const databaseSource: DatabaseSource | null =
    database.engine === 'postgres' ? { engine: 'postgres', url: database.pool.options.connectionString! } : database.sqlite.memory ? null : { engine: 'sqlite', path: database.sqlite.name };

  const audit = createAuditService({ repository: repositoryOf(createAuditRepository), clock });
  const outbox = createOutboxService({
    repository: repositoryOf(createOutboxRepository),
    ...base,
    audit,
    webhook: config.webhook !== null,
    messageDomain: mailDomainOf(config.mailFrom),
    retryBaseSeconds: config.noticeRetrySeconds,
    bundleSeconds: config.noticeBatchingSeconds,
  });
  const administration = createAdministrationService({ administration: platformAdministration, audit });
  const holidays = createHolidaysService({ repository: repositoryOf(createHolidaysRepository), ...base, audit });
  const units = createUnitsService({ repository: repositoryOf(createUnitsRepository), ...base, audit, files: heavy });
  const access = createAccessService({ repository: repositoryOf(createAccessRepository), ...base, audit, units });
  const accountsRepository = repositoryOf(createAccountsRepository);
  const users = createUsersService({ repository: accountsRepository, ...base, audit, outbox, units, baseUrl: config.publicBaseUrl });
  const sessions = createSessionsService({
    repository: accountsRepository,
    ...base,
    audit,
    outbox,
    sessionLimits: { idleMinutes: config.sessionIdleMinutes, absoluteHours: config.sessionMaxHours },
    // Read when a password is set (programmes is declared just below).
    contextNames: async () => [config.organisationName, ...(await programmes.list()).map((p) => p.name)],
  });
  const programmes = createProgrammesService({ repository: repositoryOf(createProgrammesRepository), ...base, audit, outbox, feedUrl: urls.programmeFeed, defaultZone: config.defaultTimezone });
  const workshops = repositoryOf(createWorkshopsRepository);
  const batches = createBatchesService({ repository: workshops, ...base, audit, outbox, programmes, holidays, versions, cacheBytes: cacheBytes * 0.15, feedUrl: urls.batchFeed });
  const enrolments = createEnrolmentsService({ repository: workshops, ...base, audit, outbox, programmes, units, plans: heavy, databaseSource });
  const participants = createParticipantsService({ repository: repositoryOf(createParticipantsRepository), ...base, audit, units, enrolments, files: heavy });
  const drafts = createDraftsService({ repository: repositoryOf(createDraftsRepository), ...base, audit, outbox, programmes, units, documentQuota: config.draftQuota });
  const periods = createPeriodsService({ repository: repositoryOf(createPeriodsRepository), ...base, audit, programmes, holidays, outbox });
  const bookings = createBookingsService({ repository: repositoryOf(createBookingsRepository), ...base, audit, outbox, periods, units, drafts, versions, cacheBytes: cacheBytes * 0.15 });
  const requests = createRequestsService({ repository: repositoryOf(createRequestsRepository), ...base, audit, periods, units, bookings, plans: heavy, databaseSource });
  const walkIns = createWalkInsService({ repository: repositoryOf(createWalkInsRepository), ...base, audit, periods, units });
  const progress = createProgressService({ repository: repositoryOf(createProgressRepository), programmes, heavy, databaseSource, governmentsBelow });
  const partners = createPartnersService({
    repository: repositoryOf(createPartnersRepository),
    ...base,
    audit,
    programmes,
    periods,
    bookings,
    drafts,
    units,
    governments,
    sessionEvents: async (programmeId) => await calendars.sessionEvents(programmeId),
  });
  const me = createMeService({ clock, units, programmes, participants, batches, enrolments, periods, bookings, drafts });
  const calendars = createCalendarsService({
    repository: repositoryOf(createCalendarsRepository),
    ...base,
    units,
    versions,
    urls,
    baseUrl: config.publicBaseUrl,
    organisation: config.organisationName,
    deploymentUid: deploymentId,
    cacheBytes: cacheBytes * 0.7,
    partnerSessions: {
      feedAddress: partners.feedAddress,
      replaceFeedAddress: partners.replaceFeedAddress,
      events: partners.sessionsBelow,
      government: async () => (await governments.self())?.name ?? config.organisationName,
    },
  });

  const printouts = createPrintoutsService({ clock, organisation: config.organisationName, programmes, batches, enrolments, participants, units, periods, bookings, layouts: heavy });
  /** Import files read and templates written in a worker thread (the import pages). */
  const spreadsheets = { xlsxToCsv: heavy.xlsxToCsv, templateXlsx: heavy.templateXlsx };
  const documents = createDocumentStore(config.documentsPath);
  const noticesRepository = repositoryOf(createNoticesRepository);
  const noticeScheduler = createNoticeScheduler({ repository: noticesRepository, outbox, ...base, holidays, defaultZone: config.defaultTimezone });
  const notices = createDeliveryWorker({
    repository: noticesRepository,
    outbox,
    scheduler: noticeScheduler,
    clock,
    calendars,
    programmes,
    units,
    channels: {
      email: config.smtpUrl ? smtpChannel(config.smtpUrl, config.mailFrom, config.noticeDeadlines) : undefined,
      webhook: config.webhook ? webhookChannel(config.webhook.url, config.webhook.secret, config.noticeDeadlines) : undefined,
    },
    shutdownSeconds: config.noticeDeadlines.shutdownSeconds,
    baseUrl: config.publicBaseUrl,
    organisation: config.organisationName,
    defaultZone: config.defaultTimezone,
  });


  const backups = createBackupSchedule({
    databasePath: databaseSource?.engine === 'sqlite' ? databaseSource.path : null,
    onPostgres: database.engine === 'postgres',
    documentsPath: config.documentsPath,
    ...config.backups,
    zone: config.defaultTimezone,
    version: VERSION,
    clock,
    workerFile: compiledEntry(require.resolve('./heavy-work/backup-worker')),
    turns: backupTurns,
  });

  /** The government's own words and places, as pages show them. */
  const settings = { organisationName: config.organisationName, defaultTimezone: config.defaultTimezone, publicBaseUrl: config.publicBaseUrl };

  return { settings, administration, clock, uow, versions, documents, audit, outbox, holidays, units, access, users, sessions, participants, programmes, batches, enrolments, drafts, periods, bookings, requests, walkIns, progress, partners, calendars, printouts, noticeScheduler, notices, me, spreadsheets, workerPool, backups };
}

export type Container = ReturnType<typeof createContainer>;

/** `Name <a@b.go.id>` or `a@b.go.id` -> `b.go.id`: the right-hand side of Message-IDs. */
const mailDomainOf = (from: string) => /@([^\s>]+)>?\s*$/.exec(from)?.[1] ?? 'localhost';
