import { canActForUnit, isOrganiser, requireOrganiser, requireUnitAccess, unitIdOf, type Actor } from '../../platform/actor';
import { VersionedCache, type VersionReader } from '../../platform/data-versions';
import { AppError, conflict, invalidField, notFound, unknownReference } from '../../platform/errors';
import { instantInZone, localToOffsetIso, toStoredInstant, type Clock } from '../../platform/time';
import type { UnitOfWork } from '../../platform/unit-of-work';
import { CACHED_VIEWS } from '../derived-data';
import type { AuditService } from '../audit/audit.service';
import type { OutboxService } from '../outbox/outbox.service';
import type { Slot } from '../outbox/outbox.rules';
import type { DraftsService } from '../drafts/drafts.service';
import { bookingWindow, slotStart } from '../periods/periods.rules';
import type { Period, PeriodPatchInput, PeriodsService, SlotChange, SlotRow } from '../periods/periods.service';
import type { UnitsService } from '../units/units.service';
import type { BookingRow, BookingsRepository } from './bookings.repository';
import { attendanceRefusal } from '../attendance.rules';
import { unitBookingOptions, windowPhase, windowRefusal, withinCancelNotice, type DraftStanding } from './bookings.rules';
import { mapInOrder } from '../../platform/in-order';

type ViewRow = NonNullable<Awaited<ReturnType<BookingsRepository['view']>>>;

export const bookingView = ({ booking: row, slot, unitName }: ViewRow, zone: string) => ({
  id: row.id,
  periodId: row.periodId,
  slotId: row.slotId,
  unitId: row.unitId,
  unitName,
  topic: row.topic,
  status: row.status,
  attended: row.attended,
  notes: row.notes,
  date: slot.date,
  start: slot.start,
  end: slot.end,
  startsAt: localToOffsetIso(slot.date, slot.start, zone),
  endsAt: localToOffsetIso(slot.date, slot.end, zone),
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
  cancelledAt: row.cancelledAt,
});

export type BookingsService = ReturnType<typeof createBookingsService>;
type BookingView = ReturnType<typeof bookingView>;
/** What a booking notice adds to the booking's own facts. */
type TellFacts = { kind: 'booking_confirmed' | 'booking_cancelled' | 'booking_auto_scheduled' } | { kind: 'booking_moved'; from: Slot } | { kind: 'booking_displaced'; reason: string };

