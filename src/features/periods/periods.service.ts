import type { Actor } from '../../platform/actor';
import { mapInOrder } from '../../platform/in-order';
import { AppError, conflict, invalidField, notFound } from '../../platform/errors';
import { instantInZone, localTimeProblem, parseInstant, toStoredInstant, type Clock } from '../../platform/time';
import type { UnitOfWork } from '../../platform/unit-of-work';
import type { AuditService } from '../audit/audit.service';
import type { OutboxService } from '../outbox/outbox.service';
import type { ProgrammesService } from '../programmes/programmes.service';
import type { PeriodRow, PeriodsRepository, SlotRow } from './periods.repository';
import type { HolidaysService } from '../holidays/holidays.service';
import { yearOf } from '../holidays/holidays.rules';
import { DEFAULT_SLOT_TIMES, slotTimesProblem, windowOrderProblem, workingDates, type SlotTime } from './periods.rules';

/** A period with its programme's zone, which every time in it is local to. */
export type Period = PeriodRow & { zone: string };
export type { SlotRow };

const WINDOW_FIELDS = ['bookingOpensAt', 'priorityUntil', 'bookingClosesAt', 'priorityCutoff'] as const;
type WindowInput = Partial<Record<(typeof WINDOW_FIELDS)[number], string | null>>;

export interface PeriodCreateInput extends WindowInput {
  name: string;
  startDate: string;
  workingDays?: number;
  slotTimes?: SlotTime[];
  skipWeekends?: boolean;
  useNationalHolidays?: boolean;
  closedDates?: { date: string; reason: string }[];
  location?: string | null;
  cancelNoticeHours?: number;
}

export type PeriodPatchInput = WindowInput & { name?: string; location?: string | null; cancelNoticeHours?: number; slotTimes?: SlotTime[] };

/**
 * What a change of slot times does to one open session of a day still to come: it keeps its
 * start with another end (`to` is the same slot, ended anew), or it goes and `to` is the
 * session at the same place in the day (null when the day has fewer sessions now).
 */
export interface SlotChange {
  from: SlotRow;
  to: SlotRow | null;
}

const byStart = <T extends { start: string }>(times: readonly T[]) => [...times].sort((a, b) => a.start.localeCompare(b.start));

const instantOrNull = (value: string | null) => (value === null ? null : parseInstant(value));

function checkWindows(values: WindowInput, current?: PeriodRow) {
  const merged = { ...(current ?? {}), ...values } as WindowInput;
  const problem = windowOrderProblem({
    bookingOpensAt: instantOrNull(merged.bookingOpensAt ?? null),
    priorityUntil: instantOrNull(merged.priorityUntil ?? null),
    bookingClosesAt: instantOrNull(merged.bookingClosesAt ?? null),
  });
  if (problem) throw invalidField(`/body/${problem.field}`, problem.message);
}

/** Windows are stored as UTC instants; undefined fields are left out (unchanged). */
function storedWindows(input: WindowInput) {
  const out: WindowInput = {};
  for (const field of WINDOW_FIELDS) {
    const value = input[field];
    if (value !== undefined) out[field] = value === null ? null : toStoredInstant(parseInstant(value));
  }
  return out;
}

export type PeriodsService = ReturnType<typeof createPeriodsService>;

