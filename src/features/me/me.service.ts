import { canActForUnit, isOrganiser, type Actor } from '../../platform/actor';
import { notFound } from '../../platform/errors';
import type { Clock } from '../../platform/time';
import { windowPhase } from '../bookings/bookings.rules';
import type { BookingsService } from '../bookings/bookings.service';
import type { DraftsService } from '../drafts/drafts.service';
import type { ParticipantsService } from '../participants/participants.service';
import { bookingWindow } from '../periods/periods.rules';
import type { PeriodsService } from '../periods/periods.service';
import type { ProgrammesService } from '../programmes/programmes.service';
import type { UnitsService } from '../units/units.service';
import type { BatchesService } from '../workshops/batches.service';
import type { EnrolmentsService } from '../workshops/enrolments.service';
import { comingUp, standingSteps, upcomingEvents, type DatedItem } from './me.rules';
import type { Standing } from './me.schemas';
import { flatMapInOrder } from '../../platform/in-order';

export type MeService = ReturnType<typeof createMeService>;

/** Counting a unit's officials reads them all: no unit has nearly this many. */
const MAX_OFFICIALS = 100_000;

/**
 * What a key's holder needs first: who they are, the programmes (every programme concerns
 * every unit of the government), the asistensi periods still to come, and a unit's own
 * bookings and drafts; and where a unit stands in one programme.
 */
export function createMeService(deps: {
  clock: Clock;
  units: Pick<UnitsService, 'get'>;
  programmes: Pick<ProgrammesService, 'list' | 'require'>;
  participants: Pick<ParticipantsService, 'list'>;
  batches: Pick<BatchesService, 'listForProgramme'>;
  enrolments: Pick<EnrolmentsService, 'listForBatch'>;
  periods: Pick<PeriodsService, 'listForProgramme'>;
  bookings: Pick<BookingsService, 'activeBookingsOfUnit'>;
  drafts: Pick<DraftsService, 'ofUnit' | 'list'>;
}) {
  const { clock, units, programmes, participants, batches, enrolments, periods, bookings, drafts } = deps;
  return {
    async describe(actor: Actor) {
      const now = clock.now();
      const all = await programmes.list();
      const openPeriods = await flatMapInOrder(all, async (p) =>
        (await periods.listForProgramme(p.id))
          // Still to come: its last day has not passed and booking has not closed.
          .filter((period) => period.endDate >= now.setZone(p.timezone).toISODate()! && windowPhase(bookingWindow(period), now) !== 'closed'),
      );
      const unitId = isOrganiser(actor) ? null : actor.unitId;
      return {
        role: actor.role === 'system' ? ('organiser' as const) : actor.role,
        keyId: actor.keyId,
        unit: unitId === null ? null : await units.get(unitId),
        programmes: all,
        openPeriods,
        bookings: unitId === null ? [] : await bookings.activeBookingsOfUnit(unitId),
        drafts: unitId === null ? [] : await drafts.ofUnit(unitId),
      };
    },

    /**
     * Where a unit stands in a programme: its officials, their seats and waiting places, its
     * latest draft, its asistensi booking, the four steps with the next one, and what is
     * coming: every event not yet ended, per official (comingUp) and grouped per batch day and
     * session (upcoming). A unit key asks only for its own unit (another unit is "not found").
     */
    async standing(actor: Actor, unitId: number, programmeId: number): Promise<Standing> {
      if (!canActForUnit(actor, unitId)) throw notFound('unit', unitId);
      await units.get(unitId);
      const programme = await programmes.require(programmeId);
      const zone = programme.timezone;
      const now = clock.now();
      const today = now.setZone(zone).toISODate()!;

      const officials = (await participants.list(actor, { unitId, limit: MAX_OFFICIALS, offset: 0 })).length;
      const enrolled = await flatMapInOrder(await batches.listForProgramme(programmeId), async (batch) =>
        (await enrolments.listForBatch(actor, batch.id)).flatMap(({ id, unitId: of, participantId, participantName, status, waitlistPosition }) =>
          of === unitId && (status === 'confirmed' || status === 'waitlisted')
            ? [{ id, participantId, participantName, status, waitlistPosition: status === 'waitlisted' ? waitlistPosition : null, batch: { id: batch.id, name: batch.name, venue: batch.venue, days: batch.days } }]
            : [],
        ),
      );
      const confirmed = enrolled.filter((e) => e.status === 'confirmed');
      const waitlisted = enrolled.filter((e) => e.status === 'waitlisted');
      const latestDraft = (await drafts.list(actor, programmeId)).filter((d) => d.unitId === unitId).at(-1) ?? null;
      const periodIds = new Set((await periods.listForProgramme(programmeId)).map((p) => p.id));
      const booking = (await bookings.activeBookingsOfUnit(unitId)).find((b) => periodIds.has(b.periodId)) ?? null;

      const { steps, next } = standingSteps({ officials: officials > 0, enrolment: enrolled.length > 0, draft: latestDraft !== null, booking: booking !== null });
      const dated: DatedItem[] = [
        ...confirmed.flatMap((e) =>
          e.batch.days.map((day, i) => ({
            kind: 'batchDay' as const,
            ...day,
            batch: { id: e.batch.id, name: e.batch.name, day: i + 1 },
            participant: { id: e.participantId, name: e.participantName },
            bookingId: null,
          })),
        ),
        ...(booking
          ? [{ kind: 'asistensi' as const, date: booking.date, start: booking.start, end: booking.end, startsAt: booking.startsAt, endsAt: booking.endsAt, batch: null, participant: null, bookingId: booking.id }]
          : []),
      ];
      return { unitId, programmeId, timezone: zone, today, officials, confirmed, waitlisted, latestDraft, booking, steps, next, comingUp: comingUp(dated, now), upcoming: upcomingEvents(dated, now) };
    },
  };
}
