import { Type } from '@sinclair/typebox';
import { BOOKING_STATUSES } from '../../db/schema';
import { Id, Instant, LocalDate, LocalTime, Name, Nullable, StringEnum, Text } from '../../lib/schemas';

const SlotTimeInput = Type.Object({ start: LocalTime, end: LocalTime }, { additionalProperties: false });
const ClosedDateInput = Type.Object({ date: LocalDate, reason: Name }, { additionalProperties: false });
const Windows = {
  location: Type.Optional(Nullable(Text(300))),
  bookingOpensAt: Type.Optional(Nullable(Instant)),
  priorityUntil: Type.Optional(Nullable(Instant)),
  bookingClosesAt: Type.Optional(Nullable(Instant)),
  priorityCutoff: Type.Optional(Nullable(Instant)),
  cancelNoticeHours: Type.Optional(Type.Integer({ minimum: 0, maximum: 720 })),
};

export const PeriodCreateBody = Type.Object(
  {
    name: Name,
    startDate: LocalDate,
    workingDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 120 })),
    slotTimes: Type.Optional(Type.Array(SlotTimeInput, { minItems: 1, maxItems: 12 })),
    skipWeekends: Type.Optional(Type.Boolean()),
    useNationalHolidays: Type.Optional(Type.Boolean()),
    closedDates: Type.Optional(Type.Array(ClosedDateInput, { maxItems: 366 })),
    ...Windows,
  },
  { additionalProperties: false },
);

export const PeriodPatchBody = Type.Object(Windows, { additionalProperties: false, minProperties: 1 });

export const Period = Type.Object({
  id: Id,
  programmeId: Id,
  name: Type.String(),
  startDate: Type.String(),
  endDate: Type.String({ description: 'The last working day' }),
  workingDays: Type.Integer(),
  workingDates: Type.Array(Type.String()),
  slotTimes: Type.Array(Type.Object({ start: Type.String(), end: Type.String() })),
  skipWeekends: Type.Boolean(),
  useNationalHolidays: Type.Boolean(),
  closedDates: Type.Array(
    Type.Object({ date: Type.String(), reason: Type.String(), source: Type.String({ enum: ['holiday', 'organiser'] }) }),
    { description: 'Closed dates between startDate and endDate' },
  ),
  location: Nullable(Type.String()),
  bookingOpensAt: Nullable(Type.String()),
  priorityUntil: Nullable(Type.String()),
  bookingClosesAt: Nullable(Type.String()),
  priorityCutoff: Nullable(Type.String()),
  cancelNoticeHours: Type.Integer(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

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

export const ClosureBody = ClosedDateInput;
export const ClosureParams = Type.Object({ id: Id, date: LocalDate }, { additionalProperties: false });

export const BookingCreateBody = Type.Object(
  { unitId: Id, slotId: Id, topic: Type.Optional(Nullable(Text(500))) },
  { additionalProperties: false },
);
export const BookingPatchBody = Type.Object({ slotId: Id }, { additionalProperties: false });
export const AttendanceBody = Type.Object({ attended: Type.Boolean() }, { additionalProperties: false });

export const Booking = Type.Object({
  id: Id,
  periodId: Id,
  slotId: Id,
  unitId: Id,
  unitName: Type.String(),
  topic: Nullable(Type.String()),
  status: StringEnum(BOOKING_STATUSES),
  attended: Nullable(Type.Boolean()),
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

export const RequestCreateBody = Type.Object(
  {
    unitId: Id,
    preferredDates: Type.Optional(Type.Array(LocalDate, { maxItems: 20, uniqueItems: true })),
    notes: Type.Optional(Nullable(Text(1000))),
  },
  { additionalProperties: false },
);

export const AsistensiRequest = Type.Object({
  id: Id,
  periodId: Id,
  unitId: Id,
  preferredDates: Type.Array(Type.String()),
  notes: Nullable(Type.String()),
  status: Type.String({ enum: ['open', 'scheduled', 'withdrawn'] }),
  bookingId: Nullable(Id),
  createdAt: Type.String(),
});

export const AutoScheduleBody = Type.Object({ dryRun: Type.Optional(Type.Boolean()) }, { additionalProperties: false });
export const AutoScheduleResult = Type.Object({
  dryRun: Type.Boolean(),
  assignments: Type.Array(Type.Object({ unitId: Id, slotId: Id, bookingId: Nullable(Id) })),
  unplaced: Type.Array(Type.Object({ unitId: Id, reason: Type.String() }), { description: 'The walk-in list' }),
});

export const WalkInBody = Type.Object(
  { unitId: Id, date: LocalDate, notes: Type.Optional(Nullable(Text(1000))) },
  { additionalProperties: false },
);
export const WalkIn = Type.Object({
  id: Id,
  periodId: Id,
  unitId: Id,
  unitName: Type.String(),
  date: Type.String(),
  notes: Nullable(Type.String()),
  createdAt: Type.String(),
});
