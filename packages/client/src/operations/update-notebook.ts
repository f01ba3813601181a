// PUT /v1/{project_id}/notebooks/{id} (UpdateNotebook): a stopped instance's name, description,
// flavor, image… changed.
import { type ApiCall, type CallOptions, jsonCall } from "../call.js";
import type { NotebookImageCore } from "../core.js";
import { NOTEBOOK_SHAPE } from "../generated/response-shapes.js";
import { UPDATE_NOTEBOOK_OPERATION } from "../generated/spec-facts.js";
import type { Notebook, UpdateNotebookRequest } from "../types.js";
import { validateNotebookId, validateUpdateNotebookRequest } from "../validation.js";

/**
 * Changes the fields given of a `STOPPED` instance (only those: the others stay) and resolves with
 * the instance as it now is. A new `image_id` or `flavor` is what it runs from its next start.
 *
 * The body is checked against the spec before anything is sent, down its objects and lists (a bad
 * `data_volumes[0].capacity` is named so); whether the instance is stopped, the flavor exists or the
 * image is `ACTIVE` only ModelArts knows.
 * @throws {RequestValidationError} before sending anything, when the id, the body or an option is invalid
 * @throws {ModelArtsApiError} when ModelArts refuses (not stopped: 400 `ModelArts.6357`; unknown image: `6404`)
 * @throws {UnexpectedResponseError} when a success answer is not a notebook instance
 * @throws {TimeoutError | NetworkError} when no answer came
 */
export function updateNotebook(
  core: NotebookImageCore,
  notebookId: string,
  body: UpdateNotebookRequest,
  options: CallOptions = {},
): ApiCall<Notebook> {
  const { method, path } = UPDATE_NOTEBOOK_OPERATION;
  const params = { path: { project_id: core.projectId, id: notebookId } };
  return jsonCall(
    core,
    [...validateNotebookId(notebookId), ...validateUpdateNotebookRequest(body)],
    options,
    (init) => core.api[method](path, { ...init, params, body }),
    NOTEBOOK_SHAPE,
    "a notebook instance",
  );
}
