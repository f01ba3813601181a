// The domain reads time through a Clock so that tests (and manual transitions) are not at the
// mercy of the wall clock.
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };
