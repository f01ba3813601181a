// With an engine whose notebooks are containers (docker), the container's state is the notebook's
// status: a container stopped or paused by hand makes the notebook STOPPED or FROZEN, so that
// create-image refuses it as ModelArts would (6307, 6326). While a save of it runs the notebook stays
// SNAPSHOTTING (the save worker's), whatever the container does meanwhile. A fail_reason (a failed
// stop's) stays while the status does, and goes when the container's status changes.
import type { Engine, EngineNotebook } from "../engine/engine.js";
import type { Clock } from "./clock.js";
import type { NotebookRecord, NotebookRepository } from "./store-port.js";

/** Statuses the engine decides; the others (SNAPSHOTTING, DELETED…) belong to the server. */
const ENGINE_STATUSES = new Set(["RUNNING", "STOPPED", "FROZEN", "ERROR"]);

/**
 * The notebook with the status its container has now (persisted when it changed). `asked`: the
 * engine's answer for this notebook when the caller asked already (at the same time as the database).
 */
export async function followEngine(
  notebook: NotebookRecord,
  engine: Engine,
  notebooks: Pick<NotebookRepository, "update">,
  clock: Clock,
  asked?: Promise<EngineNotebook | undefined>,
): Promise<NotebookRecord> {
  if (!engine.notebooks || !ENGINE_STATUSES.has(notebook.status)) return notebook;
  const container = await (asked ?? engine.notebooks.get(notebook.id));
  const status = container?.status ?? "ERROR";
  const failReason = container
    ? status === notebook.status
      ? notebook.failReason
      : null
    : `No container is labelled modelarts.notebook.id=${notebook.id} on the container engine: create the notebook with POST /_control/notebooks { "image": … }.`;
  if (status === notebook.status && failReason === notebook.failReason) return notebook;
  const updated = await notebooks.update(notebook.id, { status, failReason, updateAt: clock.now() });
  return updated ?? notebook;
}
