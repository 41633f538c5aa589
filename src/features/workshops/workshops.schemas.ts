import { Type, type Static } from '@sinclair/typebox';
import { Id, LocalDate, LocalTime, Name, Nullable, Text } from '../../platform/schemas';
import { UNIT_KINDS } from '../units/units.rules';
import { UnitKind } from '../units/units.schemas';
import { ENROLMENT_STATUSES } from './workshops.rules';

export const BatchDayInput = Type.Object(
  { date: LocalDate, start: LocalTime, end: LocalTime },
  { additionalProperties: false },
);
export type BatchDayInput = Static<typeof BatchDayInput>;

const Days = Type.Array(BatchDayInput, { minItems: 1, maxItems: 31 });
const Capacity = Type.Integer({ minimum: 1, maximum: 10000 });
const UnitQuota = Type.Integer({ minimum: 1, maximum: 10000, description: 'Confirmed seats one unit may hold in the batch' });
const EligibleUnitKinds = Nullable(
  Type.Array(UnitKind, { minItems: 1, maxItems: UNIT_KINDS.length, uniqueItems: true, description: 'Unit kinds that may attend; null = every kind' }),
);

export const BatchCreateBody = Type.Object(
  {
    name: Name,
    days: Days,
    venue: Type.Optional(Nullable(Text(300))),
    capacity: Type.Optional(Capacity),
    unitQuota: Type.Optional(UnitQuota),
    eligibleUnitKinds: Type.Optional(EligibleUnitKinds),
    allowNonWorkingDays: Type.Optional(
      Type.Boolean({ description: 'Keep days that fall on a weekend, a national holiday or cuti bersama (refused with 422 NOT_A_WORKING_DAY otherwise)' }),
    ),
  },
  { additionalProperties: false },
);
export type BatchCreateInput = Static<typeof BatchCreateBody>;

export const BatchPatchBody = Type.Partial(BatchCreateBody, { additionalProperties: false, minProperties: 1 });
export type BatchPatchInput = Static<typeof BatchPatchBody>;

export const BatchDay = Type.Object({
  date: Type.String(),
  start: Type.String(),
  end: Type.String(),
  startsAt: Type.String({ description: 'ISO instant with the programme zone offset' }),
  endsAt: Type.String(),
});

export const Batch = Type.Object({
  id: Id,
  programmeId: Id,
  name: Type.String(),
  venue: Nullable(Type.String()),
  capacity: Type.Integer(),
  unitQuota: Type.Integer(),
  eligibleUnitKinds: Nullable(Type.Array(UnitKind)),
  days: Type.Array(BatchDay),
  confirmedCount: Type.Integer(),
  waitlistCount: Type.Integer(),
  seatsLeft: Type.Integer(),
  calendarUrl: Nullable(Type.String({ description: 'The public iCalendar feed of the batch; null while the programme feed is off' })),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
export type BatchView = Static<typeof Batch>;

export const DistributeBody = Type.Object(
  {
    participantIds: Type.Optional(Type.Array(Id, { minItems: 1, maxItems: 10000, uniqueItems: true })),
    dryRun: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const DistributeResult = Type.Object({
  dryRun: Type.Boolean(),
  assignments: Type.Array(
    Type.Object({
      participantId: Id,
      participantName: Type.String(),
      unitId: Id,
      unitName: Type.String(),
      batchId: Id,
      batchName: Type.String(),
      enrolmentId: Nullable(Id),
    }),
  ),
  unplaced: Type.Array(
    Type.Object({
      participantId: Id,
      participantName: Nullable(Type.String()),
      unitName: Nullable(Type.String()),
      reason: Type.String({ description: 'NO_ELIGIBLE_BATCH, NO_SEAT, ALREADY_ENROLLED, UNIT_INACTIVE (the unit was deactivated) or UNKNOWN_PARTICIPANT' }),
    }),
  ),
});

export const EnrolBody = Type.Object({ participantId: Id }, { additionalProperties: false });

export const MoveBody = Type.Object({ batchId: Id }, { additionalProperties: false, description: 'The batch of the same programme to move to' });

export const AttendanceBody = Type.Object(
  { date: LocalDate, present: Nullable(Type.Boolean({ description: 'true: present; false: absent; null: not recorded (undoes a mistake)' })) },
  { additionalProperties: false },
);

export const DayAttendanceBody = Type.Object(
  {
    date: LocalDate,
    present: Type.Array(Id, { maxItems: 10000, description: 'The confirmed enrolments present on that day; every other confirmed enrolment of the batch (of `among`, when given) is recorded absent' }),
    among: Type.Optional(
      Type.Array(Id, {
        maxItems: 10000,
        description: 'Only these confirmed enrolments are recorded (a checklist filtered by name); every other keeps its marks. Default: every confirmed enrolment of the batch',
      }),
    ),
  },
  { additionalProperties: false },
);

export const DayAttendance = Type.Object({
  date: Type.String(),
  enrolments: Type.Array(Type.Object({ enrolmentId: Id, present: Type.Boolean() }), { description: "Every confirmed enrolment of the batch (of `among`, when given) with its mark for the day" }),
});

export const Enrolment = Type.Object({
  id: Id,
  batchId: Id,
  programmeId: Id,
  participantId: Id,
  participantName: Type.String(),
  unitId: Id,
  status: Type.String({ enum: [...ENROLMENT_STATUSES] }),
  waitlistPosition: Nullable(Type.Integer({ minimum: 1, description: '1 = next in line; null unless waitlisted' })),
  attendance: Type.Array(Type.Object({ date: Type.String(), present: Type.Boolean() })),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

export const CancelResult = Type.Object({
  cancelled: Enrolment,
  promoted: Type.Array(Enrolment, { description: 'Waitlisted enrolments that got the freed seat' }),
});
