import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import { writeTransaction, type Db, type Tx } from '../../db/client';
import { units, type UnitKind } from '../../db/schema';
import { AppError, conflict, isUniqueViolation, notFound } from '../../lib/errors';
import { toStoredInstant, type Clock } from '../../lib/time';
import type { AuditLog } from '../audit/audit.service';
import type { Actor } from '../auth/actor';
import { parseUnitsCsv } from './units.import';
import type { UnitCreateInput, UnitPatchInput } from './units.schemas';

export type UnitRow = typeof units.$inferSelect;

export const unitView = (row: UnitRow) => ({
  id: row.id,
  code: row.code,
  name: row.name,
  kind: row.kind,
  email: row.email,
  calendarTokenIssuedAt: row.calendarTokenIssuedAt,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
});

const codeTaken = (code: string) => conflict('UNIT_CODE_TAKEN', `A unit with code ${code} already exists`);

export function createUnitsService({ db, clock, audit }: { db: Db; clock: Clock; audit: AuditLog }) {
  const byCode = (tx: Tx | Db, code: string) =>
    tx.select().from(units).where(sql`lower(${units.code}) = lower(${code})`).get();

  return {
    create(actor: Actor, input: UnitCreateInput) {
      const now = toStoredInstant(clock.now());
      try {
        return writeTransaction(db, (tx) => {
          const row = tx
            .insert(units)
            .values({ ...input, email: input.email ?? null, createdAt: now, updatedAt: now })
            .returning()
            .get();
          audit.record(tx, actor, { action: 'unit.create', entity: 'unit', entityId: row.id, after: unitView(row) });
          return unitView(row);
        });
      } catch (err) {
        if (isUniqueViolation(err, 'units_code_unique')) throw codeTaken(input.code);
        throw err;
      }
    },

    list(filter: { kind?: UnitKind; limit: number; offset: number }) {
      const conditions: SQL[] = [];
      if (filter.kind) conditions.push(eq(units.kind, filter.kind));
      return db
        .select()
        .from(units)
        .where(and(...conditions))
        .orderBy(asc(units.id))
        .limit(filter.limit)
        .offset(filter.offset)
        .all()
        .map(unitView);
    },

    get(id: number) {
      const row = db.select().from(units).where(eq(units.id, id)).get();
      if (!row) throw notFound('unit', id);
      return unitView(row);
    },

    getByCode(code: string) {
      const row = byCode(db, code);
      return row ? unitView(row) : undefined;
    },

    update(actor: Actor, id: number, patch: UnitPatchInput) {
      try {
        return writeTransaction(db, (tx) => {
          const before = tx.select().from(units).where(eq(units.id, id)).get();
          if (!before) throw notFound('unit', id);
          const after = tx
            .update(units)
            .set({ ...patch, updatedAt: toStoredInstant(clock.now()) })
            .where(eq(units.id, id))
            .returning()
            .get();
          audit.record(tx, actor, { action: 'unit.update', entity: 'unit', entityId: id, before: unitView(before), after: unitView(after) });
          return unitView(after);
        });
      } catch (err) {
        if (isUniqueViolation(err, 'units_code_unique')) throw codeTaken(patch.code ?? '');
        throw err;
      }
    },

    /** Creates or updates (matched by code) every row of the CSV in one transaction, or nothing. */
    importCsv(actor: Actor, text: string) {
      const parsed = parseUnitsCsv(text);
      if (!parsed.ok)
        throw new AppError(422, 'IMPORT_INVALID', `${parsed.errors.length} line(s) of the file are invalid; nothing was imported`, parsed.errors);
      const now = toStoredInstant(clock.now());
      return writeTransaction(db, (tx) => {
        const counts = { created: 0, updated: 0, unchanged: 0 };
        for (const { unit } of parsed.rows) {
          const values = { code: unit.code, name: unit.name, kind: unit.kind, email: unit.email ?? null };
          const existing = byCode(tx, unit.code);
          if (!existing) {
            const row = tx.insert(units).values({ ...values, createdAt: now, updatedAt: now }).returning().get();
            audit.record(tx, actor, { action: 'unit.import', entity: 'unit', entityId: row.id, after: unitView(row) });
            counts.created++;
          } else if (existing.code === values.code && existing.name === values.name && existing.kind === values.kind && existing.email === values.email) {
            counts.unchanged++;
          } else {
            const row = tx.update(units).set({ ...values, updatedAt: now }).where(eq(units.id, existing.id)).returning().get();
            audit.record(tx, actor, { action: 'unit.import', entity: 'unit', entityId: row.id, before: unitView(existing), after: unitView(row) });
            counts.updated++;
          }
        }
        return counts;
      });
    },
  };
}
