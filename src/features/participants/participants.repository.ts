import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import type { ConstraintErrors } from '../../platform/constraints';
import type { Db } from '../../platform/database';
import { first, listed, prepared, returnedRow, rows, run } from '../../platform/statements';
import { conflict, invalidField } from '../../platform/errors';
import { participants } from './participants.tables';
import { once } from '../../platform/memo';
import { matchesSearch, type SearchTerms } from '../../platform/search';

export type ParticipantRow = typeof participants.$inferSelect;
export type ParticipantValues = Omit<ParticipantRow, 'id' | 'createdAt' | 'updatedAt'>;

export const participantConstraints: ConstraintErrors = {
  participants_nip_unique: () => conflict('NIP_TAKEN', 'An official with this NIP is already registered'),
  participants_nip_check: () => invalidField('/body/nip', 'NIP must be exactly 18 digits'),
  PARTICIPANT_ENROLLED: () => conflict('PARTICIPANT_ENROLLED', 'The official has an active enrolment; cancel it first'),
  HAS_ACTIVE_ENROLMENT: () => conflict('HAS_ACTIVE_ENROLMENT', 'The official has an active enrolment for the old unit; send moveEnrolments: true to move it'),
};

export function createParticipantsRepository(db: Db) {
  // Imports insert thousands of officials at a time: prepared once.
  const ph = (name: string) => sql`${sql.placeholder(name)}`;
  const insert = once(() =>
    prepared(
      db
        .insert(participants)
        .values({ nip: ph('nip'), name: ph('name'), position: ph('position'), unitId: ph('unitId'), email: ph('email'), phone: ph('phone'), createdAt: ph('now'), updatedAt: ph('now') })
        .returning(),
    ),
  );

  return {
    byId: async (id: number): Promise<ParticipantRow | undefined> => first(db.select().from(participants).where(eq(participants.id, id))),
    byNips: async (nips: readonly string[]): Promise<ParticipantRow[]> =>
      rows(db.select().from(participants).where(sql`${participants.nip} IN (SELECT value FROM ${listed(db, nips)})`)),
    async insertMany(values: readonly ParticipantValues[], now: string): Promise<ParticipantRow[]> {
      const inserted: ParticipantRow[] = [];
      for (const v of values) inserted.push((await insert().get({ ...v, now }))!);
      return inserted;
    },
    async list(filter: { unitId?: number; limit: number; offset: number }): Promise<ParticipantRow[]> {
      const conditions: SQL[] = [];
      if (filter.unitId !== undefined) conditions.push(eq(participants.unitId, filter.unitId));
      return rows(db.select().from(participants).where(and(...conditions)).orderBy(asc(participants.id)).limit(filter.limit).offset(filter.offset));
    },

    /** Officials whose name or NIP matches, of one unit when asked, by name: one page of them and how many there are in all. */
    async search(filter: { terms: SearchTerms | null; unitId?: number; limit: number; offset: number }): Promise<{ total: number; rows: ParticipantRow[] }> {
      const where = and(
        filter.unitId === undefined ? undefined : eq(participants.unitId, filter.unitId),
        filter.terms ? matchesSearch(participants.name, participants.nip, filter.terms) : undefined,
      );
      const [count, page] = await Promise.all([
        first(db.select({ n: sql<number>`count(*)` }).from(participants).where(where)),
        rows(db.select().from(participants).where(where).orderBy(asc(participants.name), asc(participants.id)).limit(filter.limit).offset(filter.offset)),
      ]);
      return { total: count!.n, rows: page };
    },

    insert: async (values: ParticipantValues, now: string): Promise<ParticipantRow> => (await insert().get({ ...values, now }))!,


    update: async (id: number, values: Partial<ParticipantValues>, now: string): Promise<ParticipantRow> =>
      returnedRow(db.update(participants).set({ ...values, updatedAt: now }).where(eq(participants.id, id)).returning()),

    delete: async (id: number) => run(db.delete(participants).where(eq(participants.id, id))),
  };
}

export type ParticipantsRepository = ReturnType<typeof createParticipantsRepository>;
