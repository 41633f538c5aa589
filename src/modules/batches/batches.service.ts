import { and, asc, eq, sql } from 'drizzle-orm';
import { writeTransaction, type Db, type Tx } from '../../db/client';
import { statusIsNot } from '../../db/conditions';
import { batchDays, batches, enrolments, programmes } from '../../db/schema';
import { createVersions, VersionedCache } from '../../db/versions';
import { AppError, conflict, invalidField, isUniqueViolation, notFound, triggerCode } from '../../lib/errors';
import { localDateTime, localToOffsetIso, toStoredInstant, type Clock } from '../../lib/time';
import type { AuditLog } from '../audit/audit.service';
import type { CalendarsService } from '../calendars/calendars.service';
import type { Actor } from '../auth/actor';
import { fillFromWaitlist } from '../enrolments/waitlist';
import type { BatchCreateInput, BatchDayInput, BatchPatchInput, BatchView } from './batches.schemas';

export type BatchRow = typeof batches.$inferSelect;
type DayRow = typeof batchDays.$inferSelect;

/** Days sorted by date; rejects duplicate dates, end before start and times that do not exist locally. */
export function checkDays(days: readonly BatchDayInput[], zone: string): BatchDayInput[] {
  const seen = new Set<string>();
  days.forEach((day, i) => {
    if (seen.has(day.date)) throw invalidField(`/body/days/${i}/date`, `${day.date} appears twice`);
    seen.add(day.date);
    if (day.end <= day.start) throw invalidField(`/body/days/${i}/end`, 'end must be after start');
    for (const field of ['start', 'end'] as const)
      if (!localDateTime(day.date, day[field], zone))
        throw invalidField(`/body/days/${i}/${field}`, `${day.date} ${day[field]} does not exist in ${zone}`);
  });
  return [...days].sort((a, b) => a.date.localeCompare(b.date));
}

function checkLimits(capacity: number, unitQuota: number) {
  if (unitQuota > capacity) throw invalidField('/body/unitQuota', 'unitQuota cannot exceed capacity');
}

const nameTaken = (name: string) => conflict('BATCH_NAME_TAKEN', `The programme already has a batch named ${name}`);

