import { Type } from '@sinclair/typebox';
import { DateTime } from 'luxon';
import type { Container } from '../../../container';
import type { Api } from '../../../http/api';
import { Id, LocalDate } from '../../../platform/schemas';
import { signedIn } from '../../../web/web';
import { PageNumber, actorOf } from '../../shared/page-helpers';
import { pageOf, pageSlice } from '../../shared/pagination.view';
import { LogPage, type LogActor, type LogChange, type LogEntry, type LogValue } from './log.view';

type Services = Pick<Container, 'access' | 'users' | 'audit'>;

const LogQuery = Type.Object({
  siapa: Type.Optional(Type.String({ pattern: '^(u|k)\\d{1,12}$' })),
  tindakan: Type.Optional(Type.String({ maxLength: 80 })),
  data: Type.Optional(Type.String({ maxLength: 50 })),
  nomor: Type.Optional(Id),
  dari: Type.Optional(LocalDate),
  sampai: Type.Optional(LocalDate),
  halaman: PageNumber,
  ok: Type.Optional(Type.String()),
});

/** What changed, field by field: the fields whose value differs before and after. */
function changes(before: unknown, after: unknown): LogChange[] {
  const record = (value: unknown) => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {});
  const [b, a] = [record(before), record(after)];
  // A yes/no stays one for the view to word; absent is null; anything else as text.
  const show = (value: unknown): LogValue => (value === undefined ? null : typeof value === 'boolean' ? value : typeof value === 'string' ? value : JSON.stringify(value));
  return [...new Set([...Object.keys(b), ...Object.keys(a)])]
    .filter((k) => JSON.stringify(b[k]) !== JSON.stringify(a[k]) && k !== 'updatedAt')
    .map((field) => ({ field, before: show(b[field]), after: show(a[field]) }));
}

/** The change log, filtered by who, what and when, 25 entries a page. */
export function logPages(web: Api, services: Services) {
  const { access, users, audit } = services;
  const guard = { onRequest: signedIn('organiser') };

  web.get('/organisasi/catatan', { ...guard, schema: { querystring: LogQuery } }, async (request, reply) => {
    const ctx = request.page;
    const query = request.query;
    const zone = ctx.defaultZone;
    const people = (await users.list(actorOf(request))).map(({ id, name }) => ({ id, name }));
    const keys = (await access.list()).map(({ id, label }) => ({ id, label }));
    const { actions, entities } = await audit.vocabulary();
    const page = query.halaman ?? 1;
    const startOf = (date: string) => DateTime.fromISO(date, { zone }).toISO()!;
    const who = query.siapa;
    const filter = {
      action: query.tindakan || undefined,
      entity: query.data || undefined,
      entityId: query.nomor,
      userId: who?.startsWith('u') ? Number(who.slice(1)) : undefined,
      keyId: who?.startsWith('k') ? Number(who.slice(1)) : undefined,
      from: query.dari ? startOf(query.dari) : undefined,
      to: query.sampai ? DateTime.fromISO(startOf(query.sampai)).plus({ days: 1 }).toISO()! : undefined,
    };
    const rows = await audit.list({ ...filter, ...pageSlice(page) });
    const total = await audit.count(filter);
    const userName = new Map(people.map((u) => [u.id, u.name]));
    const keyLabel = new Map(keys.map((k) => [k.id, k.label]));
    const by = (e: { userId: number | null; keyId: number | null; role: string }): LogActor =>
      e.role.startsWith('partner:')
        ? { kind: 'partner', government: e.role.slice('partner:'.length) }
        : e.userId !== null
          ? { kind: 'user', name: userName.get(e.userId) ?? `#${e.userId}` }
          : e.keyId !== null
            ? { kind: 'key', label: keyLabel.get(e.keyId) ?? `#${e.keyId}` }
            : { kind: 'system' };
    const entries: LogEntry[] = rows.map((e) => ({ at: e.at, by: by(e), action: e.action, entity: e.entity, entityId: e.entityId, changes: changes(e.before, e.after) }));
    return reply.sendPage(<LogPage ctx={ctx} filter={query} people={people} keys={keys} actions={actions} entities={entities} entries={entries} at={pageOf(page, total, entries.length)} />);
  });
}
