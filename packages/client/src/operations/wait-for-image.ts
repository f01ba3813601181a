// Following an image until its save ends, as Huawei's own tooling does (Terraform polls ShowImage
// every 10 s for up to 5 minutes): ACTIVE is done; CREATE_FAILED, ERROR and DELETED are failures;
// any other status means "keep polling".
import type { CallOptions } from "../call.js";
import type { NotebookImageCore } from "../core.js";
import { DEFAULT_POLL_INTERVAL_MS, DEFAULT_WAIT_TIMEOUT_MS, MAX_TIMER_MS } from "../defaults.js";
import {
  ImageSaveFailedError,
  issue,
  ModelArtsApiError,
  NetworkError,
  RequestValidationError,
  TimeoutError,
  type ValidationIssue,
} from "../errors.js";
import { checkMilliseconds } from "../options.js";
import { RETRYABLE_STATUSES, sleep } from "../retry.js";
import { timeLimit } from "../time-limit.js";
import type { Image, ImageStatus } from "../types.js";
import { validateImageId } from "../validation.js";
import { getImage } from "./get-image.js";

/** The statuses that end a save in failure. */
export const FAILED_IMAGE_STATUSES: readonly ImageStatus[] = ["CREATE_FAILED", "ERROR", "DELETED"];
/** The status of a saved image, ready to use. */
export const ACTIVE_IMAGE_STATUS: ImageStatus = "ACTIVE";

/** Where a wait is, for `onProgress`. */
export interface WaitProgress {
  /** Since the wait started. */
  elapsedMs: number;
  /** Polls answered so far, this one included. */
  polls: number;
}

export interface WaitOptions {
  /** Stops waiting at once (the save itself goes on: aborting a wait does not cancel it). */
  signal?: AbortSignal;
  /** How long to wait in all; default {@link DEFAULT_WAIT_TIMEOUT_MS} (5 minutes). `Infinity`: no limit. */
  timeoutMs?: number;
  /** Time between polls; default {@link DEFAULT_POLL_INTERVAL_MS} (10 s). Down to 1 ms, for a local server. */
  pollIntervalMs?: number;
  /** Called once per status change (the first status seen included), with the image as polled. */
  onProgress?: (image: Image, progress: WaitProgress) => void;
  /** Options of each poll: extra headers, a time limit per attempt, retries. */
  request?: Omit<CallOptions, "signal">;
}

/**
 * Polls an image (ShowImage) until its save ends. Resolves with the image once `ACTIVE`.
 * A 429 or 503 while polling waits as long as `Retry-After` says (or one interval) and polls
 * again; so does a poll lost to the network or to its own time limit (a GET is safe to repeat).
 * @throws {RequestValidationError} before polling, when the id or an option is invalid
 * @throws {ImageSaveFailedError} when the image ends `CREATE_FAILED`, `ERROR` or `DELETED` (with its `status_message`)
 * @throws {TimeoutError} when `timeoutMs` passes first; its `image` is the last one seen
 * @throws the signal's reason, at once, when `signal` aborts
 * @throws {ModelArtsApiError} on any other error status (an unknown image: 400 `ModelArts.6404`)
 */
export function waitForImage(
  core: NotebookImageCore,
  imageId: string,
  options: WaitOptions = {},
): Promise<Image> {
  return waitFrom(core, imageId, options, undefined);
}

/**
 * waitForImage, knowing the image as `first` (create-image's answer), so that `onProgress` does
 * not see its status twice.
 */
export async function waitFrom(
  core: NotebookImageCore,
  imageId: string,
  options: WaitOptions,
  first: Image | undefined,
): Promise<Image> {
  const {
    signal,
    timeoutMs = DEFAULT_WAIT_TIMEOUT_MS,
    pollIntervalMs = DEFAULT_POLL_INTERVAL_MS,
    onProgress,
    request = {},
  } = options;
  const issues: ValidationIssue[] = validateImageId(imageId);
  checkMilliseconds(issues, "options.timeoutMs", timeoutMs);
  if (!(typeof pollIntervalMs === "number" && pollIntervalMs >= 1 && pollIntervalMs <= MAX_TIMER_MS)) {
    issues.push(
      issue(
        "options.pollIntervalMs",
        "minimum",
        `must be a number of milliseconds from 1 to ${MAX_TIMER_MS}`,
      ),
    );
  }
  if (onProgress !== undefined && typeof onProgress !== "function") {
    issues.push(issue("options.onProgress", "type", "must be a function"));
  }
  if (issues.length > 0) throw new RequestValidationError(issues);
  signal?.throwIfAborted();

  const started = Date.now();
  // One signal ends the poll in flight, or the pause between polls, at the caller's abort or
  // at the time limit.
  const expired = new Error("the wait timed out");
  const [waiting, end] = timeLimit(signal, timeoutMs, expired);
  let last = first;
  try {
    for (let polls = 1; ; polls++) {
      let pause = pollIntervalMs;
      try {
        const image = await getImage(core, imageId, { ...request, signal: waiting });
        const changed = image.status !== last?.status;
        last = image;
        if (changed) onProgress?.(image, { elapsedMs: Date.now() - started, polls });
        if (image.status === ACTIVE_IMAGE_STATUS) return image;
        if (FAILED_IMAGE_STATUSES.includes(image.status)) throw new ImageSaveFailedError(image);
      } catch (error) {
        if (waiting.aborted || !pollMayBeRepeated(error)) throw error;
        // Busy: come back when the server says, but never later than the wait allows.
        if (error instanceof ModelArtsApiError && error.retryAfterMs !== undefined)
          pause = error.retryAfterMs;
      }
      await sleep(pause, waiting);
    }
  } catch (error) {
    if (waiting.reason === expired) throw new TimeoutError(timeoutMs, `waiting for image ${imageId}`, last);
    throw error;
  } finally {
    end();
  }
}

/** A poll that failed this way can be tried again later: busy, lost, or too slow. */
function pollMayBeRepeated(error: unknown): boolean {
  return (
    (error instanceof ModelArtsApiError && RETRYABLE_STATUSES.has(error.status)) ||
    error instanceof NetworkError ||
    error instanceof TimeoutError
  );
}
