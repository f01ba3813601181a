// The calls after a save, and the notebook calls, as the commands use them: the client's own, behind
// one small seam so that the CLI's logic (what each ending prints, its exit code) is unit-tested over
// scripted answers.
import {
  type CreateNotebookRequest,
  createNotebook,
  deleteNotebook,
  type Image,
  type ImagePage,
  type ListImagesQuery,
  type ListNotebooksQuery,
  listNotebooks,
  listNotebooksPage,
  type Notebook,
  type NotebookImageClient,
  type NotebookLease,
  type NotebookLeaseRequest,
  renewNotebookLease,
  type StartNotebookQuery,
  startNotebook,
  stopNotebook,
  type UpdateNotebookRequest,
  updateNotebook,
  waitForNotebook,
} from "@notebook-image/client";
import type { NotebookWaitTarget } from "./commands.js";

export interface WaitOptions {
  signal: AbortSignal;
  timeoutMs?: number;
  pollIntervalMs?: number;
  /** Sees every status change once. */
  onProgress(image: Image): void;
}

export interface NotebookWaitOptions {
  /** RUNNING after a create or a start, STOPPED after a stop, DELETED (gone) after a delete. */
  until: NotebookWaitTarget;
  signal: AbortSignal;
  timeoutMs?: number;
  pollIntervalMs?: number;
  /** Sees every status change once; `undefined` once a deleted instance is gone. */
  onProgress(notebook: Notebook | undefined): void;
}

export interface ImageListing {
  images: Image[];
  /** The API's count of matching images, when one page was asked for. */
  total?: number | undefined;
}

export interface NotebookListing {
  notebooks: Notebook[];
  /** The API's count of matching instances, when one page was asked for. */
  total?: number | undefined;
}

export interface Lifecycle {
  waitForImage(imageId: string, options: WaitOptions): Promise<Image>;
  getImage(imageId: string): Promise<Image>;
  getNotebook(instanceId: string): Promise<Notebook>;
  deleteImage(imageId: string, force: boolean): Promise<Image | undefined>;
  /** One page when the query has `limit` or `offset`, else every page. */
  listImages(query: ListImagesQuery): Promise<ImageListing>;
  createNotebook(body: CreateNotebookRequest): Promise<Notebook>;
  /** One page when the query has `limit` or `offset`, else every page. */
  listNotebooks(query: ListNotebooksQuery): Promise<NotebookListing>;
  startNotebook(instanceId: string, query: StartNotebookQuery): Promise<Notebook>;
  stopNotebook(instanceId: string): Promise<Notebook>;
  deleteNotebook(instanceId: string): Promise<Notebook>;
  updateNotebook(instanceId: string, body: UpdateNotebookRequest): Promise<Notebook>;
  renewNotebookLease(instanceId: string, lease: NotebookLeaseRequest): Promise<NotebookLease>;
  /** Resolves with the instance in the status waited for; `undefined` once a deleted one is gone. */
  waitForNotebook(instanceId: string, options: NotebookWaitOptions): Promise<Notebook | undefined>;
}

export function lifecycleOf(client: NotebookImageClient): Lifecycle {
  return {
    waitForImage: (imageId, options) => client.waitForImage(imageId, options),
    getImage: (imageId) => client.getImage(imageId),
    getNotebook: (instanceId) => client.getNotebook(instanceId),
    deleteImage: (imageId, force) => client.deleteImage(imageId, { force }),
    async listImages(query) {
      if (query.limit !== undefined || query.offset !== undefined) {
        const page: ImagePage = await client.listImagesPage(query);
        return { images: page.data, total: page.total };
      }
      const images: Image[] = [];
      for await (const image of client.listImages(query)) images.push(image);
      return { images };
    },
    createNotebook: (body) => createNotebook(client, body),
    async listNotebooks(query) {
      if (query.limit !== undefined || query.offset !== undefined) {
        const page = await listNotebooksPage(client, query);
        return { notebooks: page.data, total: page.total };
      }
      const notebooks: Notebook[] = [];
      for await (const notebook of listNotebooks(client, query)) notebooks.push(notebook);
      return { notebooks };
    },
    startNotebook: (instanceId, query) => startNotebook(client, instanceId, query),
    stopNotebook: (instanceId) => stopNotebook(client, instanceId),
    deleteNotebook: (instanceId) => deleteNotebook(client, instanceId),
    updateNotebook: (instanceId, body) => updateNotebook(client, instanceId, body),
    renewNotebookLease: (instanceId, lease) => renewNotebookLease(client, instanceId, lease),
    waitForNotebook: (instanceId, options) => waitForNotebook(client, instanceId, options),
  };
}
