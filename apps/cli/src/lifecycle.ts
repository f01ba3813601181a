// The calls after a save, as the commands use them: one place where they meet the client.
// INTERIM: the client's getImage/getNotebook/deleteImage/listImages/waitForImage are not on main
// yet; until they are, these go through the client's typed `api` (same auth, timeouts, retries).
import { type Image, ModelArtsApiError, type NotebookImageClient } from "@notebook-image/client";
import { defaults } from "./defaults.js";

export interface WaitOptions {
  signal: AbortSignal;
  timeoutMs?: number;
  pollIntervalMs?: number;
  /** Sees every status change once. */
  onProgress(image: Image): void;
}

/** A notebook instance as ShowNotebook returns it (open schema). */
export type Notebook = {
  id: string;
  name?: string;
  status?: string;
  image?: { id?: string; name?: string; tag?: string; swr_path?: string };
  [key: string]: unknown;
};

export interface ImagePage {
  images: Image[];
  total?: number | undefined;
}

export interface Lifecycle {
  waitForImage(imageId: string, options: WaitOptions): Promise<Image>;
  getImage(imageId: string): Promise<Image>;
  getNotebook(instanceId: string): Promise<Notebook>;
  deleteImage(imageId: string, force: boolean): Promise<Image | undefined>;
  /** One page when the query has `limit` or `offset`, else every page. */
  listImages(query: Record<string, unknown>): Promise<ImagePage>;
}

export class NotAvailableError extends Error {
  override readonly name = "NotAvailableError";
}

class ImageSaveFailedError extends Error {
  override readonly name = "ImageSaveFailedError";
  constructor(readonly image: Image) {
    super(`the save of image ${image.id} ended ${image.status}`);
  }
}

class WaitTimeoutError extends Error {
  override readonly name = "TimeoutError";
  constructor(
    readonly image: Image,
    timeoutMs: number,
  ) {
    super(`image ${image.id} still ${image.status} after ${timeoutMs} ms`);
  }
}

const FAILED = new Set(["CREATE_FAILED", "ERROR", "DELETED"]);

type Answer = { data?: unknown; error?: unknown; response: Response };

function unwrap<T>(answer: Answer): T {
  const { data, error, response } = answer;
  if (response.ok) return data as T;
  const body = (error ?? {}) as { error_code?: string; error_msg?: string };
  throw new ModelArtsApiError({
    status: response.status,
    errorCode: body.error_code,
    errorMsg: body.error_msg,
    requestId: response.headers.get("x-request-id") ?? undefined,
    retryAfterMs: undefined,
    body: error,
  });
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      "abort",
      () => {
        clearTimeout(timer);
        reject(Object.assign(new Error("aborted"), { name: "AbortError" }));
      },
      { once: true },
    );
  });

export function lifecycleOf(client: NotebookImageClient): Lifecycle {
  const project_id = client.projectId;
  const api = client.api;
  const getImage = async (id: string, signal?: AbortSignal) =>
    unwrap<Image>(
      await api.GET("/v1/{project_id}/images/{id}", {
        params: { path: { project_id, id } },
        signal: signal ?? null,
      }),
    );
  return {
    getImage: (id) => getImage(id),
    async getNotebook(id) {
      return unwrap<Notebook>(
        await api.GET("/v1/{project_id}/notebooks/{id}", { params: { path: { project_id, id } } }),
      );
    },
    async deleteImage(id, force) {
      return unwrap<Image | undefined>(
        await api.DELETE("/v1/{project_id}/images/{id}", {
          params: { path: { project_id, id }, query: { force } },
        }),
      );
    },
    async listImages(query) {
      const onePage = "limit" in query || "offset" in query;
      const images: Image[] = [];
      let offset = Number(query.offset ?? 0);
      const limit = Number(query.limit ?? 200);
      for (;;) {
        const page = unwrap<{ data: Image[]; total?: number }>(
          await api.GET("/v1/{project_id}/images", {
            params: { path: { project_id }, query: { ...query, offset, limit } as never },
          }),
        );
        images.push(...page.data);
        if (onePage) return { images, total: page.total };
        if (page.data.length < limit) return { images, total: images.length };
        offset += page.data.length;
      }
    },
    async waitForImage(id, options) {
      const timeoutMs = options.timeoutMs ?? defaults.waitTimeoutMs;
      const interval = options.pollIntervalMs ?? defaults.pollIntervalMs;
      const deadline = Date.now() + timeoutMs;
      let last: string | undefined;
      for (;;) {
        if (options.signal.aborted) throw Object.assign(new Error("aborted"), { name: "AbortError" });
        const image = await getImage(id, options.signal);
        if (image.status !== last) {
          last = image.status;
          options.onProgress(image);
        }
        if (image.status === "ACTIVE") return image;
        if (FAILED.has(image.status)) throw new ImageSaveFailedError(image);
        if (Date.now() + interval > deadline) throw new WaitTimeoutError(image, timeoutMs);
        await sleep(interval, options.signal);
      }
    },
  };
}
