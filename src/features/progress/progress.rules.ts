import type { DraftStatus } from '../drafts/drafts.rules';
/** Where a unit stands with asistensi, most advanced first. */
export const ASISTENSI_STATES = ['attended', 'walk_in', 'booked', 'none'] as const;
export type AsistensiState = (typeof ASISTENSI_STATES)[number];

/** Whether `a` is further along than `b`. */
export const isFurther = (a: AsistensiState, b: AsistensiState) => ASISTENSI_STATES.indexOf(a) < ASISTENSI_STATES.indexOf(b);

/** One unit's row of the progress report. */
export interface UnitProgress {
  unitId: number;
  code: string;
  name: string;
  kind: string;
  participantsConfirmed: number;
  participantsAttended: number;
  draftCount: number;
  draftStatus: DraftStatus | null;
  draftReceivedAt: string | null;
  asistensi: AsistensiState;
  asistensiDate: string | null;
  asistensiStart: string | null;
}
