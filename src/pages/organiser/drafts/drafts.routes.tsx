import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { DateTime } from 'luxon';
import type { Container } from '../../../container';
import { laterStatuses } from '../../../features/drafts/drafts.rules';
import { DraftCreateBody, DraftStatus } from '../../../features/drafts/drafts.schemas';
import { quotaRefusal } from '../../../features/drafts/drafts.text';
import type { Api } from '../../../http/api';
import type { Actor } from '../../../platform/actor';
import { Id, Text } from '../../../platform/schemas';
import { readForm, refusal, type Typed } from '../../../web/forms';
import { readPageUpload } from '../../../web/uploads';
import { documentTypeOfFile, MAX_DOCUMENT_BYTES } from '../../../platform/documents';
import { formatDate } from '../../../platform/format';
import type { FormProblem } from '../../../web/components/form';
import { signedIn } from '../../../web/web';
import { flashOf, withFlash } from '../../shared/flash';
import { ProgrammeParams, actorOf } from '../../shared/page-helpers';
import { DraftsInbox, RecordDraftPage, type InboxDraft } from './drafts.view';
import { recordDraftText } from './drafts.text';

type Services = Pick<Container, 'programmes' | 'units' | 'drafts' | 'documents' | 'clock'>;

const DraftStatusForm = Type.Object({ draftId: Id, status: DraftStatus, notes: Type.Optional(Text(2000)) });
/** A draft that arrived on paper or by WhatsApp: its unit, title, SOPs and the day it came (the file is optional). */
const RecordForm = Type.Object({ unitId: Id, ...Type.Pick(DraftCreateBody, ['title', 'sopCount']).properties, receivedAt: Type.String({ format: 'date' }) });
const DraftParams = Type.Object({ programmeId: Id, id: Id });

