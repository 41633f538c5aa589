import { Type } from '@sinclair/typebox';
import { ROLES } from '../../platform/actor';
import { Nullable, StringEnum } from '../../platform/schemas';
import { Booking } from '../bookings/bookings.schemas';
import { Draft } from '../drafts/drafts.schemas';
import { Period } from '../periods/periods.schemas';
import { Programme } from '../programmes/programmes.schemas';
import { Unit } from '../units/units.schemas';

export const Me = Type.Object({
  role: StringEnum(ROLES),
  keyId: Nullable(Type.Integer()),
  unit: Nullable(Unit),
  programmes: Type.Array(Programme),
  openPeriods: Type.Array(Period, { description: 'Asistensi periods whose last day and booking window have not passed' }),
  bookings: Type.Array(Booking, { description: "A unit key: its unit's active bookings" }),
  drafts: Type.Array(Draft, { description: "A unit key: its unit's drafts" }),
});
