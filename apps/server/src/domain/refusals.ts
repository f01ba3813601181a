// The synchronous refusals of create-image and the other operations, worded as ModelArts words them.
import { DomainError } from "./domain-error.js";
import type { NotebookRecord } from "./store-port.js";

export const notebookNotFound = (id: string) =>
  new DomainError("ModelArts.6309", `The instance ${id} does not exist.`);

export const imageNotFound = (id: string) =>
  new DomainError("ModelArts.6404", `The image ${id} does not exist.`);

export const saveJobExists = (notebookId: string) =>
  new DomainError("ModelArts.2880", `An image saving job already exists for the instance ${notebookId}.`);

export const imageExists = (target: { namespace: string; name: string; tag: string }) =>
  new DomainError(
    "ModelArts.2884",
    `The image ${target.namespace}/${target.name}:${target.tag} already exists.`,
  );

/** A save checked against the notebook as it was, before another operation on it began or ended. */
export const notebookChanged = (id: string) =>
  new DomainError(
    "ModelArts.6357",
    `Another operation is in progress on the instance ${id}: it changed while this save was checked.`,
  );

export const organizationMissing = (namespace: string) =>
  new DomainError("ModelArts.2885", `The SWR organization ${namespace} does not exist or is not authorized.`);

export const imageBeingSaved = (id: string) =>
  new DomainError(
    "ModelArts.6357",
    `The image ${id} is being saved; delete it once it is ACTIVE or CREATE_FAILED.`,
  );

export const invalidParameter = (field: string, rule: string) =>
  new DomainError("ModelArts.6336", `Invalid parameter: ${field}: ${rule}.`);

/** Why a notebook in this status cannot be saved now; undefined when it can (RUNNING). */
export function refusalForStatus(notebook: NotebookRecord): DomainError | undefined {
  const id = notebook.id;
  switch (notebook.status) {
    case "RUNNING":
      return undefined;
    case "SNAPSHOTTING":
      return new DomainError(
        "ModelArts.6357",
        `Another operation is in progress on the instance ${id}: its image is being saved.`,
      );
    case "STARTING":
      return new DomainError("ModelArts.6306", `The instance ${id} is starting.`);
    case "STOPPED":
      return new DomainError("ModelArts.6307", `The instance ${id} is stopped.`);
    case "STOPPING":
      return new DomainError("ModelArts.6308", `The instance ${id} is stopping.`);
    case "FROZEN":
      return new DomainError(
        "ModelArts.6326",
        `The instance ${id} is frozen because the account is in arrears.`,
      );
    default:
      return new DomainError(
        "ModelArts.6327",
        `The instance ${id} is not running (status ${notebook.status}).`,
      );
  }
}
