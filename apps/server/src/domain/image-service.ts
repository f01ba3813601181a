// The operations of the API on notebooks and images, with the rules that decide their refusals
// (6309, 6327…, 6357, 2880, 2884, 2885) and the records they create. Requests arrive validated
// against the spec, defaults applied.
import type { operations } from "@notebook-image/spec/types";
import type { Engine } from "../engine/engine.js";
import { type BuiltInImage, builtInImages } from "./built-in-images.js";
import type { Clock } from "./clock.js";
import { createContainerWork } from "./container-work.js";
import { type CreateImageRequest, createImage as createImageRecord } from "./create-image.js";
import { createNotebookOperations } from "./notebook-operations.js";
import { builtInImageProtected, imageBeingSaved, imageNotFound, invalidParameter } from "./refusals.js";
import type { ImagePage, ImageRecord, ImageSortField, StorePort } from "./store-port.js";

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
  const builtIn = builtInImages(registryHost);
  const containers = engine.notebooks
    ? createContainerWork({ store, clock, notebooks: engine.notebooks })
    : undefined;
  const notebooks = createNotebookOperations({ store, clock, engine, builtIn, registryHost, containers });

  async function createImage(projectId: string, notebookId: string, request: CreateImageRequest) {
    return createImageRecord(options, projectId, notebookId, request);
  }

  async function showImage(projectId: string, imageId: string): Promise<ImageRecord | BuiltInImage> {
    const image =
      builtIn.find((candidate) => candidate.id === imageId) ?? (await store.images.get(projectId, imageId));
    if (!image) throw imageNotFound(imageId);
    return image;
  }

  async function listImages(projectId: string, query: ListImagesInput): Promise<ImagePage> {
    const sort = sortFields(query.sort_key);
    // Built-in images are the catalogue's, listed from memory in its order; the saved ones are the store's.
    if (query.type === "BUILD_IN") return listBuiltIn(query);
    // Only built-in images have a display name and version: a filter on either matches no saved one.
    if (query.show_name !== undefined || query.show_tag !== undefined) return { images: [], total: 0 };
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

  /** sort_key's fields (updateAt when it names none); an unknown key is refused, whichever images are listed. */
  function sortFields(sortKey: string | undefined): ImageSortField[] {
    const sort: ImageSortField[] = [];
    for (const key of (sortKey ?? "").split(",").map((k) => k.trim())) {
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
    return sort;
  }

  /** The catalogue's images that match, in its order (it is a few images: no sort key applies). */
  function listBuiltIn(query: ListImagesInput): ImagePage {
    const fuzzy = query.name_fuzzy_match ?? true;
    const matching = builtIn.filter(
      (image) =>
        (query.name === undefined || (fuzzy ? image.name.includes(query.name) : image.name === query.name)) &&
        (query.namespace === undefined || image.namespace === query.namespace) &&
        (query.service_type === undefined || image.serviceType === query.service_type) &&
        (query.workspace_id === undefined || image.workspaceId === query.workspace_id) &&
        (query.show_name === undefined || image.showName === query.show_name) &&
        (query.show_tag === undefined || image.showTag === query.show_tag),
    );
    return { images: matching.slice(query.offset, query.offset + query.limit), total: matching.length };
  }

  /** Deletes the record; with force, the registry tag too. A save still running is refused (6357). */
  async function deleteImage(projectId: string, imageId: string, force: boolean): Promise<ImageRecord> {
    if (builtIn.some((image) => image.id === imageId)) throw builtInImageProtected(imageId);
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

  /** Takes up the work on notebook containers a killed server left (docker engine; see container-work.ts). */
  async function resumeNotebookWork(): Promise<void> {
    await containers?.resume();
  }

  /** Waits for the work on notebook containers begun by the operations (docker engine). */
  async function close(): Promise<void> {
    await containers?.close();
  }

  return {
    createImage,
    showImage,
    listImages,
    deleteImage,
    ...notebooks,
    resumeNotebookWork,
    close,
  };
}
