import { Type } from '@sinclair/typebox';
import type { Container } from '../../../container';
import type { Api } from '../../../http/api';
import { ROLES } from '../../../platform/actor';
import { Id, Name } from '../../../platform/schemas';
import type { FormProblem } from '../../../web/components/form';
import { readForm, refusal, type Typed } from '../../../web/forms';
import { signedIn } from '../../../web/web';
import { flashOf, withFlash } from '../../shared/flash';
import { IdParams, actorOf } from '../../shared/page-helpers';
import { KeyShownOnce, KeysPage, type KeyRow } from './keys.view';

type Services = Pick<Container, 'access' | 'units' | 'users' | 'audit'>;

const KeyForm = Type.Object({ label: Name, role: Type.Union(ROLES.map((r) => Type.Literal(r))), unitId: Type.Optional(Id) });

/** API keys (made and shown once, revoked), with the change log beside them. */
export function keyPages(web: Api, services: Services) {
  const { access, units } = services;
  const guard = { onRequest: signedIn('organiser') };

  /** The keys page's data: every key with its unit's name, and the units a key may be for. */
  async function keysPage(said: { typed?: Typed; problem?: FormProblem; notice?: string }) {
    const unitList = (await units.list({ limit: 1000, offset: 0 })).map(({ id, name }) => ({ id, name }));
    const unitName = new Map(unitList.map((u) => [u.id, u.name]));
    const keys: KeyRow[] = (await access.list()).map((k) => ({
      id: k.id,
      label: k.label,
      role: k.role,
      unitName: k.unitId === null ? null : unitName.get(k.unitId) ?? '',
      prefix: k.prefix,
      createdAt: k.createdAt,
      revokedAt: k.revokedAt,
    }));
    return { keys, roles: ROLES, units: unitList, ...said };
  }

  web.get('/organisasi/kunci', guard, async (request, reply) => reply.sendPage(<KeysPage ctx={request.page} {...await keysPage({ notice: flashOf(request) })} />));

  web.post('/organisasi/kunci', guard, async (request, reply) => {
    const ctx = request.page;
    const body = (request.body ?? {}) as Record<string, string>;
    // An organiser key belongs to no unit, whatever the unit list says.
    const form = readForm(KeyForm, body.role === 'organiser' ? { ...body, unitId: '' } : body, ctx);
    if (!form.ok) return reply.sendPage(<KeysPage ctx={ctx} {...await keysPage({ typed: form.typed, problem: form.problem })} />, 400);
    try {
      const created = await access.create(actorOf(request), { ...form.value, unitId: form.value.unitId ?? null });
      return reply.sendPage(<KeyShownOnce ctx={ctx} label={created.label} secret={created.key} />, 201);
    } catch (error) {
      const refused = refusal(error, ctx);
      if (refused.fields.unitId) refused.fields.unitId = refused.summary!;
      return reply.sendPage(<KeysPage ctx={ctx} {...await keysPage({ typed: form.typed, problem: refused })} />, refused.status);
    }
  });

  web.post('/organisasi/kunci/:id/cabut', { ...guard, schema: { params: IdParams } }, async (request, reply) => {
    await access.revoke(actorOf(request), request.params.id);
    return reply.redirect(withFlash('/organisasi/kunci', 'keyRevoked'), 303);
  });
}
