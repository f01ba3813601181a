// POST /v1/{project_id}/notebooks/{id}/create-image: save a running notebook instance as an image.
import { type ApiCall, type CallOptions, jsonCall } from "../call.js";
import type { NotebookImageCore } from "../core.js";
import { IMAGE_SHAPE } from "../generated/response-shapes.js";
import { CREATE_IMAGE_OPERATION } from "../generated/spec-facts.js";
import type { CreateImageRequest, Image } from "../types.js";
import { validateCreateImageRequest, validateInstanceId } from "../validation.js";

/** Not idempotent: an unreadable success may still mean a save has started. */
const CHECK_BEFORE_RETRYING = "the save may have started, so check (findImage) before calling again";

/**
 * Saves a running notebook instance as an image. Resolves with the new image (status `INIT`); the
 * save goes on in the background (follow it with waitForImage).
 *
 * ModelArts answers 200 with the image. The reference page also lists a 201 with no documented
 * body: a 201 whose body is an image resolves with it like a 200; a 201 with any other body is an
 * UnexpectedResponseError (the save was accepted: find the image by name and tag).
 * @throws {RequestValidationError} before sending anything, when the id, the body or an option is invalid
 * @throws {ModelArtsApiError} when ModelArts answers with an error status
 * @throws {UnexpectedResponseError} when a success answer is not an image
 * @throws {TimeoutError | NetworkError} when no answer came
 */
export function saveInstanceAsImage(
  core: NotebookImageCore,
  instanceId: string,
  body: CreateImageRequest,
  options: CallOptions = {},
): ApiCall<Image> {
  const { method, path } = CREATE_IMAGE_OPERATION;
  const params = { path: { project_id: core.projectId, id: instanceId } };
  return jsonCall(
    core,
    [...validateInstanceId(instanceId), ...validateCreateImageRequest(body)],
    options,
    (init) => core.api[method](path, { ...init, params, body }),
    IMAGE_SHAPE,
    "an image",
    CHECK_BEFORE_RETRYING,
  );
}
