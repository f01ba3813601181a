// The wait for an image, bound to one image and the page's settings.
// INTERIM: polls ShowImage through the client's typed `api` (its auth, timeouts and retries) until
// the client's own waitForImage is on main.
import { type Image, ModelArtsApiError, type NotebookImageClient } from "@notebook-image/client";
import type { Wait } from "./follow-view.js";

export interface FollowSettings {
  pollIntervalMs?: number;
}

const POLL_INTERVAL_MS = 10_000;
const WAIT_TIMEOUT_MS = 5 * 60_000;
const FAILED = new Set(["CREATE_FAILED", "ERROR", "DELETED"]);

export function waitFor(client: NotebookImageClient, imageId: string, settings: FollowSettings): Wait {
  const interval = settings.pollIntervalMs ?? POLL_INTERVAL_MS;
  return async ({ signal, onProgress }) => {
    const deadline = Date.now() + WAIT_TIMEOUT_MS;
    let last: string | undefined;
    for (;;) {
      const { data, error, response } = await client.api.GET("/v1/{project_id}/images/{id}", {
        params: { path: { project_id: client.projectId, id: imageId } },
        signal,
      });
      if (!response.ok) {
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
      const image = data as Image;
      if (image.status !== last) {
        last = image.status;
        onProgress(image);
      }
      if (image.status === "ACTIVE") return image;
      if (FAILED.has(image.status))
        throw Object.assign(new Error(`save ${image.status}`), { name: "ImageSaveFailedError", image });
      if (Date.now() + interval > deadline)
        throw Object.assign(new Error("timed out"), { name: "TimeoutError", image });
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(resolve, interval);
        signal.addEventListener("abort", () => {
          clearTimeout(timer);
          reject(signal.reason);
        });
      });
    }
  };
}
