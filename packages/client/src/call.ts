// One request path for every operation: the call's options checked with the arguments (nothing
// is sent when any is wrong), the request sent through the core's transport with the call's own
// time limit and retries, an error status turned into ModelArtsApiError, and the response kept
// for `withResponse()`.
import {
  createFinalURL,
  createQuerySerializer,
  defaultBodySerializer,
  defaultPathSerializer,
  mergeHeaders,
} from "openapi-fetch";
import { toApiError } from "./api-error.js";
import { type CoreInternals, internalsOf, type NotebookImageCore } from "./core.js";
import { RequestValidationError, type ValidationIssue } from "./errors.js";
import { checkHeaders } from "./headers.js";
import { checkMilliseconds, resolveRetry } from "./options.js";
import { parseJson, readBody } from "./response.js";
import type { ResponseShape } from "./response-shape.js";
import type { RetryOptions } from "./retry.js";
import { type AttemptSettings, fetchThrough } from "./transport.js";

/** Options of one call. */
export interface CallOptions {
  /** Cancels the call, including a wait between retries. */
  signal?: AbortSignal;
  /** Extra headers for this call, e.g. `{ Prefer: "code=429" }` for the Prism mock. */
  headers?: Record<string, string>;
  /** Time limit of each attempt of this call, instead of the client's. */
  timeoutMs?: number;
  /** Retries of this call, on top of the client's (`false`: none). */
  retry?: RetryOptions | false;
}

/** The response of a successful call, beside its data. */
export interface ResponseInfo {
  status: number;
  headers: Headers;
  /** `X-Request-Id`: quote it to Huawei support. */
  requestId: string | undefined;
}

/** A call's data with the response it came in. */
export interface WithResponse<T> {
  data: T;
  response: ResponseInfo;
}

/** The promise of a call's data, with `withResponse()` for the data and its response (status, headers, request id). */
export type ApiCall<T> = Promise<T> & { withResponse(): Promise<WithResponse<T>> };

/** A request of one operation, its arguments already checked (`issues` holds their problems). */
export interface OperationRequest {
  path: string;
  method: string;
  params: { path: Record<string, string>; query?: Record<string, unknown> };
  body?: unknown;
  issues: ValidationIssue[];
}

/** A success answer: the response and its body's text. */
export interface Answer {
  response: Response;
  text: string;
}

/** The attempt settings of a call: the client's, with the call's overrides; or the problems of those. */
export function callSettings(
  internals: CoreInternals,
  call: CallOptions,
  issues: ValidationIssue[],
): AttemptSettings {
  checkHeaders(issues, "options.headers", call.headers);
  const { settings } = internals;
  if (call.timeoutMs !== undefined) checkMilliseconds(issues, "options.timeoutMs", call.timeoutMs);
  const retry =
    call.retry === false
      ? undefined
      : call.retry === undefined
        ? settings.retry
        : resolveRetry(issues, "options.retry", call.retry, settings.retry);
  return { ...settings, timeoutMs: call.timeoutMs ?? settings.timeoutMs, retry };
}

/** openapi-fetch's default query serializer, made once. */
const querySerializer = createQuerySerializer();
/** openapi-fetch calls it with the merged headers too (a form Content-Type makes a form body); its types omit them. */
const serializeBody = defaultBodySerializer as (body: unknown, headers: Headers) => string;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Sends a checked request; resolves with a success answer, rejects with ModelArtsApiError on an error status. */
export async function send(
  core: NotebookImageCore,
  request: OperationRequest,
  call: CallOptions = {},
): Promise<Answer> {
  const internals = internalsOf(core);
  const issues = [...request.issues];
  const settings = callSettings(internals, call, issues);
  if (issues.length > 0) throw new RequestValidationError(issues);
  const { method, path, params, body } = request;
  const { signal, headers } = call;
  let response: Response;
  let text: string;
  let error: unknown;
  if (internals.middleware) {
    // Through openapi-fetch, for the middleware added to `api` to see the request and the answer.
    let data: unknown;
    ({ data, error, response } = await core.api.request(
      method.toLowerCase() as "get",
      path as never,
      {
        params,
        body,
        // The operation parses the body (a malformed one is an UnexpectedResponseError, not a SyntaxError).
        parseAs: "text",
        signal,
        headers,
        fetch: fetchThrough(internals.transport, settings),
      } as never,
    ));
    text = (data as string | undefined) ?? "";
  } else {
    // The request openapi-fetch would build, by its own serializers, handed to the transport as it
    // is: no Request to build and take apart again.
    const merged = mergeHeaders(
      body === undefined ? undefined : { "Content-Type": "application/json" },
      internals.options.headers,
      headers,
    );
    const url = createFinalURL(path, {
      baseUrl: core.baseUrl,
      params,
      querySerializer,
      pathSerializer: defaultPathSerializer,
    });
    const serialized = body === undefined ? undefined : serializeBody(body, merged);
    let bytes: ArrayBuffer | null;
    ({ response, body: bytes } = await internals.transport(
      {
        method,
        // As a Request holds it (WHATWG serialisation), for the logger and error messages.
        url: new URL(url).href,
        headers: merged,
        body: serialized === undefined ? undefined : encoder.encode(serialized),
        signal,
      },
      settings,
    ));
    text = bytes ? decoder.decode(bytes) : "";
    // As openapi-fetch reads an error body: JSON when it parses, else the text.
    error = parseJson(text);
  }
  if (!response.ok) throw toApiError(response, error);
  return { response, text };
}

/** A call whose promise gives its data, and `withResponse()` the data with the response. */
export function apiCall<T>(run: () => Promise<WithResponse<T>>): ApiCall<T> {
  const full = run();
  const data = full.then((result) => result.data);
  return Object.assign(data, {
    withResponse() {
      // The caller follows `full` now: `data` failing with it is not an unhandled rejection.
      data.catch(() => undefined);
      return full;
    },
  });
}

/**
 * The call of an operation whose success body is one JSON object of `shape` (`what` names it in
 * an UnexpectedResponseError; `advice` says what to do then).
 */
export function jsonCall<T>(
  core: NotebookImageCore,
  request: OperationRequest,
  options: CallOptions,
  shape: ResponseShape,
  what: string,
  advice?: string,
): ApiCall<T> {
  return apiCall(async () => {
    const answer = await send(core, request, options);
    return { data: readBody<T>(answer, shape, what, advice), response: responseInfo(answer.response) };
  });
}

/** The response of an answer, as `withResponse()` gives it. */
export function responseInfo(response: Response): ResponseInfo {
  return {
    status: response.status,
    // A copy: the caller may change it, as the headers of a Response made by the client.
    headers: new Headers(response.headers),
    requestId: response.headers.get("x-request-id") ?? undefined,
  };
}
