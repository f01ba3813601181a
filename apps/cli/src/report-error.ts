// A failed call, in words on stderr (and as JSON on stdout with --json), and its exit code.
import {
  type ErrorHintContext,
  explainErrorCode,
  ModelArtsApiError,
  NetworkError,
  REGIONS,
  RequestValidationError,
  regionEndpointEnvName,
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
  /** The call's operationId and the credential it carried, so that the hint fits both. */
  hint: ErrorHintContext;
  /** Said instead of the code's hint, when the CLI found out more (who holds a name:tag). */
  advice?: string | undefined;
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
          hint: context.advice ?? explainErrorCode(error.errorCode, context.hint),
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
      formatFailure(
        `could not reach the API: ${error.message}${rootCause(error)}${unresolvedHostHint(error)}`,
        stderr.style,
      ),
      json(error),
    );
  }
  if (error instanceof RequestValidationError) {
    // Checked before the call; kept so that a check added to the client later is still a usage error.
    return output.fail(ExitCode.usage, formatFailure(error.message, stderr.style), json(error));
  }
  throw error;
}

/**
 * For a host name that does not exist (ENOTFOUND, not retried): most often a region that is not
 * one. Says which region the host stands for, whether Huawei's catalogue knows it, and how to send
 * a region's calls elsewhere.
 */
function unresolvedHostHint(error: NetworkError): string {
  if (error.code !== "ENOTFOUND") return "";
  const host = /\bhttps?:\/\/([^/\s:]+)/.exec(error.message)?.[1];
  const region = host === undefined ? undefined : /^modelarts\.([a-z0-9-]+)\./.exec(host)?.[1];
  const known = region !== undefined && (REGIONS as readonly string[]).includes(region);
  const about =
    region === undefined
      ? `the host ${host ?? "of the endpoint"} does not exist: check --endpoint`
      : known
        ? `the host ${host} of region ${region} does not resolve: check the DNS, or ${regionEndpointEnvName(region)} if you set it`
        : `the host ${host} does not exist: "${region}" is not one of Huawei's ModelArts regions (${REGIONS.join(", ")})`;
  return `.\n${about}. A region's calls go elsewhere with ${regionEndpointEnvName(region ?? "<region>")}=<url> (as Huawei's SDKs read it) or --endpoint <url>`;
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
