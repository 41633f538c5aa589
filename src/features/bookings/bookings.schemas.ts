import { Type } from '@sinclair/typebox';
import { Id, OwnUnitId, LocalDate, Nullable, StringEnum, Text } from '../../platform/schemas';
import { Period } from '../periods/periods.schemas';
import { BOOKING_STATUSES } from './bookings.rules';

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

