import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { availableParallelism } from 'node:os';
import { canonicalZone } from './platform/time';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const LogLevel = Type.Union(
  LOG_LEVELS.map((level) => Type.Literal(level)),
  { default: 'info' },
);

/** Every setting the service reads from its environment; this schema is the Config type. */
export const ConfigSchema = Type.Object({
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 3000 }),
  HOST: Type.String({ minLength: 1, default: '127.0.0.1' }),
  DATABASE_PATH: Type.String({ minLength: 1, default: 'data/sop.db' }),
  DATABASE_URL: Type.Optional(Type.String({ pattern: '^postgres(ql)?://[^\\s]+$' })),
  DATABASE_POOL_SIZE: Type.Integer({ minimum: 1, maximum: 1000, default: 10 }),
  DATABASE_SYNCHRONOUS: Type.Union([Type.Literal('NORMAL'), Type.Literal('FULL')], { default: 'NORMAL' }),
  PUBLIC_BASE_URL: Type.Optional(Type.String({ pattern: '^https?://[^/\\s]+(/.*)?$' })),
  LOG_LEVEL: LogLevel,
  AUTH_FAILURES_PER_MINUTE: Type.Integer({ minimum: 1, maximum: 100000, default: 30 }),
  CACHE_MEMORY_MB: Type.Integer({ minimum: 1, maximum: 100000, default: 48 }),
  DEFAULT_TIMEZONE: Type.String({ minLength: 1, default: 'Asia/Jakarta' }),
  ORGANISATION_NAME: Type.String({ minLength: 1, maxLength: 200, default: 'Bagian Organisasi' }),
  SESSION_IDLE_MINUTES: Type.Integer({ minimum: 5, maximum: 7 * 24 * 60, default: 120 }),
  SESSION_MAX_HOURS: Type.Integer({ minimum: 1, maximum: 24 * 90, default: 12 }),
  DOCUMENTS_PATH: Type.String({ minLength: 1, default: 'data/documents' }),
  DRAFT_QUOTA_MEGABYTES: Type.Integer({ minimum: 1, maximum: 100000, default: 100 }),
  DRAFT_QUOTA_DOCUMENTS: Type.Integer({ minimum: 1, maximum: 10000, default: 20 }),
  TRUST_PROXY: Type.String({ default: 'false', pattern: '^(true|false|[0-9A-Fa-f.:/]+(\\s*,\\s*[0-9A-Fa-f.:/]+)*)$' }),
  SMTP_URL: Type.Optional(Type.String({ pattern: '^smtps?://[^\\s]+$' })),
  MAIL_FROM: Type.Optional(Type.String({ minLength: 3, maxLength: 300 })),
  WEBHOOK_URL: Type.Optional(Type.String({ pattern: '^https?://[^\\s]+$' })),
  WEBHOOK_SECRET: Type.Optional(Type.String({ minLength: 16, maxLength: 500 })),
  NOTICE_RETRY_SECONDS: Type.Integer({ minimum: 1, maximum: 3600, default: 60 }),
  NOTICE_BATCHING_SECONDS: Type.Integer({ minimum: 0, maximum: 86400, default: 600 }),
  // Sends end well within the outbox's two-minute lease (LEASE_SECONDS in the delivery worker).
  SMTP_TIMEOUT_SECONDS: Type.Integer({ minimum: 1, maximum: 90, default: 30 }),
  EMAIL_SEND_SECONDS: Type.Integer({ minimum: 1, maximum: 90, default: 60 }),
  WEBHOOK_SEND_SECONDS: Type.Integer({ minimum: 1, maximum: 90, default: 15 }),
  NOTICE_SHUTDOWN_SECONDS: Type.Integer({ minimum: 0, maximum: 60, default: 3 }),
  // Heavy work (PDFs, spreadsheets, large imports) runs in worker threads; unset: one per core, at most 2.
  WORKER_THREADS: Type.Optional(Type.Integer({ minimum: 1, maximum: 16 })),
  WORKER_HEAP_MB: Type.Integer({ minimum: 16, maximum: 4096, default: 64 }),
  WORKER_QUEUE: Type.Integer({ minimum: 0, maximum: 1000, default: 16 }),
  WORKER_JOBS_PER_PERSON: Type.Integer({ minimum: 1, maximum: 100, default: 2 }),
  // Daily backups at BACKUP_TIME (local time in DEFAULT_TIMEZONE; "off": none), the last BACKUP_KEEP kept.
  BACKUP_DIR: Type.String({ minLength: 1, default: 'data/backups' }),
  BACKUP_KEEP: Type.Integer({ minimum: 1, maximum: 1000, default: 14 }),
  BACKUP_TIME: Type.String({ default: '02:00', pattern: '^(off|([01][0-9]|2[0-3]):[0-5][0-9])$' }),
  READY_MIN_FREE_MB: Type.Integer({ minimum: 0, maximum: 10_000_000, default: 500 }),
  METRICS_TOKEN: Type.Optional(Type.String({ minLength: 16, maxLength: 500 })),
  TENANT_ROUTING: Type.Union([Type.Literal('single'), Type.Literal('host'), Type.Literal('path')], { default: 'single' }),
});

