/**
 * submitted: sent in by a unit, not yet accepted (grants nothing); received: accepted by the
 * organiser, which is what counts for priority; then reviewed, final, enacted.
 */
export const DRAFT_STATUSES = ['submitted', 'received', 'reviewed', 'final', 'enacted'] as const;
export type DraftStatus = (typeof DRAFT_STATUSES)[number];

/** Drafts only move forward: submitted -> received -> reviewed -> final -> enacted. */
export const isBackwards = (from: DraftStatus, to: DraftStatus) => DRAFT_STATUSES.indexOf(to) < DRAFT_STATUSES.indexOf(from);

/** Where a draft in `status` may go next: any later status. */
export const laterStatuses = (status: DraftStatus) => DRAFT_STATUSES.slice(DRAFT_STATUSES.indexOf(status) + 1);

/** The most advanced of two statuses. */
export const furthest = (a: DraftStatus, b: DraftStatus) => (DRAFT_STATUSES.indexOf(b) > DRAFT_STATUSES.indexOf(a) ? b : a);

/** What a unit may keep of draft documents in one programme (DRAFT_QUOTA_MEGABYTES, DRAFT_QUOTA_DOCUMENTS). */
export interface DocumentQuota {
  bytes: number;
  documents: number;
}

/** What a unit already keeps of draft documents in one programme. */
export interface DocumentsUsed {
  bytes: number;
  documents: number;
}

/** Whether one more document of `size` bytes stays within the quota. */
export const fitsQuota = (used: DocumentsUsed, size: number, quota: DocumentQuota) => used.documents + 1 <= quota.documents && used.bytes + size <= quota.bytes;
