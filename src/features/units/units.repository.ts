import { and, asc, eq, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import type { ConstraintErrors } from '../../platform/constraints';
import type { Db } from '../../platform/database';
import { containsText, first, idIn, listed, prepared, returnedRow, rows, run } from '../../platform/statements';
import { conflict } from '../../platform/errors';
import type { UnitKind, UnitStatusFilter } from './units.rules';
import { revokedCalendarTokens, units } from './units.tables';
import { once } from '../../platform/memo';

export type UnitRow = typeof units.$inferSelect;
type UnitValues = Pick<UnitRow, 'code' | 'name' | 'kind' | 'email'>;

/** What a list of units is filtered by. */
type UnitListFilter = { kind?: UnitKind; code?: string; search?: string; status?: UnitStatusFilter };

/** The list's filter as SQL: the same for a page of units and for their count. */
function listConditions(filter: UnitListFilter): SQL | undefined {
  const conditions: SQL[] = [];
  if (filter.status === 'active') conditions.push(isNull(units.deactivatedAt));
  if (filter.status === 'inactive') conditions.push(isNotNull(units.deactivatedAt));
  if (filter.kind) conditions.push(eq(units.kind, filter.kind));
  if (filter.code) conditions.push(sql`lower(${units.code}) = lower(${filter.code})`);
  if (filter.search) {
    // Any part of the name or code, whatever its case; % and _ typed by a person are literal.
    const fragment = filter.search.toLowerCase();
    conditions.push(sql`(${containsText(units.name, fragment)} or ${containsText(units.code, fragment)})`);
  }
  return and(...conditions);
}

export const unitConstraints: ConstraintErrors = {
  units_code_unique: () => conflict('UNIT_CODE_TAKEN', 'A unit with this code already exists'),
  units_calendar_token_unique: () => conflict('TOKEN_COLLISION', 'The new calendar address collided with another; try again'),
  units_kind_check: () => conflict('INVALID_UNIT_KIND', 'The unit kind is not one of the known kinds'),
  revoked_calendar_tokens_pkey: () => conflict('TOKEN_COLLISION', 'The new calendar address collided with an old one; try again'),
};

export function createUnitsRepository(db: Db) {
  const byId = once(() => prepared(db.select().from(units).where(eq(units.id, sql.placeholder('id')))));
  const byCode = once(() => prepared(db.select().from(units).where(sql`lower(${units.code}) = lower(${sql.placeholder('code')})`)));
  const byTokenHash = once(() => prepared(db.select().from(units).where(eq(units.calendarTokenHash, sql.placeholder('hash')))));
  // Building an insert with drizzle costs more than SQLite running it: prepared once.
  const ph = (name: string) => sql`${sql.placeholder(name)}`;
  const insert = once(() =>
    prepared(
      db
        .insert(units)
        .values({ code: ph('code'), name: ph('name'), kind: ph('kind'), email: ph('email'), createdAt: ph('now'), updatedAt: ph('now') })
        .returning(),
    ),
  );

  return {
    byId: async (id: number): Promise<UnitRow | undefined> => byId().get({ id }),
    /** The names of these units and whether each is active, in one query (for thousands at once). */
    namesAndStates: async (ids: readonly number[]): Promise<Map<number, { name: string; active: boolean }>> =>
      new Map(
        (await rows(
          db
            .select({ id: units.id, name: units.name, deactivatedAt: units.deactivatedAt })
            .from(units)
            .where(idIn(db, units.id, ids)),
        ))
          .map((u) => [u.id, { name: u.name, active: u.deactivatedAt === null }]),
      ),
    byCode: async (code: string): Promise<UnitRow | undefined> => byCode().get({ code }),
    /** The units with these codes (any case). */
    byCodes: async (codes: readonly string[]): Promise<UnitRow[]> =>
      rows(db.select().from(units).where(sql`lower(${units.code}) IN (SELECT lower(value) FROM ${listed(db, codes)})`)),
    byCalendarTokenHash: async (hash: string): Promise<UnitRow | undefined> => byTokenHash().get({ hash }),

    async list(filter: UnitListFilter & { limit: number; offset: number }): Promise<UnitRow[]> {
      return rows(db.select().from(units).where(listConditions(filter)).orderBy(asc(units.id)).limit(filter.limit).offset(filter.offset));
    },

    /** How many units the list's filter finds (for "page n of m"). */
    count: async (filter: UnitListFilter): Promise<number> => (await first(db.select({ n: sql<number>`count(*)` }).from(units).where(listConditions(filter))))!.n,

    insert: async (values: UnitValues, now: string): Promise<UnitRow> => (await insert().get({ ...values, now }))!,

    async insertMany(values: readonly UnitValues[], now: string): Promise<UnitRow[]> {
      const inserted: UnitRow[] = [];
      for (const v of values) inserted.push((await insert().get({ ...v, now }))!);
      return inserted;
    },

    update: async (id: number, values: Partial<UnitValues & Pick<UnitRow, 'deactivatedAt'>>, now: string): Promise<UnitRow> =>
      returnedRow(db.update(units).set({ ...values, updatedAt: now }).where(eq(units.id, id)).returning()),

    /** Replaces the unit's feed token, remembering the old one as revoked. */
    async setCalendarToken(id: number, hash: string, issuedAt: string) {
      const old = (await byId().get({ id }))?.calendarTokenHash;
      if (old) await run(db.insert(revokedCalendarTokens).values({ tokenHash: old, unitId: id, revokedAt: issuedAt }).onConflictDoNothing());
      await run(db.update(units).set({ calendarTokenHash: hash, calendarTokenIssuedAt: issuedAt }).where(eq(units.id, id)));
    },
    isRevokedCalendarToken: async (hash: string) =>
      (await first(db.select({ hash: revokedCalendarTokens.tokenHash }).from(revokedCalendarTokens).where(eq(revokedCalendarTokens.tokenHash, hash)))) !== undefined,
  };
}

export type UnitsRepository = ReturnType<typeof createUnitsRepository>;
