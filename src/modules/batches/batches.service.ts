import { asc, eq, inArray, sql } from 'drizzle-orm';
import { writeTransaction, type Db, type Tx } from '../../db/client';
import { batchDays, batches, enrolments, programmes } from '../../db/schema';
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

export type BatchesService = ReturnType<typeof createBatchesService>;

export function createBatchesService({ db, clock, audit, calendars }: { db: Db; clock: Clock; audit: AuditLog; calendars: CalendarsService }) {
  /** Builds full batch views (days with instants, seat counts) in three queries, whatever the count. */
  function views(rows: BatchRow[]): BatchView[] {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const programmeById = new Map(
      db
        .select({ id: programmes.id, timezone: programmes.timezone, publicCalendar: programmes.publicCalendar })
        .from(programmes)
        .where(inArray(programmes.id, [...new Set(rows.map((r) => r.programmeId))]))
        .all()
        .map((p) => [p.id, p]),
    );
    const daysByBatch = new Map<number, DayRow[]>();
    for (const day of db.select().from(batchDays).where(inArray(batchDays.batchId, ids)).orderBy(asc(batchDays.date)).all()) {
      const list = daysByBatch.get(day.batchId) ?? [];
      list.push(day);
      daysByBatch.set(day.batchId, list);
    }
    const counts = new Map(
      db
        .select({
          batchId: enrolments.batchId,
          confirmed: sql<number>`sum(${enrolments.status} = 'confirmed')`,
          waitlisted: sql<number>`sum(${enrolments.status} = 'waitlisted')`,
        })
        .from(enrolments)
        .where(inArray(enrolments.batchId, ids))
        .groupBy(enrolments.batchId)
        .all()
        .map((c) => [c.batchId, c]),
    );
    return rows.map((row) => {
      const programme = programmeById.get(row.programmeId)!;
      const zone = programme.timezone;
      const confirmed = counts.get(row.id)?.confirmed ?? 0;
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
        waitlistCount: counts.get(row.id)?.waitlisted ?? 0,
        seatsLeft: Math.max(0, row.capacity - confirmed),
        calendarUrl: programme.publicCalendar ? calendars.batchFeedUrl(row.id) : null,
        createdAt: row.createdAt,
        updatedAt: row.updatedAt,
      };
    });
  }

  const view = (row: BatchRow) => views([row])[0]!;

  function getRow(tx: Tx | Db, id: number): BatchRow {
    const row = tx.select().from(batches).where(eq(batches.id, id)).get();
    if (!row) throw notFound('batch', id);
    return row;
  }

  function zoneOf(tx: Tx | Db, programmeId: number): string {
    const programme = tx.select({ timezone: programmes.timezone }).from(programmes).where(eq(programmes.id, programmeId)).get();
    if (!programme) throw notFound('programme', programmeId);
    return programme.timezone;
  }

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
    views,
    getRow: (id: number) => getRow(db, id),

    create(actor: Actor, programmeId: number, input: BatchCreateInput) {
      const capacity = input.capacity ?? 50;
      const unitQuota = input.unitQuota ?? Math.min(3, capacity);
      checkLimits(capacity, unitQuota);
      const now = toStoredInstant(clock.now());
      try {
        return writeTransaction(db, (tx) => {
          const days = checkDays(input.days, zoneOf(tx, programmeId));
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
      zoneOf(db, programmeId);
      return views(db.select().from(batches).where(eq(batches.programmeId, programmeId)).orderBy(asc(batches.id)).all());
    },

    get(id: number) {
      return view(getRow(db, id));
    },

    update(actor: Actor, id: number, patch: BatchPatchInput) {
      try {
        return writeTransaction(db, (tx) => {
          const beforeRow = getRow(tx, id);
          const before = view(beforeRow);
          checkLimits(patch.capacity ?? beforeRow.capacity, patch.unitQuota ?? beforeRow.unitQuota);
          const { days, ...fields } = patch;
          const sortedDays = days && checkDays(days, zoneOf(tx, beforeRow.programmeId));
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
        const before = view(getRow(tx, id));
        if (before.confirmedCount > 0)
          throw conflict('BATCH_HAS_ENROLMENTS', `Batch ${id} has ${before.confirmedCount} confirmed enrolment(s); cancel them first`);
        tx.delete(batches).where(eq(batches.id, id)).run();
        audit.record(tx, actor, { action: 'batch.delete', entity: 'batch', entityId: id, before });
      });
    },
  };
}
