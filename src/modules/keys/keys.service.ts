import { createHash, randomBytes } from 'node:crypto';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { writeTransaction, type Db } from '../../db/client';
import { apiKeys, type Role } from '../../db/schema';
import { conflict, invalidField, notFound } from '../../lib/errors';
import { toStoredInstant, type Clock } from '../../lib/time';
import type { AuditLog } from '../audit/audit.service';
import type { Actor } from '../auth/actor';
import { requireUnit } from '../units/units.repository';

const KEY_PREFIX = 'sop_';

/** 256 random bits, URL-safe, recognisable by its prefix (e.g. by secret scanners). */
export function generateSecret(): string {
  return KEY_PREFIX + randomBytes(32).toString('base64url');
}

/** Keys are high-entropy, so a plain SHA-256 is enough: nothing to brute-force. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export type KeyRow = typeof apiKeys.$inferSelect;

export const keyView = (row: KeyRow) => ({
  id: row.id,
  role: row.role,
  unitId: row.unitId,
  label: row.label,
  prefix: row.prefix,
  createdAt: row.createdAt,
  revokedAt: row.revokedAt,
});

export type KeysService = ReturnType<typeof createKeysService>;

export function createKeysService({ db, clock, audit }: { db: Db; clock: Clock; audit: AuditLog }) {
  // Runs on every authenticated request: prepared once.
  const activeKeyByHash = db
    .select({ id: apiKeys.id, role: apiKeys.role, unitId: apiKeys.unitId })
    .from(apiKeys)
    .where(and(eq(apiKeys.keyHash, sql.placeholder('hash')), isNull(apiKeys.revokedAt)))
    .prepare();

  return {
    create(actor: Actor, input: { role: Role; unitId?: number | null; label: string }) {
      const unitId = input.unitId ?? null;
      if (input.role === 'unit' && unitId === null) throw invalidField('/body/unitId', 'a unit key needs unitId');
      if (input.role === 'organiser' && unitId !== null)
        throw invalidField('/body/unitId', 'an organiser key is not bound to a unit');
      const secret = generateSecret();
      const row = writeTransaction(db, (tx) => {
        if (unitId !== null) requireUnit(db, unitId);
        const inserted = tx
          .insert(apiKeys)
          .values({
            keyHash: hashSecret(secret),
            prefix: secret.slice(0, KEY_PREFIX.length + 6),
            role: input.role,
            unitId,
            label: input.label,
            createdAt: toStoredInstant(clock.now()),
          })
          .returning()
          .get();
        audit.record(tx, actor, { action: 'apiKey.create', entity: 'apiKey', entityId: inserted.id, after: keyView(inserted) });
        return inserted;
      });
      return { ...keyView(row), key: secret };
    },

    list() {
      return db.select().from(apiKeys).orderBy(asc(apiKeys.id)).all().map(keyView);
    },

    revoke(actor: Actor, id: number) {
      writeTransaction(db, (tx) => {
        const row = tx.select().from(apiKeys).where(eq(apiKeys.id, id)).get();
        if (!row) throw notFound('API key', id);
        if (row.revokedAt) throw conflict('ALREADY_REVOKED', `API key ${id} is already revoked`);
        const revoked = tx
          .update(apiKeys)
          .set({ revokedAt: toStoredInstant(clock.now()) })
          .where(eq(apiKeys.id, id))
          .returning()
          .get();
        audit.record(tx, actor, { action: 'apiKey.revoke', entity: 'apiKey', entityId: id, before: keyView(row), after: keyView(revoked) });
      });
    },

    /** The actor a presented secret stands for, or undefined when it is unknown or revoked. */
    authenticate(secret: string): Actor | undefined {
      const row = activeKeyByHash.get({ hash: hashSecret(secret) });
      return row ? { keyId: row.id, role: row.role, unitId: row.unitId } : undefined;
    },
  };
}
