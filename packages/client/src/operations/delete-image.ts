// DELETE /v1/{project_id}/images/{id} (DeleteImage).
import { type ApiCall, apiCall, type CallOptions, responseInfo, send } from "../call.js";
import type { NotebookImageCore } from "../core.js";
import { IMAGE_SHAPE } from "../generated/response-shapes.js";
import { DELETE_IMAGE_OPERATION } from "../generated/spec-facts.js";
import { readBody } from "../response.js";
import type { Image } from "../types.js";
import { validateDeleteImageQuery, validateImageId } from "../validation.js";

export interface DeleteImageOptions extends CallOptions {
  /** Also delete the image content in SWR (a private image), not only the record. Default false. */
  force?: boolean;
}

/**
 * Deletes an image. Resolves with the image in status `DELETED` (ModelArts answers 200 with it),
 * or with `undefined` when the answer is a 204 without a body (documented too). The force flag is
 * sent as the `force` query parameter (the spec's older documented form; `is_force` in a body says
 * the same): a DELETE body is dropped by some proxies.
 * @throws {RequestValidationError} before sending anything, when the id or an option is invalid
 * @throws {ModelArtsApiError} when ModelArts answers with an error status (400 `ModelArts.6404`: no such image)
 * @throws {UnexpectedResponseError} when a 200's body is not an image
 * @throws {TimeoutError | NetworkError} when no answer came
 */
export function deleteImage(
  core: NotebookImageCore,
  imageId: string,
  options: DeleteImageOptions = {},
): ApiCall<Image | undefined> {
  return apiCall(async () => {
    const { force, ...call } = options;
    const query = force === undefined ? {} : { force };
    const { method, path } = DELETE_IMAGE_OPERATION;
    const params = { path: { project_id: core.projectId, id: imageId }, query };
    const answer = await send(
      core,
      [...validateImageId(imageId), ...validateDeleteImageQuery(query, "options")],
      call,
      (init) => core.api[method](path, { ...init, params }),
    );
    const data =
      answer.response.status === 204 && answer.text === ""
        ? undefined
        : readBody<Image>(answer, IMAGE_SHAPE, "an image");
    return { data, response: responseInfo(answer.response) };
  });
}
