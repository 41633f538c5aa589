import { Type, type Static } from '@sinclair/typebox';
import { ROLES } from '../../platform/actor';
import { Id, Nullable, StringEnum } from '../../platform/schemas';
import { Booking } from '../bookings/bookings.schemas';
import { Draft } from '../drafts/drafts.schemas';
import { Period } from '../periods/periods.schemas';
import { Programme } from '../programmes/programmes.schemas';
import { Unit } from '../units/units.schemas';
import { STANDING_STEPS } from './me.rules';

export const Me = Type.Object({
  role: StringEnum(ROLES),
  keyId: Nullable(Type.Integer()),
  unit: Nullable(Unit),
  programmes: Type.Array(Programme),
  openPeriods: Type.Array(Period, { description: 'Asistensi periods whose last day and booking window have not passed' }),
  bookings: Type.Array(Booking, { description: "A unit key: its unit's active bookings" }),
  drafts: Type.Array(Draft, { description: "A unit key: its unit's drafts" }),
});

const BatchDay = Type.Object({ date: Type.String(), start: Type.String(), end: Type.String(), startsAt: Type.String(), endsAt: Type.String() });

const StandingEnrolment = Type.Object({
  id: Id,
  participantId: Id,
  participantName: Type.String(),
  status: StringEnum(['confirmed', 'waitlisted'] as const),
  waitlistPosition: Nullable(Type.Integer({ description: 'Place on the waiting list (1 = next); null when confirmed' })),
  batch: Type.Object({ id: Id, name: Type.String(), venue: Nullable(Type.String()), days: Type.Array(BatchDay) }),
});

/** When and what a coming event is: a batch day or an asistensi session. */
const ComingEvent = {
  kind: StringEnum(['batchDay', 'asistensi'] as const),
  date: Type.String(),
  start: Type.String(),
  end: Type.String(),
  startsAt: Type.String(),
  endsAt: Type.String(),
  batch: Nullable(Type.Object({ id: Id, name: Type.String(), day: Type.Integer({ description: 'The day’s number in the batch, from 1' }) })),
};

export const Standing = Type.Object({
  unitId: Id,
  programmeId: Id,
  timezone: Type.String({ description: 'The programme’s zone: dates and times below are local to it' }),
  today: Type.String({ description: 'Today in the programme’s zone' }),
  officials: Type.Integer({ description: 'The unit’s registered officials' }),
  confirmed: Type.Array(StandingEnrolment, { description: 'The unit’s officials with a seat in a batch of the programme' }),
  waitlisted: Type.Array(StandingEnrolment, { description: 'The unit’s officials on a batch’s waiting list' }),
  latestDraft: Nullable(Draft),
  booking: Nullable(Booking),
  steps: Type.Array(Type.Object({ step: StringEnum(STANDING_STEPS), done: Type.Boolean() }), {
    description: 'officials: at least one registered; enrolment: one confirmed or waitlisted; draft: one sent; booking: an active asistensi booking in one of the programme’s periods',
  }),
  next: Nullable(StringEnum(STANDING_STEPS, { description: 'The first step not done; null when all are' })),
  comingUp: Type.Array(
    Type.Object({
      ...ComingEvent,
      participant: Nullable(Type.Object({ id: Id, name: Type.String() })),
      bookingId: Nullable(Id),
    }),
    { description: 'The confirmed officials’ batch days (one item per official and day) and the asistensi session, those not yet ended, earliest first' },
  ),
  upcoming: Type.Array(
    Type.Object({
      ...ComingEvent,
      officials: Type.Array(Type.Object({ id: Id, name: Type.String() }), { description: 'The unit’s confirmed officials on this batch day; empty for an asistensi session' }),
      bookingId: Nullable(Id),
    }),
    { description: 'What is coming grouped by event: one item per batch day (with the unit’s officials in it) and one per asistensi session; events that have ended (in the programme’s zone) left out; earliest first' },
  ),
});
export type Standing = Static<typeof Standing>;
