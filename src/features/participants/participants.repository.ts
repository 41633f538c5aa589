import { and, asc, eq, type SQL } from 'drizzle-orm';
import type { ConstraintErrors } from '../../platform/constraints';
import type { Db } from '../../platform/database';
import { conflict, invalidField } from '../../platform/errors';
import { participants } from './participants.tables';

export type ParticipantRow = typeof participants.$inferSelect;
type ParticipantValues = Omit<ParticipantRow, 'id' | 'createdAt' | 'updatedAt'>;

export const participantConstraints: ConstraintErrors = {
  participants_nip_unique: () => conflict('NIP_TAKEN', 'An official with this NIP is already registered'),
  participants_nip_check: () => invalidField('/body/nip', 'NIP must be exactly 18 digits'),
  PARTICIPANT_ENROLLED: () => conflict('PARTICIPANT_ENROLLED', 'The official has an active enrolment; cancel it first'),
  HAS_ACTIVE_ENROLMENT: () => conflict('HAS_ACTIVE_ENROLMENT', 'The official has an active enrolment for the old unit; send moveEnrolments: true to move it'),
};

export function createParticipantsRepository(db: Db) {
  return {
    byId: (id: number): ParticipantRow | undefined => db.select().from(participants).where(eq(participants.id, id)).get(),
    byNip: (nip: string): ParticipantRow | undefined => db.select().from(participants).where(eq(participants.nip, nip)).get(),
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
