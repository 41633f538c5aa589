import { formatBytes, formatInstant } from '../../../platform/format';
import type { PageContext } from '../../../web/context';
import { Layout } from '../../../web/layout';
import { keysText } from '../keys/keys.text';
import { logText } from '../log/log.text';
import { noticesPageText } from '../notices/notices.text';
import { usersText } from '../users/users.text';
import { governmentsText } from '../governments/governments.text';
import { registryText } from '../registry/registry.text';
import { partnersText } from '../partners/partners.text';
import { consoleText } from './console.text';

export interface ConsoleProgramme {
  id: number;
  name: string;
  publicCalendar: boolean;
}

/** The newest backup and the last failure since, as the console shows them. */
export interface BackupStanding {
  last: { takenAt: string; databaseBytes: number; documents: number; documentBytes: number; missingDocuments: number } | null;
  lastFailure: { at: string; message: string } | null;
  /** The local time of the daily backup (null: none scheduled). */
  dailyAt: string | null;
  /** Taken by cron (`npm run backup`), not by the servers (on PostgreSQL). */
  byCron: boolean;
}

/** The console's home: the programmes, a link to each part of the console, and the backups. */
export function ConsoleHome({ ctx, programmes, failedDeliveries, backups, governmentsBelow, administers }: { ctx: PageContext; programmes: readonly ConsoleProgramme[]; failedDeliveries: number; backups: BackupStanding; governmentsBelow: number; administers: boolean }) {
  const t = consoleText[ctx.lang];
  const title = t.title(ctx.organisation);
  const users = usersText[ctx.lang];
  const keys = keysText[ctx.lang];
  const log = logText[ctx.lang];
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p class="lead">{t.lead}</p>
      <h2>{t.programmes}</h2>
      <p>
        <a class="button" href="/organisasi/program/baru">
          {t.newProgramme}
        </a>
      </p>
      {programmes.length === 0 ? (
        <p>{t.noProgrammes}</p>
      ) : (
        <ul class="plain-list">
          {programmes.map((p) => (
            <li class="plain-list__item">
              <a href={`/organisasi/program/${p.id}`}>
                <strong>{p.name}</strong>
              </a>
              <span class="button-row">
                <a href={`/organisasi/program/${p.id}/pejabat`}>{t.people}</a>
                <a href={`/organisasi/program/${p.id}/draf`}>{t.drafts}</a>
                {p.publicCalendar && <a href={`/p/${p.id}`}>{t.publicPage}</a>}
              </span>
            </li>
          ))}
        </ul>
      )}
      {governmentsBelow > 0 && (
        <>
          <h2>
            <a href="/organisasi/pemerintah">{governmentsText[ctx.lang].title}</a>
          </h2>
          <p>{t.governmentsLead(governmentsBelow)}</p>
          <h2>
            <a href="/organisasi/mitra">{partnersText[ctx.lang].title}</a>
          </h2>
          <p>{partnersText[ctx.lang].lead}</p>
        </>
      )}
      {administers && (
        <>
          <h2>
            <a href="/organisasi/pemerintah/terdaftar">{registryText[ctx.lang].title}</a>
          </h2>
          <p>{t.registryLead}</p>
        </>
      )}
      <h2>
        <a href="/organisasi/unit">{t.units}</a>
      </h2>
      <p>{t.unitsLead}</p>
      <h2>
        <a href="/organisasi/pengguna">{users.title}</a>
      </h2>
      <p>{users.lead}</p>
      <h2>
        <a href="/organisasi/kunci">{keys.title}</a>
      </h2>
      <p>{keys.lead}</p>
      <h2>
        <a href="/organisasi/catatan">{log.title}</a>
      </h2>
      <p>{log.lead}</p>
      <h2>
        <a href="/organisasi/pemberitahuan">{noticesPageText[ctx.lang].title}</a>
      </h2>
      <p>
        {t.noticesLead}
        {failedDeliveries > 0 && (
          <>
            {' '}
            <a href="/organisasi/pemberitahuan?status=failed">{t.failedCount(failedDeliveries)}</a>
          </>
        )}
      </p>
      <h2>{t.backups}</h2>
      {backups.lastFailure && <p class="warning-text">{t.backupFailed(formatInstant(backups.lastFailure.at, ctx.defaultZone, ctx.lang), backups.lastFailure.message)}</p>}
      {backups.last && backups.last.missingDocuments > 0 && <p class="warning-text">{t.missingDocuments(backups.last.missingDocuments)}</p>}
      <p>
        {backups.last
          ? t.lastBackup(formatInstant(backups.last.takenAt, ctx.defaultZone, ctx.lang), formatBytes(backups.last.databaseBytes, ctx.lang), backups.last.documents, formatBytes(backups.last.documentBytes, ctx.lang))
          : t.noBackup}{' '}
        {t.backupHow(backups.dailyAt, backups.byCron)}
      </p>
    </Layout>
  );
}
