// The calls after a save, as the commands use them: the client's own, behind one small seam so
// that the CLI's logic (what each ending prints, its exit code) is unit-tested over scripted answers.
import type {
  Image,
  ImagePage,
  ListImagesQuery,
  Notebook,
  NotebookImageClient,
} from "@notebook-image/client";

export interface WaitOptions {
  signal: AbortSignal;
  timeoutMs?: number;
  pollIntervalMs?: number;
  /** Sees every status change once. */
  onProgress(image: Image): void;
}

export interface ImageListing {
  images: Image[];
  /** The API's count of matching images, when one page was asked for. */
  total?: number | undefined;
}

export interface Lifecycle {
  waitForImage(imageId: string, options: WaitOptions): Promise<Image>;
  getImage(imageId: string): Promise<Image>;
  getNotebook(instanceId: string): Promise<Notebook>;
  deleteImage(imageId: string, force: boolean): Promise<Image | undefined>;
  /** One page when the query has `limit` or `offset`, else every page. */
  listImages(query: ListImagesQuery): Promise<ImageListing>;
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
  };
}