export function createPeriodsService(deps: {
  repository: PeriodsRepository;
  uow: UnitOfWork;
  clock: Clock;
  audit: AuditService;
  programmes: Pick<ProgrammesService, 'require'>;
  holidays: Pick<HolidaysService, 'between'>;
  /** Units whose sessions change place are told (an updated invitation). */
  outbox: Pick<OutboxService, 'record'>;
}) {
  const { repository, uow, clock, audit, programmes, holidays } = deps;

  async function load(id: number): Promise<Period> {
    const period = await repository.withZone(id);
    if (!period) throw notFound('asistensi period', id);
    return period;
  }

  async function scheduleOf(period: PeriodRow) {
    const closed = await repository.closedDatesOf(period.id);
    const dates = workingDates({ startDate: period.startDate, workingDays: period.workingDays, skipWeekends: period.skipWeekends, closed: new Set(closed.map((c) => c.date)) });
    return { closed, dates };
  }

  async function view(period: Period) {
    const { closed, dates } = await scheduleOf(period);
    const endDate = dates[dates.length - 1] ?? period.startDate;
    const instant = (value: string | null) => (value === null ? null : instantInZone(value, period.zone));
    const provisionalYears: number[] = [];
    for (let year = yearOf(period.startDate); year <= yearOf(endDate); year++)
      if ((period.holidaySources?.[year] ?? 'provisional') === 'provisional') provisionalYears.push(year);
    return {
      id: period.id,
      programmeId: period.programmeId,
      name: period.name,
      startDate: period.startDate,
      endDate,
      workingDays: period.workingDays,
      workingDates: dates,
      slotTimes: period.slotTimes,
      skipWeekends: period.skipWeekends,
      useNationalHolidays: period.useNationalHolidays,
      holidayCalendar: !period.useNationalHolidays ? ('off' as const) : provisionalYears.length ? ('provisional' as const) : ('decree' as const),
      provisionalYears: period.useNationalHolidays ? provisionalYears : [],
      closedDates: closed.filter((c) => c.date <= endDate).map(({ date, reason, source }) => ({ date, reason, source })),
      location: period.location,
      bookingOpensAt: instant(period.bookingOpensAt),
      priorityUntil: instant(period.priorityUntil),
      bookingClosesAt: instant(period.bookingClosesAt),
      priorityCutoff: instant(period.priorityCutoff),
      cancelNoticeHours: period.cancelNoticeHours,
      createdAt: period.createdAt,
      updatedAt: period.updatedAt,
    };
  }

  /**
   * Brings the slots in line with the schedule: working days get open slots, a closed day
   * inside the period keeps its slots as "closed", and days no longer in the schedule are
   * withdrawn (the database refuses to close or withdraw a slot someone holds). Days up to
   * `today` keep the session times they have (a change of slot times is for the days still to
   * come). `beforeClosing` hears what becomes of each open session of a working day whose
   * time changes, once the new sessions are open and before the old ones go, so bookings can
   * follow them. Answers the working days that got slots for the first time.
   */
  async function syncSlots(period: PeriodRow, options: { today?: string; beforeClosing?: (changes: SlotChange[]) => Promise<void> } = {}): Promise<string[]> {
    const { closed, dates } = await scheduleOf(period);
    const working = new Set(dates);
    const closedSet = new Set(closed.map((c) => c.date));
    const endDate = dates[dates.length - 1]!;
    const before = await repository.slotsOf(period.id);
    const live = before.filter((s) => s.status !== 'withdrawn');
    const kept = new Map<string, SlotTime[]>();
    if (options.today !== undefined) for (const s of live) if (s.date <= options.today) kept.set(s.date, [...(kept.get(s.date) ?? []), { start: s.start, end: s.end }]);
    const timesOf = (date: string) => kept.get(date) ?? period.slotTimes;
    const present = new Set(before.map((s) => `${s.date} ${s.start}`));
    const datesWithSlots = new Set(live.map((s) => s.date));
    await repository.insertSlots(
      dates.flatMap((date) => timesOf(date).filter((t) => !present.has(`${date} ${t.start}`)).map((t) => ({ periodId: period.id, date, start: t.start, end: t.end, status: 'open' as const }))),
    );
    const slots = await repository.slotsOf(period.id);
    const plans = slots.map((slot) => {
      const time = timesOf(slot.date).find((t) => t.start === slot.start);
      const status = working.has(slot.date) && time ? 'open' : closedSet.has(slot.date) && slot.date <= endDate ? 'closed' : 'withdrawn';
      return { slot, status, end: time?.end ?? slot.end } as const;
    });
    // What opens or ends anew first; what closes or goes once bookings have followed.
    for (const { slot, status, end } of plans) {
      if (end !== slot.end) await repository.setSlotEnd(slot.id, end);
      if (status === 'open' && slot.status !== 'open') await repository.setSlotStatus(slot.id, 'open');
    }
    if (options.beforeClosing) {
      const slotAt = new Map(slots.map((s) => [`${s.date} ${s.start}`, s]));
      const changes = dates.flatMap((date) => {
        const times = byStart(timesOf(date));
        return byStart(live.filter((s) => s.date === date && s.status === 'open')).flatMap((slot, i): SlotChange[] => {
          const same = times.find((t) => t.start === slot.start);
          if (same) return same.end === slot.end ? [] : [{ from: slot, to: { ...slot, end: same.end } }];
          const instead = times[i];
          return [{ from: slot, to: instead ? slotAt.get(`${date} ${instead.start}`)! : null }];
        });
      });
      if (changes.length > 0) await options.beforeClosing(changes);
    }
    for (const { slot, status } of plans) if (status !== 'open' && status !== slot.status) await repository.setSlotStatus(slot.id, status);
    return dates.filter((d) => !datesWithSlots.has(d));
  }

  /** Today's date in the period's zone: the days after it are still to come. */
  const todayOf = (period: Period) => clock.now().setZone(period.zone).toISODate()!;

  const touch = async (id: number) => await repository.update(id, {}, toStoredInstant(clock.now()));

  /** Refuses slot times that would not exist, or be ambiguous, on some of `dates` in the period's zone. */
  function checkSlotTimes(period: Period, dates: readonly string[], path: string) {
    const errors = dates.flatMap((date) =>
      period.slotTimes.flatMap((t) =>
        [t.start, t.end].flatMap((time) => {
          const problem = localTimeProblem(date, time, period.zone);
          return problem ? [{ path, message: `${date} ${time} ${problem === 'nonexistent' ? 'does not exist' : 'happens twice'} in ${period.zone}` }] : [];
        }),
      ),
    );
    if (errors.length > 0) throw new AppError(422, 'TIME_NOT_IN_ZONE', `${errors.length} slot time(s) would not exist or would be ambiguous in ${period.zone}; nothing was changed`, errors);
  }

  return {
    load,
    view,

    /** The slot of this period with that id (withdrawn slots are not part of it). */
    async slotOf(period: Period, slotId: number): Promise<SlotRow | undefined> {
      const slot = await repository.slotInPeriod(period.id, slotId);
      return slot && slot.status !== 'withdrawn' ? slot : undefined;
    },
    slotById: repository.slotById,
    openSlotsOf: repository.openSlotsOf,
    workingDatesOf: async (period: PeriodRow) => (await scheduleOf(period)).dates,
    byName: repository.byName,

    /** A programme's periods, earliest first. */
    async listForProgramme(programmeId: number) {
      await programmes.require(programmeId);
      return await mapInOrder(await repository.ofProgramme(programmeId), view);
    },

    async create(actor: Actor, programmeId: number, input: PeriodCreateInput) {
      const slotTimes = [...(input.slotTimes ?? DEFAULT_SLOT_TIMES)].sort((a, b) => a.start.localeCompare(b.start));
      const timesProblem = slotTimesProblem(input.slotTimes ?? DEFAULT_SLOT_TIMES);
      if (timesProblem) throw invalidField(`/body/slotTimes/${timesProblem.index}`, timesProblem.message);
      checkWindows(input);
      const seen = new Set<string>();
      (input.closedDates ?? []).forEach((c, i) => {
        if (seen.has(c.date)) throw invalidField(`/body/closedDates/${i}/date`, `${c.date} appears twice`);
        seen.add(c.date);
      });
      const now = toStoredInstant(clock.now());
      const useNationalHolidays = input.useNationalHolidays ?? true;
      // Holidays and cuti bersama of the start year and the next: room for closures to add days.
      const national = useNationalHolidays ? await holidays.between(input.startDate, `${yearOf(input.startDate) + 1}-12-31`) : undefined;
      return await uow.write(async () => {
        const zone = (await programmes.require(programmeId)).timezone;
        const row = await repository.insert(
          {
            programmeId,
            name: input.name,
            startDate: input.startDate,
            workingDays: input.workingDays ?? 10,
            slotTimes,
            skipWeekends: input.skipWeekends ?? true,
            useNationalHolidays,
            holidaySources: national ? Object.fromEntries(national.sources) : null,
            location: input.location ?? null,
            cancelNoticeHours: input.cancelNoticeHours ?? 24,
            bookingOpensAt: null,
            priorityUntil: null,
            bookingClosesAt: null,
            priorityCutoff: null,
            ...storedWindows(input),
          },
          now,
        );
        const closed = new Map<string, { reason: string; source: 'holiday' | 'organiser' }>();
        for (const h of national?.days.values() ?? []) closed.set(h.date, { reason: h.name, source: 'holiday' });
        for (const c of input.closedDates ?? []) closed.set(c.date, { reason: c.reason, source: 'organiser' });
        await repository.insertClosedDates([...closed].map(([date, c]) => ({ periodId: row.id, date, ...c })));
        const period = { ...row, zone };
        checkSlotTimes(period, (await scheduleOf(row)).dates, '/body/slotTimes');
        await syncSlots(row);
        const created = await view(period);
        await audit.record(actor, { action: 'period.create', entity: 'asistensiPeriod', entityId: row.id, after: created });
        return created;
      });
    },

    /**
     * Changes the name, windows, place, notice or the slot times of the days still to come.
     * New slot times open their sessions, then `beforeClosing` hears each open session whose
     * time changes (the bookings service moves or displaces its booking there), then the old
     * sessions go; without it a booked session refuses to go.
     */
    async update(actor: Actor, id: number, patch: PeriodPatchInput, beforeClosing?: (changes: SlotChange[], period: Period) => Promise<void>) {
      const timesProblem = patch.slotTimes && slotTimesProblem(patch.slotTimes);
      if (timesProblem) throw invalidField(`/body/slotTimes/${timesProblem.index}`, timesProblem.message);
      return await uow.write(async () => {
        const before = await load(id);
        checkWindows(patch, before);
        const { name, location, cancelNoticeHours } = patch;
        const slotTimes = patch.slotTimes && byStart(patch.slotTimes);
        const row = await repository.update(
          id,
          {
            ...storedWindows(patch),
            ...(name !== undefined ? { name } : {}),
            ...(location !== undefined ? { location } : {}),
            ...(cancelNoticeHours !== undefined ? { cancelNoticeHours } : {}),
            ...(slotTimes ? { slotTimes } : {}),
          },
          toStoredInstant(clock.now()),
        );
        const period = { ...row, zone: before.zone };
        if (slotTimes) {
          const today = todayOf(period);
          checkSlotTimes(period, (await scheduleOf(row)).dates.filter((d) => d > today), '/body/slotTimes');
          await syncSlots(row, { today, beforeClosing: beforeClosing && ((changes) => beforeClosing(changes, period)) });
        }
        const after = await view(period);
        await audit.record(actor, { action: 'period.update', entity: 'asistensiPeriod', entityId: id, before: await view(before), after });
        if (row.location !== before.location)
          await deps.outbox.record({ facts: { kind: 'schedule_changed', change: { what: 'location', periodId: id, period: row.name, from: before.location, to: row.location } }, to: { unitsAffectedBy: { periodId: id } }, programmeId: row.programmeId });
        return after;
      });
    },

    /** The slots of one working day of the period, or 409 NOT_A_WORKING_DAY. */
    async slotsOfWorkingDay(period: Period, date: string): Promise<SlotRow[]> {
      const { dates } = await scheduleOf(period);
      if (!dates.includes(date)) throw conflict('NOT_A_WORKING_DAY', `${date} is not a working day of this period (${dates[0]} to ${dates[dates.length - 1]})`);
      return (await repository.slotsOf(period.id)).filter((s) => s.date === date && s.status === 'open');
    },

    /**
     * Closes one working day: its slots close and a working day is added at the end. Its
     * bookings must be displaced first (the bookings service does both in one unit of work).
     */
    async addClosure(period: Period, input: { date: string; reason: string }): Promise<string[]> {
      return await uow.write(async () => {
        await repository.insertClosedDates([{ periodId: period.id, date: input.date, reason: input.reason, source: 'organiser' }]);
        const known = new Set((await repository.slotsOf(period.id)).map((s) => s.date));
        checkSlotTimes(period, (await scheduleOf(period)).dates.filter((d) => !known.has(d)), '/body/date');
        const addedDates = await syncSlots(period, { today: todayOf(period) });
        await touch(period.id);
        return addedDates;
      });
    },

    /** Reopens a closed date (a holiday or a closure), dropping the day added in its place if nobody booked it. */
    async removeClosure(actor: Actor, id: number, date: string) {
      return await uow.write(async () => {
        const period = await load(id);
        const closure = await repository.closedDate(id, date);
        if (!closure) throw notFound('closed date', date);
        await repository.deleteClosedDate(id, date);
        await syncSlots(period, { today: todayOf(period) });
        await touch(id);
        await audit.record(actor, { action: 'period.reopen', entity: 'asistensiPeriod', entityId: id, before: closure });
        return await view(await load(id));
      });
    },
  };
}
