import { readOnlyReaders, type DatabaseSource } from '../../platform/read-only-database';
import { planDistribution, type BatchSeats, type Candidate } from './distribution.rules';
import { createWorkshopsRepository, type WorkshopsRepository } from './workshops.repository';

type Reader = Pick<WorkshopsRepository, 'firstDays' | 'confirmedByBatchAndUnit' | 'batchesOfProgramme' | 'activeParticipantIds' | 'participantsWithKinds'>;

export type UnplacedLine = { participantId: number; reason: string; participantName: string | null; unitName: string | null };

/**
 * Whom a distribution would place in which batch (see planDistribution), with names: officials
 * with no active enrolment in the programme, all of them or those listed. Read through the
 * workshops repository: the service applies it over the server's connection, and a worker
 * thread previews it over its own read-only one (at 10,000 units a third of a second).
 */
export async function distributionPlanOf(repository: Reader, programmeId: number, participantIds?: readonly number[]) {
  const firstDays = await repository.firstDays(programmeId);
  const confirmed = await repository.confirmedByBatchAndUnit(programmeId);
  const batches = await repository.batchesOfProgramme(programmeId);
  const seats: BatchSeats[] = batches.map((b) => {
    const byUnit = new Map(confirmed.filter((c) => c.batchId === b.id).map((c) => [c.unitId, c.n]));
    return {
      id: b.id,
      capacity: b.capacity,
      unitQuota: b.unitQuota,
      eligibleUnitKinds: b.eligibleUnitKinds ?? null,
      confirmed: [...byUnit.values()].reduce((a, n) => a + n, 0),
      confirmedByUnit: byUnit,
      sortKey: `${firstDays.get(b.id) ?? '9999'}#${String(b.id).padStart(12, '0')}`,
    };
  });

  const enrolled = await repository.activeParticipantIds(programmeId);
  const people = await repository.participantsWithKinds(participantIds);
  const found = new Set(people.map((p) => p.participantId));
  const unplaced: { participantId: number; reason: string }[] = (participantIds ?? [])
    .filter((id) => !found.has(id))
    .map((participantId) => ({ participantId, reason: 'UNKNOWN_PARTICIPANT' }));
  const candidates: Candidate[] = [];
  for (const p of people)
    if (enrolled.has(p.participantId)) {
      if (participantIds) unplaced.push({ participantId: p.participantId, reason: 'ALREADY_ENROLLED' });
    } else if (!p.unitActive) {
      // A deactivated unit takes part in nothing new: its officials are left out.
      if (participantIds) unplaced.push({ participantId: p.participantId, reason: 'UNIT_INACTIVE' });
    } else candidates.push(p);

  const plan = planDistribution(seats, candidates);
  unplaced.push(...plan.unplaced);
  const person = new Map(people.map((p) => [p.participantId, p]));
  const batchName = new Map(batches.map((b) => [b.id, b.name]));
  return {
    assignments: plan.assignments.map(({ participantId, batchId }) => {
      const p = person.get(participantId)!;
      return { participantId, participantName: p.participantName, unitId: p.unitId, unitName: p.unitName, batchId, batchName: batchName.get(batchId)! };
    }),
    unplaced: unplaced
      .sort((a, b) => a.participantId - b.participantId)
      .map((u): UnplacedLine => {
        const p = person.get(u.participantId);
        return { ...u, participantName: p?.participantName ?? null, unitName: p?.unitName ?? null };
      }),
  };
}

const readers = readOnlyReaders(createWorkshopsRepository);

/** The plan read in a worker thread over its own read-only connection. */
export const distributionPlanOfDatabase = (source: DatabaseSource, programmeId: number, participantIds?: readonly number[]) =>
  readers(source, async (repository) => await distributionPlanOf(repository, programmeId, participantIds));
