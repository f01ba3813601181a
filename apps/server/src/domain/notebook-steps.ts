// How a notebook moves on by itself after an operation, as a save does (moto's state manager): the
// operation records the statuses to come with the time each is due (transitions.ts's modes), and a
// read of the notebook applies those that are due. No worker polls: a notebook nobody reads stays
// as recorded until the next read, which sees it as it is by then.
import type { Clock } from "./clock.js";
import type {
  NotebookRecord,
  NotebookRepository,
  NotebookStatus,
  NotebookStep,
  TransitionSettings,
} from "./store-port.js";

/**
 * The steps of an operation: each status in turn, due one interval after the one before (`time`:
 * the settings' creatingAfterMs, the delay of a save's first step), all at once (`immediate`), or
 * held until set through the control API (`manual`).
 */
export function plannedSteps(
  transitions: TransitionSettings,
  statuses: NotebookStatus[],
  now: number,
): NotebookStep[] {
  return statuses.map((status, index) => ({ status, at: dueAt(transitions, now, index + 1) }));
}

/** When the n-th step (from 1) of an operation begun at `now` is due. */
function dueAt(transitions: TransitionSettings, now: number, n: number): number | null {
  switch (transitions.mode) {
    case "immediate":
      return now;
    case "time":
      return now + transitions.creatingAfterMs * n;
    case "manual":
      return null;
  }
}

/**
 * The notebook with the steps due by now applied (written once when any was), or undefined when
 * its last step was DELETED (the record is removed then). A notebook with no step due costs nothing.
 */
export async function settleNotebook(
  notebook: NotebookRecord,
  notebooks: Pick<NotebookRepository, "update" | "delete">,
  clock: Clock,
): Promise<NotebookRecord | undefined> {
  const now = clock.now();
  const due = notebook.steps.filter((step) => step.at !== null && step.at <= now);
  const reached = due.at(-1);
  if (!reached) return notebook;
  if (reached.status === "DELETED") {
    await notebooks.delete(notebook.id);
    return undefined;
  }
  const steps = notebook.steps.slice(due.length);
  const updated = await notebooks.update(notebook.id, {
    status: reached.status,
    steps,
    updateAt: reached.at ?? now,
  });
  return updated;
}
