// What to do about the error codes a call can meet, generated from the spec's x-error-codes
// (spec/error-codes.yaml, which also renders the API reference's errors table). In a module of its
// own so that only apps that show hints (the CLI, the web page) bundle them:
// createNotebookImageClient does not import it.
import { ERROR_CODE_HINTS, ERROR_CODE_RANGE_HINTS } from "./generated/error-hints.js";
import type { operations } from "./generated/openapi.js";

/** The hints of one code (or range of codes) of the spec. */
export interface ErrorCodeHints {
  /** What to do, whatever the call and the credential. */
  readonly hint: string;
  /**
   * Hints that depend on the call, by the spec's operationId: a code reads differently for an image
   * than for the instance the general hint speaks of (ShowImage of a deleted image is not about an
   * instance id).
   */
  readonly operations?: { readonly [K in keyof operations]?: string };
  /** The hint when the request is known to have carried this credential (an authentication failure). */
  readonly credentialHints?: { readonly [K in NonNullable<ErrorHintContext["credential"]>]?: string };
}

/** The hints of the codes from `${prefix}${from}` to `${prefix}${to}` (`ModelArts.0201` – `ModelArts.0212`). */
export interface ErrorCodeRangeHints extends ErrorCodeHints {
  readonly prefix: string;
  readonly from: number;
  readonly to: number;
}

/** What the caller knows about the call that failed, so that the hint fits it. */
export interface ErrorHintContext {
  /** The spec's operationId of the call that failed (`"ShowImage"`): its own hints come first. */
  operation?: keyof operations | undefined;
  /**
   * The credential the request carried: an authentication failure then names only that one (a
   * token cannot have a clock problem; an access key pair does not expire after 24 hours).
   * Unknown: both are named.
   */
  credential?: "token" | "access-key" | undefined;
}

/** The range that holds the code: its prefix, then four digits within the range's numbers. */
function rangeOf(code: string): ErrorCodeRangeHints | undefined {
  return ERROR_CODE_RANGE_HINTS.find((range) => {
    if (!code.startsWith(range.prefix)) return false;
    const digits = code.slice(range.prefix.length);
    return /^\d{4}$/.test(digits) && Number(digits) >= range.from && Number(digits) <= range.to;
  });
}

/**
 * What to do about an error code (`ModelArtsApiError.errorCode`), in a short sentence for people:
 * `explainErrorCode("ModelArts.6327")` → `"start the instance first: only a RUNNING instance can be saved"`.
 * Undefined for an unknown code or none, when the error's own message is all there is to say.
 */
export function explainErrorCode(
  code: string | undefined,
  context: ErrorHintContext = {},
): string | undefined {
  if (code === undefined) return undefined;
  // An exact code before a range that holds it (ModelArts.0210, a project mismatch, is within the
  // authentication failures' 0201–0212).
  const hints = Object.hasOwn(ERROR_CODE_HINTS, code) ? ERROR_CODE_HINTS[code] : rangeOf(code);
  if (hints === undefined) return undefined;
  const forCall = context.operation === undefined ? undefined : hints.operations?.[context.operation];
  const forCredential =
    context.credential === undefined ? undefined : hints.credentialHints?.[context.credential];
  return forCall ?? forCredential ?? hints.hint;
}
