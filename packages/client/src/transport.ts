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

export interface TransportOptions extends AttemptSettings {
  fetch: typeof globalThis.fetch;
  authenticate: Authenticate;
}

/**
 * One request as an operation (or the openapi-fetch adapter below) hands it over: the final URL,
 * the headers without credentials, the body's exact bytes. `signal` is the caller's; `init` holds
 * the fetch options of a `client.api` caller that the transport does not set itself.
 */
export interface OutgoingRequest {
  method: string;
  url: string;
  headers: Headers;
  body: Uint8Array<ArrayBuffer> | undefined;
  signal?: AbortSignal | null | undefined;
  init?: RequestInit;
}

/** The last attempt's answer, its body read within the attempt's time limit (`null`: no body). */
export interface Received {
  response: Response;
  body: ArrayBuffer | null;
}

/** Sends a request, with the client's attempt settings or a call's own. */
export type Transport = (request: OutgoingRequest, settings?: AttemptSettings) => Promise<Received>;

/** The body's bytes, read once: the same bytes are signed and sent at every attempt. */
const readBody = async (request: Request) =>
  request.body ? new Uint8Array(await request.arrayBuffer()) : undefined;

/** The request as its first attempt would go: credentials added to a copy of its headers. */
export async function withCredentials(
  request: OutgoingRequest,
  authenticate: Authenticate,
): Promise<OutgoingRequest> {
  const headers = new Headers(request.headers);
  await authenticate(request.method, request.url, headers, request.body);
  return { ...request, headers };
}

/** RequestInit members of a Request that a caller may have set. */
const REQUEST_MEMBERS = [
  "cache",
  "credentials",
  "integrity",
  "keepalive",
  "mode",
  "referrer",
  "referrerPolicy",
];
/** A Request nobody set anything on: what those members are by default, on this platform. */
let blank: Record<string, unknown> | undefined;

/**
 * The fetch options a `client.api` caller gave that the transport does not set itself: the
 * RequestInit members they changed, what openapi-fetch copied onto the request because Request
 * has no such member (an undici `dispatcher`, say), and openapi-fetch's `requestInitExt`.
 */
function callerInit(request: Request, init: RequestInit | undefined): RequestInit {
  blank ??= new Request("http://localhost/") as unknown as Record<string, unknown>;
  const extra: Record<string, unknown> = { ...init };
  for (const name of REQUEST_MEMBERS) {
    const value = (request as unknown as Record<string, unknown>)[name];
    if (value !== blank[name]) extra[name] = value;
  }
  for (const name of Object.keys(request))
    extra[name] = (request as unknown as Record<string, unknown>)[name];
  return extra;
}

/**
 * The transport as the fetch of openapi-fetch (`client.api`, and the operations when middleware
 * was added to it): the Request it built taken apart, the answer given back as a Response.
 */
export function fetchThrough(send: Transport, settings?: AttemptSettings) {
  // openapi-fetch hands its requestInitExt as a second argument.
  return async (request: Request, init?: RequestInit): Promise<Response> => {
    const { method, url, headers, signal } = request;
    const extra = callerInit(request, init);
    const body = await readBody(request);
    const { response, body: answer } = await send(
      { method, url, headers, body, signal, init: extra },
      settings,
    );
    return new Response(answer, response);
  };
}

export function createTransport(options: TransportOptions): Transport {
  const { fetch, authenticate } = options;

  return async (
    { method, url, headers: given, body, signal, init },
    { timeoutMs, retry, logger } = options,
  ) => {
    for (let attempt = 0; ; attempt++) {
      signal?.throwIfAborted();
      const headers = new Headers(given);
      // AK/SK in Node.js signs synchronously: no promise to wait for.
      const signing = authenticate(method, url, headers, body);
      if (signing) await signing;
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
        if ((delay as number) > (policy as RetryPolicy)?.maxDelayMs) delay = undefined;
        log({ outcome: "response", status, ...(requestId ? { requestId } : {}) }, delay);
        if (delay === undefined) return { response, body: answer };
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
        reason = code as string;
      } finally {
        end();
      }
      policy?.onRetry?.({ attempt: attempt + 1, delayMs: delay, reason });
      await sleep(delay, signal);
    }
  };
}
