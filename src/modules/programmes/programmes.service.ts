import { asc, eq } from 'drizzle-orm';
import { writeTransaction, type Db } from '../../db/client';
import { programmes } from '../../db/schema';
import { invalidField, notFound } from '../../lib/errors';
import { isValidZone, toStoredInstant, type Clock } from '../../lib/time';
import type { AuditLog } from '../audit/audit.service';
import type { Actor } from '../auth/actor';
import type { ProgrammeCreateInput, ProgrammePatchInput } from './programmes.schemas';

export const DEFAULT_TIMEZONE = 'Asia/Makassar';

export type ProgrammeRow = typeof programmes.$inferSelect;

export const programmeView = (row: ProgrammeRow) => ({
  id: row.id,
  name: row.name,
  timezone: row.timezone,
  draftDeadline: row.draftDeadline,
  finalDeadline: row.finalDeadline,
  organiserEmail: row.organiserEmail,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
});

function checkProgramme(p: { timezone: string; draftDeadline: string | null; finalDeadline: string | null }) {
  if (!isValidZone(p.timezone)) throw invalidField('/body/timezone', `${p.timezone} is not an IANA time zone`);
  if (p.draftDeadline && p.finalDeadline && p.finalDeadline < p.draftDeadline)
    throw invalidField('/body/finalDeadline', 'finalDeadline cannot be before draftDeadline');
}

export type ProgrammesService = ReturnType<typeof createProgrammesService>;

export function createProgrammesService({ db, clock, audit }: { db: Db; clock: Clock; audit: AuditLog }) {
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
        const after = tx
          .update(programmes)
          .set({ ...patch, updatedAt: toStoredInstant(clock.now()) })
          .where(eq(programmes.id, id))
          .returning()
          .get();
        audit.record(tx, actor, { action: 'programme.update', entity: 'programme', entityId: id, before: programmeView(before), after: programmeView(after) });
        return programmeView(after);
      });
    },
  };
}
