// What to do about the error codes a save can meet: the errors table of the API reference (spec
// info description). In a module of its own so that only apps that show hints (the CLI, the web
// page) bundle the table: createNotebookImageClient does not import it. A test holds the table to
// the spec's: every code the spec lists has a hint, and no hint is for a code the spec lacks.
import type { operations } from "./generated/openapi.js";

/** Hints by exact code; the ranges and prefixes are handled in explainErrorCode. */
export const ERROR_HINTS: Readonly<Record<string, string>> = {
  "ModelArts.0101": "ModelArts rejected a parameter: fix the field named in the message",
  "ModelArts.0104": "ModelArts rejected a parameter: fix the field named in the message",
  "ModelArts.6336":
    "ModelArts rejected a parameter: fix the field named in the message (an instance is created from an ACTIVE image only)",
  "ModelArts.6309": "no such instance: check the instance id, the project id and the region",
  "ModelArts.6327": "start the instance first: only a RUNNING instance can be saved",
  "ModelArts.6306": "the instance is still starting: wait until it is RUNNING, then save again",
  "ModelArts.6307": "the instance is stopped: start it first, then save again",
  "ModelArts.6308": "the instance is stopping: start it again once it has stopped, then save",
  "ModelArts.6357": "another operation is running on the instance: wait for it to finish",
  "ModelArts.6326": "the instance is frozen (the account is in arrears): top up the account first",
  "ModelArts.2880": "an image is already being saved from this instance: wait for that save to finish",
  "ModelArts.2884": "an image with this name and tag exists: choose another tag or name",
  "ModelArts.2885":
    "create the SWR organization given as the namespace in the SWR console, or ask for access to it",
  "ModelArts.2845":
    "the image is too large: move large files off the instance's disk (data belongs in OBS or EVS), then save again",
  "ModelArts.0118": "quota exceeded: delete images you no longer need or ask for a higher SWR quota",
  "ModelArts.0108":
    "your account is not allowed to do this: ask an administrator for ModelArts and SWR permissions in IAM",
  "ModelArts.0210": "the project id does not match the token: check the project id and the region",
  "ModelArts.6404": "not found: check the instance id, the project id and the region",
  "ModelArts.6101": "ModelArts is busy: try again in a minute",
  "APIGW.0308": "the API gateway is throttling requests: wait a little, then try again",
  "ModelArts.0010": "ModelArts failed internally: check whether the image is being saved before trying again",
};

/**
 * Hints that depend on the call, by the spec's operationId: a code reads differently for an image
 * than for the instance the table above speaks of (ShowImage of a deleted image is not about an
 * instance id; DeleteImage of an image being saved is not "another operation on the instance").
 */
const OPERATION_HINTS: { readonly [K in keyof operations]?: Readonly<Record<string, string>> } = {
  ShowImage: {
    "ModelArts.6404":
      "no such image: check the image id, the project id and the region (a deleted image is gone for good)",
  },
  DeleteImage: {
    "ModelArts.6404":
      "no such image: check the image id, the project id and the region (it may be deleted already)",
    "ModelArts.6357":
      "the image is still being saved: wait until its save ends (ACTIVE or CREATE_FAILED), then delete it",
  },
};

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

/** What to check when authentication failed, for the credential that was sent. */
const AUTH_CHECKS = {
  token: "check the token (tokens expire after 24 hours)",
  "access-key":
    "check the access key pair, and this machine's clock (signatures older than 15 minutes are refused)",
  unknown: "check the token (tokens expire after 24 hours), or the access key pair and the clock",
} as const;

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
  const forCall = context.operation === undefined ? undefined : OPERATION_HINTS[context.operation];
  if (forCall !== undefined && Object.hasOwn(forCall, code)) return forCall[code];
  if (Object.hasOwn(ERROR_HINTS, code)) return ERROR_HINTS[code];
  const authHint = `authentication failed: ${AUTH_CHECKS[context.credential ?? "unknown"]}`;
  // ModelArts.0201 to 0212 are authentication failures (0210, above, is a project mismatch).
  const auth = /^ModelArts\.02(\d\d)$/.exec(code);
  if (auth && Number(auth[1]) >= 1 && Number(auth[1]) <= 12) return authHint;
  // The gateway's other refusals (APIGW.0301 and the like) are about credentials.
  if (code.startsWith("APIGW.")) return `the API gateway refused the request; ${authHint}`;
  return undefined;
}
