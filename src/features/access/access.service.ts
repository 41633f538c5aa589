import type { Actor, Role } from '../../platform/actor';
import { conflict, invalidField, notFound } from '../../platform/errors';
import { Lru } from '../../platform/lru';
import { hashSecret, randomSecret } from '../../platform/secrets';
import { toStoredInstant, type Clock } from '../../platform/time';
import type { UnitOfWork } from '../../platform/unit-of-work';
import type { AuditService } from '../audit/audit.service';
import type { UnitsService } from '../units/units.service';
import type { AccessRepository, KeyRow } from './access.repository';

/** Recognisable by its prefix (e.g. by secret scanners). */
const KEY_PREFIX = 'sop_';

/**
 * How long a key found active is believed without asking the database again: every API request
 * presents one, and the lookup was a third of a cached listing's cost on PostgreSQL. A
 * revocation clears this process's keys at once; other server processes (and this one, after a
 * script revoked a key) stop accepting it within this time.
 */
export const KEY_CACHE_MS = 1_000;

export const keyView = (row: KeyRow) => ({
  id: row.id,
  role: row.role,
  unitId: row.unitId,
  label: row.label,
  prefix: row.prefix,
  createdAt: row.createdAt,
  revokedAt: row.revokedAt,
});

export type AccessService = ReturnType<typeof createAccessService>;

export function createAccessService(deps: {
  repository: AccessRepository;
  uow: UnitOfWork;
  clock: Clock;
  audit: AuditService;
  units: Pick<UnitsService, 'requireExisting'>;
}) {
  const { repository, uow, clock, audit, units } = deps;
  const activeKeys = new Lru<{ actor: Actor; until: number }>(1024 * 1024, () => 128);
  /** Raised by each revocation: a lookup that began before one is not kept. */
  let revocations = 0;

  return {
    async create(actor: Actor, input: { role: Role; unitId?: number | null; label: string }) {
      const unitId = input.unitId ?? null;
      if (input.role === 'unit' && unitId === null) throw invalidField('/body/unitId', 'a unit key needs unitId');
      if (input.role === 'organiser' && unitId !== null) throw invalidField('/body/unitId', 'an organiser key is not bound to a unit');
      const secret = KEY_PREFIX + randomSecret();
      const row = await uow.write(async () => {
        if (unitId !== null) await units.requireExisting(unitId);
        const inserted = await repository.insert({
          keyHash: hashSecret(secret),
          prefix: secret.slice(0, KEY_PREFIX.length + 6),
          role: input.role,
          unitId,
          label: input.label,
          createdAt: toStoredInstant(clock.now()),
        });
        await audit.record(actor, { action: 'apiKey.create', entity: 'apiKey', entityId: inserted.id, after: keyView(inserted) });
        return inserted;
      });
      return { ...keyView(row), key: secret };
    },

    list: async () => (await repository.list()).map(keyView),

    async revoke(actor: Actor, id: number) {
      await uow.write(async () => {
        const row = await repository.byId(id);
        if (!row) throw notFound('API key', id);
        if (row.revokedAt) throw conflict('ALREADY_REVOKED', `API key ${id} is already revoked`);
        const revoked = await repository.revoke(id, toStoredInstant(clock.now()));
        await audit.record(actor, { action: 'apiKey.revoke', entity: 'apiKey', entityId: id, before: keyView(row), after: keyView(revoked) });
      });
      revocations++;
      activeKeys.clear();
    },

    /** The actor a presented secret stands for, or undefined when it is unknown or revoked. */
    async authenticate(secret: string): Promise<Actor | undefined> {
      const hash = hashSecret(secret);
      const now = performance.now();
      const known = activeKeys.get(hash);
      if (known && known.until > now) return known.actor;
      const before = revocations;
      const row = await repository.activeByHash(hash);
      if (!row) return undefined;
      const actor: Actor = { keyId: row.id, role: row.role, unitId: row.unitId };
      if (revocations === before) activeKeys.set(hash, { actor, until: now + KEY_CACHE_MS });
      return actor;
    },
  };
}
