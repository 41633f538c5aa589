import { Type } from '@sinclair/typebox';
import { Id, Instant, LocalDate, LocalTime, Name, Nullable, StringEnum, Text } from '../../platform/schemas';
import { CLOSED_DATE_SOURCES } from './periods.rules';

const SlotTimeInput = Type.Object({ start: LocalTime, end: LocalTime }, { additionalProperties: false });
const ClosedDateInput = Type.Object({ date: LocalDate, reason: Name }, { additionalProperties: false });
const Windows = {
  location: Type.Optional(Nullable(Text(300))),
  bookingOpensAt: Type.Optional(Nullable(Instant())),
  priorityUntil: Type.Optional(Nullable(Instant())),
  bookingClosesAt: Type.Optional(Nullable(Instant())),
  priorityCutoff: Type.Optional(Nullable(Instant())),
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

export const PeriodPatchBody = Type.Object(
  {
    name: Type.Optional(Name),
    slotTimes: Type.Optional(
      Type.Array(SlotTimeInput, {
        minItems: 1,
        maxItems: 12,
        description:
          'The sessions of every working day still to come (after today in the programme’s zone); days that have come keep theirs. A booking keeps its session when its start time stays (with the new end), else moves to the session at the same place in the day, else loses it (displaced: it comes first at the next auto-schedule)',
      }),
    ),
    ...Windows,
  },
  { additionalProperties: false, minProperties: 1 },
);

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
  holidayCalendar: StringEnum(['decree', 'provisional', 'off'] as const, {
    description: 'decree: the holidays and cuti bersama of every year the period spans come from a decree (or the organiser); provisional: some year has no decree yet (see provisionalYears); off: useNationalHolidays is false',
  }),
  provisionalYears: Type.Array(Type.Integer(), { description: 'Years of the period whose holidays are computed, not decreed' }),
  closedDates: Type.Array(
    Type.Object({ date: Type.String(), reason: Type.String(), source: Type.String({ enum: [...CLOSED_DATE_SOURCES] }) }),
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

export const ClosureBody = ClosedDateInput;
export const ClosureParams = Type.Object({ id: Id, date: LocalDate }, { additionalProperties: false });