export function createBookingsService(deps: {
  repository: BookingsRepository;
  uow: UnitOfWork;
  clock: Clock;
  audit: AuditService;
  outbox: Pick<OutboxService, 'record'>;
  periods: Pick<PeriodsService, 'load' | 'view' | 'slotOf' | 'slotById' | 'slotsOfWorkingDay' | 'addClosure' | 'update'>;
  units: Pick<UnitsService, 'requireActive' | 'requireExisting' | 'isActive'>;
  drafts: Pick<DraftsService, 'firstReceivedAt' | 'firstReceivedByUnit' | 'ofUnit'>;
  versions: VersionReader;
  /** Bytes the cached slot listings may hold. */
  cacheBytes: number;
}) {
  const { repository, uow, clock, audit, outbox, periods, units, drafts, versions } = deps;
  /** Tells the booking's unit what happened to it, in the change's unit of work. */
  const tell = async (view: BookingView, programmeId: number, facts: TellFacts) =>
    await outbox.record({
      facts: { ...facts, bookingId: view.id, periodId: view.periodId, slot: { date: view.date, start: view.start, end: view.end } },
      to: { unitId: view.unitId },
      programmeId,
    });
  const viewOf = async (id: number, zone: string) => bookingView((await repository.view(id))!, zone);

  // The full listing (with who booked) per period, rebuilt only when the programme's data
  // changed; organisers get it as it is, unit keys a copy without other units' bookings.
  const slotListings = new VersionedCache<Awaited<ReturnType<typeof fullSlots>>>(deps.cacheBytes, (slots) => 400 * slots.length);
  /** A period never changes programme: remembered so a cached listing needs no period read. */
  const programmeOfPeriod = new Map<number, number>();

  async function fullSlots(period: Period) {
    return (await repository.slotsWithBookings(period.id)).map(({ slot, bookingId, unitId, unitCode, unitName }) => ({
      id: slot.id,
      date: slot.date,
      start: slot.start,
      end: slot.end,
      startsAt: localToOffsetIso(slot.date, slot.start, period.zone),
      endsAt: localToOffsetIso(slot.date, slot.end, period.zone),
      status: slot.status === 'closed' ? ('closed' as const) : bookingId ? ('booked' as const) : ('open' as const),
      ...(bookingId === null ? {} : { bookingId, unit: { id: unitId!, code: unitCode!, name: unitName! } }),
    }));
  }

  /** Every slot of a period with who holds it, cached until the programme's schedule changes. */
  async function cachedSlots(periodId: number) {
    let programmeId = programmeOfPeriod.get(periodId);
    if (programmeId === undefined) programmeOfPeriod.set(periodId, (programmeId = (await periods.load(periodId)).programmeId));
    return await slotListings.get(String(periodId), await versions.signatureOf(CACHED_VIEWS.slotListing(programmeId)), async () => await fullSlots(await periods.load(periodId)));
  }

  /** A booking with its period; another unit's booking is "not found" to a unit key. */
  async function visible(actor: Actor, id: number): Promise<{ booking: BookingRow; period: Period }> {
    const booking = await repository.byId(id);
    if (!booking || !canActForUnit(actor, booking.unitId)) throw notFound('booking', id);
    return { booking, period: await periods.load(booking.periodId) };
  }

  async function slotOf(period: Period, slotId: number): Promise<SlotRow> {
    const slot = await periods.slotOf(period, slotId);
    if (!slot) throw unknownReference('/body/slotId', 'slot', slotId);
    return slot;
  }

  /** When the unit's first draft reached the organiser by the period's priority cutoff, if it did. */
  const priorityDraftAt = async (period: Period, unitId: number) => await drafts.firstReceivedAt(period.programmeId, unitId, period.priorityCutoff);

  /**
   * The rules a unit key must pass to take `slot` (organisers are exempt and the exemption is
   * audited): the booking window, the priority window, and a slot that has not started.
   * Returns the rules an organiser overrode.
   */
  async function checkUnitMayTake(actor: Actor, period: Period, unitId: number, slot: SlotRow): Promise<string[]> {
    const now = clock.now();
    const refusals: string[] = [];
    const window = bookingWindow(period);
    // The unit's draft matters only while the priority window is on: read only then.
    const hasPriority = windowPhase(window, now) === 'priority' && (await priorityDraftAt(period, unitId)) !== null;
    const refusal = windowRefusal(window, now, hasPriority);
    if (refusal) refusals.push(refusal);
    if (slotStart(slot, period.zone) <= now) refusals.push('SLOT_STARTED');
    if (isOrganiser(actor) || refusals.length === 0) return refusals;
    const first = refusals[0]!;
    const at = (stored: string | null) => (stored === null ? null : instantInZone(stored, period.zone));
    if (first === 'PRIORITY_WINDOW')
      throw new AppError(
        403,
        first,
        `Until ${at(period.priorityUntil)} only units whose draft SOP the organiser has received may book; after that every unit may`,
        undefined,
        { priorityUntil: at(period.priorityUntil) },
      );
    if (first === 'BOOKING_CLOSED') {
      const window = { bookingOpensAt: at(period.bookingOpensAt), bookingClosesAt: at(period.bookingClosesAt) };
      throw conflict(first, `Booking for this period is open from ${window.bookingOpensAt ?? 'the start'} until ${window.bookingClosesAt ?? 'the end'}`, window);
    }
    throw conflict(first, `The slot started at ${localToOffsetIso(slot.date, slot.start, period.zone)}`);
  }

  /** The unit's active booking in the period, as a refusal that says where it is. */
  async function alreadyBooked(periodId: number, unitId: number, zone: string): Promise<AppError | undefined> {
    const existing = await repository.activeOfUnit(periodId, unitId);
    if (existing === undefined) return undefined;
    const booking = await viewOf(existing, zone);
    return conflict('UNIT_ALREADY_BOOKED', `The unit already has booking ${booking.id} in this period, on ${booking.date} at ${booking.start}; move that booking instead`, {
      bookingId: booking.id,
      date: booking.date,
      start: booking.start,
      startsAt: booking.startsAt,
    });
  }

  function requireOpen(slot: SlotRow) {
    if (slot.status !== 'open') throw conflict('SLOT_CLOSED', `The slot on ${slot.date} ${slot.start} is closed`);
  }

  async function requireFree(slot: SlotRow, exceptBookingId?: number) {
    requireOpen(slot);
    const holder = await repository.slotHolder(slot.id);
    if (holder !== undefined && holder !== exceptBookingId) throw conflict('SLOT_TAKEN', 'The slot is already booked');
  }

  /**
   * Why an index refused a booking, said as the checks of a unit of work would have said it
   * (a taken slot first, then where the unit's booking is), read once the refused unit ended.
   */
  async function takenRefusal(slotId: number, periodId: number, unitId: number, zone: string): Promise<AppError | undefined> {
    if ((await repository.slotHolder(slotId)) !== undefined) return conflict('SLOT_TAKEN', 'The slot is already booked');
    return await alreadyBooked(periodId, unitId, zone);
  }

  function requireActive(booking: BookingRow) {
    if (booking.status !== 'active') throw conflict('BOOKING_NOT_ACTIVE', `Booking ${booking.id} is ${booking.status}`);
  }

  function requireNotice(actor: Actor, period: Period, slot: SlotRow, what: string) {
    if (!isOrganiser(actor) && !withinCancelNotice(slotStart(slot, period.zone), clock.now(), period.cancelNoticeHours))
      throw conflict('TOO_LATE', `A booking can be ${what} up to ${period.cancelNoticeHours} hours before it starts; ask the organiser`);
  }

  /** Where the unit's draft stands for the period's priority window (see DraftStanding). */
  async function draftStanding(period: Period, unitId: number): Promise<{ standing: DraftStanding; sentAt: string | null }> {
    if (await priorityDraftAt(period, unitId) !== null) return { standing: 'received', sentAt: null };
    if (period.priorityCutoff !== null && await drafts.firstReceivedAt(period.programmeId, unitId, null) !== null) return { standing: 'receivedLate', sentAt: null };
    const waiting = (await drafts.ofUnit(unitId)).filter((d) => d.programmeId === period.programmeId && d.receivedAt === null);
    return waiting.length > 0 ? { standing: 'awaiting', sentAt: waiting[waiting.length - 1]!.createdAt } : { standing: 'none', sentAt: null };
  }

  /**
   * A change of the period's slot times reaches its bookings: a booking whose session keeps its
   * start ends at the new time; one whose session goes moves to the session at the same place
   * in the day, unless another booking holds it or the day has no such session, and then loses
   * its slot (displaced: it comes first at the next auto-schedule). Each unit is told.
   */
  async function followSlotChanges(actor: Actor, period: Period, changes: readonly SlotChange[], now: string) {
    const holders = new Map((await repository.activeOnSlots(changes.flatMap((c) => [c.from.id, ...(c.to ? [c.to.id] : [])]))).map((b) => [b.slotId, b.id]));
    const moved: (BookingView & { from: Slot })[] = [];
    const displaced: BookingView[] = [];
    for (const { from, to } of changes) {
      const bookingId = holders.get(from.id);
      if (bookingId === undefined) continue;
      const before = await viewOf(bookingId, period.zone);
      const was = { date: from.date, start: from.start, end: from.end };
      const target = to && (to.id === from.id || !holders.has(to.id)) ? to : null;
      if (target === null) {
        await repository.end(bookingId, 'displaced', now);
        holders.delete(from.id);
        const after = await viewOf(bookingId, period.zone);
        await audit.record(actor, { action: 'booking.displace', entity: 'booking', entityId: bookingId, before: { ...before, ...was }, after });
        // Told as a cancellation: the session itself is gone, no day was closed.
        await tell(after, period.programmeId, { kind: 'booking_cancelled' });
        displaced.push(after);
        continue;
      }
      if (target.id !== from.id) {
        await repository.move(bookingId, target.id, now);
        holders.delete(from.id);
        holders.set(target.id, bookingId);
      }
      const after = await viewOf(bookingId, period.zone);
      await audit.record(actor, { action: 'booking.reschedule', entity: 'booking', entityId: bookingId, before: { ...before, ...was }, after });
      await tell(after, period.programmeId, { kind: 'booking_moved', from: was });
      moved.push({ ...after, from: was });
    }
    return { moved, displaced };
  }

  /**
   * Writes the session's notes (null clears them); a cancelled or moved-away booking keeps what it
   * had. `previous`: the notes the writer read (the city and its partner province both write
   * them): refused when someone changed them since, rather than overwritten unseen.
   */
  async function setNotes(actor: Actor, id: number, notes: string | null, previous?: string | null) {
    requireOrganiser(actor);
    return await uow.write(async () => {
      const { booking, period } = await visible(actor, id);
      requireActive(booking);
      if (previous !== undefined && (booking.notes ?? '') !== (previous ?? '').trim())
        throw conflict('NOTES_CHANGED', 'Someone changed the session notes since they were read: read them again, then write yours', { notes: booking.notes ?? '' });
      const before = await viewOf(id, period.zone);
      await repository.setNotes(id, notes === null || notes.trim() === '' ? null : notes.trim(), toStoredInstant(clock.now()));
      const after = await viewOf(id, period.zone);
      await audit.record(actor, { action: 'booking.notes', entity: 'booking', entityId: id, before, after });
      return after;
    });
  }

  /** Records whether the unit came, from the session's start until 30 days after (null undoes it). */
  async function setAttendance(actor: Actor, id: number, attended: boolean | null) {
    requireOrganiser(actor);
    return await uow.write(async () => {
      const { booking, period } = await visible(actor, id);
      requireActive(booking);
      const refusal = attended === null ? undefined : attendanceRefusal(slotStart((await periods.slotById(booking.slotId))!, period.zone), clock.now());
      if (refusal) throw conflict(refusal.code, `Booking ${id}: ${refusal.message}`);
      const before = await viewOf(id, period.zone);
      await repository.setAttended(id, attended, toStoredInstant(clock.now()));
      const after = await viewOf(id, period.zone);
      await audit.record(actor, { action: 'booking.attendance', entity: 'booking', entityId: id, before, after });
      return after;
    });
  }

  return {
    async book(actor: Actor, periodId: number, body: { unitId?: number; slotId: number; topic?: string | null }) {
      const input = { ...body, unitId: unitIdOf(actor, body.unitId) };
      requireUnitAccess(actor, input.unitId);
      const now = toStoredInstant(clock.now());
      let zone: string | undefined;
      try {
        return await uow.write(async () => {
          const period = await periods.load(periodId);
          zone = period.zone;
          const unit = await units.requireActive(input.unitId);
          const slot = await slotOf(period, input.slotId);
          const overrides = await checkUnitMayTake(actor, period, input.unitId, slot);
          requireOpen(slot);
          // A held slot or a second booking of the unit is refused by the unique indexes, not
          // read first: on PostgreSQL two bookings that both read the index pages the other
          // writes cannot both commit (SERIALIZABLE), so reading would fail bookings made at once.
          const row = await repository.insert({ periodId, slotId: slot.id, unitId: input.unitId, topic: input.topic ?? null }, now);
          const created = bookingView({ booking: row, slot, unitName: unit.name }, period.zone);
          await audit.record(actor, { action: 'booking.create', entity: 'booking', entityId: row.id, after: { ...created, ...(overrides.length ? { overrides } : {}) } });
          await tell(created, period.programmeId, { kind: 'booking_confirmed' });
          return created;
        });
      } catch (err) {
        if (zone !== undefined && err instanceof AppError && (err.code === 'SLOT_TAKEN' || err.code === 'UNIT_ALREADY_BOOKED')) throw (await takenRefusal(input.slotId, periodId, input.unitId, zone)) ?? err;
        throw err;
      }
    },

    /** Moves a booking to another slot in one step: the old slot frees only if the new one is taken. */
    async reschedule(actor: Actor, id: number, input: { slotId: number }) {
      const now = toStoredInstant(clock.now());
      return await uow.write(async () => {
        const { booking, period } = await visible(actor, id);
        requireActive(booking);
        const current = (await periods.slotById(booking.slotId))!;
        const target = await slotOf(period, input.slotId);
        const before = await viewOf(id, period.zone);
        if (target.id === current.id) return before;
        requireNotice(actor, period, current, 'moved');
        const overrides = await checkUnitMayTake(actor, period, booking.unitId, target);
        await requireFree(target, booking.id);
        await repository.move(id, target.id, now);
        const after = await viewOf(id, period.zone);
        await audit.record(actor, { action: 'booking.reschedule', entity: 'booking', entityId: id, before, after: { ...after, ...(overrides.length ? { overrides } : {}) } });
        await tell(after, period.programmeId, { kind: 'booking_moved', from: { date: before.date, start: before.start, end: before.end } });
        return after;
      });
    },

    /** Cancels; a unit may do so until cancelNoticeHours before the slot starts, organisers any time. */
    async cancel(actor: Actor, id: number) {
      const now = toStoredInstant(clock.now());
      return await uow.write(async () => {
        const { booking, period } = await visible(actor, id);
        requireActive(booking);
        const before = await viewOf(id, period.zone);
        requireNotice(actor, period, (await periods.slotById(booking.slotId))!, 'cancelled');
        await repository.end(id, 'cancelled', now);
        const after = await viewOf(id, period.zone);
        await audit.record(actor, { action: 'booking.cancel', entity: 'booking', entityId: id, before, after });
        await tell(after, period.programmeId, { kind: 'booking_cancelled' });
        return after;
      });
    },

    /**
     * Changes a period (PATCH /asistensi-periods/:id) and answers what it did to the bookings:
     * those whose session moved or ends at another time, and those that lost their session.
     * The console runs it as a dry run first to show the organiser.
     */
    async updatePeriod(actor: Actor, periodId: number, patch: PeriodPatchInput) {
      requireOrganiser(actor);
      const now = toStoredInstant(clock.now());
      return await uow.write(async () => {
        let followed: Awaited<ReturnType<typeof followSlotChanges>> = { moved: [], displaced: [] };
        const period = await periods.update(actor, periodId, patch, async (changes, changed) => {
          followed = await followSlotChanges(actor, changed, changes, now);
        });
        return { ...period, movedBookings: followed.moved, displacedBookings: followed.displaced };
      });
    },

    /**
     * What a unit may do in a period now (book, move, cancel) and the first reason it may not,
     * the same rules book, reschedule and cancel apply to a unit key; with where its draft stands
     * for the priority window. A unit key asks for its own unit; an organiser names one.
     */
    async bookingOptions(actor: Actor, periodId: number, unitId: number | undefined) {
      const id = unitId ?? actor.unitId ?? undefined;
      if (id === undefined) throw invalidField('/querystring/unitId', 'is required with an organiser key');
      if (!canActForUnit(actor, id)) throw notFound('unit', id);
      const period = await periods.load(periodId);
      await units.requireExisting(id, '/querystring/unitId');
      const bookingId = await repository.activeOfUnit(periodId, id);
      const booking = bookingId === undefined ? null : await viewOf(bookingId, period.zone);
      const draft = await draftStanding(period, id);
      const options = unitBookingOptions({
        window: bookingWindow(period),
        now: clock.now(),
        draft: draft.standing,
        active: await units.isActive(id),
        bookingStartsAt: booking && slotStart(booking, period.zone),
        cancelNoticeHours: period.cancelNoticeHours,
      });
      const at = (stored: string | null) => (stored === null ? null : instantInZone(stored, period.zone));
      return {
        periodId,
        unitId: id,
        phase: options.phase,
        bookingOpensAt: at(period.bookingOpensAt),
        priorityUntil: at(period.priorityUntil),
        bookingClosesAt: at(period.bookingClosesAt),
        priorityCutoff: at(period.priorityCutoff),
        cancelNoticeHours: period.cancelNoticeHours,
        draft: draft.standing,
        draftSentAt: draft.sentAt,
        hasPriority: options.hasPriority,
        booking,
        changeUntil: options.changeUntil && instantInZone(toStoredInstant(options.changeUntil), period.zone),
        book: { allowed: options.book === null, refusal: options.book },
        move: { allowed: options.move === null, refusal: options.move },
        cancel: { allowed: options.cancel === null, refusal: options.cancel },
      };
    },

    async get(actor: Actor, id: number) {
      const { booking, period } = await visible(actor, id);
      return await viewOf(booking.id, period.zone);
    },

    /** A period's bookings in slot order (every status); a unit key sees its own. */
    async list(actor: Actor, periodId: number) {
      const period = await periods.load(periodId);
      return (await repository.viewsOfPeriod(periodId))
        .filter((r) => isOrganiser(actor) || r.booking.unitId === actor.unitId)
        .map((r) => bookingView(r, period.zone));
    },

    setAttendance,
    setNotes,

    /**
     * Records who came to the period's sessions at once, as the console's checklist gives it:
     * every active booking whose attendance may be recorded now is marked attended if listed,
     * not attended otherwise (marks already equal are left alone, each change audited as
     * setAttendance audits it). One unit of work: every mark is saved, or none.
     */
    async recordPeriodAttendance(actor: Actor, periodId: number, attended: readonly number[]) {
      requireOrganiser(actor);
      return await uow.write(async () => {
        const period = await periods.load(periodId);
        const now = clock.now();
        const active = (await repository.viewsOfPeriod(periodId)).filter((r) => r.booking.status === 'active');
        const refusalOf = new Map(active.map((r) => [r.booking.id, attendanceRefusal(slotStart(r.slot, period.zone), now)]));
        const unknown = attended.flatMap((id, i) => (refusalOf.has(id) ? [] : [{ path: `/body/attended/${i}`, message: `booking ${id} is not an active booking of period ${periodId}` }]));
        if (unknown.length > 0) throw new AppError(422, 'REFERENCE_NOT_FOUND', `${unknown.length} listed booking(s) are not active bookings of period ${periodId}; nothing was recorded`, unknown);
        // A listed session outside its window is refused as setAttendance refuses it.
        for (const id of attended) {
          const refusal = refusalOf.get(id);
          if (refusal) throw conflict(refusal.code, `Booking ${id}: ${refusal.message}`);
        }
        const came = new Set(attended);
        return await mapInOrder(active
          .filter((r) => refusalOf.get(r.booking.id) === undefined), async ({ booking }) => {
            const wanted = came.has(booking.id);
            if (booking.attended !== wanted) await setAttendance(actor, booking.id, wanted);
            return { bookingId: booking.id, attended: wanted };
          });
      });
    },

    /** The period's slots in time order; organisers (and the booking unit) see who booked. */
    async listSlots(actor: Actor, id: number, filter: { date?: string; status?: 'open' | 'booked' | 'closed' }) {
      const all = await cachedSlots(id);
      const wanted = filter.date || filter.status ? all.filter((s) => (!filter.date || s.date === filter.date) && (!filter.status || s.status === filter.status)) : all;
      if (isOrganiser(actor)) return wanted;
      return wanted.map(({ unit, bookingId, ...slot }) => (unit && unit.id === actor.unitId ? { ...slot, unit, bookingId } : slot));
    },

    /** A period's slots for anyone to see: who booked only when `withUnitNames`, and then only the unit's name. */
    async publicSlots(id: number, withUnitNames: boolean) {
      return (await cachedSlots(id)).map(({ unit, bookingId: _booking, ...slot }) => ({ ...slot, unitName: withUnitNames && unit ? unit.name : null }));
    },

    /**
     * Closes one working day of a period: its bookings are displaced (their units have first
     * claim at the next auto-schedule), its slots close, and a working day is added at the end.
     */
    async closeDay(actor: Actor, periodId: number, input: { date: string; reason: string }) {
      const now = toStoredInstant(clock.now());
      return await uow.write(async () => {
        const period = await periods.load(periodId);
        const slotIds = (await periods.slotsOfWorkingDay(period, input.date)).map((s) => s.id);
        const displaced = (await repository.activeOnSlots(slotIds)).map((b) => b.id);
        for (const bookingId of displaced) await repository.end(bookingId, 'displaced', now);
        const addedDates = await periods.addClosure(period, input);
        await audit.record(actor, { action: 'period.close', entity: 'asistensiPeriod', entityId: periodId, after: { ...input, displaced, addedDates } });
        const views = await mapInOrder(displaced, async (bookingId) => await viewOf(bookingId, period.zone));
        for (const view of views) await tell(view, period.programmeId, { kind: 'booking_displaced', reason: input.reason });
        return { ...input, displaced: views, addedDates, period: await periods.view(await periods.load(periodId)) };
      });
    },

    /** Books a slot for a unit on the organiser's behalf, past every window (auto-schedule). */
    async place(actor: Actor, period: Period, unitId: number, slotId: number, now: string) {
      const { id } = await repository.insert({ periodId: period.id, slotId, unitId, topic: null }, now);
      const placed = await viewOf(id, period.zone);
      await audit.record(actor, { action: 'booking.autoSchedule', entity: 'booking', entityId: id, after: placed });
      await tell(placed, period.programmeId, { kind: 'booking_auto_scheduled' });
      return id;
    },

    alreadyBooked,
    /** A unit's active bookings in every period, soonest first. */
    activeBookingsOfUnit: async (unitId: number) => (await repository.activeOfUnitEverywhere(unitId)).map((row) => bookingView(row, row.zone)),
    /** A unit's bookings of every status (cancelled, moved away or displaced too) in every period, by date. */
    bookingsOfUnit: async (unitId: number) => (await repository.allOfUnitEverywhere(unitId)).map((row) => bookingView(row, row.zone)),
    allOfPeriod: repository.allOfPeriod,
    priorityDraftAt,
    /** Each unit's first draft received in a programme by a cutoff, for many units at once (see priorityDraftAt). */
    firstReceivedByUnit: drafts.firstReceivedByUnit,
  };
}
