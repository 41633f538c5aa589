import { availableParallelism } from 'node:os';
import { addressWarning, ConfigError, loadConfig } from '../../src/config';

describe('loadConfig', () => {
  it('has working defaults', () => {
    expect(loadConfig({})).toEqual({
      port: 3000,
      host: '127.0.0.1',
      databasePath: 'data/sop.db',
      databaseUrl: null,
      databasePoolSize: 10,
      databaseSynchronous: 'NORMAL',
      publicBaseUrl: 'http://localhost:3000',
      logLevel: 'info',
      authFailuresPerMinute: 30,
      cacheMemoryMb: 48,
      defaultTimezone: 'Asia/Jakarta',
      organisationName: 'Bagian Organisasi',
      sessionIdleMinutes: 120,
      sessionMaxHours: 12,
      documentsPath: 'data/documents',
      draftQuota: { bytes: 100 * 1024 * 1024, documents: 20 },
      trustProxy: false,
      smtpUrl: null,
      tenantRouting: 'single',
      mailFrom: '"Bagian Organisasi" <noreply@localhost>',
      webhook: null,
      noticeRetrySeconds: 60,
      noticeBatchingSeconds: 600,
      noticeDeadlines: { smtpSeconds: 30, emailSeconds: 60, webhookSeconds: 15, shutdownSeconds: 3 },
      workers: { threads: Math.min(2, availableParallelism()), heapMb: 64, queue: 16, perPerson: 2 },
      backups: { dir: 'data/backups', keep: 14, dailyAt: '02:00' },
      readyMinFreeMb: 500,
      metricsToken: null,
    });
  });

  it('reads and converts every variable, treating empty ones as unset', () => {
    expect(
      loadConfig({ PORT: '8080', HOST: '0.0.0.0', DATABASE_PATH: ':memory:', DATABASE_URL: 'postgres://sop:secret@db.example.go.id:5432/sop', DATABASE_POOL_SIZE: '20', DATABASE_SYNCHRONOUS: 'full', PUBLIC_BASE_URL: 'https://sop.example.go.id/', LOG_LEVEL: 'warn', CACHE_MEMORY_MB: '32', DEFAULT_TIMEZONE: 'wita', ORGANISATION_NAME: 'Bagian Organisasi Setda Kota Banjarmasin', SESSION_IDLE_MINUTES: '30', SESSION_MAX_HOURS: '8', DOCUMENTS_PATH: '/srv/sop/documents', TRUST_PROXY: '10.0.0.1, 192.168.0.0/16', SMTP_URL: 'smtp://sop:secret@mail.banjarmasinkota.go.id:587', MAIL_FROM: 'Bagian Organisasi <organisasi@banjarmasinkota.go.id>', TENANT_ROUTING: 'path', WEBHOOK_URL: 'https://wa-gateway.example.go.id/hook', WEBHOOK_SECRET: 'a-long-shared-secret', NOTICE_RETRY_SECONDS: '30', NOTICE_BATCHING_SECONDS: '0', DATABASE_X: 'ignored' }),
    ).toEqual({
      port: 8080,
      host: '0.0.0.0',
      databasePath: ':memory:',
      databaseUrl: 'postgres://sop:secret@db.example.go.id:5432/sop',
      databasePoolSize: 20,
      databaseSynchronous: 'FULL',
      publicBaseUrl: 'https://sop.example.go.id',
      logLevel: 'warn',
      authFailuresPerMinute: 30,
      cacheMemoryMb: 32,
      defaultTimezone: 'Asia/Makassar',
      organisationName: 'Bagian Organisasi Setda Kota Banjarmasin',
      sessionIdleMinutes: 30,
      sessionMaxHours: 8,
      documentsPath: '/srv/sop/documents',
      draftQuota: { bytes: 100 * 1024 * 1024, documents: 20 },
      trustProxy: ['10.0.0.1', '192.168.0.0/16'],
      smtpUrl: 'smtp://sop:secret@mail.banjarmasinkota.go.id:587',
      tenantRouting: 'path',
      mailFrom: 'Bagian Organisasi <organisasi@banjarmasinkota.go.id>',
      webhook: { url: 'https://wa-gateway.example.go.id/hook', secret: 'a-long-shared-secret' },
      noticeRetrySeconds: 30,
      noticeBatchingSeconds: 0,
      noticeDeadlines: { smtpSeconds: 30, emailSeconds: 60, webhookSeconds: 15, shutdownSeconds: 3 },
      workers: { threads: Math.min(2, availableParallelism()), heapMb: 64, queue: 16, perPerson: 2 },
      backups: { dir: 'data/backups', keep: 14, dailyAt: '02:00' },
      readyMinFreeMb: 500,
      metricsToken: null,
    });
    expect(loadConfig({ SMTP_TIMEOUT_SECONDS: '10', EMAIL_SEND_SECONDS: '20', WEBHOOK_SEND_SECONDS: '5', NOTICE_SHUTDOWN_SECONDS: '0' }).noticeDeadlines).toEqual({ smtpSeconds: 10, emailSeconds: 20, webhookSeconds: 5, shutdownSeconds: 0 });
    expect(loadConfig({ DRAFT_QUOTA_MEGABYTES: '50', DRAFT_QUOTA_DOCUMENTS: '5' }).draftQuota).toEqual({ bytes: 50 * 1024 * 1024, documents: 5 });
    expect(loadConfig({ WORKER_THREADS: '1', WORKER_HEAP_MB: '96', WORKER_QUEUE: '0', WORKER_JOBS_PER_PERSON: '1' }).workers).toEqual({ threads: 1, heapMb: 96, queue: 0, perPerson: 1 });
    expect(loadConfig({ PORT: '' }).port).toBe(3000);
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ BACKUP_DIR: '/var/lib/sop-scheduler/backups', BACKUP_KEEP: '30', BACKUP_TIME: '23:15' }).backups).toEqual({ dir: '/var/lib/sop-scheduler/backups', keep: 30, dailyAt: '23:15' });
    expect(loadConfig({ BACKUP_TIME: 'off' }).backups.dailyAt).toBeNull();
    expect(loadConfig({ READY_MIN_FREE_MB: '0', METRICS_TOKEN: 'prometheus-di-diskominfo' })).toMatchObject({ readyMinFreeMb: 0, metricsToken: 'prometheus-di-diskominfo' });
  });

  it('never shows a password or a secret in its message', () => {
    expect(() => loadConfig({ SMTP_URL: 'smtp://sop:rahasia123@mail example' })).toThrow('SMTP_URL="smtp://[hidden]@mail example"');
    expect(() => loadConfig({ WEBHOOK_URL: 'https://gateway.example.go.id/hook', WEBHOOK_SECRET: 'pendek' })).toThrow('WEBHOOK_SECRET="[hidden]"');
    expect(() => loadConfig({ METRICS_TOKEN: 'pendek' })).toThrow('METRICS_TOKEN="[hidden]"');
    expect(() => loadConfig({ DATABASE_URL: 'mysql://sop:rahasia123@db/sop' })).toThrow('DATABASE_URL="mysql://[hidden]@db/sop": must look like postgres://user:password@host:5432/sop');
  });

  it('wants a webhook secret with a webhook address', () => {
    expect(() => loadConfig({ WEBHOOK_URL: 'https://gateway.example.go.id/hook' })).toThrow(/WEBHOOK_SECRET=undefined: must be set/);
  });

  it.each([
    ['PORT', 'abc'],
    ['CACHE_MEMORY_MB', '0'],
    ['DEFAULT_TIMEZONE', 'Asia/Banjarmasin'],
    ['PORT', '70000'],
    ['PORT', '30.5'],
    ['BACKUP_TIME', '25:00'],
    ['BACKUP_KEEP', '0'],
    ['NOTICE_BATCHING_SECONDS', '-1'],
    ['PUBLIC_BASE_URL', 'sop.example.go.id'],
    ['LOG_LEVEL', 'loud'],
    ['DATABASE_SYNCHRONOUS', 'sometimes'],
    ['SESSION_IDLE_MINUTES', '1'],
    ['SESSION_MAX_HOURS', 'forever'],
    ['TRUST_PROXY', 'yes please'],
    ['SMTP_URL', 'mail.example.go.id'],
    ['WEBHOOK_URL', 'ftp://gateway'],
    ['NOTICE_RETRY_SECONDS', '0'],
    // A send must end within the outbox's two-minute lease.
    ['EMAIL_SEND_SECONDS', '300'],
    ['NOTICE_SHUTDOWN_SECONDS', '1.5'],
    ['WORKER_THREADS', '0'],
  ])('names the bad variable %s=%s', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(`${name}=`));
  });
});

describe('addresses', () => {
  it('default PUBLIC_BASE_URL to where the server listens', () => {
    expect(loadConfig({ PORT: '8080' }).publicBaseUrl).toBe('http://localhost:8080');
    expect(loadConfig({ PORT: '8080', PUBLIC_BASE_URL: 'https://sop.example.go.id/' }).publicBaseUrl).toBe('https://sop.example.go.id');
  });

  it('warn when the server listens for others but links still point at localhost', () => {
    expect(addressWarning(loadConfig({ HOST: '0.0.0.0' }))).toMatch(/PUBLIC_BASE_URL is http:\/\/localhost:3000/);
    expect(addressWarning(loadConfig({}))).toBeUndefined();
    expect(addressWarning(loadConfig({ HOST: '0.0.0.0', PUBLIC_BASE_URL: 'https://sop.example.go.id' }))).toBeUndefined();
  });
});
