import { isOrganiser, type Actor } from '../../platform/actor';
import type { Clock } from '../../platform/time';
import type { BookingsService } from '../bookings/bookings.service';
import type { DraftsService } from '../drafts/drafts.service';
import type { PeriodsService } from '../periods/periods.service';
import type { ProgrammesService } from '../programmes/programmes.service';
import type { UnitsService } from '../units/units.service';

export type MeService = ReturnType<typeof createMeService>;

/**
 * What a key's holder needs first: who they are, the programmes (every programme concerns
 * every unit of the government), the asistensi periods still to come, and a unit's own
 * bookings and drafts.
 */
export function createMeService(deps: {
  clock: Clock;
  units: Pick<UnitsService, 'get'>;
  programmes: Pick<ProgrammesService, 'list'>;
  periods: Pick<PeriodsService, 'listForProgramme'>;
  bookings: Pick<BookingsService, 'activeBookingsOfUnit'>;
  drafts: Pick<DraftsService, 'ofUnit'>;
}) {
  const { clock, units, programmes, periods, bookings, drafts } = deps;
  return {
    describe(actor: Actor) {
      const now = clock.now();
      const all = programmes.list();
      const openPeriods = all.flatMap((p) =>
        periods
          .listForProgramme(p.id)
          // Still to come: its last day has not passed and booking has not closed.
          .filter((period) => period.endDate >= now.setZone(p.timezone).toISODate()! && (period.bookingClosesAt === null || now.toMillis() <= Date.parse(period.bookingClosesAt))),
      );
      const unitId = isOrganiser(actor) ? null : actor.unitId;
      return {
        role: actor.role === 'system' ? ('organiser' as const) : actor.role,
        keyId: actor.keyId,
        unit: unitId === null ? null : units.get(unitId),
        programmes: all,
        openPeriods,
        bookings: unitId === null ? [] : bookings.activeBookingsOfUnit(unitId),
        drafts: unitId === null ? [] : drafts.ofUnit(unitId),
      };
    },
  };
}
