import { asc, eq, inArray, sql } from 'drizzle-orm';
import { writeTransaction, type Db } from '../../db/client';
import { batches, bookings, asistensiPeriods, programmes } from '../../db/schema';
import { invalidField, notFound } from '../../lib/errors';
import { isValidZone, toStoredInstant, type Clock } from '../../lib/time';
import type { AuditLog } from '../audit/audit.service';
import type { CalendarsService } from '../calendars/calendars.service';
import type { Actor } from '../auth/actor';
import type { ProgrammeCreateInput, ProgrammePatchInput } from './programmes.schemas';

export const DEFAULT_TIMEZONE = 'Asia/Makassar';

export type ProgrammeRow = typeof programmes.$inferSelect;

function checkProgramme(p: { timezone: string; draftDeadline: string | null; finalDeadline: string | null }) {
  if (!isValidZone(p.timezone)) throw invalidField('/body/timezone', `${p.timezone} is not an IANA time zone`);
  if (p.draftDeadline && p.finalDeadline && p.finalDeadline < p.draftDeadline)
    throw invalidField('/body/finalDeadline', 'finalDeadline cannot be before draftDeadline');
}

export function createProgrammesService({ db, clock, audit, calendars }: { db: Db; clock: Clock; audit: AuditLog; calendars: CalendarsService }) {
  const programmeView = (row: ProgrammeRow) => ({
    id: row.id,
    name: row.name,
    timezone: row.timezone,
    draftDeadline: row.draftDeadline,
    finalDeadline: row.finalDeadline,
    organiserEmail: row.organiserEmail,
    publicCalendar: row.publicCalendar,
    calendarUrl: calendars.programmeFeedUrl(row),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  });

  function getRow(id: number): ProgrammeRow {
    const row = db.select().from(programmes).where(eq(programmes.id, id)).get();
    if (!row) throw notFound('programme', id);
    return row;
  }

  return {
    getRow,

    create(actor: Actor, input: ProgrammeCreateInput) {
      const values = {
        name: input.name,
        timezone: input.timezone ?? DEFAULT_TIMEZONE,
        draftDeadline: input.draftDeadline ?? null,
        finalDeadline: input.finalDeadline ?? null,
        organiserEmail: input.organiserEmail ?? null,
        publicCalendar: input.publicCalendar ?? true,
      };
      checkProgramme(values);
      const now = toStoredInstant(clock.now());
      return writeTransaction(db, (tx) => {
        const row = tx.insert(programmes).values({ ...values, createdAt: now, updatedAt: now }).returning().get();
        audit.record(tx, actor, { action: 'programme.create', entity: 'programme', entityId: row.id, after: programmeView(row) });
        return programmeView(row);
      });
    },

    list() {
      return db.select().from(programmes).orderBy(asc(programmes.id)).all().map(programmeView);
    },

    get(id: number) {
      return programmeView(getRow(id));
    },

    /**
     * Schedules are stored as local wall-clock times, so changing the zone keeps "09:00"
     * at 09:00 in the new zone.
     */
    update(actor: Actor, id: number, patch: ProgrammePatchInput) {
      return writeTransaction(db, (tx) => {
        const before = getRow(id);
        const merged = { ...before, ...patch };
        checkProgramme({
          timezone: merged.timezone ?? DEFAULT_TIMEZONE,
          draftDeadline: merged.draftDeadline ?? null,
          finalDeadline: merged.finalDeadline ?? null,
        });
        const deadlinesMoved = ['draftDeadline', 'finalDeadline'].some((k) => k in patch && patch[k as keyof typeof patch] !== before[k as keyof ProgrammeRow]);
        const zoneMoved = patch.timezone !== undefined && patch.timezone !== before.timezone;
        const after = tx
          .update(programmes)
          .set({ ...patch, ...(deadlinesMoved || zoneMoved ? { sequence: sql`${programmes.sequence} + 1` } : {}), updatedAt: toStoredInstant(clock.now()) })
          .where(eq(programmes.id, id))
          .returning()
          .get();
        // Another zone moves every scheduled event of the programme in real time.
        if (zoneMoved) {
          tx.update(batches).set({ sequence: sql`${batches.sequence} + 1` }).where(eq(batches.programmeId, id)).run();
          const periodIds = tx.select({ id: asistensiPeriods.id }).from(asistensiPeriods).where(eq(asistensiPeriods.programmeId, id));
          tx.update(bookings).set({ sequence: sql`${bookings.sequence} + 1` }).where(inArray(bookings.periodId, periodIds)).run();
        }
        audit.record(tx, actor, { action: 'programme.update', entity: 'programme', entityId: id, before: programmeView(before), after: programmeView(after) });
        return programmeView(after);
      });
    },
  };
}