/** The organiser's drafts inbox of a programme: every unit's draft, moved on with notes. */
export function draftInboxPages(web: Api, services: Services) {
  const { programmes, units, drafts, documents, clock } = services;
  const guard = { onRequest: signedIn('organiser') };

  /** The inbox as the page shows it. */
  async function inbox(actor: Actor, programmeId: number, said: { notice?: string; problem?: FormProblem }) {
    const programme = await programmes.get(programmeId);
    const unitName = new Map((await units.list({ limit: 1000, offset: 0 })).map((u) => [u.id, u.name]));
    const rows: InboxDraft[] = (await drafts.list(actor, programmeId)).map((d) => ({
      id: d.id,
      unitName: unitName.get(d.unitId) ?? '',
      title: d.title,
      sopCount: d.sopCount,
      createdAt: d.createdAt,
      document: d.document,
      status: d.status,
      receivedAt: d.receivedAt,
      choices: [d.status, ...laterStatuses(d.status)],
      notes: d.notes,
    }));
    return { programme: { id: programme.id, name: programme.name, timezone: programme.timezone }, drafts: rows, ...said };
  }

  web.get('/organisasi/program/:programmeId/draf', { ...guard, schema: { params: ProgrammeParams } }, async (request, reply) =>
    reply.sendPage(<DraftsInbox ctx={request.page} {...await inbox(actorOf(request), request.params.programmeId, { notice: flashOf(request) })} />),
  );

  web.post('/organisasi/program/:programmeId/draf', { ...guard, schema: { params: ProgrammeParams } }, async (request, reply) => {
    const ctx = request.page;
    const { programmeId } = request.params;
    const body = request.body as Record<string, string>;
    const form = readForm(DraftStatusForm, { draftId: body.draftId, status: body[`status-${body.draftId}`], notes: body[`notes-${body.draftId}`] }, ctx);
    if (!form.ok) return reply.sendPage(<DraftsInbox ctx={ctx} {...await inbox(actorOf(request), programmeId, { problem: form.problem })} />, 400);
    if (!(await drafts.list(actorOf(request), programmeId)).some((d) => d.id === form.value.draftId)) return reply.callNotFound();
    try {
      // Notes left empty clear them.
      await drafts.update(actorOf(request), form.value.draftId, { status: form.value.status, notes: form.value.notes ?? null });
    } catch (error) {
      const refused = refusal(error, ctx);
      return reply.sendPage(<DraftsInbox ctx={ctx} {...await inbox(actorOf(request), programmeId, { problem: refused })} />, refused.status);
    }
    return reply.redirect(withFlash(`/organisasi/program/${programmeId}/draf`, 'draftUpdated'), 303);
  });

  /** The record form: the active units to choose from, and today in the programme's zone as the date received. */
  async function recordPage(request: FastifyRequest, programmeId: number, extra: { typed?: Typed; problem?: FormProblem } = {}) {
    const programme = await programmes.get(programmeId);
    const today = clock.now().setZone(programme.timezone).toISODate()!;
    const choices = (await units.list({ status: 'active', limit: 1000, offset: 0 })).map(({ id, name, code }) => ({ id, name, code }));
    return <RecordDraftPage ctx={request.page} programme={programme} units={choices} today={today} {...extra} />;
  }

  web.get('/organisasi/program/:programmeId/draf/catat', { ...guard, schema: { params: ProgrammeParams } }, async (request, reply) =>
    reply.sendPage(await recordPage(request, request.params.programmeId)),
  );

  web.post('/organisasi/program/:programmeId/draf/catat', { ...guard, config: { upload: true }, schema: { params: ProgrammeParams } }, async (request, reply) => {
    const ctx = request.page;
    const { programmeId } = request.params;
    const programme = await programmes.get(programmeId);
    const t = recordDraftText[ctx.lang];
    const read = await readPageUpload(request, { maxBytes: MAX_DOCUMENT_BYTES, saveTo: documents.incoming }, 'document');
    if ('refused' in read) return reply.sendPage(await recordPage(request, programmeId, { problem: read.refused }), read.status);
    const { upload } = read;
    const file = upload.file;
    try {
      const form = readForm(RecordForm, upload.fields, ctx);
      const type = file?.path ? documentTypeOfFile(file.path) : undefined;
      // The day it came, in the programme's zone: today means now, an earlier day its start.
      const today = clock.now().setZone(programme.timezone).toISODate()!;
      const future = form.ok && form.value.receivedAt > today;
      if (!form.ok || (file && !type) || future) {
        const fields = {
          ...(form.ok ? {} : form.problem.fields),
          ...(future ? { receivedAt: t.receivedFuture(formatDate(today, ctx.lang)) } : {}),
          ...(file && !type ? { document: t.badType } : {}),
        };
        return reply.sendPage(await recordPage(request, programmeId, { typed: form.typed, problem: { fields } }), file && !type ? 415 : 400);
      }
      try {
        const document = file && type ? { name: file.filename.slice(0, 200), type, size: file.size, sha256: file.sha256 } : undefined;
        const { receivedAt, ...draft } = form.value;
        const at = receivedAt === today ? undefined : DateTime.fromISO(receivedAt, { zone: programme.timezone }).startOf('day').toISO()!;
        await drafts.create(actorOf(request), programmeId, { ...draft, ...(at === undefined ? {} : { receivedAt: at }), document }, document && (() => documents.keep(file!.path!, document.sha256, document.type)));
      } catch (error) {
        const refused = refusal(error, ctx, programme.timezone);
        const quota = quotaRefusal(error, ctx.lang, t.quotaNext);
        return reply.sendPage(await recordPage(request, programmeId, { typed: form.typed, problem: quota ? { summary: quota, fields: { document: quota } } : refused }), refused.status);
      }
    } finally {
      // Whatever was not kept (refused, or the file did not fit): nothing stays in the incoming folder.
      if (file?.path) documents.discard(file.path);
    }
    return reply.redirect(withFlash(`/organisasi/program/${programmeId}/draf`, 'draftRecorded'), 303);
  });

  // "Terima": a submitted draft accepted in one click, as PATCH /drafts/:id {status: "received"} does.
  web.post('/organisasi/program/:programmeId/draf/:id/terima', { ...guard, schema: { params: DraftParams } }, async (request, reply) => {
    const ctx = request.page;
    const { programmeId, id } = request.params;
    if (!(await drafts.list(actorOf(request), programmeId)).some((d) => d.id === id)) return reply.callNotFound();
    try {
      await drafts.update(actorOf(request), id, { status: 'received' });
    } catch (error) {
      const refused = refusal(error, ctx);
      return reply.sendPage(<DraftsInbox ctx={ctx} {...await inbox(actorOf(request), programmeId, { problem: refused })} />, refused.status);
    }
    return reply.redirect(withFlash(`/organisasi/program/${programmeId}/draf`, 'draftAccepted'), 303);
  });
}
