// The client's wait for an image, bound to one image and the page's settings.
// INTERIM: the client's waitForImage is not on main yet.
import type { Image, NotebookImageClient } from "@notebook-image/client";
import type { Wait } from "./follow-view.js";

export interface FollowSettings {
  pollIntervalMs?: number;
}

export function waitFor(_client: NotebookImageClient, imageId: string, _settings: FollowSettings): Wait {
  return () =>
    Promise.reject(
      new Error(`cannot follow ${imageId}: waitForImage is not in this client`),
    ) as Promise<Image>;
}
