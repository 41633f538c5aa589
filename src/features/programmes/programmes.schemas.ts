import { Type, type Static } from '@sinclair/typebox';
import { Email, Id, LocalDate, Name, Nip, Nullable } from '../../platform/schemas';

const Timezone = Type.String({
  minLength: 1,
  maxLength: 64,
  description:
    'WIB, WITA or WIT, or an IANA zone (Asia/Jakarta, Asia/Makassar, Asia/Jayapura; aliases and any casing are accepted and stored canonical). Default: the deployment’s DEFAULT_TIMEZONE',
  examples: ['Asia/Makassar'],
});

export const ProgrammeCreateBody = Type.Object(
  {
    name: Name,
    timezone: Type.Optional(Timezone),
    draftDeadline: Type.Optional(Nullable(LocalDate)),
    finalDeadline: Type.Optional(Nullable(LocalDate)),
    organiserEmail: Type.Optional(Nullable(Email)),
    publicCalendar: Type.Optional(Type.Boolean({ description: 'Whether the programme’s public page (/p/{id}) and its calendar feeds are public; default true' })),
    publicUnitNames: Type.Optional(Type.Boolean({ description: 'Whether the public page names the unit of each booked asistensi slot (otherwise "taken"); default false' })),
    asistensiPartner: Type.Optional(
      Nullable({ ...Name, description: 'Who runs the asistensi with the organiser, as the pages name it (e.g. "Biro Organisasi Setda Provinsi"); none by default' }),
    ),
    signatoryName: Type.Optional(Nullable({ ...Name, description: 'Who signs the certificates, as printed under the signature line' })),
    signatoryPosition: Type.Optional(Nullable({ ...Name, description: 'The signatory’s position, printed above the signature (e.g. "Kepala Bagian Organisasi")' })),
    signatoryNip: Type.Optional(Nullable(Nip)),
  },
  { additionalProperties: false },
);
export type ProgrammeCreateInput = Static<typeof ProgrammeCreateBody>;

export const ProgrammePatchBody = Type.Partial(ProgrammeCreateBody, { additionalProperties: false, minProperties: 1 });
export type ProgrammePatchInput = Static<typeof ProgrammePatchBody>;

export const Programme = Type.Object({
  id: Id,
  name: Type.String(),
  timezone: Type.String(),
  draftDeadline: Nullable(Type.String()),
  finalDeadline: Nullable(Type.String()),
  organiserEmail: Nullable(Type.String()),
  publicCalendar: Type.Boolean(),
  publicUnitNames: Type.Boolean(),
  asistensiPartner: Nullable(Type.String()),
  signatoryName: Nullable(Type.String()),
  signatoryPosition: Nullable(Type.String()),
  signatoryNip: Nullable(Type.String({ description: 'The signatory’s 18 digits (stored without spaces)' })),
  calendarUrl: Nullable(Type.String({ description: 'The public iCalendar feed; null while switched off' })),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
