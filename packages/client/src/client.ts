// createNotebookImageClient: a core (src/core.ts) with every operation as a method. Apps that
// watch their bundle size use createNotebookImageCore and import the operations they call.
import type { ApiCall, CallOptions } from "./call.js";
import { createNotebookImageCore, type NotebookImageCore } from "./core.js";
import { type DeleteImageOptions, deleteImage } from "./operations/delete-image.js";
import { findImage, type ImageIdentity } from "./operations/find-image.js";
import { getImage } from "./operations/get-image.js";
import { getNotebook } from "./operations/get-notebook.js";
import { type ImageList, listImages, listImagesPage } from "./operations/list-images.js";
import { type SaveAndWaitOptions, saveInstanceAsImageAndWait } from "./operations/save-and-wait.js";
import { saveInstanceAsImage as saveInstanceAsImageOf } from "./operations/save-instance-as-image.js";
import { type WaitOptions, waitForImage } from "./operations/wait-for-image.js";
import type { NotebookImageClientOptions } from "./options.js";
import type { CreateImageRequest, Image, ImagePage, ListImagesQuery, Notebook } from "./types.js";

export interface NotebookImageClient extends NotebookImageCore {
  /**
   * Saves a running notebook instance as an image (`POST /v1/{project_id}/notebooks/{id}/create-image`).
   * Resolves with the new image (status `INIT`); the save goes on in the background. With
   * `{ wait: true | WaitOptions }`, resolves once the image is `ACTIVE` instead (see waitForImage).
   * @throws {RequestValidationError} before sending anything, when the id or the body is invalid
   * @throws {ModelArtsApiError} when ModelArts answers with an error status
   * @throws {UnexpectedResponseError} when a success answer is not an image
   * @throws {TimeoutError | NetworkError} when no answer came
   * @throws {ImageSaveFailedError} with `wait`, when the save fails
   */
  saveInstanceAsImage(
    instanceId: string,
    body: CreateImageRequest,
    options: SaveAndWaitOptions & { wait: true | Omit<WaitOptions, "signal"> },
  ): Promise<Image>;
  saveInstanceAsImage(
    instanceId: string,
    body: CreateImageRequest,
    options?: CallOptions & { wait?: undefined },
  ): ApiCall<Image>;
  /** An image (`GET /v1/{project_id}/images/{id}`). */
  getImage(imageId: string, options?: CallOptions): ApiCall<Image>;
  /** A notebook instance (`GET /v1/{project_id}/notebooks/{id}`). */
  getNotebook(notebookId: string, options?: CallOptions): ApiCall<Notebook>;
  /** Deletes an image (`DELETE /v1/{project_id}/images/{id}`); `force` also deletes its SWR content. */
  deleteImage(imageId: string, options?: DeleteImageOptions): ApiCall<Image | undefined>;
  /** Every image matching the query, over all pages (`for await`); `.pages()` for the pages. */
  listImages(query?: ListImagesQuery, options?: CallOptions): ImageList;
  /** One page of images (`GET /v1/{project_id}/images`). */
  listImagesPage(query?: ListImagesQuery, options?: CallOptions): ApiCall<ImagePage>;
  /** Polls an image until `ACTIVE`; rejects on a failed save, a timeout or an abort. */
  waitForImage(imageId: string, options?: WaitOptions): Promise<Image>;
  /** The saved image with this namespace, name and tag, if there is one (to recover a save that timed out). */
  findImage(identity: ImageIdentity, options?: CallOptions): Promise<Image | undefined>;
}

/**
 * A client with every operation as a method.
 * @throws {RequestValidationError} listing every problem of the options
 */
export function createNotebookImageClient(options: NotebookImageClientOptions): NotebookImageClient {
  const core = createNotebookImageCore(options);
  function saveInstanceAsImage(
    instanceId: string,
    body: CreateImageRequest,
    options: SaveAndWaitOptions & { wait: true | Omit<WaitOptions, "signal"> },
  ): Promise<Image>;
  function saveInstanceAsImage(
    instanceId: string,
    body: CreateImageRequest,
    options?: CallOptions & { wait?: undefined },
  ): ApiCall<Image>;
  function saveInstanceAsImage(
    instanceId: string,
    body: CreateImageRequest,
    call: SaveAndWaitOptions | (CallOptions & { wait?: undefined }) = {},
  ): Promise<Image> | ApiCall<Image> {
    return call.wait
      ? saveInstanceAsImageAndWait(core, instanceId, body, call)
      : saveInstanceAsImageOf(core, instanceId, body, call);
  }
  return {
    ...core,
    saveInstanceAsImage,
    getImage: (imageId, call) => getImage(core, imageId, call),
    getNotebook: (notebookId, call) => getNotebook(core, notebookId, call),
    deleteImage: (imageId, call) => deleteImage(core, imageId, call),
    listImages: (query, call) => listImages(core, query, call),
    listImagesPage: (query, call) => listImagesPage(core, query, call),
    waitForImage: (imageId, wait) => waitForImage(core, imageId, wait),
    findImage: (identity, call) => findImage(core, identity, call),
  };
}
