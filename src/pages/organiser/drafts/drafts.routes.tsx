import { Type } from '@sinclair/typebox';
import type { Container } from '../../../container';
import { laterStatuses } from '../../../features/drafts/drafts.rules';
import { DraftStatus } from '../../../features/drafts/drafts.schemas';
import type { Api } from '../../../http/api';
import type { Actor } from '../../../platform/actor';
import { Id, Text } from '../../../platform/schemas';
import { readForm, refusal } from '../../../web/forms';
import type { FormProblem } from '../../../web/components/form';
import { signedIn } from '../../../web/web';
import { flashOf, withFlash } from '../../shared/flash';
import { ProgrammeParams, actorOf } from '../../shared/page-helpers';
import { DraftsInbox, type InboxDraft } from './drafts.view';

type Services = Pick<Container, 'programmes' | 'units' | 'drafts'>;

const DraftStatusForm = Type.Object({ draftId: Id, status: DraftStatus, notes: Type.Optional(Text(2000)) });

/** The organiser's drafts inbox of a programme: every unit's draft, moved on with notes. */
export function draftInboxPages(web: Api, services: Services) {
  const { programmes, units, drafts } = services;
  const guard = { onRequest: signedIn('organiser') };

  /** The inbox as the page shows it. */
  function inbox(actor: Actor, programmeId: number, said: { notice?: string; problem?: FormProblem }) {
    const programme = programmes.get(programmeId);
    const unitName = new Map(units.list({ limit: 1000, offset: 0 }).map((u) => [u.id, u.name]));
    const rows: InboxDraft[] = drafts.list(actor, programmeId).map((d) => ({
      id: d.id,
      unitName: unitName.get(d.unitId) ?? '',
      title: d.title,
      sopCount: d.sopCount,
      createdAt: d.createdAt,
      document: d.document,
      status: d.status,
      choices: [d.status, ...laterStatuses(d.status)],
      notes: d.notes,
    }));
    return { programme: { id: programme.id, name: programme.name, timezone: programme.timezone }, drafts: rows, ...said };
  }

  web.get('/organisasi/program/:programmeId/draf', { ...guard, schema: { params: ProgrammeParams } }, async (request, reply) =>
    reply.sendPage(<DraftsInbox ctx={request.page} {...inbox(actorOf(request), request.params.programmeId, { notice: flashOf(request) })} />),
  );

  web.post('/organisasi/program/:programmeId/draf', { ...guard, schema: { params: ProgrammeParams } }, async (request, reply) => {
    const ctx = request.page;
    const { programmeId } = request.params;
    const body = request.body as Record<string, string>;
    const form = readForm(DraftStatusForm, { draftId: body.draftId, status: body[`status-${body.draftId}`], notes: body[`notes-${body.draftId}`] }, ctx);
    if (!form.ok) return reply.sendPage(<DraftsInbox ctx={ctx} {...inbox(actorOf(request), programmeId, { problem: form.problem })} />, 400);
    if (!drafts.list(actorOf(request), programmeId).some((d) => d.id === form.value.draftId)) return reply.callNotFound();
    try {
      // Notes left empty clear them.
      drafts.update(actorOf(request), form.value.draftId, { status: form.value.status, notes: form.value.notes ?? null });
    } catch (error) {
      const refused = refusal(error, ctx);
      return reply.sendPage(<DraftsInbox ctx={ctx} {...inbox(actorOf(request), programmeId, { problem: refused })} />, refused.status);
    }
    return reply.redirect(withFlash(`/organisasi/program/${programmeId}/draf`, 'draftUpdated'), 303);
  });
}
