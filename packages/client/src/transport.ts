// The fetch function handed to openapi-fetch: it adds credentials, a timeout per attempt and safe
// retries to every request, whether made by the client's operations or through `client.api`.
import type { Authenticate } from "./auth/authenticate.js";
import { NetworkError, TimeoutError } from "./errors.js";
import { type AttemptEvent, type AttemptLogger, redactHeaders } from "./log.js";
import {
  backoffDelay,
  errorCode,
  NOT_SENT_CODES,
  parseRetryAfter,
  RETRYABLE_STATUSES,
  type RetryPolicy,
  sleep,
} from "./retry.js";
import { timeLimit } from "./time-limit.js";

/** What governs the attempts of one request: the client's settings, or a call's own. */
export interface AttemptSettings {
  timeoutMs: number;
  retry: RetryPolicy | undefined;
  logger: AttemptLogger | undefined;
}

/** What the transport fills in itself in each event for the logger. */
type LoggedByTransport = "attempt" | "method" | "url" | "headers" | "durationMs" | "retryInMs";

export interface TransportOptions {
  fetch: typeof globalThis.fetch;
  authenticate: Authenticate;
}

/** A fetch as openapi-fetch calls it: the Request it built, and its `requestInitExt`. */
export type RequestFetch = (request: Request, init?: RequestInit) => Promise<Response>;

/** The transport: the fetch of openapi-fetch with a given set of attempt settings. */
export type Transport = (settings: AttemptSettings) => RequestFetch;

/**
 * What each RequestInit member of a Request is when nobody set it (the Fetch standard's
 * defaults): only those a caller changed are passed on, so that the fetch sees what a plain
 * `fetch(url, init)` call with the caller's options would give it.
 */
const REQUEST_DEFAULTS = {
  cache: "default",
  credentials: "same-origin",
  integrity: "",
  keepalive: false,
  mode: "cors",
  referrer: "about:client",
  referrerPolicy: "",
} as const;

/**
 * The fetch options a `client.api` caller gave that the transport does not set itself: the
 * RequestInit members they changed, what openapi-fetch copied onto the request because Request
 * has no such member (an undici `dispatcher`: an own property, where a Request's members are
 * getters of its prototype), and openapi-fetch's `requestInitExt`.
 */
function callerInit(request: Request, init: RequestInit | undefined): Record<string, unknown> {
  const extra: Record<string, unknown> = { ...init, ...Object.fromEntries(Object.entries(request)) };
  for (const [name, value] of Object.entries(REQUEST_DEFAULTS)) {
    const given = request[name as keyof typeof REQUEST_DEFAULTS];
    if (given !== value) extra[name] = given;
  }
  return extra;
}

/**
 * The transport: each request openapi-fetch built is sent with credentials, a time limit per
 * attempt and safe retries, its body read once so that every attempt signs and sends the same
 * bytes; the answer comes back with its body already read (within the attempt's time limit).
 */
export function createTransport({ fetch, authenticate }: TransportOptions): Transport {
  return ({ timeoutMs, retry, logger }) =>
    async (request, requestInitExt) => {
      const { method, url, signal } = request;
      const init = callerInit(request, requestInitExt);
      const body = request.body ? new Uint8Array(await request.arrayBuffer()) : undefined;
      for (let attempt = 0; ; attempt++) {
        signal?.throwIfAborted();
        const headers = new Headers(request.headers);
        await authenticate({ method, url, headers, body });
        const policy = retry && attempt < retry.retries ? retry : undefined;
        const started = Date.now();
        /** Tells the logger how the attempt ended; `retryInMs` when another attempt follows. */
        const log = (event: Omit<AttemptEvent, LoggedByTransport>, retryInMs?: number) =>
          logger?.({
            attempt: attempt + 1,
            method,
            url,
            headers: redactHeaders(headers),
            durationMs: Date.now() - started,
            ...event,
            ...(retryInMs === undefined ? {} : { retryInMs }),
          });

        // The attempt ends at the caller's abort or at the time limit, whichever comes first.
        const [attemptSignal, end] = timeLimit(signal, timeoutMs);
        // Rejects as soon as the attempt is aborted, so that a fetch (or a body stream) that ignores
        // its signal cannot outlive the time limit.
        const aborted = new Promise<never>((_, reject) => {
          attemptSignal.addEventListener("abort", () => reject(attemptSignal.reason));
        });
        aborted.catch(() => undefined);
        const race = <T>(work: Promise<T>) => Promise.race([work, aborted]);
        let response: Response | undefined;
        let delay: number | undefined;
        let reason: string;
        try {
          response = await race(
            fetch(url, {
              ...init,
              method,
              headers,
              body: body ?? null,
              signal: attemptSignal,
              // A redirect would carry the credentials to wherever it points: ModelArts never redirects.
              redirect: "error",
            }),
          );
          // The body is read within the same time limit.
          const answer = response.body && (await race(response.arrayBuffer()));
          const { status } = response;
          const requestId = response.headers.get("x-request-id");
          // Retrying sooner than the server asked would only be refused again; waiting longer than
          // maxDelayMs is not wanted: the caller gets the answer. A backoff never exceeds maxDelayMs.
          delay =
            policy && RETRYABLE_STATUSES.has(status)
              ? (parseRetryAfter(response.headers.get("retry-after")) ?? backoffDelay(policy, attempt))
              : undefined;
          if (delay !== undefined && policy && delay > policy.maxDelayMs) delay = undefined;
          log({ outcome: "response", status, ...(requestId ? { requestId } : {}) }, delay);
          if (delay === undefined) return new Response(answer, response);
          reason = String(status);
        } catch (error) {
          const what = `${method} ${url}`;
          // Aborted, and not with the caller's reason: the time limit did it (whatever came after).
          if (attemptSignal.aborted && attemptSignal.reason !== signal?.reason) {
            log({ outcome: "timeout", error: `timed out after ${timeoutMs} ms` });
            throw new TimeoutError(timeoutMs, what);
          }
          if (signal?.aborted) {
            log({ outcome: "aborted", error: String((signal.reason as Error)?.message ?? signal.reason) });
            throw signal.reason;
          }
          const code = errorCode(error);
          const failure = new NetworkError(what, error, code);
          // Only a connection never made is safe to retry: the server cannot have the request.
          delay = policy && !response && NOT_SENT_CODES.has(code) ? backoffDelay(policy, attempt) : undefined;
          log({ outcome: "network-error", error: failure.message }, delay);
          if (delay === undefined) throw failure;
          reason = String(code);
        } finally {
          end();
        }
        policy?.onRetry?.({ attempt: attempt + 1, delayMs: delay, reason });
        await sleep(delay, signal);
      }
    };
}
