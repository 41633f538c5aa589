/**
 * What the service tells people, and when it tries again. Pure rules: the outbox records,
 * the notices feature words and delivers.
 */

export const NOTICE_KINDS = [
  'account_link',
  'enrolment_confirmed',
  'enrolment_waitlisted',
  'enrolment_promoted',
  'enrolment_cancelled',
  'booking_confirmed',
  'booking_moved',
  'booking_cancelled',
  'booking_displaced',
  'booking_auto_scheduled',
  'draft_status',
  'schedule_changed',
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

/**
 * Enrolment news of one unit travels together: what is recorded for the same programme, unit
 * and address within NOTICE_BATCHING_SECONDS goes out as one message (see bundleKey).
 */
export const BUNDLED: readonly NoticeKind[] = ['enrolment_confirmed', 'enrolment_waitlisted', 'enrolment_promoted', 'enrolment_cancelled'];
export type BundledKind = 'enrolment_confirmed' | 'enrolment_waitlisted' | 'enrolment_promoted' | 'enrolment_cancelled';
export const isBundled = (kind: NoticeKind): kind is BundledKind => BUNDLED.includes(kind);

/**
 * The key that ties an email delivery to the others it goes out with: bundled kinds of one
 * programme and unit to one address (compared without case). None for other kinds, for the
 * webhook, or when batching is off.
 */
export function bundleKey(kind: NoticeKind, channel: Channel, where: { programmeId: number | null; unitId: number | null }, address: string, windowSeconds: number): string | null {
  if (windowSeconds <= 0 || channel !== 'email' || !isBundled(kind) || where.programmeId === null || where.unitId === null) return null;
  return `enrolments:${where.programmeId}:${where.unitId}:${address.trim().toLowerCase()}`;
}

/** How one official ended up in one batch by the end of a bundle: the last thing told of them. */
export type Outcome = 'confirmed' | 'waitlisted' | 'promoted' | 'cancelled';
const OUTCOME: Record<BundledKind, Outcome> = { enrolment_confirmed: 'confirmed', enrolment_waitlisted: 'waitlisted', enrolment_promoted: 'promoted', enrolment_cancelled: 'cancelled' };

export interface BatchNews {
  batchId: number;
  /** Officials by what became of them, each named once (the last news of them wins), in the order told. */
  officials: Record<Outcome, string[]>;
  /** Whether an official who held a seat was cancelled (their calendar days must go). */
  seatGiven: boolean;
  seatLost: boolean;
}

/**
 * What a bundle of enrolment notices (in the order they were recorded) tells, batch by batch in
 * order of first mention: an official confirmed and then cancelled within the window is told
 * once, as cancelled.
 */
export function bundleNews(facts: readonly Extract<NoticeFacts, { kind: BundledKind }>[]): BatchNews[] {
  const batches = new Map<number, Map<string, Outcome>>();
  const lost = new Set<number>();
  const given = new Set<number>();
  for (const f of facts) {
    const byName = batches.get(f.batchId) ?? new Map<string, Outcome>();
    batches.set(f.batchId, byName);
    for (const name of f.officials) {
      byName.delete(name);
      byName.set(name, OUTCOME[f.kind]);
    }
    if (f.kind === 'enrolment_cancelled' && f.seated !== false) lost.add(f.batchId);
    if (f.kind === 'enrolment_confirmed' || f.kind === 'enrolment_promoted') given.add(f.batchId);
  }
  return [...batches].map(([batchId, byName]) => {
    const officials: Record<Outcome, string[]> = { confirmed: [], waitlisted: [], promoted: [], cancelled: [] };
    for (const [name, outcome] of byName) officials[outcome].push(name);
    return { batchId, officials, seatGiven: given.has(batchId), seatLost: lost.has(batchId) };
  });
}

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
  /** `seated`: the enrolment held a seat (it was confirmed), so calendar days may have to go. */
  | { kind: 'enrolment_cancelled'; batchId: number; officials: string[]; seated?: boolean }
  | { kind: 'booking_confirmed' | 'booking_cancelled' | 'booking_auto_scheduled' | 'reminder_booking'; bookingId: number; periodId: number; slot: Slot }
  | { kind: 'booking_moved'; bookingId: number; periodId: number; slot: Slot; from: Slot }
  | { kind: 'booking_displaced'; bookingId: number; periodId: number; slot: Slot; reason: string }
  | { kind: 'draft_status'; draftId: number; title: string; status: string; notes: string | null }
  | { kind: 'reminder_batch_day'; batchId: number; day: number; date: string; officials: string[] }
  | { kind: 'schedule_changed'; change: ScheduleChange }
  /** Cancellations are worded when sent (older notices hold them as text already). */
  | { kind: 'summary_daily'; date: string; drafts: string[]; requests: string[]; cancellations: (string | SummaryCancellation)[] };

export type SummaryCancellation = { unit: string; date: string; start: string; end: string; zone: string };

/**
 * A change to events units hold in their calendars: the units affected get the updated
 * invitations (REQUEST with the raised SEQUENCE) or the cancellations.
 */
export type ScheduleChange =
  | { what: 'location'; periodId: number; period: string; from: string | null; to: string | null }
  | { what: 'timezone'; programmeId: number; from: string; to: string }
  | { what: 'organiser'; programmeId: number; from: string | null; to: string | null }
  | { what: 'batch'; batchId: number; batch: string; before: Slot[]; after: Slot[]; venue: { from: string | null; to: string | null } }
  /**
   * The batch is gone: what its events were, frozen (its SEQUENCE as it was), and the units that
   * held seats in it (their calendars have its days; the others only waited).
   */
  | { what: 'batch_removed'; batchId: number; batch: string; venue: string | null; days: Slot[]; sequence: number; seatedUnitIds: number[] };