export type Config = {
  port: number;
  host: string;
  databasePath: string;
  /** PostgreSQL instead of the SQLite file at databasePath (several processes, a standby). */
  databaseUrl: string | null;
  databasePoolSize: number;
  /** NORMAL: commits survive the process being killed; FULL: also power loss (fsync per commit). */
  databaseSynchronous: 'NORMAL' | 'FULL';
  /** Without a trailing slash. */
  publicBaseUrl: string;
  logLevel: (typeof LOG_LEVELS)[number];
  /** Failed API keys one client may send per minute before its wrong keys get 429; as many calendar-feed guesses, counted apart. */
  authFailuresPerMinute: number;
  /** What the in-memory caches (feeds, listings) may hold together; must fit under the heap cap. */
  cacheMemoryMb: number;
  /** The zone of a programme created without one (canonical IANA name). */
  defaultTimezone: string;
  /** Who runs the programmes, as the pages' header names it (e.g. "Bagian Organisasi Setda Kota Banjarmasin"). */
  organisationName: string;
  /** A signed-in session ends after this long without a request, and in any case after sessionMaxHours. */
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  /** The folder uploaded draft documents are kept in. */
  documentsPath: string;
  /** What one unit may keep of draft documents in one programme: bytes and how many. */
  draftQuota: { bytes: number; documents: number };
  /**
   * Which X-Forwarded-For hops to believe for the client's address (sign-in and key limits are
   * per address): false (none), true (all), or the proxies' addresses/CIDRs.
   */
  trustProxy: boolean | string[];
  /** Where email goes out (smtp:// upgrades with STARTTLS when offered, smtps:// is TLS from the start); none: notices wait in the outbox. */
  smtpUrl: string | null;
  /** The sender of every email, e.g. `Bagian Organisasi <organisasi@banjarmasinkota.go.id>`. */
  mailFrom: string;
  /** Notices are also posted here as JSON, signed with webhookSecret (HMAC-SHA256). */
  webhook: { url: string; secret: string } | null;
  /** The wait before a failed notice's first retry; each further one doubles it. */
  noticeRetrySeconds: number;
  /** How long a unit's enrolment news waits for more before it goes out as one message per address (0: each at once). */
  noticeBatchingSeconds: number;
  /**
   * How long a notice's send may take: SMTP connecting, greeting and each silence (smtp); one
   * whole email (email) or webhook POST (webhook), after which the attempt is cut and retried;
   * and how long stopping waits for sends in flight before leaving them to the next start.
   */
  noticeDeadlines: { smtpSeconds: number; emailSeconds: number; webhookSeconds: number; shutdownSeconds: number };
  /**
   * The worker threads of heavy work: how many, each one's heap cap, how many jobs may wait for
   * one, and how many one person (account or API key) may have running or waiting.
   */
  workers: { threads: number; heapMb: number; queue: number; perPerson: number };
  /** Where backups go, how many are kept, and the local time of the daily one (null: none scheduled). */
  backups: { dir: string; keep: number; dailyAt: string | null };
  /** Below this much free disk space (MB) where the data lives, /health/ready answers 503. */
  readyMinFreeMb: number;
  /** The bearer token GET /metrics asks for; none: /metrics is off (404). */
  metricsToken: string | null;
  /**
   * How a request reaches one of the governments this deployment hosts (npm run create-tenant):
   * single (one government, today's addresses), host (each at its registered host name) or
   * path (each under /g/<slug>/). The deployment's own government keeps its addresses in all three.
   */
  tenantRouting: 'single' | 'host' | 'path';
};

