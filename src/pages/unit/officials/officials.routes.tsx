import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import type { Container } from '../../../container';
import { ParticipantCreateBody } from '../../../features/participants/participants.schemas';
import type { Api } from '../../../http/api';
import type { PageContext } from '../../../web/context';
import { readForm, refusal } from '../../../web/forms';
import { signedIn } from '../../../web/web';
import { flashOf, withFlash } from '../../shared/flash';
import { importPages, officialsImport } from '../../shared/imports/imports.routes';
import { IdParams, operatorOf } from '../../shared/page-helpers';
import { officialsText } from './officials.text';
import { OfficialFormPage, OfficialsPage } from './officials.view';

type Services = Pick<Container, 'participants'>;

/** The form: the API's body without the unit (always the operator's own). */
const OfficialForm = Type.Omit(ParticipantCreateBody, ['unitId']);

/** The form read as the API reads it; a bad NIP is explained part by part (the form reader's NIP check). */
function readOfficial(body: unknown, ctx: PageContext) {
  return readForm(OfficialForm, body, ctx);
}

/** The officials import in the operator's words: their own unit's officials, the unit column left out. */
const ownOfficialsImport = officialsImport({
  title: (ctx) => officialsText[ctx.lang].uploadTitle,
  lead: (ctx) => officialsText[ctx.lang].uploadLead,
  back: (ctx) => ({ href: '/unit/pejabat', label: officialsText[ctx.lang].title }),
  unitCodeColumn: false,
});

export function officialPages(web: Api, { participants }: Services) {
  const guard = { onRequest: signedIn('unit') };
  const own = async (request: FastifyRequest) => await participants.list(operatorOf(request).actor, { unitId: operatorOf(request).unitId, limit: 1000, offset: 0 });

  web.get('/unit/pejabat', guard, async (request, reply) => reply.sendPage(<OfficialsPage ctx={request.page} officials={await own(request)} notice={flashOf(request)} />));

  web.get('/unit/pejabat/baru', guard, async (request, reply) => reply.sendPage(<OfficialFormPage ctx={request.page} />));

  web.post('/unit/pejabat/baru', guard, async (request, reply) => {
    const ctx = request.page;
    const form = readOfficial(request.body, ctx);
    if (!form.ok) return reply.sendPage(<OfficialFormPage ctx={ctx} typed={form.typed} problem={form.problem} />, 400);
    try {
      await participants.create(operatorOf(request).actor, form.value);
    } catch (error) {
      const refused = refusal(error, ctx);
      return reply.sendPage(<OfficialFormPage ctx={ctx} typed={form.typed} problem={refused} />, refused.status);
    }
    return reply.redirect(withFlash('/unit/pejabat', 'officialAdded'), 303);
  });

  web.get('/unit/pejabat/:id', { ...guard, schema: { params: IdParams } }, async (request, reply) =>
    reply.sendPage(<OfficialFormPage ctx={request.page} official={await participants.get(operatorOf(request).actor, request.params.id)} />),
  );

  web.post('/unit/pejabat/:id', { ...guard, schema: { params: IdParams } }, async (request, reply) => {
    const ctx = request.page;
    const { actor } = operatorOf(request);
    const official = await participants.get(actor, request.params.id);
    const form = readOfficial(request.body, ctx);
    if (!form.ok) return reply.sendPage(<OfficialFormPage ctx={ctx} official={official} typed={form.typed} problem={form.problem} />, 400);
    try {
      // A field left blank clears it.
      await participants.update(actor, official.id, { ...form.value, position: form.value.position ?? null, email: form.value.email ?? null, phone: form.value.phone ?? null });
    } catch (error) {
      const refused = refusal(error, ctx);
      return reply.sendPage(<OfficialFormPage ctx={ctx} official={official} typed={form.typed} problem={refused} />, refused.status);
    }
    return reply.redirect(withFlash('/unit/pejabat', 'officialSaved'), 303);
  });

  web.post('/unit/pejabat/:id/hapus', { ...guard, schema: { params: IdParams } }, async (request, reply) => {
    const ctx = request.page;
    const { actor } = operatorOf(request);
    const official = await participants.get(actor, request.params.id);
    try {
      await participants.remove(actor, official.id);
    } catch (error) {
      const refused = refusal(error, ctx);
      return reply.sendPage(<OfficialFormPage ctx={ctx} official={official} problem={refused} />, refused.status);
    }
    return reply.redirect(withFlash('/unit/pejabat', 'officialRemoved'), 303);
  });

  // The template's first address, kept for links saved before it moved beside the import.
  web.get('/unit/pejabat/contoh.csv', guard, async (_request, reply) => reply.redirect('/unit/pejabat/unggah/contoh.csv', 301));

  importPages(web, {
    path: '/unit/pejabat/unggah',
    guard: signedIn('unit'),
    kind: ownOfficialsImport,
    run: (request, csv, options) => participants.importCsv(operatorOf(request).actor, csv, options),
    done: { all: withFlash('/unit/pejabat', 'imported'), skipping: withFlash('/unit/pejabat', 'importedSkipping') },
  });
}
