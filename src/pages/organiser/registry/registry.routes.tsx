import { Type } from '@sinclair/typebox';
import type { Container } from '../../../container';
import type { Api } from '../../../http/api';
import { AppError } from '../../../platform/errors';
import { Email, Name, Text } from '../../../platform/schemas';
import { readForm, refusal } from '../../../web/forms';
import { signedIn } from '../../../web/web';
import { actorOf } from '../../shared/page-helpers';
import { registryText } from './registry.text';
import { RegisteredPage, RegisterPage, RegistryPage } from './registry.view';

type Services = Pick<Container, 'administration'>;

const Optional = Type.Optional(Text(200));
const RegisterForm = Type.Object({
  name: Name,
  slug: Type.String({ minLength: 1, maxLength: 40 }),
  kind: Type.String({ maxLength: 20 }),
  parent: Optional,
  host: Optional,
  organisationName: Optional,
  timezone: Optional,
  mailFrom: Optional,
  organiserName: Name,
  organiserEmail: Email,
});

/** The platform administrator's pages: the home government's organisers register the governments the deployment serves. */
export function registryPages(web: Api, { administration }: Services) {
  const guard = { onRequest: signedIn('organiser') };
  /** The governments a new one may belong to: provinces and ministries. */
  const parents = async (request: Parameters<typeof actorOf>[0]) => (await administration.list(actorOf(request))).filter((g) => g.kind === 'provinsi' || g.kind === 'kementerian');

  web.get('/organisasi/pemerintah/terdaftar', guard, async (request, reply) => reply.sendPage(<RegistryPage ctx={request.page} governments={await administration.list(actorOf(request))} />));
  web.get('/organisasi/pemerintah/baru', guard, async (request, reply) => reply.sendPage(<RegisterPage ctx={request.page} parents={await parents(request)} />));

  web.post('/organisasi/pemerintah/baru', guard, async (request, reply) => {
    const ctx = request.page;
    const form = readForm(RegisterForm, request.body, ctx);
    if (!form.ok) return reply.sendPage(<RegisterPage ctx={ctx} parents={await parents(request)} typed={form.typed} problem={form.problem} />, 400);
    const { organiserName, organiserEmail, ...government } = form.value;
    // An empty optional field is left to the deployment's default.
    const given = (value: string | undefined) => (value?.trim() ? value.trim() : undefined);
    try {
      const registered = await administration.register(
        actorOf(request),
        { ...government, parent: given(government.parent), host: given(government.host), organisationName: given(government.organisationName), timezone: given(government.timezone), mailFrom: given(government.mailFrom) },
        { name: organiserName, email: organiserEmail },
      );
      return reply.sendPage(<RegisteredPage ctx={ctx} government={registered.government} organiser={{ name: organiserName, ...registered.organiser }} />, 201);
    } catch (error) {
      const refused = refusal(error, ctx);
      // The registry's rules, said in the person's language with how to put them right.
      const problems = registryText[ctx.lang].problems;
      for (const field of ['slug', 'kind', 'parent', 'host', 'timezone', 'mailFrom'] as const) if (refused.fields[field]) refused.fields[field] = problems[field];
      // Taken: by a government registered before (asked first), or at the same moment (the unique index).
      if (refused.code === 'TENANT_SLUG_TAKEN' || (error instanceof AppError && error.extensions?.reason === 'TAKEN')) refused.fields.slug = problems.slugTaken;
      if (refused.code === 'TENANT_HOST_TAKEN') refused.fields.host = problems.hostTaken;
      return reply.sendPage(<RegisterPage ctx={ctx} parents={await parents(request)} typed={form.typed} problem={refused} />, refused.status);
    }
  });
}
