import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import type { ConstraintErrors } from '../../platform/constraints';
import type { Db } from '../../platform/database';
import { conflict, invalidField } from '../../platform/errors';
import { units } from '../units/units.tables';
import { participants } from './participants.tables';

export type ParticipantRow = typeof participants.$inferSelect;
type ParticipantValues = Omit<ParticipantRow, 'id' | 'createdAt' | 'updatedAt'>;

export const participantConstraints: ConstraintErrors = {
  participants_nip_unique: () => conflict('NIP_TAKEN', 'An official with this NIP is already registered'),
  participants_nip_check: () => invalidField('/body/nip', 'NIP must be exactly 18 digits'),
  PARTICIPANT_ENROLLED: () => conflict('PARTICIPANT_ENROLLED', 'The official has an active enrolment; cancel it first'),
};

export function createParticipantsRepository(db: Db) {
  const withKind = db
    .select({ id: participants.id, unitId: participants.unitId, name: participants.name, kind: units.kind })
    .from(participants)
    .innerJoin(units, eq(units.id, participants.unitId))
    .where(eq(participants.id, sql.placeholder('id')))
    .prepare();

  return {
    byId: (id: number): ParticipantRow | undefined => db.select().from(participants).where(eq(participants.id, id)).get(),
    withUnitKind: (id: number) => withKind.get({ id }),

    /** Officials with their unit's kind: all of them, or those listed. */
    withUnitKinds(ids?: readonly number[]) {
      const query = db
        .select({ participantId: participants.id, unitId: participants.unitId, unitKind: units.kind })
        .from(participants)
        .innerJoin(units, eq(units.id, participants.unitId));
      return (ids ? query.where(sql`${participants.id} IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`) : query).all();
    },

    list(filter: { unitId?: number; limit: number; offset: number }): ParticipantRow[] {
      const conditions: SQL[] = [];
      if (filter.unitId !== undefined) conditions.push(eq(participants.unitId, filter.unitId));
      return db.select().from(participants).where(and(...conditions)).orderBy(asc(participants.id)).limit(filter.limit).offset(filter.offset).all();
    },

    insert: (values: ParticipantValues, now: string): ParticipantRow =>
      db.insert(participants).values({ ...values, createdAt: now, updatedAt: now }).returning().get(),

    update: (id: number, values: Partial<ParticipantValues>, now: string): ParticipantRow =>
      db.update(participants).set({ ...values, updatedAt: now }).where(eq(participants.id, id)).returning().get(),

    delete: (id: number) => db.delete(participants).where(eq(participants.id, id)).run(),
  };
}

export type ParticipantsRepository = ReturnType<typeof createParticipantsRepository>;
