import { and, asc, eq } from 'drizzle-orm';
import type { ConstraintErrors } from '../../platform/constraints';
import type { Db } from '../../platform/database';
import { conflict } from '../../platform/errors';
import { first, rows, run } from '../../platform/statements';
import { programmes } from '../programmes/programmes.tables';
import { asistensiPartners } from './partners.tables';

// Granting again is no error (the insert skips a row already there): this only guards the invariant.
export const partnerConstraints: ConstraintErrors = {
  asistensi_partners_pkey: () => conflict('PARTNER_ALREADY_GRANTED', 'This government is already the programme’s asistensi partner'),
};

export function createPartnersRepository(db: Db) {
  return {
    ofProgramme: (programmeId: number) =>
      rows(db.select({ government: asistensiPartners.partner, grantedAt: asistensiPartners.grantedAt }).from(asistensiPartners).where(eq(asistensiPartners.programmeId, programmeId)).orderBy(asc(asistensiPartners.partner))),
    /** The programmes a partner government was granted, with their names. */
    grantedTo: (partner: string) =>
      rows(
        db
          .select({ programmeId: programmes.id, programmeName: programmes.name, grantedAt: asistensiPartners.grantedAt })
          .from(asistensiPartners)
          .innerJoin(programmes, eq(programmes.id, asistensiPartners.programmeId))
          .where(eq(asistensiPartners.partner, partner))
          .orderBy(asc(programmes.id)),
      ),
    grant: (programmeId: number, partner: string, now: string) => run(db.insert(asistensiPartners).values({ programmeId, partner, grantedAt: now }).onConflictDoNothing()),
    revoke: (programmeId: number, partner: string) => run(db.delete(asistensiPartners).where(and(eq(asistensiPartners.programmeId, programmeId), eq(asistensiPartners.partner, partner)))),
    isGranted: async (programmeId: number, partner: string) =>
      (await first(db.select({ programmeId: asistensiPartners.programmeId }).from(asistensiPartners).where(and(eq(asistensiPartners.programmeId, programmeId), eq(asistensiPartners.partner, partner))))) !== undefined,
  };
}

export type PartnersRepository = ReturnType<typeof createPartnersRepository>;
