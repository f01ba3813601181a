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

/** DeleteImage of a built-in image: it belongs to ModelArts (403, ModelArts.0108). */
export const builtInImageProtected = (id: string) =>
  new DomainError(
    "ModelArts.0108",
    `The image ${id} is a built-in image; only images you saved can be deleted.`,
    403,
  );

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
  const busy = (what: string) =>
    new DomainError("ModelArts.6357", `Another operation is in progress on the instance ${id}: ${what}.`);
  switch (notebook.status) {
    case "SNAPSHOTTING":
      return busy("its image is being saved");
    case "STARTING":
      return new DomainError("ModelArts.6306", `The instance ${id} is starting.`);
    case "STOPPING":
      return new DomainError("ModelArts.6308", `The instance ${id} is stopping.`);
    case "CREATING":
    case "INIT":
      return busy("it is being created");
    case "DELETING":
      return busy("it is being deleted");
    case "FROZEN":
      return action === "delete"
        ? undefined
        : new DomainError(
            "ModelArts.6326",
            `The instance ${id} is frozen because the account is in arrears.`,
          );
    case "RUNNING":
      return action === "start"
        ? new DomainError("ModelArts.6357", `The instance ${id} is running already.`)
        : undefined;
    case "STOPPED":
      return action === "stop"
        ? new DomainError("ModelArts.6307", `The instance ${id} is stopped.`)
        : undefined;
    default:
      // CREATE_FAILED, START_FAILED, DELETE_FAILED, ERROR: it can be started again or deleted.
      return action === "stop"
        ? new DomainError("ModelArts.6327", `The instance ${id} is not running (status ${notebook.status}).`)
        : undefined;
  }
}
