import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { statusIs } from '../../db/conditions';
import { asistensiPeriods, attendance, bookings, DRAFT_STATUSES, drafts, enrolments, programmes, slots, units, walkIns, type DraftStatus } from '../../db/schema';
import { notFound } from '../../lib/errors';
import { instantInZone } from '../../lib/time';

export type AsistensiState = 'attended' | 'walk_in' | 'booked' | 'none';

export interface UnitProgress {
  unitId: number;
  code: string;
  name: string;
  kind: string;
  participantsConfirmed: number;
  participantsAttended: number;
  draftCount: number;
  draftStatus: DraftStatus | null;
  draftReceivedAt: string | null;
  asistensi: AsistensiState;
  asistensiDate: string | null;
  asistensiStart: string | null;
}

const count = sql<number>`count(*)`;

/**
 * Where every unit stands in a programme: officials confirmed and attended, its draft SOPs,
 * and its asistensi. A handful of grouped queries, whatever the number of units.
 */
export function createProgressService({ db }: { db: Db }) {
  return {
    report(programmeId: number) {
      const programme = db.select().from(programmes).where(eq(programmes.id, programmeId)).get();
      if (!programme) throw notFound('programme', programmeId);

      const confirmed = new Map(
        db.select({ unitId: enrolments.unitId, n: count }).from(enrolments)
          .where(and(eq(enrolments.programmeId, programmeId), statusIs(enrolments.status, 'confirmed')))
          .groupBy(enrolments.unitId).all().map((r) => [r.unitId, r.n]),
      );
      const attendedRows = db
        .select({ unitId: enrolments.unitId, n: sql<number>`count(distinct ${enrolments.id})` })
        .from(enrolments)
        .innerJoin(attendance, and(eq(attendance.enrolmentId, enrolments.id), eq(attendance.present, true)))
        .where(and(eq(enrolments.programmeId, programmeId), statusIs(enrolments.status, 'confirmed')))
        .groupBy(enrolments.unitId)
        .all();
      const attended = new Map(attendedRows.map((r) => [r.unitId, r.n]));

      const draftsByUnit = new Map<number, { count: number; status: DraftStatus; receivedAt: string }>();
      for (const d of db.select().from(drafts).where(eq(drafts.programmeId, programmeId)).orderBy(asc(drafts.receivedAt)).all()) {
        const seen = draftsByUnit.get(d.unitId);
        if (!seen) draftsByUnit.set(d.unitId, { count: 1, status: d.status, receivedAt: d.receivedAt });
        else {
          seen.count++;
          if (DRAFT_STATUSES.indexOf(d.status) > DRAFT_STATUSES.indexOf(seen.status)) seen.status = d.status;
        }
      }

      const periodIds = db.select({ id: asistensiPeriods.id }).from(asistensiPeriods).where(eq(asistensiPeriods.programmeId, programmeId)).all().map((p) => p.id);
      const asistensi = new Map<number, { state: AsistensiState; date: string | null; start: string | null }>();
      const rank: Record<AsistensiState, number> = { attended: 3, walk_in: 2, booked: 1, none: 0 };
      const offer = (unitId: number, state: AsistensiState, date: string, start: string | null) => {
        const current = asistensi.get(unitId);
        if (!current || rank[state] > rank[current.state]) asistensi.set(unitId, { state, date, start });
      };
      if (periodIds.length > 0) {
        for (const b of db
          .select({ unitId: bookings.unitId, attended: bookings.attended, date: slots.date, start: slots.start })
          .from(bookings)
          .innerJoin(slots, eq(slots.id, bookings.slotId))
          .where(and(inArray(bookings.periodId, periodIds), statusIs(bookings.status, 'active')))
          .all())
          offer(b.unitId, b.attended ? 'attended' : 'booked', b.date, b.start);
        for (const w of db.select().from(walkIns).where(inArray(walkIns.periodId, periodIds)).orderBy(asc(walkIns.date)).all())
          offer(w.unitId, 'walk_in', w.date, null);
      }

      const rows: UnitProgress[] = db.select().from(units).orderBy(asc(units.code)).all().map((u) => {
        const draft = draftsByUnit.get(u.id);
        const a = asistensi.get(u.id);
        return {
          unitId: u.id,
          code: u.code,
          name: u.name,
          kind: u.kind,
          participantsConfirmed: confirmed.get(u.id) ?? 0,
          participantsAttended: attended.get(u.id) ?? 0,
          draftCount: draft?.count ?? 0,
          draftStatus: draft?.status ?? null,
          draftReceivedAt: draft ? instantInZone(draft.receivedAt, programme.timezone) : null,
          asistensi: a?.state ?? 'none',
          asistensiDate: a?.date ?? null,
          asistensiStart: a?.start ?? null,
        };
      });

      const tally = <K extends string>(keys: readonly K[], pick: (r: UnitProgress) => K | null) =>
        Object.fromEntries(keys.map((k) => [k, rows.filter((r) => pick(r) === k).length])) as Record<K, number>;
      return {
        programmeId,
        units: rows,
        totals: {
          units: rows.length,
          participantsConfirmed: rows.reduce((s, r) => s + r.participantsConfirmed, 0),
          participantsAttended: rows.reduce((s, r) => s + r.participantsAttended, 0),
          unitsWithDraft: rows.filter((r) => r.draftCount > 0).length,
          draftStatus: tally(DRAFT_STATUSES, (r) => r.draftStatus),
          asistensi: tally(['attended', 'walk_in', 'booked', 'none'] as const, (r) => r.asistensi),
        },
      };
    },
  };
}

const CSV_COLUMNS: (keyof UnitProgress)[] = [
  'code', 'name', 'kind', 'participantsConfirmed', 'participantsAttended', 'draftCount', 'draftStatus', 'draftReceivedAt', 'asistensi', 'asistensiDate', 'asistensiStart',
];

/** RFC 4180 CSV with a BOM, so spreadsheet programs read the UTF-8 names correctly. */
export function progressCsv(rows: UnitProgress[]): string {
  const cell = (value: unknown) => {
    const text = value === null || value === undefined ? '' : String(value);
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const lines = [CSV_COLUMNS.join(','), ...rows.map((r) => CSV_COLUMNS.map((c) => cell(r[c])).join(','))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
