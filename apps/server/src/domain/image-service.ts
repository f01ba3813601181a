// The operations of the API on notebooks and images, with the rules that decide their refusals
// (6309, 6327…, 6357, 2880, 2884, 2885) and the records they create. Requests arrive validated
// against the spec, defaults applied.
import { randomUUID } from "node:crypto";
import type { components, operations } from "@notebook-image/spec/types";
import type { Engine, ImageTarget } from "../engine/engine.js";
import type { Clock } from "./clock.js";
import type { EarlySave } from "./early-save.js";
import { followEngine } from "./follow-engine.js";
import { referenceRefusal } from "./image-reference.js";
import {
  imageBeingSaved,
  imageExists,
  imageNotFound,
  invalidParameter,
  notebookNotFound,
  organizationMissing,
  refusalForStatus,
  saveJobExists,
} from "./refusals.js";
import type { SaveWorker } from "./save-worker.js";
import {
  ActiveSaveExistsError,
  DuplicateImageError,
  type ImagePage,
  type ImageRecord,
  type ImageSortField,
  type NotebookRecord,
  type StorePort,
} from "./store-port.js";
import { creatingDueAt } from "./transitions.js";

export type CreateImageRequest = components["schemas"]["CreateImageRequest"];

/** Tag of a save that names none: the container registries' convention. */
export const DEFAULT_TAG = "latest";

/** ListImage's query, as validated against the spec, whose defaults give limit and offset. */
export type ListImagesInput = NonNullable<operations["ListImage"]["parameters"]["query"]> & {
  limit: number;
  offset: number;
};

/**
 * Names sort_key takes (the documented example is `updateTime`; the field names work too). A Map:
 * the key comes from the caller, and a plain object would also answer `constructor`, `__proto__`.
 */
const SORT_KEYS = new Map<string, ImageSortField>([
  ["updateTime", "updateAt"],
  ["update_at", "updateAt"],
  ["createTime", "createAt"],
  ["create_at", "createAt"],
  ["name", "name"],
  ["tag", "tag"],
  ["namespace", "namespace"],
  ["status", "status"],
  ["size", "size"],
]);

export interface ImageServiceOptions {
  store: StorePort;
  engine: Engine;
  clock: Clock;
  /** Host part of swr_path, e.g. "swr.cn-north-4.myhuaweicloud.com". */
  registryHost: string;
  /** Called once a save job is queued, so that the worker starts on it without waiting for a poll. */
  onSaveQueued?: () => void;
  /** Begins a save's commit while its request is still being checked (the worker's reserve). */
  reserveSave?: SaveWorker["reserve"];
}

export type ImageService = ReturnType<typeof createImageService>;

