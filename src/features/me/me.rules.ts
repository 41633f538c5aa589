/** What a unit does in a programme, in order: register officials, enrol them, send a draft, book asistensi. */
export const STANDING_STEPS = ['officials', 'enrolment', 'draft', 'booking'] as const;
export type StandingStep = (typeof STANDING_STEPS)[number];

/** The steps in order with whether each is done, and the next: the first not done (null once all are). */
export function standingSteps(done: Readonly<Record<StandingStep, boolean>>) {
  const steps = STANDING_STEPS.map((step) => ({ step, done: done[step] }));
  return { steps, next: steps.find((s) => !s.done)?.step ?? null };
}

/** The items dated `today` or later (local dates of one zone), earliest first. */
export const comingUp = <T extends { date: string; start: string }>(items: readonly T[], today: string): T[] =>
  items.filter((item) => item.date >= today).sort((a, b) => a.date.localeCompare(b.date) || a.start.localeCompare(b.start));
