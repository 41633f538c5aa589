import { and, asc, eq } from 'drizzle-orm';
import type { ConstraintErrors } from '../../platform/constraints';
import type { Db } from '../../platform/database';
import { first, returnedRow, rows } from '../../platform/statements';
import { conflict } from '../../platform/errors';
import { statusIs } from '../../platform/sql';
import { asistensiRequests } from './requests.tables';

export type RequestRow = typeof asistensiRequests.$inferSelect;

export const requestConstraints: ConstraintErrors = {
  requests_one_open_per_unit: () => conflict('REQUEST_EXISTS', 'The unit already has an open request in this period'),
  requests_status_check: () => conflict('INVALID_STATUS', 'Not a request status'),
};

export function createRequestsRepository(db: Db) {
  return {
    list: async (periodId: number, unitId?: number): Promise<RequestRow[]> =>
      rows(
        db
          .select()
          .from(asistensiRequests)
          .where(and(eq(asistensiRequests.periodId, periodId), unitId === undefined ? undefined : eq(asistensiRequests.unitId, unitId)))
          .orderBy(asc(asistensiRequests.id)),
      ),
    /** A unit's requests in every period, oldest first. */
    ofUnit: async (unitId: number): Promise<RequestRow[]> => rows(db.select().from(asistensiRequests).where(eq(asistensiRequests.unitId, unitId)).orderBy(asc(asistensiRequests.id))),
    openOf: async (periodId: number): Promise<RequestRow[]> =>
      rows(db.select().from(asistensiRequests).where(and(eq(asistensiRequests.periodId, periodId), statusIs(asistensiRequests.status, 'open')))),
    byId: async (id: number): Promise<RequestRow | undefined> => first(db.select().from(asistensiRequests).where(eq(asistensiRequests.id, id))),
    update: async (id: number, values: Partial<Pick<RequestRow, 'preferredDates' | 'notes' | 'status'>>, now: string): Promise<RequestRow> =>
      returnedRow(db.update(asistensiRequests).set({ ...values, updatedAt: now }).where(eq(asistensiRequests.id, id)).returning()),
    insert: async (values: Pick<RequestRow, 'periodId' | 'unitId' | 'preferredDates' | 'notes'>, now: string): Promise<RequestRow> =>
      returnedRow(db.insert(asistensiRequests).values({ ...values, status: 'open', createdAt: now, updatedAt: now }).returning()),
  };
}

export type RequestsRepository = ReturnType<typeof createRequestsRepository>;
