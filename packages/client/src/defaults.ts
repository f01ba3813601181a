// The client's defaults, in one place, exported so that apps (CLI help, the web page) quote them
// instead of retyping them.

/** Time limit of one attempt, until the whole response is read. */
export const DEFAULT_TIMEOUT_MS = 60_000;

/** Safe retries (429, 503, a connection never made): attempts after the first, and their backoff. */
export const DEFAULT_RETRIES = 2;
export const DEFAULT_RETRY_BASE_DELAY_MS = 500;
export const DEFAULT_RETRY_MAX_DELAY_MS = 30_000;

/**
 * Waiting for an image, as Huawei's Terraform provider does: a poll every 10 s, 5 minutes in all.
 * A local server can be polled far more often: both go down to 1 ms.
 */
export const DEFAULT_POLL_INTERVAL_MS = 10_000;
export const DEFAULT_WAIT_TIMEOUT_MS = 5 * 60_000;

/** setTimeout fires at once beyond 2^31-1 ms: a longer limit (or Infinity) means no timer at all. */
export const MAX_TIMER_MS = 2_147_483_647;
