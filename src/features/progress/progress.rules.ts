/** Where a unit stands with asistensi, most advanced first. */
export const ASISTENSI_STATES = ['attended', 'walk_in', 'booked', 'none'] as const;
export type AsistensiState = (typeof ASISTENSI_STATES)[number];

/** Whether `a` is further along than `b`. */
export const isFurther = (a: AsistensiState, b: AsistensiState) => ASISTENSI_STATES.indexOf(a) < ASISTENSI_STATES.indexOf(b);
