// The errors the client throws. Each has a stable `name`, is `instanceof Error`, and carries
// only what is safe to log: never a token, a secret key or an Authorization header value.

/** One problem with a value given to the client. */
export interface ValidationIssue {
  /** Where the problem is: a body field (`name`), or an argument (`instanceId`, `projectId`). */
  path: string;
  /** The rule broken: the JSON Schema keyword (`pattern`, `maxLength`, `required`, ...) or a client rule. */
  rule: string;
  /** Plain words, starting with the path: `name: must be at most 128 characters (got 130)`. */
  message: string;
}

/** Base class of every error thrown by this package. */
export abstract class NotebookImageError extends Error {
  abstract override readonly name: string;

  /** The fields worth logging, as plain data. */
  toJSON(): Record<string, unknown> {
    return { name: this.name, message: this.message };
  }
}

/** The input is invalid. Thrown before anything is sent; `issues` lists every problem. */
export class RequestValidationError extends NotebookImageError {
  override readonly name = "RequestValidationError";
  readonly issues: readonly ValidationIssue[];

  constructor(issues: readonly ValidationIssue[], what = "request") {
    super(`invalid ${what}: ${issues.map((i) => i.message).join("; ")}`);
    this.issues = issues;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), issues: this.issues };
  }
}

/** ModelArts, or the API gateway in front of it, answered with an error status. */
export class ModelArtsApiError extends NotebookImageError {
  override readonly name = "ModelArtsApiError";
  /** The HTTP status, such as 400 or 403. */
  readonly status: number;
  /** `error_code` of the body (`ModelArts.0108`, `APIGW.0301`), when the body had one. */
  readonly errorCode: string | undefined;
  /** `error_msg` of the body, when the body had one. */
  readonly errorMsg: string | undefined;
  /** The `X-Request-Id` response header (or the gateway body's `request_id`): quote it to support. */
  readonly requestId: string | undefined;
  /** Milliseconds the server asked to wait (`Retry-After`), when it said so. */
  readonly retryAfterMs: number | undefined;
  /** The body as received: parsed JSON, the text when it was not JSON, or `undefined` when empty. */
  readonly body: unknown;

  constructor(init: {
    status: number;
    statusText?: string;
    errorCode?: string | undefined;
    errorMsg?: string | undefined;
    requestId?: string | undefined;
    retryAfterMs?: number | undefined;
    body: unknown;
  }) {
    super(apiErrorMessage(init));
    this.status = init.status;
    this.errorCode = init.errorCode;
    this.errorMsg = init.errorMsg;
    this.requestId = init.requestId;
    this.retryAfterMs = init.retryAfterMs;
    this.body = init.body;
  }

  override toJSON(): Record<string, unknown> {
    return {
      ...super.toJSON(),
      status: this.status,
      errorCode: this.errorCode,
      errorMsg: this.errorMsg,
      requestId: this.requestId,
      retryAfterMs: this.retryAfterMs,
      body: this.body,
    };
  }
}

function apiErrorMessage(init: {
  status: number;
  statusText?: string;
  errorCode?: string | undefined;
  errorMsg?: string | undefined;
  body: unknown;
}): string {
  if (init.errorCode) return `${init.status} ${init.errorCode}: ${init.errorMsg ?? "(no error_msg)"}`;
  const status = `${init.status}${init.statusText ? ` ${init.statusText}` : ""}`;
  if (init.body === undefined || init.body === "") return `${status} (empty response body)`;
  const text = typeof init.body === "string" ? init.body : JSON.stringify(init.body);
  return `${status}: ${text.length > 200 ? `${text.slice(0, 200)}…` : text}`;
}

/** The server answered with a success status but not with the image the contract promises. */
export class UnexpectedResponseError extends NotebookImageError {
  override readonly name = "UnexpectedResponseError";
  readonly status: number;
  readonly requestId: string | undefined;
  readonly body: unknown;

  constructor(message: string, init: { status: number; requestId?: string | undefined; body: unknown }) {
    super(message);
    this.status = init.status;
    this.requestId = init.requestId;
    this.body = init.body;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), status: this.status, requestId: this.requestId, body: this.body };
  }
}

/** One attempt took longer than `timeoutMs`. Never retried: the server may have saved the image. */
export class TimeoutError extends NotebookImageError {
  override readonly name = "TimeoutError";
  readonly timeoutMs: number;

  constructor(timeoutMs: number, what: string) {
    super(`${what} timed out after ${timeoutMs} ms`);
    this.timeoutMs = timeoutMs;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), timeoutMs: this.timeoutMs };
  }
}

/** The request could not be completed at the network level; `cause` is the underlying error. */
export class NetworkError extends NotebookImageError {
  override readonly name = "NetworkError";
  /** The system error code (`ECONNREFUSED`, `ENOTFOUND`, ...) when one was found. */
  readonly code: string | undefined;

  constructor(what: string, cause: unknown, code: string | undefined) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`${what} failed: ${reason}${code ? ` (${code})` : ""}`, { cause });
    this.code = code;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), code: this.code };
  }
}
