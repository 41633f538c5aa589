import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import type { Container } from '../../../container';
import { DELIVERY_STATUSES, NOTICE_KINDS } from '../../../features/outbox/outbox.rules';
import type { Api } from '../../../http/api';
import { AppError } from '../../../platform/errors';
import { Id } from '../../../platform/schemas';
import type { FormProblem } from '../../../web/components/form';
import { refusal } from '../../../web/forms';
import { signedIn } from '../../../web/web';
import { flashOf, withFlash } from '../../shared/flash';
import { IdParams, PageNumber, actorOf } from '../../shared/page-helpers';
import { pageOf, pageSlice } from '../../shared/pagination.view';
import { BASE, listAddress, NoticePage, NoticesPage, type NoticeListQuery } from './notices.view';

type Services = Pick<Container, 'outbox' | 'units' | 'programmes'>;

/** A filter left at "all" arrives blank and is dropped before validation (see web.ts). */
const ListQuery = Type.Object({
  unit: Type.Optional(Id),
  jenis: Type.Optional(Type.Union(NOTICE_KINDS.map((k) => Type.Literal(k)))),
  status: Type.Optional(Type.Union(DELIVERY_STATUSES.map((s) => Type.Literal(s)))),
  halaman: PageNumber,
  ok: Type.Optional(Type.String()),
});
/** The resend form says where it came from: the list (with its filters) or a notice's page. */
const ResendQuery = Type.Object({ ...ListQuery.properties, rincian: Type.Optional(Type.Literal('1')) });

/** The console's notices: what the service told whom, whether it arrived, and sending again. */
export function noticePages(web: Api, services: Services, options: { smtpConfigured: boolean }) {
  const { outbox, units, programmes } = services;
  const guard = { onRequest: signedIn('organiser') };
  const { smtpConfigured } = options;

  /** Names for a page of notices: units, and each programme's name and zone (sessions are local times there). */
  async function lookups(request: FastifyRequest) {
    const unitList = (await units.list({ limit: 1000, offset: 0 })).map(({ id, name }) => ({ id, name }));
    const unitName = new Map(unitList.map((u) => [u.id, u.name]));
    const byId = new Map((await programmes.list()).map((p) => [p.id, p]));
    const programmeOf = (id: number | null) => (id === null ? undefined : byId.get(id));
    /** What the page shows of a notice beside its own record: its unit's name and the zone of its facts. */
    const placed = (notice: { unitId: number | null; programmeId: number | null }) => ({
      unitName: notice.unitId === null ? null : unitName.get(notice.unitId) ?? `#${notice.unitId}`,
      zone: programmeOf(notice.programmeId)?.timezone || request.page.defaultZone,
    });
    return { units: unitList, placed, programmeName: (id: number | null) => programmeOf(id)?.name };
  }

  async function listPage(request: FastifyRequest, query: NoticeListQuery, said: { notice?: string; problem?: FormProblem }) {
    const { units: unitList, placed } = await lookups(request);
    const page = query.halaman ?? 1;
    const filter = { unitId: query.unit, kind: query.jenis, status: query.status };
    const notices = (await outbox.list(actorOf(request), { ...filter, ...pageSlice(page) })).map((n) => ({ ...n, ...placed(n) }));
    const at = pageOf(page, await outbox.count(actorOf(request), filter), notices.length);
    return <NoticesPage ctx={request.page} query={query} units={unitList} counts={await outbox.counts()} notices={notices} at={at} smtpConfigured={smtpConfigured} {...said} />;
  }

  async function detailPage(request: FastifyRequest, id: number, said: { flash?: string; problem?: FormProblem }) {
    const notice = await outbox.get(actorOf(request), id);
    const { placed, programmeName } = await lookups(request);
    return <NoticePage ctx={request.page} notice={{ ...notice, ...placed(notice), programmeName: programmeName(notice.programmeId) }} smtpConfigured={smtpConfigured} {...said} />;
  }

  web.get(BASE, { ...guard, schema: { querystring: ListQuery } }, async (request, reply) => reply.sendPage(await listPage(request, request.query, { notice: flashOf(request) })));

  web.get(`${BASE}/:id`, { ...guard, schema: { params: IdParams, querystring: Type.Object({ ok: Type.Optional(Type.String()) }) } }, async (request, reply) =>
    reply.sendPage(await detailPage(request, request.params.id, { flash: flashOf(request) })),
  );

  web.post(`${BASE}/:id/kirim-ulang`, { ...guard, schema: { params: IdParams, querystring: ResendQuery } }, async (request, reply) => {
    const ctx = request.page;
    const { id } = request.params;
    const { rincian, ...query } = request.query;
    try {
      await outbox.resend(actorOf(request), id);
    } catch (error) {
      // A notice that does not exist is a missing page; a refusal is told on the page it came from.
      if (error instanceof AppError && error.status === 404) throw error;
      const refused = refusal(error, ctx);
      return reply.sendPage(rincian ? await detailPage(request, id, { problem: refused }) : await listPage(request, query, { problem: refused }), refused.status);
    }
    return reply.redirect(withFlash(rincian ? `${BASE}/${id}` : listAddress(query), 'noticeResent'), 303);
  });
}
