import { Type } from '@sinclair/typebox';
import { LocalDate, Name, Nullable, StringEnum, Text } from '../../platform/schemas';
import { HOLIDAY_KINDS } from './holidays.rules';

export const YearParams = Type.Object({ year: Type.Integer({ minimum: 1990, maximum: 2100 }) }, { additionalProperties: false });

const HolidayKind = StringEnum(HOLIDAY_KINDS, { description: 'holiday: hari libur nasional; cuti_bersama: collective leave' });

export const HolidayCalendarBody = Type.Object(
  {
    decree: Text(500, { minLength: 1, description: 'The decree the days come from, e.g. "SKB Menteri Agama No. 1497 Tahun 2025, ..."' }),
    days: Type.Array(Type.Object({ date: LocalDate, name: Name, kind: HolidayKind }, { additionalProperties: false }), { maxItems: 100 }),
  },
  { additionalProperties: false },
);

export const HolidayCalendar = Type.Object({
  year: Type.Integer(),
  source: StringEnum(['organiser', 'decree', 'provisional'] as const, {
    description: 'organiser: replaced for this deployment; decree: shipped from the SKB; provisional: no decree known, computed (no cuti bersama)',
  }),
  decree: Nullable(Type.String()),
  decreeDate: Nullable(Type.String()),
  sources: Type.Array(Type.String(), { description: 'Where the shipped data was checked' }),
  updatedAt: Nullable(Type.String()),
  days: Type.Array(Type.Object({ date: Type.String(), weekday: Type.String(), name: Type.String(), kind: HolidayKind })),
});
