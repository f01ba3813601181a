// The errors the client throws. Each has a stable `name`, is `instanceof Error`, and carries
// only what is safe to log: never a token, a secret key or an Authorization header value.
import type { Image, Notebook } from "./types.js";

/** One problem with a value given to the client. */
export interface ValidationIssue {
  /** Where the problem is: a body field (`name`), or an argument (`instanceId`, `projectId`). */
  path: string;
  /** The rule broken: the JSON Schema keyword (`pattern`, `maxLength`, `required`, ...) or a client rule. */
  rule: string;
  /** Plain words, starting with the path: `name: must be at most 128 characters (got 130)`. */
  message: string;
}

/** An issue, its message led by the path as every message of this package is. */
export function issue(path: string, rule: string, text: string): ValidationIssue {
  return { path, rule, message: `${path}: ${text}` };
}

/** Base class of every error thrown by this package. */
export abstract class NotebookImageError extends Error {
  abstract override readonly name: string;

  /** The error as plain data: name, message and the subclass's own fields (all safe to log). */
  toJSON(): Record<string, unknown> {
    return Object.assign({ name: this.name, message: this.message }, this as object);
  }
}

/** The input is invalid. Thrown before anything is sent; `issues` lists every problem. */
export class RequestValidationError extends NotebookImageError {
  override readonly name = "RequestValidationError";
  declare readonly issues: readonly ValidationIssue[];

  constructor(issues: readonly ValidationIssue[], what = "request") {
    super(`invalid ${what}: ${issues.map((i) => i.message).join("; ")}`);
    this.issues = issues;
  }
}

export interface ModelArtsApiErrorFields {
  /** The HTTP status, such as 400 or 403. */
  status: number;
  /** `error_code` of the body (`ModelArts.0108`, `APIGW.0301`), when the body had one. */
  errorCode: string | undefined;
  /** `error_msg` of the body, when the body had one. */
  errorMsg: string | undefined;
  /** The `X-Request-Id` response header (or the gateway body's `request_id`): quote it to support. */
  requestId: string | undefined;
  /** Milliseconds the server asked to wait (`Retry-After`), when it said so. */
  retryAfterMs: number | undefined;
  /** The body as received: parsed JSON, the text when it was not JSON, or `undefined` when empty. */
  body: unknown;
}

/** ModelArts, or the API gateway in front of it, answered with an error status. */
export class ModelArtsApiError extends NotebookImageError implements ModelArtsApiErrorFields {
  override readonly name = "ModelArtsApiError";
  declare readonly status: number;
  declare readonly errorCode: string | undefined;
  declare readonly errorMsg: string | undefined;
  declare readonly requestId: string | undefined;
  declare readonly retryAfterMs: number | undefined;
  declare readonly body: unknown;

  constructor(fields: ModelArtsApiErrorFields, statusText = "") {
    const { status, errorCode, errorMsg, body } = fields;
    const text = typeof body === "string" ? body : JSON.stringify(body);
    super(
      errorCode
        ? `${status} ${errorCode}: ${errorMsg}`
        : `${status}${statusText && ` ${statusText}`}${text ? `: ${text.length > 200 ? `${text.slice(0, 200)}…` : text}` : " (empty response body)"}`,
    );
    Object.assign(this, fields);
  }
}

/** The server answered with a success status but not with the image the contract promises. */
export class UnexpectedResponseError extends NotebookImageError {
  override readonly name = "UnexpectedResponseError";
  declare readonly status: number;
  declare readonly requestId: string | undefined;
  declare readonly body: unknown;

  constructor(message: string, fields: { status: number; requestId: string | undefined; body: unknown }) {
    super(message);
    Object.assign(this, fields);
  }
}

/**
 * A time limit passed: one attempt took longer than `timeoutMs` (never retried: the server may
 * have saved the image), or waiting for an image did; then `image` is the last one seen.
 */
export class TimeoutError extends NotebookImageError {
  override readonly name = "TimeoutError";
  declare readonly timeoutMs: number;
  /** Waiting for an image: the image as last seen (undefined when no poll was answered). */
  declare readonly image?: Image | undefined;

  constructor(timeoutMs: number, what: string, image?: Image) {
    super(`${what} timed out after ${timeoutMs} ms${image ? ` (last status ${image.status})` : ""}`);
    this.timeoutMs = timeoutMs;
    if (image) this.image = image;
  }
}

/** The image being waited for ended in a failure status (`CREATE_FAILED`, `ERROR`, `DELETED`). */
export class ImageSaveFailedError extends NotebookImageError {
  override readonly name = "ImageSaveFailedError";
  /** The image in its final status. */
  declare readonly image: Image;
  /** Why, in ModelArts' words (the image's `status_message`), when it said. */
  declare readonly statusMessage: string | undefined;

  constructor(image: Image) {
    const statusMessage = image.status_message || undefined;
    super(`image ${image.id} (${image.name}) is ${image.status}${statusMessage ? `: ${statusMessage}` : ""}`);
    this.image = image;
    this.statusMessage = statusMessage;
  }
}

/** A notebook instance ended in a failed status (CREATE_FAILED, START_FAILED…) while waited for. */
export class NotebookFailedError extends NotebookImageError {
  override readonly name = "NotebookFailedError";
  /** The instance in its failed status. */
  declare readonly notebook: Notebook;
  /** Why, in ModelArts' words (the instance's `fail_reason`), when it said. */
  declare readonly failReason: string | undefined;

  constructor(notebook: Notebook) {
    const failReason = notebook.fail_reason || undefined;
    super(`notebook ${notebook.id} is ${notebook.status}${failReason ? `: ${failReason}` : ""}`);
    this.notebook = notebook;
    this.failReason = failReason;
  }
}

/** The request could not be completed at the network level; `cause` is the underlying error. */
export class NetworkError extends NotebookImageError {
  override readonly name = "NetworkError";
  /** The system error code (`ECONNREFUSED`, `ENOTFOUND`, ...) when one was found. */
  declare readonly code: string | undefined;

  constructor(what: string, cause: unknown, code: string | undefined) {
    super(`${what} failed: ${(cause as Error)?.message ?? cause}${code ? ` (${code})` : ""}`, { cause });
    this.code = code;
  }
}
