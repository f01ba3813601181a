// The fetch function handed to openapi-fetch: it adds credentials, a timeout per attempt and safe
// retries to every request, whether made by saveInstanceAsImage or through `client.api`.
import type { Authenticate } from "./auth/authenticate.js";
import { NetworkError, TimeoutError } from "./errors.js";
import {
  backoffDelay,
  errorCode,
  parseRetryAfter,
  RETRYABLE_STATUSES,
  type RetryPolicy,
  sleep,
  wasNotSent,
} from "./retry.js";

export interface TransportOptions {
  fetch: typeof globalThis.fetch;
  authenticate: Authenticate;
  timeoutMs: number;
  retry: RetryPolicy | undefined;
}

const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

export function createTransport(options: TransportOptions): (request: Request) => Promise<Response> {
  const { fetch, authenticate, timeoutMs, retry } = options;

  /**
   * One attempt: the response, its body read within the same timeout; or a network error, with
   * whether the request certainly never left (the only network failure that is safe to retry).
   */
  async function attempt(
    request: Request,
    headers: Headers,
    body: Uint8Array | undefined,
  ): Promise<{ response: Response } | { error: NetworkError; notSent: boolean }> {
    const caller = request.signal;
    const controller = new AbortController();
    const what = `${request.method} ${request.url}`;
    const onAbort = () => controller.abort(caller.reason);
    caller.addEventListener("abort", onAbort, { once: true });
    let timedOut = false;
    // Beyond 2^31-1 ms setTimeout would fire at once: such a limit (or Infinity) means no timer.
    const timer =
      timeoutMs <= 2_147_483_647
        ? setTimeout(() => {
            timedOut = true;
            controller.abort(new TimeoutError(timeoutMs, what));
          }, timeoutMs)
        : undefined;
    let sent = false;
    try {
      const response = await untilAborted(controller.signal, () =>
        fetch(request.url, {
          method: request.method,
          headers,
          body: (body ?? null) as BodyInit | null,
          signal: controller.signal,
          // A redirect would carry the credentials to wherever it points: ModelArts never redirects.
          redirect: "error",
        }),
      );
      sent = true;
      const bytes = NULL_BODY_STATUSES.has(response.status)
        ? null
        : await untilAborted(controller.signal, () => response.arrayBuffer());
      return {
        response: new Response(bytes, {
          status: response.status,
          statusText: response.statusText,
          headers: response.headers,
        }),
      };
    } catch (error) {
      if (timedOut) throw new TimeoutError(timeoutMs, what);
      if (caller.aborted) throw caller.reason;
      const code = errorCode(error);
      return { error: new NetworkError(what, error, code), notSent: !sent && wasNotSent(code) };
    } finally {
      clearTimeout(timer);
      caller.removeEventListener("abort", onAbort);
    }
  }

  return async function send(request) {
    // Read the body once: the same bytes are signed and sent at every attempt.
    const body = request.body === null ? undefined : new Uint8Array(await request.arrayBuffer());
    const url = new URL(request.url);
    for (let attemptIndex = 0; ; attemptIndex++) {
      request.signal.throwIfAborted();
      const headers = new Headers(request.headers);
      await authenticate(request.method, url, headers, body);
      const canRetry = retry !== undefined && attemptIndex < retry.retries;
      const outcome = await attempt(request, headers, body);
      if ("error" in outcome) {
        if (!canRetry || !outcome.notSent) throw outcome.error;
        const reason = outcome.error.code ?? "network error";
        await wait(retry, attemptIndex, backoffDelay(retry, attemptIndex), reason, request.signal);
        continue;
      }
      const { response } = outcome;
      if (canRetry && RETRYABLE_STATUSES.has(response.status)) {
        const retryAfter = parseRetryAfter(response.headers.get("retry-after"));
        // Retrying sooner than the server asked would only be refused again.
        if (retryAfter === undefined || retryAfter <= retry.maxDelayMs) {
          const delay = retryAfter ?? backoffDelay(retry, attemptIndex);
          await wait(retry, attemptIndex, delay, String(response.status), request.signal);
          continue;
        }
      }
      return response;
    }
  };
}

function wait(
  policy: RetryPolicy,
  attemptIndex: number,
  delayMs: number,
  reason: string,
  signal: AbortSignal,
) {
  policy.onRetry?.({ attempt: attemptIndex + 1, delayMs, reason });
  return sleep(delayMs, signal);
}

/**
 * Settles with `work()`, or rejects with the signal's reason as soon as it aborts: a fetch (or a
 * body stream) that ignores its signal must not outlive the timeout.
 */
function untilAborted<T>(signal: AbortSignal, work: () => Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    work()
      .then(resolve, reject)
      .finally(() => signal.removeEventListener("abort", onAbort));
  });
}
