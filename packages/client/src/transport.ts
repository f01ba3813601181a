// The fetch function handed to openapi-fetch: it adds credentials, a timeout per attempt and safe
// retries to every request, whether made by saveInstanceAsImage or through `client.api`.
import type { Authenticate } from "./auth/authenticate.js";
import { NetworkError, TimeoutError } from "./errors.js";
import {
  backoffDelay,
  errorCode,
  NOT_SENT_CODES,
  parseRetryAfter,
  RETRYABLE_STATUSES,
  type RetryPolicy,
  sleep,
} from "./retry.js";

export interface TransportOptions {
  fetch: typeof globalThis.fetch;
  authenticate: Authenticate;
  timeoutMs: number;
  retry: RetryPolicy | undefined;
}

export function createTransport(options: TransportOptions): (request: Request) => Promise<Response> {
  const { fetch, authenticate, timeoutMs, retry } = options;

  return async (request) => {
    const { method, url, signal } = request;
    const what = `${method} ${url}`;
    // Read the body once: the same bytes are signed and sent at every attempt.
    const body = request.body && new Uint8Array(await request.arrayBuffer());
    for (let attempt = 0; ; attempt++) {
      signal.throwIfAborted();
      const headers = new Headers(request.headers);
      await authenticate(method, url, headers, body ?? undefined);
      const policy = retry && attempt < retry.retries ? retry : undefined;

      // The attempt ends at the caller's abort or at the time limit, whichever comes first.
      const controller = new AbortController();
      const onAbort = () => controller.abort(signal.reason);
      signal.addEventListener("abort", onAbort, { once: true });
      let timedOut = false;
      // Beyond 2^31-1 ms setTimeout would fire at once: such a limit (or Infinity) means no timer.
      const timer =
        timeoutMs <= 2_147_483_647
          ? setTimeout(() => {
              timedOut = true;
              controller.abort();
            }, timeoutMs)
          : undefined;
      // Rejects as soon as the attempt is aborted, so that a fetch (or a body stream) that ignores
      // its signal cannot outlive the time limit.
      const aborted = new Promise<never>((_, reject) => {
        controller.signal.addEventListener("abort", () => reject(controller.signal.reason));
      });
      let response: Response | undefined;
      let delay: number | undefined;
      let reason: string;
      try {
        response = await Promise.race([
          fetch(url, {
            method,
            headers,
            body,
            signal: controller.signal,
            // A redirect would carry the credentials to wherever it points: ModelArts never redirects.
            redirect: "error",
          }),
          aborted,
        ]);
        // The body is read within the same time limit.
        const answer = new Response(
          response.body && (await Promise.race([response.arrayBuffer(), aborted])),
          response,
        );
        if (!policy || !RETRYABLE_STATUSES.has(answer.status)) return answer;
        delay = parseRetryAfter(answer.headers.get("retry-after"));
        // Retrying sooner than the server asked would only be refused again; waiting longer than
        // maxDelayMs is not wanted: the caller gets the answer.
        if (delay !== undefined && delay > policy.maxDelayMs) return answer;
        reason = String(answer.status);
      } catch (error) {
        if (timedOut) throw new TimeoutError(timeoutMs, what);
        if (signal.aborted) throw signal.reason;
        const code = errorCode(error);
        // Only a connection never made is safe to retry: the server cannot have the request.
        if (!policy || response || !NOT_SENT_CODES.has(code)) throw new NetworkError(what, error, code);
        reason = code as string;
      } finally {
        clearTimeout(timer);
        signal.removeEventListener("abort", onAbort);
      }
      delay ??= backoffDelay(policy, attempt);
      policy.onRetry?.({ attempt: attempt + 1, delayMs: delay, reason });
      await sleep(delay, signal);
    }
  };
}
