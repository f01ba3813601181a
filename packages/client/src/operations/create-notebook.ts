// POST /v1/{project_id}/notebooks (CreateNotebook): a notebook instance from an image.
import { type ApiCall, type CallOptions, jsonCall } from "../call.js";
import type { NotebookImageCore } from "../core.js";
import { NOTEBOOK_SHAPE } from "../generated/response-shapes.js";
import { CREATE_NOTEBOOK_OPERATION } from "../generated/spec-facts.js";
import type { CreateNotebookRequest, Notebook } from "../types.js";
import { validateCreateNotebookRequest } from "../validation.js";

/** Not idempotent: names may repeat, so a second call makes a second instance. */
const CHECK_BEFORE_RETRYING = "the instance may have been created, so list by name before calling again";

/**
 * Creates a notebook instance from a built-in image (listImages with `type: "BUILD_IN"`) or from an
 * image you saved, once it is `ACTIVE`. Resolves with the instance in status `CREATING`; it goes on
 * to `RUNNING` (follow it with waitForNotebook).
 *
 * The body is checked against the spec before anything is sent, down its objects and lists (a bad
 * `lease.duration` or `endpoints[0].service` is named so); what only ModelArts knows (the flavor
 * exists, the image is `ACTIVE`, the volume's id, the key pairs) it checks itself.
 * @throws {RequestValidationError} before sending anything, when the body or an option is invalid
 * @throws {ModelArtsApiError} when ModelArts answers with an error status (an unknown image: 400 `ModelArts.6404`)
 * @throws {UnexpectedResponseError} when a success answer is not a notebook instance
 * @throws {TimeoutError | NetworkError} when no answer came
 */
export function createNotebook(
  core: NotebookImageCore,
  body: CreateNotebookRequest,
  options: CallOptions = {},
): ApiCall<Notebook> {
  const { method, path } = CREATE_NOTEBOOK_OPERATION;
  const params = { path: { project_id: core.projectId } };
  return jsonCall(
    core,
    validateCreateNotebookRequest(body),
    options,
    (init) => core.api[method](path, { ...init, params, body }),
    NOTEBOOK_SHAPE,
    "a notebook instance",
    CHECK_BEFORE_RETRYING,
  );
}
