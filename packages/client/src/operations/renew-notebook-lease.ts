// PATCH /v1/{project_id}/notebooks/{id}/lease (RenewLease, Huawei's SDK's renew_lease): how long a
// running instance may run from now before it is stopped automatically.
import { type ApiCall, type CallOptions, jsonCall } from "../call.js";
import type { NotebookImageCore } from "../core.js";
import { NOTEBOOK_LEASE_SHAPE } from "../generated/response-shapes.js";
import { RENEW_NOTEBOOK_LEASE_OPERATION } from "../generated/spec-facts.js";
import type { NotebookLease, NotebookLeaseRequest } from "../types.js";
import { validateLeaseRequest, validateNotebookId } from "../validation.js";

/**
 * Lets a `RUNNING` instance run `lease.duration` milliseconds from now (1 to 72 hours; 1 hour when
 * left out), then stop (`lease.type`: `TIMING`, or `IDLE` once idle). Resolves with the instance's
 * lease, whose `duration` counts from the instance's `create_at`.
 * @throws {RequestValidationError} before sending anything, when the id, the lease or an option is invalid
 * @throws {ModelArtsApiError} when ModelArts refuses (not running: 400 `ModelArts.6307`, `6327`…; unknown: `6309`)
 * @throws {UnexpectedResponseError} when a success answer is not a lease
 * @throws {TimeoutError | NetworkError} when no answer came
 */
export function renewNotebookLease(
  core: NotebookImageCore,
  notebookId: string,
  lease: NotebookLeaseRequest = {},
  options: CallOptions = {},
): ApiCall<NotebookLease> {
  const { method, path } = RENEW_NOTEBOOK_LEASE_OPERATION;
  const params = { path: { project_id: core.projectId, id: notebookId } };
  return jsonCall(
    core,
    [...validateNotebookId(notebookId), ...validateLeaseRequest(lease)],
    options,
    (init) => core.api[method](path, { ...init, params, body: lease }),
    NOTEBOOK_LEASE_SHAPE,
    "a notebook lease",
  );
}