export function createImageService(options: ImageServiceOptions) {
  const { store, engine, clock, registryHost } = options;

  async function createImage(
    projectId: string,
    notebookId: string,
    request: CreateImageRequest,
  ): Promise<ImageRecord> {
    const target: ImageTarget = {
      registryHost,
      namespace: request.namespace,
      name: request.name,
      tag: request.tag ?? DEFAULT_TAG,
    };
    const jobId = randomUUID();
    let early: EarlySave | undefined;
    try {
      // Asked before the transaction, so that none waits on the network, and all at once, since
      // every round trip counts in a small save: the notebook's record, the transitions, its
      // container (docker engine: a container stopped by hand is a STOPPED notebook, refused
      // below) and whether the registry has name:tag already.
      const container = engine.notebooks?.get(notebookId);
      container?.catch(() => undefined); // awaited by followEngine, or of no use (no such notebook)
      const inRegistry = engine.exists(target);
      inRegistry.catch(() => undefined); // awaited below
      const [stored, settings] = await Promise.all([
        store.notebooks.get(projectId, notebookId),
        store.settings.get(),
      ]);
      const notebook = stored && (await followEngine(stored, engine, store.notebooks, clock, container));
      // A save that is to start now, of a notebook that is RUNNING, is committed while the rest is
      // checked: a refusal below discards that snapshot. The container is asked first because the
      // engine holds it while committing (an inspection would wait for the commit's end).
      if (notebook?.status === "RUNNING" && settings.transitions.mode === "immediate") {
        early = options.reserveSave?.({ jobId, notebookId, target });
      }
      const { record, job } = await queueSave(projectId, notebookId, request, target, {
        jobId,
        inRegistry: await inRegistry,
        early,
      });
      // Taken over (run) or given up (cancel): nothing below may discard it any more.
      const handed = early;
      early = undefined;
      if (handed && job.claimedBy !== null) handed.run(job, record);
      else {
        await handed?.cancel();
        options.onSaveQueued?.();
      }
      return record;
    } catch (error) {
      // Answered once the snapshot is gone: a refusal leaves nothing on the engine.
      await early?.cancel();
      throw error;
    }
  }

  /** Records the image and its save job, under the checks that may refuse it. */
  async function queueSave(
    projectId: string,
    notebookId: string,
    request: CreateImageRequest,
    target: ImageTarget,
    { jobId, inRegistry, early }: { jobId: string; inRegistry: boolean; early: EarlySave | undefined },
  ) {
    return store
      .transaction(async (tx) => {
        // Every check under the notebook's row lock, in the order ModelArts reports them: of two
        // saves racing, the second sees the first's job here (or hits the store's unique indexes).
        const notebook = await tx.notebooks.getForUpdate(projectId, notebookId);
        if (!notebook) throw notebookNotFound(notebookId);
        const refusal = refusalForStatus(notebook);
        if (refusal) throw refusal;
        if (await tx.saveJobs.activeForNotebook(notebookId)) throw saveJobExists(notebookId);
        if (!(await tx.namespaces.exists(target.namespace))) throw organizationMissing(target.namespace);
        // No engine can save a name that is not an image reference.
        const badReference = referenceRefusal(target);
        if (badReference) throw badReference;
        if (inRegistry || (await tx.images.findByTarget(target))) throw imageExists(target);
        const now = clock.now();
        const { transitions } = await tx.settings.get();
        const fault = await tx.settings.takeFault();
        const record: ImageRecord = {
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
        await tx.images.insert(record);
        const dueAt = creatingDueAt(transitions, now);
        // Claimed for the worker that began the commit, when the save is to go on at once.
        const startsNow = fault === undefined && dueAt !== null && dueAt <= now;
        const job = await tx.saveJobs.enqueue({
          id: jobId,
          imageId: record.id,
          notebookId,
          projectId,
          faulted: fault !== undefined,
          failure: fault ?? null,
          dueAt,
          createdAt: now,
          claim: early && startsNow ? early.claim(now) : undefined,
        });
        return { record, job };
      })
      .catch((error: unknown) => {
        if (error instanceof DuplicateImageError) throw imageExists(target);
        if (error instanceof ActiveSaveExistsError) throw saveJobExists(notebookId);
        throw error;
      });
  }

  async function showImage(projectId: string, imageId: string): Promise<ImageRecord> {
    const image = await store.images.get(projectId, imageId);
    if (!image) throw imageNotFound(imageId);
    return image;
  }

  async function listImages(projectId: string, query: ListImagesInput): Promise<ImagePage> {
    // Only built-in images have a display name and version; this server keeps none (it holds the
    // images its saves make), so a filter on either matches nothing.
    if (query.show_name !== undefined || query.show_tag !== undefined) return { images: [], total: 0 };
    const sort: ImageSortField[] = [];
    for (const key of (query.sort_key ?? "").split(",").map((k) => k.trim())) {
      if (key === "") continue;
      const field = SORT_KEYS.get(key);
      if (!field)
        throw invalidParameter(
          "sort_key",
          `unknown sort key "${key}"; use ${[...SORT_KEYS.keys()].join(", ")}`,
        );
      sort.push(field);
    }
    if (sort.length === 0) sort.push("updateAt");
    return store.images.list({
      projectId,
      limit: query.limit,
      offset: query.offset,
      name: query.name,
      nameFuzzyMatch: query.name_fuzzy_match ?? true,
      namespace: query.namespace,
      serviceType: query.service_type,
      type: query.type,
      workspaceId: query.workspace_id,
      sort,
      sortDir: query.sort_dir === "ASC" ? "ASC" : "DESC",
    });
  }

  /** Deletes the record; with force, the registry tag too. A save still running is refused (6357). */
  async function deleteImage(projectId: string, imageId: string, force: boolean): Promise<ImageRecord> {
    const image = await store.images.get(projectId, imageId);
    if (!image) throw imageNotFound(imageId);
    const job = await store.saveJobs.getByImage(imageId);
    if (job && job.phase !== "done" && job.phase !== "failed") throw imageBeingSaved(imageId);
    if (force) {
      await engine.remove({
        target: { registryHost, namespace: image.namespace, name: image.name, tag: image.tag },
      });
    }
    if (!(await store.images.delete(projectId, imageId))) throw imageNotFound(imageId);
    return { ...image, status: "DELETED", updateAt: clock.now() };
  }

  async function showNotebook(projectId: string, notebookId: string): Promise<NotebookRecord> {
    const notebook = await store.notebooks.get(projectId, notebookId);
    if (!notebook) throw notebookNotFound(notebookId);
    return followEngine(notebook, engine, store.notebooks, clock);
  }

  return { createImage, showImage, listImages, deleteImage, showNotebook };
}
