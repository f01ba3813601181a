// GET /v1/{project_id}/images/{id} (ShowImage): an image, to follow a save.
import { type ApiCall, type CallOptions, jsonCall } from "../call.js";
import type { NotebookImageCore } from "../core.js";
import { IMAGE_SHAPE } from "../generated/response-shapes.js";
import { SHOW_IMAGE_OPERATION } from "../generated/spec-facts.js";
import type { Image } from "../types.js";
import { validateImageId } from "../validation.js";

/**
 * An image. Unknown or deleted images are a ModelArtsApiError: ModelArts answers 400 with
 * `ModelArts.6404` (404 is documented too).
 * @throws {RequestValidationError} before sending anything, when the id or an option is invalid
 * @throws {ModelArtsApiError} when ModelArts answers with an error status
 * @throws {UnexpectedResponseError} when a success answer is not an image
 * @throws {TimeoutError | NetworkError} when no answer came
 */
export function getImage(
  core: NotebookImageCore,
  imageId: string,
  options: CallOptions = {},
): ApiCall<Image> {
  const { method, path } = SHOW_IMAGE_OPERATION;
  const params = { path: { project_id: core.projectId, id: imageId } };
  return jsonCall(
    core,
    validateImageId(imageId),
    options,
    (init) => core.api[method](path, { ...init, params }),
    IMAGE_SHAPE,
    "an image",
  );
}