export function createBatchesService({ db, clock, audit, calendars }: { db: Db; clock: Clock; audit: AuditLog; calendars: CalendarsService }) {
  // Reads prepared once (drizzle spends about 100 µs building a query): by programme for
  // listings, by batch for one batch, three queries whatever the number of batches.
  const placeholder = (name: string) => sql.placeholder(name);
  const counted = () =>
    db
      .select({
        batchId: enrolments.batchId,
        confirmed: sql<number>`sum(${enrolments.status} = 'confirmed')`,
        waitlisted: sql<number>`sum(${enrolments.status} = 'waitlisted')`,
      })
      .from(enrolments);
  const q = {
    programme: db
      .select({ id: programmes.id, timezone: programmes.timezone, publicCalendar: programmes.publicCalendar })
      .from(programmes)
      .where(eq(programmes.id, placeholder('id')))
      .prepare(),
    batch: db.select().from(batches).where(eq(batches.id, placeholder('id'))).prepare(),
    batchesOfProgramme: db.select().from(batches).where(eq(batches.programmeId, placeholder('id'))).orderBy(asc(batches.id)).prepare(),
    daysOfBatch: db.select().from(batchDays).where(eq(batchDays.batchId, placeholder('id'))).orderBy(asc(batchDays.date)).prepare(),
    daysOfProgramme: db
      .select({ day: batchDays })
      .from(batchDays)
      .innerJoin(batches, eq(batches.id, batchDays.batchId))
      .where(eq(batches.programmeId, placeholder('id')))
      .orderBy(asc(batchDays.date))
      .prepare(),
    countsOfBatch: counted().where(eq(enrolments.batchId, placeholder('id'))).groupBy(enrolments.batchId).prepare(),
    // `status <> 'cancelled'` lets SQLite use the partial index on (programme_id, participant_id).
    countsOfProgramme: counted()
      .where(and(eq(enrolments.programmeId, placeholder('id')), statusIsNot(enrolments.status, 'cancelled')))
      .groupBy(enrolments.batchId)
      .prepare(),
  };

  const versions = createVersions(db);
  // A programme's listing is rebuilt only when its batches, days or seats changed.
  const listings = new VersionedCache<BatchView[]>();

  function programmeOf(id: number) {
    const programme = q.programme.get({ id });
    if (!programme) throw notFound('programme', id);
    return programme;
  }

  type Count = { batchId: number; confirmed: number; waitlisted: number };
  function toViews(rows: BatchRow[], programme: { timezone: string; publicCalendar: boolean }, days: DayRow[], counts: Count[]): BatchView[] {
    const zone = programme.timezone;
    const daysByBatch = new Map<number, DayRow[]>();
    for (const day of days) daysByBatch.set(day.batchId, [...(daysByBatch.get(day.batchId) ?? []), day]);
    const countOf = new Map(counts.map((c) => [c.batchId, c]));
    return rows.map((row) => {
      const confirmed = countOf.get(row.id)?.confirmed ?? 0;
      return {
        id: row.id,
        programmeId: row.programmeId,
        name: row.name,
        venue: row.venue,
        capacity: row.capacity,
        unitQuota: row.unitQuota,
        eligibleUnitKinds: row.eligibleUnitKinds ?? null,
        days: (daysByBatch.get(row.id) ?? []).map((d) => ({
          date: d.date,
          start: d.start,
          end: d.end,
          startsAt: localToOffsetIso(d.date, d.start, zone),
          endsAt: localToOffsetIso(d.date, d.end, zone),
        })),
        confirmedCount: confirmed,
        waitlistCount: countOf.get(row.id)?.waitlisted ?? 0,
        seatsLeft: Math.max(0, row.capacity - confirmed),
        calendarUrl: programme.publicCalendar ? calendars.batchFeedUrl(row.id) : null,
        createdAt: row.createdAt,
        updatedAt: row.updatedAt,
      };
    });
  }

  const view = (row: BatchRow) =>
    toViews([row], programmeOf(row.programmeId), q.daysOfBatch.all({ id: row.id }), q.countsOfBatch.all({ id: row.id }))[0]!;

  function getRow(id: number): BatchRow {
    const row = q.batch.get({ id });
    if (!row) throw notFound('batch', id);
    return row;
  }

  const zoneOf = (programmeId: number) => programmeOf(programmeId).timezone;

  function replaceDays(tx: Tx, batchId: number, days: BatchDayInput[]) {
    tx.delete(batchDays).where(eq(batchDays.batchId, batchId)).run();
    tx.insert(batchDays)
      .values(days.map((d) => ({ batchId, date: d.date, start: d.start, end: d.end })))
      .run();
  }

  /** Maps the database's own refusals (unique names, shrinking below confirmed seats) to answers. */
  function translate(err: unknown, name: string | undefined): unknown {
    if (name && isUniqueViolation(err, 'batches.programme_id, batches.name')) return nameTaken(name);
    const code = triggerCode(err);
    if (code === 'CAPACITY_BELOW_CONFIRMED')
      return new AppError(409, code, 'capacity cannot go below the number of confirmed enrolments');
    if (code === 'QUOTA_BELOW_CONFIRMED')
      return new AppError(409, code, 'unitQuota cannot go below the confirmed enrolments a unit already holds');
    return err;
  }

  return {
    getRow,

    create(actor: Actor, programmeId: number, input: BatchCreateInput) {
      const capacity = input.capacity ?? 50;
      const unitQuota = input.unitQuota ?? Math.min(3, capacity);
      checkLimits(capacity, unitQuota);
      const now = toStoredInstant(clock.now());
      try {
        return writeTransaction(db, (tx) => {
          const days = checkDays(input.days, zoneOf(programmeId));
          const row = tx
            .insert(batches)
            .values({
              programmeId,
              name: input.name,
              venue: input.venue ?? null,
              capacity,
              unitQuota,
              eligibleUnitKinds: input.eligibleUnitKinds ?? null,
              createdAt: now,
              updatedAt: now,
            })
            .returning()
            .get();
          replaceDays(tx, row.id, days);
          const created = view(row);
          audit.record(tx, actor, { action: 'batch.create', entity: 'batch', entityId: row.id, after: created });
          return created;
        });
      } catch (err) {
        throw translate(err, input.name);
      }
    },

    listForProgramme(programmeId: number) {
      const programme = programmeOf(programmeId);
      const signature = versions.signatureOf(['all', `programme:${programmeId}`, `seats:${programmeId}`]);
      return listings.get(String(programmeId), signature, () => toViews(
        q.batchesOfProgramme.all({ id: programmeId }),
        programme,
        q.daysOfProgramme.all({ id: programmeId }).map((r) => r.day),
        q.countsOfProgramme.all({ id: programmeId }),
      ));
    },

    get(id: number) {
      return view(getRow(id));
    },

    update(actor: Actor, id: number, patch: BatchPatchInput) {
      try {
        return writeTransaction(db, (tx) => {
          const beforeRow = getRow(id);
          const before = view(beforeRow);
          checkLimits(patch.capacity ?? beforeRow.capacity, patch.unitQuota ?? beforeRow.unitQuota);
          const { days, ...fields } = patch;
          const sortedDays = days && checkDays(days, zoneOf(beforeRow.programmeId));
          const daysMoved = !!sortedDays && JSON.stringify(sortedDays.map(({ date, start, end }) => ({ date, start, end }))) !== JSON.stringify(before.days.map(({ date, start, end }) => ({ date, start, end })));
          const venueMoved = fields.venue !== undefined && fields.venue !== beforeRow.venue;
          const row = tx
            .update(batches)
            .set({ ...fields, ...(daysMoved || venueMoved ? { sequence: sql`${batches.sequence} + 1` } : {}), updatedAt: toStoredInstant(clock.now()) })
            .where(eq(batches.id, id))
            .returning()
            .get();
          if (sortedDays) replaceDays(tx, id, sortedDays);
          // More seats or a higher quota: waitlisted people move up now, not at the next cancellation.
          fillFromWaitlist(tx, row, toStoredInstant(clock.now()), (promoted) =>
            audit.record(tx, actor, { action: 'enrolment.promote', entity: 'enrolment', entityId: promoted.id, after: promoted }),
          );
          const after = view(row);
          audit.record(tx, actor, { action: 'batch.update', entity: 'batch', entityId: id, before, after });
          return after;
        });
      } catch (err) {
        throw translate(err, patch.name);
      }
    },

    /** Deletes a batch nobody is confirmed in (waitlisted and cancelled enrolments go with it). */
    remove(actor: Actor, id: number) {
      writeTransaction(db, (tx) => {
        const before = view(getRow(id));
        if (before.confirmedCount > 0)
          throw conflict('BATCH_HAS_ENROLMENTS', `Batch ${id} has ${before.confirmedCount} confirmed enrolment(s); cancel them first`);
        tx.delete(batches).where(eq(batches.id, id)).run();
        audit.record(tx, actor, { action: 'batch.delete', entity: 'batch', entityId: id, before });
      });
    },
  };
}
