// createNotebookImageClient: a core (src/core.ts) with every operation as a method. Apps that
// watch their bundle size use createNotebookImageCore and import the operations they call.
import type { ApiCall, CallOptions } from "./call.js";
import { createNotebookImageCore, type NotebookImageCore } from "./core.js";
import { saveInstanceAsImage } from "./operations/save-instance-as-image.js";
import type { NotebookImageClientOptions } from "./options.js";
import type { CreateImageRequest, Image } from "./types.js";

export interface NotebookImageClient extends NotebookImageCore {
  /**
   * Saves a running notebook instance as an image (`POST /v1/{project_id}/notebooks/{id}/create-image`).
   * Resolves with the new image (status `INIT`); the save goes on in the background.
   * @throws {RequestValidationError} before sending anything, when the id or the body is invalid
   * @throws {ModelArtsApiError} when ModelArts answers with an error status
   * @throws {UnexpectedResponseError} when a success answer is not an image
   * @throws {TimeoutError | NetworkError} when no answer came
   */
  saveInstanceAsImage(instanceId: string, body: CreateImageRequest, options?: CallOptions): ApiCall<Image>;
}

/**
 * A client with every operation as a method.
 * @throws {RequestValidationError} listing every problem of the options
 */
export function createNotebookImageClient(options: NotebookImageClientOptions): NotebookImageClient {
  const core = createNotebookImageCore(options);
  // The methods are added to the core itself, which the operations recognise.
  return Object.assign(core, {
    saveInstanceAsImage: (instanceId: string, body: CreateImageRequest, call?: CallOptions) =>
      saveInstanceAsImage(core, instanceId, body, call),
  });
}
