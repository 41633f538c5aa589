import { Type, type TObject } from '@sinclair/typebox';

/**
 * A plan's answer (distribution, auto-schedule) a page at a time, for a deployment whose plan
 * lists thousands of lines. Without limit and offset the answer is the whole plan, as before.
 * The plan itself is always the whole plan: paging only shortens what is answered.
 */
export const PlanPageQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, description: 'At most this many assignments and this many unplaced lines in the answer (the plan applied is always the whole plan)' })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000_000, description: 'Lines of each list to skip' })),
  },
  { additionalProperties: false },
);

/** The answer's schema with, when paged, how many lines each list has in all. */
export const withPlanCounts = <T extends TObject>(result: T) =>
  Type.Object({
    ...result.properties,
    counts: Type.Optional(
      Type.Object({ assignments: Type.Integer(), unplaced: Type.Integer() }, { description: 'Only with limit or offset: how many lines each whole list has' }),
    ),
  });

/** The plan as answered: whole, or (with limit or offset) a slice of each list with their counts. */
export function planPage<P extends { assignments: readonly unknown[]; unplaced: readonly unknown[] }>(plan: P, { limit, offset }: { limit?: number; offset?: number }) {
  if (limit === undefined && offset === undefined) return plan;
  const from = offset ?? 0;
  const to = limit === undefined ? undefined : from + limit;
  return { ...plan, assignments: plan.assignments.slice(from, to), unplaced: plan.unplaced.slice(from, to), counts: { assignments: plan.assignments.length, unplaced: plan.unplaced.length } };
}