/** The integer settings, read from the schema: their text is converted before it is checked. */
const NUMERIC = new Set(Object.entries(ConfigSchema.properties).filter(([, schema]) => (schema as { type?: string }).type === 'integer').map(([name]) => name));

export class ConfigError extends Error {}

/** A bad value as an error message may show it: never a password or a secret. */
function shown(name: string, value: string | undefined): string | undefined {
  if (value === undefined) return value;
  if (name.endsWith('_SECRET') || name.endsWith('_TOKEN')) return '[hidden]';
  return name === 'SMTP_URL' || name === 'DATABASE_URL' ? value.replace(/\/\/([^/@]*)@/, '//[hidden]@') : value;
}

/**
 * Reads and validates the configuration. Pure: takes the environment as an argument,
 * so tests can feed it anything. Unset or empty variables take their defaults.
 */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const raw: Record<string, unknown> = {};
  for (const key of Object.keys(ConfigSchema.properties)) {
    const value = env[key];
    if (value === undefined || value.trim() === '') continue;
    // Numbers are converted strictly: "30.5" or "3000abc" must fail, not be truncated.
    raw[key] = NUMERIC.has(key) ? Number(value.trim()) : key === 'DATABASE_SYNCHRONOUS' ? value.trim().toUpperCase() : value.trim();
  }
  const converted = Value.Default(ConfigSchema, raw) as Record<string, unknown>;
  const problems: { path: string; message: string }[] = [...Value.Errors(ConfigSchema, converted)];
  const zone = canonicalZone(String(converted.DEFAULT_TIMEZONE));
  if (zone) converted.DEFAULT_TIMEZONE = zone;
  else problems.push({ path: '/DEFAULT_TIMEZONE', message: 'is not a time zone' });
  if (converted.WEBHOOK_URL && !converted.WEBHOOK_SECRET) problems.push({ path: '/WEBHOOK_SECRET', message: 'must be set (at least 16 characters) when WEBHOOK_URL is' });
  if (problems.length > 0) {
    const lines = problems.map((p) => {
      const name = p.path.replace(/^\//, '');
      const why = name === 'DEFAULT_TIMEZONE' ? 'must be WIB, WITA, WIT or an IANA zone such as Asia/Jakarta' : name === 'LOG_LEVEL' ? `must be one of ${LOG_LEVELS.join(', ')}` : name === 'DATABASE_SYNCHRONOUS' ? 'must be NORMAL or FULL' : name === 'TENANT_ROUTING' ? 'must be single, host or path' : name === 'TRUST_PROXY' ? 'must be true, false, or proxy addresses (CIDRs allowed) separated by commas' : name === 'SMTP_URL' ? 'must look like smtp://user:password@host:587 or smtps://host:465' : name === 'DATABASE_URL' ? 'must look like postgres://user:password@host:5432/sop' : name === 'BACKUP_TIME' ? 'must be a time of day such as 02:00, or off' : p.message;
      return `${name}=${JSON.stringify(shown(name, env[name]))}: ${why}`;
    });
    throw new ConfigError(`Invalid configuration:\n  ${[...new Set(lines)].join('\n  ')}`);
  }
  const valid = converted as Static<typeof ConfigSchema>;
  return {
    port: valid.PORT,
    host: valid.HOST,
    databasePath: valid.DATABASE_PATH,
    databaseUrl: valid.DATABASE_URL ?? null,
    databasePoolSize: valid.DATABASE_POOL_SIZE,
    databaseSynchronous: valid.DATABASE_SYNCHRONOUS,
    // By default the service is where it listens: http://localhost:<PORT>.
    publicBaseUrl: (valid.PUBLIC_BASE_URL ?? `http://localhost:${valid.PORT}`).replace(/\/+$/, ''),
    logLevel: valid.LOG_LEVEL,
    authFailuresPerMinute: valid.AUTH_FAILURES_PER_MINUTE,
    cacheMemoryMb: valid.CACHE_MEMORY_MB,
    defaultTimezone: valid.DEFAULT_TIMEZONE,
    organisationName: valid.ORGANISATION_NAME,
    sessionIdleMinutes: valid.SESSION_IDLE_MINUTES,
    sessionMaxHours: valid.SESSION_MAX_HOURS,
    documentsPath: valid.DOCUMENTS_PATH,
    draftQuota: { bytes: valid.DRAFT_QUOTA_MEGABYTES * 1024 * 1024, documents: valid.DRAFT_QUOTA_DOCUMENTS },
    trustProxy: trustProxyOf(valid.TRUST_PROXY),
    smtpUrl: valid.SMTP_URL ?? null,
    // The name quoted: an organisation's name may hold a comma or parentheses.
    mailFrom: valid.MAIL_FROM ?? `"${valid.ORGANISATION_NAME.replace(/["\\]/g, '')}" <noreply@${new URL(valid.PUBLIC_BASE_URL ?? 'http://localhost').hostname}>`,
    webhook: valid.WEBHOOK_URL ? { url: valid.WEBHOOK_URL, secret: valid.WEBHOOK_SECRET! } : null,
    noticeRetrySeconds: valid.NOTICE_RETRY_SECONDS,
    noticeBatchingSeconds: valid.NOTICE_BATCHING_SECONDS,
    noticeDeadlines: { smtpSeconds: valid.SMTP_TIMEOUT_SECONDS, emailSeconds: valid.EMAIL_SEND_SECONDS, webhookSeconds: valid.WEBHOOK_SEND_SECONDS, shutdownSeconds: valid.NOTICE_SHUTDOWN_SECONDS },
    // More threads than cores only take turns on them, each with its own heap: 2 on the 2-core machines this serves.
    workers: { threads: valid.WORKER_THREADS ?? Math.min(2, availableParallelism()), heapMb: valid.WORKER_HEAP_MB, queue: valid.WORKER_QUEUE, perPerson: valid.WORKER_JOBS_PER_PERSON },
    backups: { dir: valid.BACKUP_DIR, keep: valid.BACKUP_KEEP, dailyAt: valid.BACKUP_TIME === 'off' ? null : valid.BACKUP_TIME },
    readyMinFreeMb: valid.READY_MIN_FREE_MB,
    metricsToken: valid.METRICS_TOKEN ?? null,
    tenantRouting: valid.TENANT_ROUTING,
  };
}

