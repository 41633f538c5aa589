import { AppError, notFound } from '../../platform/errors';
import { isOrganiser, type Actor } from '../../platform/actor';
import type { Clock } from '../../platform/time';
import type { ProgrammesService } from '../programmes/programmes.service';
import type { BatchesService } from '../workshops/batches.service';
import type { EnrolmentsService } from '../workshops/enrolments.service';
import type { ParticipantsService } from '../participants/participants.service';
import type { UnitsService } from '../units/units.service';
import type { PeriodsService } from '../periods/periods.service';
import type { BookingsService } from '../bookings/bookings.service';
import { daysMissed } from '../attendance.rules';
import type { Offloaded } from '../../platform/worker-pool';
import type { asistensiSchedule, attendanceSheet, certificate, invitation, Heading, Official } from './printouts.layouts';
import { flatMapInOrder, mapInOrder } from '../../platform/in-order';

export interface Printout {
  /** The file name offered for saving. */
  filename: string;
  pdf: Buffer;
}

/** The printed documents, from the same services as everything else (read only). */
export function createPrintoutsService(deps: {
  clock: Clock;
  organisation: string;
  programmes: Pick<ProgrammesService, 'get'>;
  batches: Pick<BatchesService, 'get' | 'listForProgramme'>;
  enrolments: Pick<EnrolmentsService, 'listForBatch' | 'roster' | 'get'>;
  participants: Pick<ParticipantsService, 'get'>;
  units: Pick<UnitsService, 'get'>;
  periods: Pick<PeriodsService, 'load' | 'view' | 'listForProgramme'>;
  bookings: Pick<BookingsService, 'listSlots' | 'list'>;
  /** The layouts, run in a worker thread: this service reads the data and hands them plain data. */
  layouts: Offloaded<{ attendanceSheet: typeof attendanceSheet; invitation: typeof invitation; asistensiSchedule: typeof asistensiSchedule; certificate: typeof certificate }>;
}) {
  const { clock, programmes, batches, enrolments, participants, units, periods, bookings, layouts } = deps;

  const headingOf = async (programmeId: number): Promise<Heading> => {
    const programme = await programmes.get(programmeId);
    return { organisation: deps.organisation, programme: programme.name, zone: programme.timezone };
  };
  /** The official behind an enrolment, with the unit's name (one lookup per unit). */
  function officialsOf(actor: Actor) {
    const unitNames = new Map<number, string>();
    return async (participantId: number): Promise<Official> => {
      const person = await participants.get(actor, participantId);
      if (!unitNames.has(person.unitId)) unitNames.set(person.unitId, (await units.get(person.unitId)).name);
      return { name: person.name, nip: person.nip, position: person.position, unitName: unitNames.get(person.unitId)! };
    };
  }
  const byUnitThenName = (a: Official, b: Official) => a.unitName.localeCompare(b.unitName, 'id') || a.name.localeCompare(b.name, 'id');
  const slug = (text: string) => text.normalize('NFKD').replace(/[^\w]+/g, '-').replace(/^-|-$/g, '').toLowerCase();

  return {
    /** The daftar hadir of day `dayNumber` (1-based) of a batch: its confirmed officials. */
    async attendanceSheet(actor: Actor, batchId: number, dayNumber: number): Promise<Printout> {
      const batch = await batches.get(batchId);
      const day = batch.days[dayNumber - 1];
      if (!day) throw new AppError(422, 'NO_SUCH_DAY', `Batch ${batch.name} has ${batch.days.length} day(s); day ${dayNumber} does not exist`, [{ path: '/querystring/day', message: `must be between 1 and ${batch.days.length}` }]);
      // The roster reads every official with their unit in a few queries (one lookup per official took half the time of the whole request).
      const officials = (await enrolments.roster(actor, batchId, {}))
        .confirmed.map((e): Official => ({ name: e.participantName, nip: e.nip, position: e.position, unitName: e.unitName }))
        .sort(byUnitThenName);
      const pdf = await layouts.attendanceSheet(actor, await headingOf(batch.programmeId), { batch: batch.name, venue: batch.venue, dayNumber, day, officials });
      return { filename: `daftar-hadir-${slug(batch.name)}-hari-${dayNumber}.pdf`, pdf };
    },

    /** The attachment to a unit's invitation for a programme (a unit may print its own). */
    async invitation(actor: Actor, unitId: number, programmeId: number): Promise<Printout> {
      if (!isOrganiser(actor) && actor.unitId !== unitId) throw notFound('unit', unitId);
      const unit = await units.get(unitId);
      const heading = await headingOf(programmeId);
      const official = officialsOf(actor);
      const enrolled = await flatMapInOrder(await batches.listForProgramme(programmeId), async (batch) =>
        mapInOrder(
          (await enrolments.listForBatch(actor, batch.id)).filter((e) => e.unitId === unitId && e.status !== 'cancelled'),
          async (e) => ({ official: await official(e.participantId), batch: batch.name, venue: batch.venue, days: batch.days, waitlisted: e.status === 'waitlisted' }),
        ),
      );
      const asistensi = await flatMapInOrder(await periods.listForProgramme(programmeId), async (period) =>
        (await bookings.list(actor, period.id))
          .filter((b) => b.unitId === unitId && b.status === 'active')
          .map((b) => ({ period: period.name, location: period.location, day: { date: b.date, start: b.start, end: b.end } })),
      );
      const pdf = await layouts.invitation(actor, heading, { unitName: unit.name, enrolments: enrolled, asistensi });
      return { filename: `lampiran-undangan-${slug(unit.code)}.pdf`, pdf };
    },

    /** Every working day and slot of a period with the unit booked, closed days with their reason. */
    async asistensiSchedule(actor: Actor, periodId: number): Promise<Printout> {
      const period = await periods.view(await periods.load(periodId));
      const slots = await bookings.listSlots(actor, periodId, {});
      const closed = new Map(period.closedDates.map((c) => [c.date, c.reason]));
      const dates = [...new Set([...period.workingDates, ...slots.map((s) => s.date)])].sort();
      const days = dates.map((date) => ({
        date,
        closedReason: closed.get(date) ?? null,
        slots: slots.filter((s) => s.date === date).map((s) => ({ start: s.start, end: s.end, unitName: 'unit' in s ? s.unit.name : null })),
      }));
      const pdf = await layouts.asistensiSchedule(actor, await headingOf(period.programmeId), { period: period.name, location: period.location, days });
      return { filename: `jadwal-${slug(period.name)}.pdf`, pdf };
    },

    /** A certificate for an official who was present on every day of the batch. */
    async certificate(actor: Actor, enrolmentId: number): Promise<Printout> {
      const enrolment = await enrolments.get(actor, enrolmentId);
      const batch = await batches.get(enrolment.batchId);
      const missed = daysMissed(batch.days, enrolment.attendance);
      if (enrolment.status !== 'confirmed' || missed.length > 0)
        throw new AppError(409, 'NOT_ATTENDED_EVERY_DAY', `A certificate needs presence on every day of ${batch.name}; not recorded present on ${missed.join(', ') || 'any day (not confirmed)'}`, undefined, {
          missedDates: missed,
        });
      const heading = await headingOf(batch.programmeId);
      const issuedOn = clock.now().setZone(heading.zone).toISODate()!;
      const official = await officialsOf(actor)(enrolment.participantId);
      // Signed by the programme's signatory, when it names one (else for the organisation, on a dotted line).
      const programme = await programmes.get(batch.programmeId);
      const signatory = programme.signatoryName ? { name: programme.signatoryName, position: programme.signatoryPosition, nip: programme.signatoryNip } : null;
      const pdf = await layouts.certificate(actor, heading, { official, batch: batch.name, venue: batch.venue, days: batch.days, issuedOn, signatory });
      return { filename: `sertifikat-${slug(official.name)}.pdf`, pdf };
    },
  };
}

export type PrintoutsService = ReturnType<typeof createPrintoutsService>;
