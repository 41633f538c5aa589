import { Type } from '@sinclair/typebox';
import { Id, LocalDate, Nullable } from '../../lib/schemas';

export const EnrolBody = Type.Object({ participantId: Id }, { additionalProperties: false });

export const AttendanceBody = Type.Object(
  { date: LocalDate, present: Type.Boolean() },
  { additionalProperties: false },
);

export const Enrolment = Type.Object({
  id: Id,
  batchId: Id,
  programmeId: Id,
  participantId: Id,
  participantName: Type.String(),
  unitId: Id,
  status: Type.String({ enum: ['confirmed', 'waitlisted', 'cancelled'] }),
  waitlistPosition: Nullable(Type.Integer({ minimum: 1, description: '1 = next in line; null unless waitlisted' })),
  attendance: Type.Array(Type.Object({ date: Type.String(), present: Type.Boolean() })),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

export const CancelResult = Type.Object({
  cancelled: Enrolment,
  promoted: Type.Array(Enrolment, { description: 'Waitlisted enrolments that got the freed seat' }),
});
