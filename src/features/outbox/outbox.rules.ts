/**
 * What the service tells people, and when it tries again. Pure rules: the outbox records,
 * the notices feature words and delivers.
 */

export const NOTICE_KINDS = [
  'account_link',
  'enrolment_confirmed',
  'enrolment_waitlisted',
  'enrolment_promoted',
  'booking_confirmed',
  'booking_moved',
  'booking_cancelled',
  'booking_displaced',
  'booking_auto_scheduled',
  'draft_status',
  'reminder_booking',
  'reminder_batch_day',
  'summary_daily',
] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

/** A set-password link is how someone gets in at all: nobody can switch it off. */
export const ALWAYS_SENT: readonly NoticeKind[] = ['account_link'];
/** Sent only to those who asked for it. */
export const OFF_BY_DEFAULT: readonly NoticeKind[] = ['summary_daily'];
/** The kinds a person of each role may switch on or off for themselves. */
export const SWITCHABLE: Record<'organiser' | 'unit', readonly NoticeKind[]> = {
  organiser: ['summary_daily'],
  unit: NOTICE_KINDS.filter((k) => !ALWAYS_SENT.includes(k) && k !== 'summary_daily'),
};

/** Whether a person gets a kind, given what they chose (undefined: never chose). */
export const wants = (kind: NoticeKind, chosen: boolean | undefined) => ALWAYS_SENT.includes(kind) || (chosen ?? !OFF_BY_DEFAULT.includes(kind));

export const CHANNELS = ['email', 'webhook'] as const;
export type Channel = (typeof CHANNELS)[number];

export const DELIVERY_STATUSES = ['pending', 'sent', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** After this many failed attempts a delivery is given up (an organiser may resend it). */
export const MAX_ATTEMPTS = 15;

/**
 * Seconds to wait after the `attempt`-th failure: doubling from `baseSeconds`, at most six
 * hours, so MAX_ATTEMPTS span about a day and a half with the default base of one minute (a
 * mail server down over a weekend night still gets everything).
 */
export function retryDelaySeconds(attempt: number, baseSeconds: number): number {
  return Math.min(baseSeconds * 2 ** (attempt - 1), 6 * 3600);
}

/** Facts a notice is worded from, frozen when the change commits. */
export type Slot = { date: string; start: string; end: string };
export type NoticeFacts =
  | { kind: 'account_link'; purpose: 'invite' | 'reset'; expiresAt: string }
  | { kind: 'enrolment_confirmed' | 'enrolment_waitlisted' | 'enrolment_promoted'; batchId: number; officials: string[] }
  | { kind: 'booking_confirmed' | 'booking_cancelled' | 'booking_auto_scheduled' | 'reminder_booking'; bookingId: number; periodId: number; slot: Slot }
  | { kind: 'booking_moved'; bookingId: number; periodId: number; slot: Slot; from: Slot }
  | { kind: 'booking_displaced'; bookingId: number; periodId: number; slot: Slot; reason: string }
  | { kind: 'draft_status'; draftId: number; title: string; status: string; notes: string | null }
  | { kind: 'reminder_batch_day'; batchId: number; day: number; date: string; officials: string[] }
  | { kind: 'summary_daily'; date: string; drafts: string[]; requests: string[]; cancellations: string[] };
