// A failed call, in words on stderr (and as JSON on stdout with --json), and its exit code.
import {
  explainErrorCode,
  ModelArtsApiError,
  NetworkError,
  RequestValidationError,
  TimeoutError,
  UnexpectedResponseError,
} from "@notebook-image/client";
import { ExitCode } from "./exit-codes.js";
import { formatApiError, formatFailure } from "./format.js";
import type { Output } from "./output.js";

/** What the failed call was doing, for the first line of the message ("the API refused the save"). */
export interface CallContext {
  /** "the save", "reading the image", ... */
  what: string;
  /** For a call that may have taken effect without an answer (a save): what to check first. */
  notIdempotent?: boolean;
}

export function reportError(error: unknown, context: CallContext, output: Output): ExitCode {
  const { stderr } = output;
  const json = (e: { toJSON(): Record<string, unknown> }) =>
    e.toJSON() as Record<string, unknown> & { name: string; message: string };
  if (error instanceof ModelArtsApiError) {
    return output.fail(
      ExitCode.api,
      formatApiError(
        {
          what: context.what,
          status: error.status,
          errorCode: error.errorCode,
          errorMsg: error.errorCode === undefined ? error.message : error.errorMsg,
          requestId: error.requestId,
          hint: explainErrorCode(error.errorCode),
        },
        stderr.style,
      ),
      json(error),
    );
  }
  if (error instanceof UnexpectedResponseError) {
    return output.fail(
      ExitCode.api,
      formatFailure(
        `the API's answer to ${context.what} was not what the spec promises: ${error.message}`,
        stderr.style,
      ),
      json(error),
    );
  }
  if (error instanceof TimeoutError) {
    const advice = context.notIdempotent
      ? "; the image may still be saved, so check before trying again (--timeout sets the limit)"
      : " (--timeout sets the limit of each request)";
    return output.fail(
      ExitCode.transport,
      formatFailure(`${error.message}${advice}`, stderr.style),
      json(error),
    );
  }
  if (error instanceof NetworkError) {
    return output.fail(
      ExitCode.transport,
      formatFailure(`could not reach the API: ${error.message}${rootCause(error)}`, stderr.style),
      json(error),
    );
  }
  if (error instanceof RequestValidationError) {
    // Checked before the call; kept so that a check added to the client later is still a usage error.
    return output.fail(ExitCode.usage, formatFailure(error.message, stderr.style), json(error));
  }
  throw error;
}

/** fetch says only "fetch failed": the reason (refused, bad port, DNS) is deeper in `cause`. */
function rootCause(error: Error): string {
  let cause: unknown = error.cause;
  let deepest: string | undefined;
  for (let depth = 0; cause instanceof Error && depth < 5; depth++) {
    if (!error.message.includes(cause.message)) deepest = cause.message;
    cause = cause.cause;
  }
  return deepest === undefined ? "" : ` (${deepest})`;
}
