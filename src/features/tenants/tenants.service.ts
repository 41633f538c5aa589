import { canonicalZone, toStoredInstant, type Clock } from '../../platform/time';
import { requireOrganiser, type Actor } from '../../platform/actor';
import { invalidField, notFound } from '../../platform/errors';
import type { AuditService } from '../audit/audit.service';
import type { UnitOfWork } from '../../platform/unit-of-work';
import type { TenantRow, TenantsRepository } from './tenants.repository';
import { hostProblem, normaliseHost, PARENT_KIND, slugProblem, TENANT_KINDS, type TenantKind } from './tenants.rules';

export interface TenantInput {
  slug: string;
  name: string;
  kind: string;
  /** The slug of the government it answers to. */
  parent?: string;
  organisationName?: string;
  timezone?: string;
  mailFrom?: string;
  host?: string;
}

/** A sender: an address alone, or a name and the address in angle brackets (no comma, quote or line break in the name: one mailbox). */
const SENDER = /^(?:[^<>@",;\r\n]*<[^\s<>@]+@[^\s<>@]+\.[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+\.[^\s<>@]+)$/;

/**
 * Registering the governments a deployment hosts (the platform administrator's command line).
 * Opening their databases is the tenancy's (src/tenancy.ts).
 */
export function createTenantsService({
  repository,
  uow,
  clock,
  ownHost,
}: {
  repository: TenantsRepository;
  uow: UnitOfWork;
  clock: Clock;
  /** The host of PUBLIC_BASE_URL: the deployment's own government answers there, so no other may be registered at it. */
  ownHost: string;
}) {
  async function checked(input: TenantInput) {
    const slugWhy = slugProblem(input.slug);
    if (slugWhy) throw invalidField('/slug', slugWhy);
    if (!input.name.trim()) throw invalidField('/name', 'must not be empty');
    if (!(TENANT_KINDS as readonly string[]).includes(input.kind)) throw invalidField('/kind', `must be one of ${TENANT_KINDS.join(', ')}`);
    const kind = input.kind as TenantKind;
    let parentId: number | null = null;
    if (input.parent !== undefined) {
      const parent = await repository.bySlug(input.parent);
      if (!parent) throw invalidField('/parent', `no government has the slug ${input.parent}`);
      if (PARENT_KIND[kind] !== parent.kind) throw invalidField('/parent', `a ${kind} belongs to ${PARENT_KIND[kind] ? `a ${PARENT_KIND[kind]}` : 'no other government'}, and ${parent.slug} is a ${parent.kind}`);
      parentId = parent.id;
    }
    const timezone = input.timezone === undefined ? null : canonicalZone(input.timezone);
    if (timezone === undefined) throw invalidField('/timezone', 'must be WIB, WITA, WIT or an IANA zone such as Asia/Makassar');
    if (input.mailFrom?.trim() && !SENDER.test(input.mailFrom.trim())) throw invalidField('/mailFrom', 'must be an email address, alone or as Name <address> (e.g. Bagian Organisasi <organisasi@banjarbarukota.go.id>)');
    if (input.host !== undefined && hostProblem(input.host)) throw invalidField('/host', hostProblem(input.host)!);
    if (input.host !== undefined && normaliseHost(input.host) === normaliseHost(ownHost)) throw invalidField('/host', 'is the deployment’s own address (PUBLIC_BASE_URL), where its own government answers');
    return {
      slug: input.slug,
      name: input.name.trim(),
      kind,
      parentId,
      organisationName: input.organisationName?.trim() || null,
      timezone,
      mailFrom: input.mailFrom?.trim() || null,
      host: input.host === undefined ? null : normaliseHost(input.host),
      createdAt: toStoredInstant(clock.now()),
    };
  }

  return {
    list: () => repository.list(),
    /** The deployment's own government, once registered. */
    home: () => repository.home(),

    /** The deployment's own government: its data is the home database's, as it was before tenants. */
    registerHome: async (input: TenantInput): Promise<TenantRow> => {
      const values = await checked(input);
      return uow.write(async () => await repository.insert({ ...values, database: null }));
    },

    /**
     * Another government. Its database (a SQLite file, or a PostgreSQL database's name) is made
     * once the details are found sound, and discarded again if the registry refuses them.
     */
    register: async (input: TenantInput, makeDatabase: (slug: string) => Promise<{ database: string; discard(): Promise<void> }>): Promise<TenantRow> => {
      if (!(await repository.home())) throw invalidField('/home', 'register this deployment’s own government first: npm run create-tenant -- --home --slug ... --name ... --kind ...');
      const values = await checked(input);
      // Asked first so that a taken slug makes no database (and names the option); the unique index still decides.
      if (await repository.bySlug(values.slug)) throw invalidField('/slug', `another government already has the slug ${values.slug}`, { reason: 'TAKEN' });
      const made = await makeDatabase(values.slug);
      try {
        return await uow.write(async () => await repository.insert({ ...values, database: made.database }));
      } catch (err) {
        await made.discard();
        throw err;
      }
    },
  };
}

export type TenantsService = ReturnType<typeof createTenantsService>;

/** A registered government as the platform administrator's page lists it. */
export type RegisteredGovernment = TenantRow & { parentSlug: string | null; address: string };

/**
 * The platform administrator's work on a deployment of many governments (src/tenancy.ts does
 * it): the registry, and registering a government with its first organiser, as
 * `npm run create-tenant` and `npm run create-user -- --tenant` do.
 */
export interface GovernmentAdministration {
  list(): Promise<RegisteredGovernment[]>;
  register(input: TenantInput, organiser: { name: string; email: string }): Promise<{ government: RegisteredGovernment; organiser: { setPasswordUrl: string; linkExpiresAt: string } }>;
}

/**
 * The platform administrator's pages are the home government's organisers': only the home of a
 * deployment that serves many governments has them (any other answers not found).
 */
export function createAdministrationService({ administration, audit }: { administration: GovernmentAdministration | undefined; audit: Pick<AuditService, 'record'> }) {
  const administer = (actor: Actor) => {
    requireOrganiser(actor);
    if (!administration) throw notFound('page', 'governments');
    return administration;
  };
  return {
    /** Whether this government administers the deployment (its console links the page). */
    available: administration !== undefined,
    list: async (actor: Actor) => await administer(actor).list(),
    async register(actor: Actor, input: TenantInput, organiser: { name: string; email: string }) {
      const registered = await administer(actor).register(input, organiser);
      await audit.record(actor, { action: 'tenant.register', entity: 'tenant', entityId: registered.government.id, before: null, after: { ...registered.government, organiser: organiser.email } });
      return registered;
    },
  };
}

export type AdministrationService = ReturnType<typeof createAdministrationService>;
