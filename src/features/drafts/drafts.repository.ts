import { and, asc, eq, isNotNull, lte, sql } from 'drizzle-orm';
import type { ConstraintErrors } from '../../platform/constraints';
import type { Db } from '../../platform/database';
import { invalidField } from '../../platform/errors';
import { drafts } from './drafts.tables';
import { once } from '../../platform/memo';

export type DraftRow = typeof drafts.$inferSelect;

export const draftConstraints: ConstraintErrors = {
  drafts_status_check: () => invalidField('/body/status', 'must be submitted, received, reviewed, final or enacted'),
  drafts_sop_count_check: () => invalidField('/body/sopCount', 'must be at least 1'),
  drafts_document_type_check: () => invalidField('/body/document', 'must be a PDF, DOCX or XLSX file'),
  drafts_document_whole: () => invalidField('/body/document', 'a document needs its name, type, size and checksum'),
};

export function createDraftsRepository(db: Db) {
  // Asked on every booking attempt in a priority window: prepared once. Without a cutoff,
  // coalesce makes the bound always true.
  const firstReceivedAt = once(() =>
    db
      .select({ at: sql<string | null>`min(${drafts.receivedAt})` })
      .from(drafts)
      .where(
        and(
          eq(drafts.programmeId, sql.placeholder('programmeId')),
          eq(drafts.unitId, sql.placeholder('unitId')),
          lte(drafts.receivedAt, sql`coalesce(${sql.placeholder('cutoff')}, ${drafts.receivedAt})`),
        ),
      )
      .prepare(),
  );

  return {
    byId: async (id: number): Promise<DraftRow | undefined> => db.select().from(drafts).where(eq(drafts.id, id)).get(),
    list: async (programmeId: number, unitId?: number): Promise<DraftRow[]> =>
      db
        .select()
        .from(drafts)
        .where(and(eq(drafts.programmeId, programmeId), unitId === undefined ? undefined : eq(drafts.unitId, unitId)))
        .orderBy(asc(drafts.receivedAt), asc(drafts.id))
        .all(),
    ofUnit: async (unitId: number): Promise<DraftRow[]> => db.select().from(drafts).where(eq(drafts.unitId, unitId)).orderBy(asc(drafts.createdAt), asc(drafts.id)).all(),
    firstReceivedAt: async (programmeId: number, unitId: number, cutoff: string | null): Promise<string | null> => firstReceivedAt().get({ programmeId, unitId, cutoff })?.at ?? null,
    /** firstReceivedAt of every unit that has one, in one query (for thousands of units at once). */
    firstReceivedByUnit: async (programmeId: number, cutoff: string | null): Promise<Map<number, string>> =>
      new Map(
        db
          .select({ unitId: drafts.unitId, at: sql<string>`min(${drafts.receivedAt})` })
          .from(drafts)
          .where(and(eq(drafts.programmeId, programmeId), cutoff === null ? isNotNull(drafts.receivedAt) : lte(drafts.receivedAt, cutoff)))
          .groupBy(drafts.unitId)
          .all()
          .map((r) => [r.unitId, r.at]),
      ),
    /** The documents a unit keeps with its drafts in a programme: how many and their bytes. */
    documentsUsed: async (programmeId: number, unitId: number): Promise<{ bytes: number; documents: number }> =>
      db
        .select({ bytes: sql<number>`coalesce(sum(${drafts.documentSize}), 0)`, documents: sql<number>`count(${drafts.documentSha256})` })
        .from(drafts)
        .where(and(eq(drafts.programmeId, programmeId), eq(drafts.unitId, unitId)))
        .get()!,
    insert: async (values: Omit<DraftRow, 'id' | 'notes' | 'createdAt' | 'updatedAt'>, now: string): Promise<DraftRow> =>
      db.insert(drafts).values({ ...values, createdAt: now, updatedAt: now }).returning().get(),
    update: async (id: number, values: Partial<Pick<DraftRow, 'status' | 'notes' | 'receivedAt'>>, now: string): Promise<DraftRow> =>
      db.update(drafts).set({ ...values, updatedAt: now }).where(eq(drafts.id, id)).returning().get(),
  };
}

export type DraftsRepository = ReturnType<typeof createDraftsRepository>;
