// The synchronous refusals of create-image and the other operations: which one a request gets. The
// codes, statuses and words are the spec's x-error-codes (spec/error-codes.yaml), generated into
// src/generated/refusals.ts.
import * as refusal from "../generated/refusals.js";
import { DomainError } from "./domain-error.js";
import type { NotebookRecord } from "./store-port.js";

export const notebookNotFound = (id: string) => new DomainError(refusal.notebookNotFound({ id }));

export const imageNotFound = (id: string) => new DomainError(refusal.imageNotFound({ id }));

export const saveJobExists = (notebookId: string) =>
  new DomainError(refusal.saveJobExists({ id: notebookId }));

export const imageExists = (target: { namespace: string; name: string; tag: string }) =>
  new DomainError(refusal.imageExists(target));

/** Another operation is in progress on the notebook: `reason` says which. */
const notebookBusy = (id: string, reason: string) => new DomainError(refusal.notebookBusy({ id, reason }));

/** A save checked against the notebook as it was, before another operation on it began or ended. */
export const notebookChanged = (id: string) => notebookBusy(id, "it changed while this save was checked");

export const organizationMissing = (namespace: string) =>
  new DomainError(refusal.organizationMissing({ namespace }));

export const imageBeingSaved = (id: string) => new DomainError(refusal.imageBeingSaved({ id }));

export const invalidParameter = (field: string, rule: string) =>
  new DomainError(refusal.invalidParameter({ field, rule }));

const notRunning = (notebook: NotebookRecord) =>
  new DomainError(refusal.notebookNotRunning({ id: notebook.id, status: notebook.status }));
const starting = (id: string) => new DomainError(refusal.notebookStarting({ id }));
const stopped = (id: string) => new DomainError(refusal.notebookStopped({ id }));
const stopping = (id: string) => new DomainError(refusal.notebookStopping({ id }));
const frozen = (id: string) => new DomainError(refusal.notebookFrozen({ id }));

/** Why a notebook in this status cannot be saved now; undefined when it can (RUNNING). */
export function refusalForStatus(notebook: NotebookRecord): DomainError | undefined {
  const id = notebook.id;
  switch (notebook.status) {
    case "RUNNING":
      return undefined;
    case "SNAPSHOTTING":
      return notebookBusy(id, "its image is being saved");
    case "STARTING":
      return starting(id);
    case "STOPPED":
      return stopped(id);
    case "STOPPING":
      return stopping(id);
    case "FROZEN":
      return frozen(id);
    default:
      return notRunning(notebook);
  }
}

/** DeleteImage of a built-in image: it belongs to ModelArts (403, ModelArts.0108). */
export const builtInImageProtected = (id: string) => new DomainError(refusal.builtInImageProtected({ id }));

/** CreateNotebook from an image that cannot run yet (being saved) or any more (failed). */
export const imageNotActive = (id: string, status: string) =>
  invalidParameter(
    "image_id",
    `the image ${id} is ${status}; an instance can be created from an ACTIVE image only`,
  );

/** Why StartNotebook, StopNotebook or DeleteNotebook cannot act on a notebook in this status now. */
export function refusalForAction(
  notebook: NotebookRecord,
  action: "start" | "stop" | "delete",
): DomainError | undefined {
  const id = notebook.id;
  switch (notebook.status) {
    case "SNAPSHOTTING":
      return notebookBusy(id, "its image is being saved");
    case "STARTING":
      return starting(id);
    case "STOPPING":
      return stopping(id);
    case "CREATING":
    case "INIT":
      return notebookBusy(id, "it is being created");
    case "DELETING":
      return notebookBusy(id, "it is being deleted");
    case "FROZEN":
      return action === "delete" ? undefined : frozen(id);
    case "RUNNING":
      return action === "start" ? new DomainError(refusal.notebookRunningAlready({ id })) : undefined;
    case "STOPPED":
      return action === "stop" ? stopped(id) : undefined;
    default:
      // CREATE_FAILED, START_FAILED, DELETE_FAILED, ERROR: it can be started again or deleted.
      return action === "stop" ? notRunning(notebook) : undefined;
  }
}

/**
 * Why UpdateNotebook cannot change a notebook in this status: Huawei's SDK documents that an
 * instance is updated only while it is stopped. A notebook whose creation or start failed can be
 * updated too (this server's choice: a bad image can then be replaced); undefined when it can.
 */
export function refusalForUpdate(notebook: NotebookRecord): DomainError | undefined {
  switch (notebook.status) {
    case "STOPPED":
    case "CREATE_FAILED":
    case "START_FAILED":
    case "ERROR":
      return undefined;
    case "FROZEN":
      return frozen(notebook.id);
    default:
      return new DomainError(refusal.notebookNotStopped({ id: notebook.id, status: notebook.status }));
  }
}

/**
 * Why RenewLease cannot renew a notebook's lease now: only a running instance has one to renew, as
 * Huawei's SDK documents it. One whose image is being saved (SNAPSHOTTING) still runs.
 */
export function refusalForLease(notebook: NotebookRecord): DomainError | undefined {
  return notebook.status === "SNAPSHOTTING" ? undefined : refusalForStatus(notebook);
}
