// When a save moves on, by transitions mode (moto's state manager: immediate, after a delay, or
// when advanced by hand). A due time of null holds the job until POST /_control/images/{id}/advance.
import type { TransitionSettings } from "./store-port.js";

/** Default of `time` mode: slow enough for a person to see INIT and CREATING go by. */
export const DEFAULT_TRANSITIONS: TransitionSettings = {
  mode: "time",
  creatingAfterMs: 2_000,
  activeAfterMs: 5_000,
};

/** When a new save's INIT → CREATING step is due. */
export function creatingDueAt(transitions: TransitionSettings, acceptedAt: number): number | null {
  switch (transitions.mode) {
    case "immediate":
      return acceptedAt;
    case "time":
      return acceptedAt + transitions.creatingAfterMs;
    case "manual":
      return null;
  }
}

/** When a save's CREATING → ACTIVE (or CREATE_FAILED) step is due, counted from when it started CREATING. */
export function finishDueAt(transitions: TransitionSettings, creatingAt: number): number | null {
  switch (transitions.mode) {
    case "immediate":
      return creatingAt;
    case "time":
      return creatingAt + transitions.activeAfterMs;
    case "manual":
      return null;
  }
}
