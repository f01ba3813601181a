// Following a notebook instance after CreateNotebook, StartNotebook, StopNotebook or DeleteNotebook
// until it is RUNNING, STOPPED or gone, with the loop that waits for images (poll-until.ts).
import type { NotebookImageCore } from "../core.js";
import { issue, ModelArtsApiError, NotebookFailedError, TimeoutError } from "../errors.js";
import type { Notebook, NotebookStatus } from "../types.js";
import { validateNotebookId } from "../validation.js";
import { getNotebook } from "./get-notebook.js";
import { type PollOptions, pollUntil } from "./poll-until.js";

/** The statuses in which an instance has failed: waiting for it to run or stop is over. */
export const FAILED_NOTEBOOK_STATUSES: readonly NotebookStatus[] = [
  "CREATE_FAILED",
  "START_FAILED",
  "DELETE_FAILED",
  "ERROR",
];

/**
 * What waitForNotebook can wait for: `RUNNING` (after a create or a start), `STOPPED` (after a
 * stop), `DELETED` (after a delete: until the instance is gone).
 */
export const NOTEBOOK_WAIT_TARGETS = ["RUNNING", "STOPPED", "DELETED"] as const;

/** How ModelArts answers a notebook instance that does not exist (any more). */
const NOTEBOOK_NOT_FOUND = "ModelArts.6309";

export interface NotebookWaitOptions extends PollOptions<Notebook | undefined> {
  /**
   * What to wait for: `RUNNING` (after a create or a start), `STOPPED` (after a stop) or
   * `DELETED` (after a delete: the instance is gone, and the wait resolves with `undefined`).
   */
  until: (typeof NOTEBOOK_WAIT_TARGETS)[number];
}

/**
 * Polls a notebook instance (ShowNotebook) until it is in the status `until` names, and resolves
 * with it (`undefined` once a deleted instance is gone). Polls lost to the network, to their time
 * limit or to a busy server are repeated, as waitForImage does.
 * @throws {RequestValidationError} before polling, when the id or an option is invalid
 * @throws {NotebookFailedError} when the instance ends CREATE_FAILED, START_FAILED, DELETE_FAILED or ERROR
 * @throws {TimeoutError} when `timeoutMs` passes first; its message says the last status seen
 * @throws the signal's reason, at once, when `signal` aborts
 * @throws {ModelArtsApiError} on any other error status (an unknown instance, unless `until` is `DELETED`: 400 `ModelArts.6309`)
 */
export function waitForNotebook(
  core: NotebookImageCore,
  notebookId: string,
  options: NotebookWaitOptions,
): Promise<Notebook | undefined> {
  const until = options?.until;
  const issues = validateNotebookId(notebookId);
  if (!(NOTEBOOK_WAIT_TARGETS as readonly string[]).includes(until)) {
    issues.push(
      issue(
        "options.until",
        "enum",
        `must be "RUNNING", "STOPPED" or "DELETED" (was ${JSON.stringify(until)})`,
      ),
    );
  }
  return pollUntil(options ?? {}, {
    issues,
    poll: async (request) => {
      try {
        return await getNotebook(core, notebookId, request);
      } catch (error) {
        // Gone is what a wait for a deleted instance waits for; for any other wait it is an error.
        if (
          until === "DELETED" &&
          error instanceof ModelArtsApiError &&
          error.errorCode === NOTEBOOK_NOT_FOUND
        )
          return undefined;
        throw error;
      }
    },
    status: (notebook) => notebook?.status ?? "DELETED",
    done: (notebook) => (notebook?.status ?? "DELETED") === until,
    failure: (notebook) =>
      notebook && FAILED_NOTEBOOK_STATUSES.includes(notebook.status)
        ? new NotebookFailedError(notebook)
        : undefined,
    // The message says the last status seen; TimeoutError's `image` stays for images.
    timedOut: (timeoutMs, last) =>
      new TimeoutError(
        timeoutMs,
        `waiting for notebook ${notebookId} to be ${until} (last status ${last ? (last.status ?? "unknown") : "none seen"})`,
      ),
  });
}
