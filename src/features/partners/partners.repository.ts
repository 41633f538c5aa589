import { and, asc, eq, isNull } from 'drizzle-orm';
import type { ConstraintErrors } from '../../platform/constraints';
import type { Db } from '../../platform/database';
import { conflict } from '../../platform/errors';
import { first, rows, run } from '../../platform/statements';
import { programmes } from '../programmes/programmes.tables';
import { asistensiPartners, partnerFeeds } from './partners.tables';

// Granting again is no error (the insert skips a row already there): this only guards the invariant.
export const partnerConstraints: ConstraintErrors = {
  asistensi_partners_pkey: () => conflict('PARTNER_ALREADY_GRANTED', 'This government is already the programme’s asistensi partner'),
  // Two organisers renewing the address at the same moment: one wins, the other asks again.
  partner_feeds_pkey: () => conflict('TOKEN_COLLISION', 'The new calendar address collided with an old one; try again'),
  partner_feeds_one_current: () => conflict('PARTNER_FEED_RENEWED', 'Another organiser renewed the partner calendar address at the same moment; ask for it again'),
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
    /** Whether the feed address with this digest is the one in use, was replaced, or never was. */
    feedAddress: async (tokenHash: string): Promise<'current' | 'replaced' | undefined> => {
      const row = await first(db.select({ replacedAt: partnerFeeds.replacedAt }).from(partnerFeeds).where(eq(partnerFeeds.tokenHash, tokenHash)));
      return row && (row.replacedAt === null ? 'current' : 'replaced');
    },
    currentFeedIssuedAt: async () => (await first(db.select({ issuedAt: partnerFeeds.issuedAt }).from(partnerFeeds).where(isNull(partnerFeeds.replacedAt))))?.issuedAt ?? null,
    /** Puts a new feed address in use in place of the one before (call within a unit of work). */
    async replaceFeedAddress(tokenHash: string, now: string) {
      await run(db.update(partnerFeeds).set({ replacedAt: now }).where(isNull(partnerFeeds.replacedAt)));
      await run(db.insert(partnerFeeds).values({ tokenHash, issuedAt: now }));
    },
    isGranted: async (programmeId: number, partner: string) =>
      (await first(db.select({ programmeId: asistensiPartners.programmeId }).from(asistensiPartners).where(and(eq(asistensiPartners.programmeId, programmeId), eq(asistensiPartners.partner, partner))))) !== undefined,
  };
}

export type PartnersRepository = ReturnType<typeof createPartnersRepository>;
