import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { DocumentType } from '../../platform/documents';
import { inList } from '../../platform/sql';
import { programmes } from '../programmes/programmes.tables';
import { units } from '../units/units.tables';
import { DRAFT_STATUSES, type DraftStatus } from './drafts.rules';

/** A unit's draft SOPs as received by the organiser. */
export const drafts = sqliteTable(
  'drafts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    programmeId: integer('programme_id')
      .notNull()
      .references(() => programmes.id),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    title: text('title').notNull(),
    sopCount: integer('sop_count').notNull(),
    /** When the organiser accepted it; null while only submitted. */
    receivedAt: text('received_at'),
    status: text('status').$type<DraftStatus>().notNull(),
    notes: text('notes'),
    /** The document sent with the draft, if any: kept by content (documents folder, <sha256>.<type>). */
    documentName: text('document_name'),
    documentType: text('document_type').$type<DocumentType>(),
    documentSize: integer('document_size'),
    documentSha256: text('document_sha256'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [
    index('drafts_programme_unit_idx').on(t.programmeId, t.unitId, t.receivedAt),
    index('drafts_unit_idx').on(t.unitId),
    check('drafts_status_check', sql`${t.status} IN (${inList(DRAFT_STATUSES)})`),
    check('drafts_sop_count_check', sql`${t.sopCount} > 0`),
    check('drafts_document_type_check', sql`${t.documentType} IS NULL OR ${t.documentType} IN ('pdf', 'docx', 'xlsx')`),
    // A document is all four facts or none.
    check('drafts_document_whole', sql`(${t.documentSha256} IS NULL) = (${t.documentType} IS NULL) AND (${t.documentSha256} IS NULL) = (${t.documentName} IS NULL) AND (${t.documentSha256} IS NULL) = (${t.documentSize} IS NULL)`),
  ],
);
