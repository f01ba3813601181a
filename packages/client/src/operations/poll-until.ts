// Polling a resource until it reaches a status (waitForImage, waitForNotebook): a poll lost to the
// network, to its own time limit or to a busy server (429, 503, waiting as long as Retry-After
// says) is repeated after a pause; anything else ends the wait.
import type { CallOptions } from "../call.js";
import { DEFAULT_POLL_INTERVAL_MS, DEFAULT_WAIT_TIMEOUT_MS, MAX_TIMER_MS } from "../defaults.js";
import {
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

/** Where a wait is, for `onProgress`. */
export interface WaitProgress {
  /** Since the wait started. */
  elapsedMs: number;
  /** Polls answered so far, this one included. */
  polls: number;
}

/** The options every wait takes; `onProgress` gets what was polled. */
export interface PollOptions<T> {
  /** Stops waiting at once (what is waited for goes on: aborting a wait does not cancel it). */
  signal?: AbortSignal;
  /** How long to wait in all; default {@link DEFAULT_WAIT_TIMEOUT_MS} (5 minutes). `Infinity`: no limit. */
  timeoutMs?: number;
  /** Time between polls; default {@link DEFAULT_POLL_INTERVAL_MS} (10 s). Down to 1 ms, for a local server. */
  pollIntervalMs?: number;
  /** Called once per status change (the first status seen included), with what was polled. */
  onProgress?: (polled: T, progress: WaitProgress) => void;
  /** Options of each poll: extra headers, a time limit per attempt, retries. */
  request?: Omit<CallOptions, "signal">;
}

export interface PollPlan<T> {
  /** The error of a wait whose time ran out, with what was polled last. */
  timedOut(timeoutMs: number, last: T | undefined): TimeoutError;
  /** Problems of the caller's arguments besides the options (the id). */
  issues: ValidationIssue[];
  /** One poll. */
  poll(request: CallOptions): Promise<T>;
  status(polled: T): string | undefined;
  /** True: the wait is over and resolves with `polled`. */
  done(polled: T): boolean;
  /** An error: the wait is over and rejects with it. */
  failure(polled: T): Error | undefined;
  /** What a previous answer showed, so that `onProgress` does not see its status twice. */
  first?: T | undefined;
}

export async function pollUntil<T>(options: PollOptions<T>, plan: PollPlan<T>): Promise<T> {
  const {
    signal,
    timeoutMs = DEFAULT_WAIT_TIMEOUT_MS,
    pollIntervalMs = DEFAULT_POLL_INTERVAL_MS,
    onProgress,
    request = {},
  } = options;
  const issues: ValidationIssue[] = [...plan.issues];
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
  let last = plan.first;
  try {
    for (let polls = 1; ; polls++) {
      let pause = pollIntervalMs;
      try {
        const polled = await plan.poll({ ...request, signal: waiting });
        const changed = last === undefined || plan.status(polled) !== plan.status(last);
        last = polled;
        if (changed) onProgress?.(polled, { elapsedMs: Date.now() - started, polls });
        if (plan.done(polled)) return polled;
        const failure = plan.failure(polled);
        if (failure) throw failure;
      } catch (error) {
        if (waiting.aborted || !pollMayBeRepeated(error)) throw error;
        // Busy: come back when the server says, but never later than the wait allows.
        if (error instanceof ModelArtsApiError && error.retryAfterMs !== undefined)
          pause = error.retryAfterMs;
      }
      await sleep(pause, waiting);
    }
  } catch (error) {
    if (waiting.reason === expired) throw plan.timedOut(timeoutMs, last);
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
