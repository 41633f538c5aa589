import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
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
  TRUST_PROXY: Type.String({ default: 'false', pattern: '^(true|false|[0-9A-Fa-f.:/]+(\\s*,\\s*[0-9A-Fa-f.:/]+)*)$' }),
  SMTP_URL: Type.Optional(Type.String({ pattern: '^smtps?://[^\\s]+$' })),
  MAIL_FROM: Type.Optional(Type.String({ minLength: 3, maxLength: 300 })),
  WEBHOOK_URL: Type.Optional(Type.String({ pattern: '^https?://[^\\s]+$' })),
  WEBHOOK_SECRET: Type.Optional(Type.String({ minLength: 16, maxLength: 500 })),
  NOTICE_RETRY_SECONDS: Type.Integer({ minimum: 1, maximum: 3600, default: 60 }),
  NOTICE_BATCHING_SECONDS: Type.Integer({ minimum: 0, maximum: 86400, default: 600 }),
});

export type Config = {
  port: number;
  host: string;
  databasePath: string;
  /** NORMAL: commits survive the process being killed; FULL: also power loss (fsync per commit). */
  databaseSynchronous: 'NORMAL' | 'FULL';
  /** Without a trailing slash. */
  publicBaseUrl: string;
  logLevel: (typeof LOG_LEVELS)[number];
  /** Failed key or calendar-token attempts one client may make per minute before getting 429. */
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
};

const NUMERIC = new Set(['PORT', 'AUTH_FAILURES_PER_MINUTE', 'CACHE_MEMORY_MB', 'SESSION_IDLE_MINUTES', 'SESSION_MAX_HOURS', 'NOTICE_RETRY_SECONDS', 'NOTICE_BATCHING_SECONDS']);

export class ConfigError extends Error {}

/** A bad value as an error message may show it: never a password or a secret. */
function shown(name: string, value: string | undefined): string | undefined {
  if (value === undefined) return value;
  if (name.endsWith('_SECRET')) return '[hidden]';
  return name === 'SMTP_URL' ? value.replace(/\/\/([^/@]*)@/, '//[hidden]@') : value;
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
      const why = name === 'DEFAULT_TIMEZONE' ? 'must be WIB, WITA, WIT or an IANA zone such as Asia/Jakarta' : name === 'LOG_LEVEL' ? `must be one of ${LOG_LEVELS.join(', ')}` : name === 'DATABASE_SYNCHRONOUS' ? 'must be NORMAL or FULL' : name === 'TRUST_PROXY' ? 'must be true, false, or proxy addresses (CIDRs allowed) separated by commas' : name === 'SMTP_URL' ? 'must look like smtp://user:password@host:587 or smtps://host:465' : p.message;
      return `${name}=${JSON.stringify(shown(name, env[name]))}: ${why}`;
    });
    throw new ConfigError(`Invalid configuration:\n  ${[...new Set(lines)].join('\n  ')}`);
  }
  const valid = converted as Static<typeof ConfigSchema>;
  return {
    port: valid.PORT,
    host: valid.HOST,
    databasePath: valid.DATABASE_PATH,
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
    trustProxy: trustProxyOf(valid.TRUST_PROXY),
    smtpUrl: valid.SMTP_URL ?? null,
    // The name quoted: an organisation's name may hold a comma or parentheses.
    mailFrom: valid.MAIL_FROM ?? `"${valid.ORGANISATION_NAME.replace(/["\\]/g, '')}" <noreply@${new URL(valid.PUBLIC_BASE_URL ?? 'http://localhost').hostname}>`,
    webhook: valid.WEBHOOK_URL ? { url: valid.WEBHOOK_URL, secret: valid.WEBHOOK_SECRET! } : null,
    noticeRetrySeconds: valid.NOTICE_RETRY_SECONDS,
    noticeBatchingSeconds: valid.NOTICE_BATCHING_SECONDS,
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
