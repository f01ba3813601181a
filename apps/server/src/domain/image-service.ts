// The operations of the API on notebooks and images, with the rules that decide their refusals
// (6309, 6327…, 6357, 2880, 2884, 2885) and the records they create. Requests arrive validated
// against the spec, defaults applied.
import type { operations } from "@notebook-image/spec/types";
import type { Engine } from "../engine/engine.js";
import type { Clock } from "./clock.js";
import { type CreateImageRequest, createImage as createImageRecord } from "./create-image.js";
import { followEngine } from "./follow-engine.js";
import { imageBeingSaved, imageNotFound, invalidParameter, notebookNotFound } from "./refusals.js";
import type { ImagePage, ImageRecord, ImageSortField, NotebookRecord, StorePort } from "./store-port.js";

export { type CreateImageRequest, DEFAULT_TAG } from "./create-image.js";

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
}

export type ImageService = ReturnType<typeof createImageService>;

export function createImageService(options: ImageServiceOptions) {
  const { store, engine, clock, registryHost } = options;

  async function createImage(projectId: string, notebookId: string, request: CreateImageRequest) {
    return createImageRecord(options, projectId, notebookId, request);
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
