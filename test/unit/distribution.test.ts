import type { UnitKind } from '../../src/features/units/units.rules';
import { inUnitRotation, planDistribution, type BatchSeats, type Candidate } from '../../src/features/workshops/distribution.rules';

const batch = (id: number, fields: Partial<BatchSeats> = {}): BatchSeats => ({
  id,
  capacity: 50,
  unitQuota: 3,
  eligibleUnitKinds: null,
  confirmed: 0,
  confirmedByUnit: new Map(),
  sortKey: `2013-10-0${id}`,
  ...fields,
});

/** `perUnit` officials for each of `units` units, ids unit*100 + i. */
function people(units: number, perUnit: number, kind: UnitKind = 'dinas', firstUnit = 1): Candidate[] {
  const list: Candidate[] = [];
  for (let u = firstUnit; u < firstUnit + units; u++)
    for (let i = 0; i < perUnit; i++) list.push({ participantId: u * 100 + i, unitId: u, unitKind: kind });
  return list;
}

function placedPerBatch(plan: ReturnType<typeof planDistribution>) {
  const counts = new Map<number, number>();
  for (const a of plan.assignments) counts.set(a.batchId, (counts.get(a.batchId) ?? 0) + 1);
  return counts;
}

describe('inUnitRotation', () => {
  it('takes one official per unit in turn', () => {
    const order = inUnitRotation([
      { participantId: 3, unitId: 2, unitKind: 'badan' },
      { participantId: 1, unitId: 1, unitKind: 'dinas' },
      { participantId: 2, unitId: 1, unitKind: 'dinas' },
      { participantId: 4, unitId: 2, unitKind: 'badan' },
      { participantId: 5, unitId: 3, unitKind: 'kantor' },
    ]).map((c) => c.participantId);
    expect(order).toEqual([1, 3, 5, 2, 4]);
  });
});

describe('planDistribution', () => {
  it('fills batches evenly and mixes units in each', () => {
    const plan = planDistribution([batch(1), batch(2), batch(3), batch(4), batch(5)], people(40, 6));
    expect(plan.unplaced).toEqual([]);
    expect(plan.assignments).toHaveLength(240);
    expect([...placedPerBatch(plan).values()]).toEqual([48, 48, 48, 48, 48]);
    for (const b of [1, 2, 3, 4, 5]) {
      const units = new Set(plan.assignments.filter((a) => a.batchId === b).map((a) => Math.floor(a.participantId / 100)));
      expect(units.size).toBeGreaterThanOrEqual(16);
    }
  });

  it('never exceeds capacity or a unit quota, counting seats already taken', () => {
    const b1 = batch(1, { capacity: 10, unitQuota: 2, confirmed: 4, confirmedByUnit: new Map([[1, 2], [2, 2]]) });
    const b2 = batch(2, { capacity: 5, unitQuota: 2 });
    const plan = planDistribution([b1, b2], people(6, 4));
    const perBatch = placedPerBatch(plan);
    expect((perBatch.get(1) ?? 0) + 4).toBeLessThanOrEqual(10);
    expect(perBatch.get(2) ?? 0).toBeLessThanOrEqual(5);
    const perUnitBatch = new Map<string, number>();
    for (const a of plan.assignments) {
      const key = `${a.batchId}:${Math.floor(a.participantId / 100)}`;
      perUnitBatch.set(key, (perUnitBatch.get(key) ?? 0) + 1);
    }
    perUnitBatch.set('1:1', (perUnitBatch.get('1:1') ?? 0) + 2);
    perUnitBatch.set('1:2', (perUnitBatch.get('1:2') ?? 0) + 2);
    for (const n of perUnitBatch.values()) expect(n).toBeLessThanOrEqual(2);
    expect(plan.assignments.length).toBe(6 + 5);
    expect(plan.unplaced.every((u) => u.reason === 'NO_SEAT')).toBe(true);
    expect(plan.assignments.length + plan.unplaced.length).toBe(24);
  });

  it('places only eligible unit kinds, and says why the rest stay out', () => {
    const dinasOnly = batch(1, { eligibleUnitKinds: ['dinas', 'satpol_pp'] });
    const plan = planDistribution([dinasOnly], [...people(2, 2, 'dinas'), ...people(1, 2, 'kelurahan', 9), ...people(1, 1, 'satpol_pp', 5)]);
    expect(plan.assignments.map((a) => a.participantId).sort()).toEqual([100, 101, 200, 201, 500]);
    expect(plan.unplaced).toEqual([
      { participantId: 900, reason: 'NO_ELIGIBLE_BATCH' },
      { participantId: 901, reason: 'NO_ELIGIBLE_BATCH' },
    ]);
  });

  it('fills a batch reserved for some kinds with those kinds first, keeping open seats for the rest', () => {
    const reserved = batch(1, { capacity: 6, eligibleUnitKinds: ['dinas'] });
    const open = batch(2, { capacity: 6 });
    const plan = planDistribution([reserved, open], [...people(2, 3, 'dinas'), ...people(2, 3, 'kelurahan', 5)]);
    expect(plan.unplaced).toEqual([]);
    expect(plan.assignments.filter((a) => a.batchId === 1).every((a) => a.participantId < 500)).toBe(true);
  });

  it('is deterministic whatever the input order', () => {
    const candidates = people(12, 5);
    const shuffled = [...candidates].reverse();
    const batches = [batch(2, { capacity: 20 }), batch(1, { capacity: 20 }), batch(3, { capacity: 15 })];
    expect(planDistribution(batches, shuffled)).toEqual(planDistribution([...batches].reverse(), candidates));
  });

  it('spreads one unit over batches before doubling up', () => {
    const plan = planDistribution([batch(1), batch(2), batch(3)], people(1, 3));
    expect(plan.assignments.map((a) => a.batchId)).toEqual([1, 2, 3]);
  });
});
