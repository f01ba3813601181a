// Dry runs: the exact request an operation would send (method, URL, headers, body, and for AK/SK
// what is signed), built by the same code as a real call, with nothing sent. Without credentials
// placeholders stand in, so a dry run needs no secret.
import { type Auth, createAuthenticator, type PartialAkSkAuth } from "./auth/authenticate.js";
import type { SignatureParts } from "./auth/sdk-hmac-sha256.js";
import { coreFrom, type NotebookImageCore } from "./core.js";
import { RequestValidationError, type ValidationIssue } from "./errors.js";
import { type NotebookImageClientOptions, resolveClientOptionsLeniently } from "./options.js";
import { type OutgoingRequest, withCredentials } from "./transport.js";

/** A request as the client would send it. Headers hold the credentials when real ones were given. */
export interface PreparedRequest {
  method: string;
  url: string;
  /** Lowercase names, sorted, as `Headers` gives them. */
  headers: [name: string, value: string][];
  /** The body's text (JSON), or undefined when there is none. */
  body: string | undefined;
  /** With AK/SK (or no credentials): what the signature covers. */
  signing?: Omit<SignatureParts, "signature"> & { signature: string };
}

/** The options of a dry run: those of a client, with credentials optional or incomplete. */
export type PrepareOptions = Omit<NotebookImageClientOptions, "auth" | "fetch"> & {
  /** Real credentials, `{ token: "<token>" }`, an access key without its secret, or nothing (AK/SK placeholders). */
  auth?: Auth | PartialAkSkAuth;
};

/** Stops the operation where it would have sent the request. */
class NotSent extends Error {}

/**
 * The exact request `operation(core, ...args)` would send, with nothing sent: the arguments and
 * the options are checked as for a real call (all problems at once), then the request is built and
 * authenticated as the client does it, and captured. With a token, the header carries it; with an
 * access key pair, the signature is computed; without a secret key, `<access-key>` and
 * `<signature>` stand in and `signing` still shows the canonical request and the string to sign.
 * @example prepareRequest({ projectId, region }, saveInstanceAsImage, instanceId, body)
 * @throws {RequestValidationError} listing every problem of the options and the arguments
 */
export async function prepareRequest<Args extends unknown[]>(
  options: PrepareOptions,
  operation: (core: NotebookImageCore, ...args: Args) => Promise<unknown>,
  ...args: Args
): Promise<PreparedRequest> {
  const { issues, resolved } = resolveClientOptionsLeniently(options);
  let signing: SignatureParts | undefined;
  const authenticate = createAuthenticator(options.auth ?? {}, resolved.projectId, (parts) => {
    signing = parts;
  });
  let prepared: PreparedRequest | undefined;
  const capture = async (request: OutgoingRequest): Promise<never> => {
    const { method, url, headers, body } = await withCredentials(request, authenticate);
    prepared = {
      method,
      url,
      // Headers iterate sorted by lowercase name, the way a verifier reads them.
      headers: [...headers],
      body: body && new TextDecoder().decode(body),
      ...(signing ? { signing } : {}),
    };
    throw new NotSent();
  };
  // Invalid options leave no usable base URL: the arguments are still checked, against a stand-in.
  const core = coreFrom(
    { ...resolved, baseUrl: issues.length > 0 ? "http://invalid.invalid" : resolved.baseUrl },
    capture,
  );
  try {
    await operation(core, ...args);
  } catch (error) {
    if (error instanceof RequestValidationError) issues.push(...error.issues);
    else if (!(error instanceof NotSent)) throw error;
  }
  if (issues.length > 0) throw new RequestValidationError(dedupe(issues));
  if (!prepared) throw new Error("the operation returned without sending a request");
  return prepared;
}

/** The same issue found twice (an option checked by the dry run and again by the call) is listed once. */
function dedupe(issues: ValidationIssue[]): ValidationIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => !seen.has(i.message) && seen.add(i.message));
}
