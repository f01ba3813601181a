// The calls after a save, as the commands use them: one place where they meet the client.
// INTERIM: the client's getImage/getNotebook/deleteImage/listImages/waitForImage are not on main
// yet; until they are, each call says so instead of guessing at the API by hand.
import type { Image, NotebookImageClient } from "@notebook-image/client";

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
  image?: Partial<Image>;
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

export function lifecycleOf(_client: NotebookImageClient): Lifecycle {
  const missing = (what: string) => () =>
    Promise.reject(new NotAvailableError(`${what} is not in this version of @notebook-image/client`));
  return {
    waitForImage: missing("waitForImage"),
    getImage: missing("getImage"),
    getNotebook: missing("getNotebook"),
    deleteImage: missing("deleteImage"),
    listImages: missing("listImages"),
  };
}