function trustProxyOf(value: string): Config['trustProxy'] {
  if (value === 'true' || value === 'false') return value === 'true';
  return value.split(',').map((address) => address.trim());
}

/** Loads `.env` (if present) into process.env without overriding what is already set. */
export function loadDotEnv(file = '.env'): void {
  try {
    process.loadEnvFile(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
}

/** A warning worth logging at start: listening for others while links still point at localhost. */
export function addressWarning(config: Pick<Config, 'host' | 'publicBaseUrl'>): string | undefined {
  const loopback = (host: string) => host === 'localhost' || host === '::1' || host.startsWith('127.') || host === '[::1]';
  if (loopback(config.host) || !loopback(new URL(config.publicBaseUrl).hostname)) return undefined;
  return `HOST is ${config.host} but PUBLIC_BASE_URL is ${config.publicBaseUrl}: calendar links and invitations will point at localhost; set PUBLIC_BASE_URL to the address users reach`;
}

/**
 * A warning worth logging at start: TRUST_PROXY=true believes every X-Forwarded-For, so a client
 * that reaches the server other than through a proxy that overwrites the header picks its own
 * address (evading the per-address limits, or spending someone else's).
 */
export function trustProxyWarning(config: Pick<Config, 'trustProxy'>): string | undefined {
  if (config.trustProxy !== true) return undefined;
  return 'TRUST_PROXY=true believes any client-sent X-Forwarded-For (forged addresses evade and exhaust the per-address limits); list the proxy addresses instead, e.g. TRUST_PROXY=127.0.0.1 or TRUST_PROXY=10.0.0.0/8';
}
