// What every operation's call shares: the call's options checked with the arguments (nothing is
// sent when any is wrong), the request sent through the core's openapi-fetch client with the
// call's own time limit and retries, an error status turned into ModelArtsApiError, and the
// response kept for `withResponse()`.
import { toApiError } from "./api-error.js";
import type { AttemptOverrides, NotebookImageCore } from "./core.js";
import { RequestValidationError, type ValidationIssue } from "./errors.js";
import { checkHeaders } from "./headers.js";
import { readBody } from "./response.js";
import type { ResponseShape } from "./response-shape.js";
import type { RequestFetch } from "./transport.js";

/** Options of one call. */
export interface CallOptions extends AttemptOverrides {
  /** Cancels the call, including a wait between retries. */
  signal?: AbortSignal;
  /** Extra headers for this call, e.g. `{ Prefer: "code=429" }` for the Prism mock. */
  headers?: Record<string, string>;
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

/**
 * The options an operation hands to openapi-fetch (`core.api.GET(path, { ...init, params })`): the
 * call's headers and signal, the fetch with its time limit and retries, and the body read as text
 * (the operation parses it: a malformed one is an UnexpectedResponseError, not a SyntaxError).
 */
export interface SendInit {
  headers?: Record<string, string>;
  signal?: AbortSignal;
  fetch: RequestFetch;
  parseAs: "text";
}

/** What openapi-fetch resolves with, read as text: the body of a success, or the parsed error body. */
export interface TextResult {
  data?: string;
  error?: unknown;
  response: Response;
}

/** A success answer: the response and its body's text. */
export interface Answer {
  response: Response;
  text: string;
}

/**
 * Sends an operation's request through `request` (the operation's own typed openapi-fetch call),
 * once the arguments' `issues` and the call's options are found valid; resolves with a success
 * answer, rejects with ModelArtsApiError on an error status.
 */
export async function send(
  core: NotebookImageCore,
  issues: ValidationIssue[],
  call: CallOptions,
  request: (init: SendInit) => Promise<TextResult>,
): Promise<Answer> {
  const problems = [...issues];
  const { signal, headers, ...overrides } = call;
  checkHeaders(problems, "options.headers", headers);
  const fetch = core.fetchWith(overrides, problems);
  if (problems.length > 0) throw new RequestValidationError(problems);
  const { data, error, response } = await request({
    ...(headers ? { headers } : {}),
    ...(signal ? { signal } : {}),
    fetch,
    parseAs: "text",
  });
  if (!response.ok) throw toApiError(response, error);
  return { response, text: data ?? "" };
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
  issues: ValidationIssue[],
  options: CallOptions,
  request: (init: SendInit) => Promise<TextResult>,
  shape: ResponseShape,
  what: string,
  advice?: string,
): ApiCall<T> {
  return apiCall(async () => {
    const answer = await send(core, issues, options, request);
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
