// create-image: the checks that may refuse a save, in the order ModelArts reports them (6309, the
// notebook's status 6357/6306/6307…, 2880, 2885, 6336 for a name no registry takes, 2884), and the
// image and save job it records.
// Two statements when accepted: the notebook's read and the image with its job (settings and
// namespaces come from the store's memory). No check holds a lock until the insert: the store's
// unique indexes refuse a second active save of a notebook and a taken name:tag, and the insert
// refuses a notebook that changed since it was read (a save of it began or ended meanwhile).
import { randomUUID } from "node:crypto";
import type { components } from "@notebook-image/spec/types";
import type { Engine, ImageTarget } from "../engine/engine.js";
import type { Clock } from "./clock.js";
import { followEngine } from "./follow-engine.js";
import { referenceRefusal } from "./image-reference.js";
import { settleNotebook } from "./notebook-steps.js";
import {
  imageExists,
  notebookChanged,
  notebookNotFound,
  organizationMissing,
  refusalForStatus,
  saveJobExists,
} from "./refusals.js";
import {
  ActiveSaveExistsError,
  DuplicateImageError,
  type ImageRecord,
  NotebookChangedError,
  type StorePort,
} from "./store-port.js";
import { creatingDueAt } from "./transitions.js";

export type CreateImageRequest = components["schemas"]["CreateImageRequest"];

/** Tag of a save that names none: the container registries' convention. */
export const DEFAULT_TAG = "latest";

export interface CreateImageDeps {
  store: StorePort;
  engine: Engine;
  clock: Clock;
  /** Host part of swr_path, e.g. "swr.cn-north-4.myhuaweicloud.com". */
  registryHost: string;
}

export async function createImage(
  deps: CreateImageDeps,
  projectId: string,
  notebookId: string,
  request: CreateImageRequest,
): Promise<ImageRecord> {
  const { store, engine, clock } = deps;
  const target: ImageTarget = {
    registryHost: deps.registryHost,
    namespace: request.namespace,
    name: request.name,
    tag: request.tag ?? DEFAULT_TAG,
  };
  // Asked while the database answers: the notebook's container (docker engine: a container stopped
  // by hand is a STOPPED notebook, refused below) and whether the registry has name:tag already.
  const container = engine.notebooks?.get(notebookId);
  container?.catch(() => undefined); // awaited by followEngine, or of no use (no such notebook)
  const inRegistry = engine.exists(target);
  inRegistry.catch(() => undefined); // awaited below
  const [stored, settings] = await Promise.all([
    store.notebooks.get(projectId, notebookId),
    store.settings.get(),
  ]);
  // A notebook created or started a moment ago may be RUNNING by now: its due steps apply first.
  const settled = stored && (await settleNotebook(stored, store.notebooks, clock));
  if (!settled) throw notebookNotFound(notebookId);
  const notebook = await followEngine(settled, engine, store.notebooks, clock, container);
  const refusal = refusalForStatus(notebook);
  if (refusal) throw refusal;
  const later = !(await store.namespaces.exists(target.namespace))
    ? organizationMissing(target.namespace)
    : // No engine can save a name that is not an image reference.
      (referenceRefusal(target) ?? ((await inRegistry) ? imageExists(target) : undefined));
  // A save in progress (2880) is reported before those: looked for only when one of them refuses.
  if (later) throw (await activeSaveRefusal(store, notebookId)) ?? later;

  const now = clock.now();
  const record = newImage(projectId, notebookId, request, target, now);
  try {
    await store.saveJobs.enqueue(
      {
        id: randomUUID(),
        notebookId,
        projectId,
        takeFault: settings.faults.failNextSaves > 0,
        dueAt: creatingDueAt(settings.transitions, now),
        createdAt: now,
        notebookReadAt: notebook.updateAt,
      },
      record,
    );
  } catch (error) {
    if (error instanceof ActiveSaveExistsError) throw saveJobExists(notebookId);
    // Refused by the image's name:tag or by the notebook's change: a save in progress (2880) first.
    const refusal =
      error instanceof DuplicateImageError
        ? imageExists(target)
        : error instanceof NotebookChangedError
          ? notebookChanged(notebookId)
          : undefined;
    if (!refusal) throw error;
    throw (await activeSaveRefusal(store, notebookId)) ?? refusal;
  }
  return record;
}

async function activeSaveRefusal(store: StorePort, notebookId: string) {
  return (await store.saveJobs.activeForNotebook(notebookId)) ? saveJobExists(notebookId) : undefined;
}

function newImage(
  projectId: string,
  notebookId: string,
  request: CreateImageRequest,
  target: ImageTarget,
  now: number,
): ImageRecord {
  return {
    id: randomUUID(),
    projectId,
    notebookId,
    name: target.name,
    tag: target.tag,
    namespace: target.namespace,
    description: request.description ?? null,
    workspaceId: request.workspace_id ?? "0",
    status: "INIT",
    statusMessage: null,
    swrPath: `${target.registryHost}/${target.namespace}/${target.name}:${target.tag}`,
    size: null,
    arch: "x86_64",
    origin: "IMAGE_SAVE",
    type: "DEDICATED",
    serviceType: "DEV",
    visibility: "PRIVATE",
    createAt: now,
    updateAt: now,
  };
}
