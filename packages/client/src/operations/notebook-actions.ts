// POST …/notebooks/{id}/start, POST …/notebooks/{id}/stop, DELETE …/notebooks/{id}: each answers at
// once with the instance in its transitional status (STARTING, STOPPING, DELETING).
import { type ApiCall, type CallOptions, jsonCall } from "../call.js";
import type { NotebookImageCore } from "../core.js";
import { NOTEBOOK_SHAPE } from "../generated/response-shapes.js";
import {
  DELETE_NOTEBOOK_OPERATION,
  START_NOTEBOOK_OPERATION,
  STOP_NOTEBOOK_OPERATION,
} from "../generated/spec-facts.js";
import type { Notebook, StartNotebookQuery } from "../types.js";
import { validateNotebookId, validateStartNotebookQuery } from "../validation.js";

/**
 * Starts a `STOPPED` instance: resolves with it `STARTING`; it goes on to `RUNNING`. `query` sets
 * the automatic stop after the start (`duration` in ms, `type`).
 * @throws {RequestValidationError} before sending anything, when the id, the query or an option is invalid
 * @throws {ModelArtsApiError} when ModelArts refuses (running already: 400 `ModelArts.6357`; unknown: `6309`)
 * @throws {UnexpectedResponseError} when a success answer is not a notebook instance
 * @throws {TimeoutError | NetworkError} when no answer came
 */
export function startNotebook(
  core: NotebookImageCore,
  notebookId: string,
  query: StartNotebookQuery = {},
  options: CallOptions = {},
): ApiCall<Notebook> {
  const { method, path } = START_NOTEBOOK_OPERATION;
  const params = { path: { project_id: core.projectId, id: notebookId }, query };
  return jsonCall(
    core,
    [...validateNotebookId(notebookId), ...validateStartNotebookQuery(query)],
    options,
    (init) => core.api[method](path, { ...init, params }),
    NOTEBOOK_SHAPE,
    "a notebook instance",
  );
}

/**
 * Stops a `RUNNING` instance: resolves with it `STOPPING`; it goes on to `STOPPED`.
 * @throws {RequestValidationError} before sending anything, when the id or an option is invalid
 * @throws {ModelArtsApiError} when ModelArts refuses (stopped already: 400 `ModelArts.6307`; being saved: `6357`)
 * @throws {UnexpectedResponseError} when a success answer is not a notebook instance
 * @throws {TimeoutError | NetworkError} when no answer came
 */
export function stopNotebook(
  core: NotebookImageCore,
  notebookId: string,
  options: CallOptions = {},
): ApiCall<Notebook> {
  const { method, path } = STOP_NOTEBOOK_OPERATION;
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

/**
 * Deletes an instance and its work volume: resolves with it `DELETING`; it is then gone (getNotebook:
 * 400 `ModelArts.6309`). The images saved from it stay.
 * @throws {RequestValidationError} before sending anything, when the id or an option is invalid
 * @throws {ModelArtsApiError} when ModelArts refuses (being saved: 400 `ModelArts.6357`)
 * @throws {UnexpectedResponseError} when a success answer is not a notebook instance
 * @throws {TimeoutError | NetworkError} when no answer came
 */
export function deleteNotebook(
  core: NotebookImageCore,
  notebookId: string,
  options: CallOptions = {},
): ApiCall<Notebook> {
  const { method, path } = DELETE_NOTEBOOK_OPERATION;
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
