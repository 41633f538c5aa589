import { Type } from '@sinclair/typebox';
import { Id, OwnUnitId, LocalDate, Nullable, StringEnum, Text } from '../../platform/schemas';
import { Period } from '../periods/periods.schemas';
import { BOOKING_STATUSES, DRAFT_STANDINGS, WINDOW_PHASES } from './bookings.rules';

export const SlotStatusFilter = StringEnum(['open', 'booked', 'closed'] as const);
export const SlotQuery = Type.Object(
  { date: Type.Optional(LocalDate), status: Type.Optional(SlotStatusFilter) },
  { additionalProperties: false },
);

const UnitRef = Type.Object({ id: Id, code: Type.String(), name: Type.String() });

export const Slot = Type.Object({
  id: Id,
  date: Type.String(),
  start: Type.String(),
  end: Type.String(),
  startsAt: Type.String(),
  endsAt: Type.String(),
  status: SlotStatusFilter,
  unit: Type.Optional(Nullable(UnitRef)),
  bookingId: Type.Optional(Nullable(Id)),
});

export const BookingCreateBody = Type.Object(
  { unitId: OwnUnitId, slotId: Id, topic: Type.Optional(Nullable(Text(500))) },
  { additionalProperties: false },
);
export const BookingPatchBody = Type.Object({ slotId: Id }, { additionalProperties: false });
export const NotesBody = Type.Object({ notes: Nullable(Text(4000)) }, { additionalProperties: false });
export const AttendanceBody = Type.Object(
  { attended: Nullable(Type.Boolean({ description: 'true: came; false: did not; null: not recorded (undoes a mistake)' })) },
  { additionalProperties: false },
);

export const PeriodAttendanceBody = Type.Object(
  {
    attended: Type.Array(Id, {
      maxItems: 10000,
      description: 'The bookings whose unit came; every other active booking whose attendance may be recorded now is recorded as not attended',
    }),
  },
  { additionalProperties: false },
);
export const PeriodAttendance = Type.Array(Type.Object({ bookingId: Id, attended: Type.Boolean() }), {
  description: 'Every active booking of the period whose attendance may be recorded now, with its mark',
});

export const Booking = Type.Object({
  id: Id,
  periodId: Id,
  slotId: Id,
  unitId: Id,
  unitName: Type.String(),
  topic: Nullable(Type.String()),
  status: StringEnum(BOOKING_STATUSES),
  attended: Nullable(Type.Boolean()),
  notes: Nullable(Type.String({ description: 'What the session found and agreed (the organiser or the asistensi partner writes it; the unit reads it)' })),
  date: Type.String(),
  start: Type.String(),
  end: Type.String(),
  startsAt: Type.String(),
  endsAt: Type.String(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  cancelledAt: Nullable(Type.String()),
});

export const ClosureResult = Type.Object({
  date: Type.String(),
  reason: Type.String(),
  displaced: Type.Array(Booking, { description: 'Bookings on the closed day; their units have first claim at the next auto-schedule' }),
  addedDates: Type.Array(Type.String(), { description: 'Working days added at the end to keep workingDays' }),
  period: Period,
});


const SlotTimes = Type.Object({ date: Type.String(), start: Type.String(), end: Type.String() });

export const PeriodUpdateResult = Type.Composite(
  [
    Period,
    Type.Object({
      movedBookings: Type.Array(Type.Composite([Booking, Type.Object({ from: SlotTimes })]), {
        description: 'Bookings whose session moved to a new time (a changed slot time): where each was before; each unit is told',
      }),
      displacedBookings: Type.Array(Booking, {
        description: 'Bookings that lost their session (the day has fewer sessions now, or the one in its place is booked): displaced, first at the next auto-schedule; each unit is told',
      }),
    }),
  ],
);

export const BookingOptionsQuery = Type.Object({ unitId: OwnUnitId }, { additionalProperties: false });

const Option = <R extends readonly string[]>(refusals: R, what: string) =>
  Type.Object({
    allowed: Type.Boolean(),
    refusal: Nullable(StringEnum(refusals, { description: `The refusal the service would answer if the unit tried to ${what} now (the first of them)` })),
  });

export const BookingOptions = Type.Object({
  periodId: Id,
  unitId: Id,
  phase: StringEnum(WINDOW_PHASES, { description: 'Where the booking window stands now: notOpenYet, priority (only units with priority may book), open, closed' }),
  bookingOpensAt: Nullable(Type.String()),
  priorityUntil: Nullable(Type.String()),
  bookingClosesAt: Nullable(Type.String()),
  priorityCutoff: Nullable(Type.String()),
  cancelNoticeHours: Type.Integer(),
  draft: StringEnum(DRAFT_STANDINGS, {
    description:
      'received: a draft reached the organiser by priorityCutoff (or at all without one), the unit has priority; receivedLate: only after the cutoff; awaiting: sent, not yet accepted by the organiser; none: no draft',
  }),
  draftSentAt: Nullable(Type.String({ description: 'When the draft awaiting acceptance was sent (UTC)' })),
  hasPriority: Type.Boolean(),
  booking: Nullable(Booking),
  changeUntil: Nullable(Type.String({ description: 'The last moment the unit may move or cancel its booking itself (cancelNoticeHours before it starts)' })),
  book: Option(['UNIT_INACTIVE', 'BOOKING_CLOSED', 'PRIORITY_WINDOW', 'UNIT_ALREADY_BOOKED'] as const, 'book a free slot'),
  move: Option(['NO_BOOKING', 'TOO_LATE', 'BOOKING_CLOSED', 'PRIORITY_WINDOW'] as const, 'move its booking'),
  cancel: Option(['NO_BOOKING', 'TOO_LATE'] as const, 'cancel its booking'),
});
