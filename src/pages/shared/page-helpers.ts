import { createHash } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import type { DateTime } from 'luxon';
import { Id } from '../../platform/schemas';
import { pageOf, pageSlice } from './pagination.view';

/** The signed-in person's actor (routes are guarded by signedIn()). */
export const actorOf = (request: FastifyRequest) => request.page.signedIn!.actor;

/** The signed-in unit operator's actor and unit (routes are guarded by signedIn('unit')). */
export function operatorOf(request: FastifyRequest) {
  return { actor: actorOf(request), unitId: request.page.signedIn!.user.unitId! };
}

/** Path parameters of the pages are ids: anything else is a page that does not exist (404). */
export const IdParams = Type.Object({ id: Id });
export const ProgrammeParams = Type.Object({ programmeId: Id });

/** The page of a list asked for (`?halaman=`). */
export const PageNumber = Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 }));
export const PageQuery = Type.Object({ halaman: PageNumber });

/** What a preview page shows of a plan of any size: the whole plan's counts, one page of its assignments, its first `shown` unplaced. */
export function planPreview<A, U>(plan: { assignments: readonly A[]; unplaced: readonly U[] }, page: number, shown: number) {
  const { limit, offset } = pageSlice(page);
  const assignments = plan.assignments.slice(offset, offset + limit);
  return {
    placed: plan.assignments.length,
    notPlaced: plan.unplaced.length,
    assignments,
    unplaced: plan.unplaced.slice(0, shown),
    at: pageOf(page, plan.assignments.length, assignments.length),
  };
}

/**
 * A plan's fingerprint: the preview page posts it back, and the save goes ahead only if the plan
 * computed then is the one the organiser saw (else the new plan is shown first).
 */
export const fingerprintOf = (plan: unknown) => createHash('sha256').update(JSON.stringify(plan)).digest('hex').slice(0, 32);

/** The notes a form says it was showing (its hidden `before` field; empty is none), or undefined for a post without one. */
export const notesBefore = (body: unknown, before: string | undefined) => (typeof (body as Record<string, unknown> | undefined)?.before === 'string' ? (before ?? '') : undefined);

/** Whether a local date is before today in a zone: a batch or period dated there is asked to be confirmed. */
export const isBeforeToday = (date: string, zone: string, now: DateTime) => date < now.setZone(zone).toISODate()!;
