// GET /v1/{project_id}/notebooks/{id} (ShowNotebook): a notebook instance and its status.
import { type ApiCall, type CallOptions, jsonCall } from "../call.js";
import type { NotebookImageCore } from "../core.js";
import { NOTEBOOK_SHAPE } from "../generated/response-shapes.js";
import { SHOW_NOTEBOOK_OPERATION } from "../generated/spec-facts.js";
import type { Notebook } from "../types.js";
import { validateNotebookId } from "../validation.js";

/**
 * A notebook instance: its `status` (`RUNNING` to be saved, `SNAPSHOTTING` while saving) and its
 * `image` (after a save, the new image). Unknown instances: ModelArtsApiError, 400 `ModelArts.6309`.
 * @throws {RequestValidationError} before sending anything, when the id or an option is invalid
 * @throws {ModelArtsApiError} when ModelArts answers with an error status
 * @throws {UnexpectedResponseError} when a success answer is not a notebook
 * @throws {TimeoutError | NetworkError} when no answer came
 */
export function getNotebook(
  core: NotebookImageCore,
  notebookId: string,
  options: CallOptions = {},
): ApiCall<Notebook> {
  const { method, path } = SHOW_NOTEBOOK_OPERATION;
  const params = { path: { project_id: core.projectId, id: notebookId } };
  return jsonCall(
    core,
    validateNotebookId(notebookId),
    options,
    (init) => core.api[method](path, { ...init, params }),
    NOTEBOOK_SHAPE,
    "a notebook instance",
  );
}
