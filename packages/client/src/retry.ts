// When and how long to wait before trying again. create-image is not idempotent, so a retry is
// only safe when the server certainly did not process the request.
import { DEFAULT_RETRIES, DEFAULT_RETRY_BASE_DELAY_MS, DEFAULT_RETRY_MAX_DELAY_MS } from "./defaults.js";

export interface RetryEvent {
  /** The attempt that failed, from 1. */
  attempt: number;
  /** How long the client waits before the next attempt. */
  delayMs: number;
  /** Why: an HTTP status (429, 503) or a connection error code (ECONNREFUSED, ...). */
  reason: string;
}

export interface RetryOptions {
  /** Attempts after the first one. Default {@link DEFAULT_RETRIES} (2). */
  retries?: number;
  /** First backoff delay, doubled at each attempt, with jitter. Default 500 ms. */
  baseDelayMs?: number;
  /** Longest wait between attempts. A `Retry-After` longer than this is not waited for: the error is returned. Default 30 s. */
  maxDelayMs?: number;
  /** Called before each wait, for logging or progress. */
  onRetry?: (event: RetryEvent) => void;
}

export interface RetryPolicy {
  retries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  onRetry: ((event: RetryEvent) => void) | undefined;
}

export const DEFAULT_RETRY: Readonly<RetryPolicy> = Object.freeze({
  retries: DEFAULT_RETRIES,
  baseDelayMs: DEFAULT_RETRY_BASE_DELAY_MS,
  maxDelayMs: DEFAULT_RETRY_MAX_DELAY_MS,
  onRetry: undefined,
});

/** Statuses that mean "not processed, try later": too many requests, service unavailable. */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 503]);

/**
 * Error codes of a connection that failed before any byte of the request was sent, and may work a
 * moment later: refused, no DNS answer for now, unreachable, connect timeout. A reset or a socket
 * error after connecting is not here: the server may already have the request. Nor is ENOTFOUND: a
 * host name that does not exist (a region that is not one) does not exist a second later either.
 */
export const NOT_SENT_CODES: ReadonlySet<string | undefined> = new Set([
  "ECONNREFUSED",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EADDRNOTAVAIL",
  "UND_ERR_CONNECT_TIMEOUT",
]);

/** The first system error code found in an error's `cause` chain (or an AggregateError's errors). */
export function errorCode(error: unknown, depth = 0): string | undefined {
  if (!error || typeof error !== "object" || depth > 5) return undefined;
  const { code, cause, errors } = error as { code?: unknown; cause?: unknown; errors?: unknown };
  if (typeof code === "string") return code;
  for (const inner of [...(Array.isArray(errors) ? errors : []), cause]) {
    const found = errorCode(inner, depth + 1);
    if (found) return found;
  }
}

/** Exponential backoff with "equal jitter": half fixed, half random, capped. */
export function backoffDelay(
  policy: RetryPolicy,
  attempt: number,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** `Retry-After` as milliseconds: delay-seconds or an HTTP date; undefined when absent or invalid. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  const text = value?.trim() ?? "";
  // An HTTP date names its weekday and month; anything else (such as "-1") is not a date.
  const ms = /^\d+$/.test(text)
    ? Number(text) * 1000
    : /[a-z]/i.test(text)
      ? Date.parse(text) - now
      : Number.NaN;
  return Number.isNaN(ms) ? undefined : Math.max(0, ms);
}

/** Waits, unless the signal aborts first (then rejects with its reason). */
export function sleep(ms: number, signal?: AbortSignal | null): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
    if (signal?.aborted) onAbort();
  });
}
