import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

export const programmes = sqliteTable('programmes', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull(),
  timezone: text('timezone').notNull(),
  draftDeadline: text('draft_deadline'),
  finalDeadline: text('final_deadline'),
  organiserEmail: text('organiser_email'),
  /** Whether the programme's calendar feeds are public (anyone with the URL). */
  publicCalendar: integer('public_calendar', { mode: 'boolean' }).notNull().default(true),
  /** Whether the public page names the unit in each booked asistensi slot (otherwise just "taken"). */
  publicUnitNames: integer('public_unit_names', { mode: 'boolean' }).notNull().default(false),
  /** Who runs the asistensi with the organiser (e.g. the provincial organisation bureau), as pages name it; none by default. */
  asistensiPartner: text('asistensi_partner'),
  /** Who signs the certificates: name, position and NIP as printed under the signature. */
  signatoryName: text('signatory_name'),
  signatoryPosition: text('signatory_position'),
  signatoryNip: text('signatory_nip'),
  /** iCalendar SEQUENCE of the deadline events (raised by the triggers declared in src/features/calendars/event-sequences.ts). */
  sequence: integer('sequence').notNull().default(0),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
});
