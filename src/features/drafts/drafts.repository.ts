import { and, asc, eq, isNotNull, lte, sql } from 'drizzle-orm';
import type { ConstraintErrors } from '../../platform/constraints';
import type { Db } from '../../platform/database';
import { ascNullsFirst, first, prepared, returnedRow, rows } from '../../platform/statements';
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
    prepared(
      db
        .select({ at: sql<string | null>`min(${drafts.receivedAt})` })
        .from(drafts)
        .where(
          and(
            eq(drafts.programmeId, sql.placeholder('programmeId')),
            eq(drafts.unitId, sql.placeholder('unitId')),
            lte(drafts.receivedAt, sql`coalesce(${sql.placeholder('cutoff')}, ${drafts.receivedAt})`),
          ),
        ),
    ),
  );

  return {
    byId: async (id: number): Promise<DraftRow | undefined> => first(db.select().from(drafts).where(eq(drafts.id, id))),
    list: async (programmeId: number, unitId?: number): Promise<DraftRow[]> =>
      rows(
        db
          .select()
          .from(drafts)
          .where(and(eq(drafts.programmeId, programmeId), unitId === undefined ? undefined : eq(drafts.unitId, unitId)))
          .orderBy(ascNullsFirst(drafts.receivedAt), asc(drafts.id)),
      ),
    ofUnit: async (unitId: number): Promise<DraftRow[]> => rows(db.select().from(drafts).where(eq(drafts.unitId, unitId)).orderBy(asc(drafts.createdAt), asc(drafts.id))),
    firstReceivedAt: async (programmeId: number, unitId: number, cutoff: string | null): Promise<string | null> => (await firstReceivedAt().get({ programmeId, unitId, cutoff }))?.at ?? null,
    /** firstReceivedAt of every unit that has one, in one query (for thousands of units at once). */
    firstReceivedByUnit: async (programmeId: number, cutoff: string | null): Promise<Map<number, string>> =>
      new Map(
        (await rows(
          db
            .select({ unitId: drafts.unitId, at: sql<string>`min(${drafts.receivedAt})` })
            .from(drafts)
            .where(and(eq(drafts.programmeId, programmeId), cutoff === null ? isNotNull(drafts.receivedAt) : lte(drafts.receivedAt, cutoff)))
            .groupBy(drafts.unitId),
        ))
          .map((r) => [r.unitId, r.at]),
      ),
    /** The documents a unit keeps with its drafts in a programme: how many and their bytes. */
    documentsUsed: async (programmeId: number, unitId: number): Promise<{ bytes: number; documents: number }> =>
      (await first(
        db
          .select({ bytes: sql<number>`coalesce(sum(${drafts.documentSize}), 0)`, documents: sql<number>`count(${drafts.documentSha256})` })
          .from(drafts)
          .where(and(eq(drafts.programmeId, programmeId), eq(drafts.unitId, unitId))),
      ))!,
    insert: async (values: Omit<DraftRow, 'id' | 'notes' | 'createdAt' | 'updatedAt'>, now: string): Promise<DraftRow> =>
      returnedRow(db.insert(drafts).values({ ...values, createdAt: now, updatedAt: now }).returning()),
    update: async (id: number, values: Partial<Pick<DraftRow, 'status' | 'notes' | 'receivedAt'>>, now: string): Promise<DraftRow> =>
      returnedRow(db.update(drafts).set({ ...values, updatedAt: now }).where(eq(drafts.id, id)).returning()),
  };
}

export type DraftsRepository = ReturnType<typeof createDraftsRepository>;
