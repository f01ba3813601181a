// The client's waitForImage, bound to one image and the page's settings.
import type { NotebookImageClient } from "@notebook-image/client";
import type { Wait } from "./follow-view.js";

export interface FollowSettings {
  /** Undefined: the client's default. */
  pollIntervalMs?: number;
}

export function waitFor(client: NotebookImageClient, imageId: string, settings: FollowSettings): Wait {
  return ({ signal, onProgress }) => client.waitForImage(imageId, { signal, onProgress, ...settings });
}
