import { Type } from '@sinclair/typebox';
import { Id, Nullable, StringEnum } from '../../platform/schemas';
import { BOOKING_STATUSES } from '../bookings/bookings.rules';
import { DRAFT_STATUSES } from '../drafts/drafts.rules';

export const GovernmentParams = Type.Object({ id: Id, government: Type.String({ minLength: 1, maxLength: 40 }) }, { additionalProperties: false });

export const PartnerGrantBody = Type.Object({ government: Type.String({ minLength: 1, maxLength: 40, description: 'The slug of the government this one answers to' }) }, { additionalProperties: false });
export const PartnerGrant = Type.Object({ government: Type.String({ description: 'The partner government’s slug' }), grantedAt: Type.String() });

export const GrantedProgramme = Type.Object({
  government: Type.Object({ slug: Type.String(), name: Type.String() }),
  programmeId: Id,
  programmeName: Type.String(),
  grantedAt: Type.String(),
});

/** A session as the partner sees it: the unit and its topic, no official's personal data. */
export const PartnerSession = Type.Object({
  bookingId: Id,
  periodId: Id,
  date: Type.String(),
  start: Type.String(),
  end: Type.String(),
  startsAt: Type.String(),
  unitCode: Type.String(),
  unitName: Type.String(),
  topic: Nullable(Type.String()),
  status: StringEnum(BOOKING_STATUSES),
  attended: Nullable(Type.Boolean()),
  notes: Nullable(Type.String()),
});

export const PartnerProgramme = Type.Object({
  government: Type.Object({ slug: Type.String(), name: Type.String() }),
  programmeId: Id,
  programmeName: Type.String(),
  periods: Type.Array(Type.Object({ id: Id, name: Type.String(), startDate: Type.String(), endDate: Type.String(), sessions: Type.Array(PartnerSession) })),
  drafts: Type.Array(Type.Object({ unitCode: Type.String(), unitName: Type.String(), title: Type.String(), sopCount: Type.Integer(), status: StringEnum(DRAFT_STATUSES), receivedAt: Nullable(Type.String()) })),
});
