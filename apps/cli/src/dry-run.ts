// `--dry-run`: the exact request a command would send first (method, URL, headers, body, and for
// AK/SK what is signed), built by a real client core and captured by its fetch, with nothing sent.
// Without credentials placeholders stand in, so a dry run needs no secret. Only the client's public
// API is used: the request is the client's own, the dry run is the CLI's.
import {
  type AkSkAuth,
  type Auth,
  createNotebookImageCore,
  type NotebookImageClientOptions,
  type NotebookImageCore,
  RequestValidationError,
  validateClientOptions,
} from "@notebook-image/client";
import {
  parseAuthorization,
  type SignatureParts,
  signatureParts,
  signingKey,
} from "@notebook-image/client/signing";

/** Stands for the access key in a dry run without credentials. */
export const ACCESS_KEY_PLACEHOLDER = "<access-key>";
/** Stands for the signature in a dry run without a secret key. */
export const SIGNATURE_PLACEHOLDER = "<signature>";
/** The secret a dry run without one signs with: the signature it gives is shown as SIGNATURE_PLACEHOLDER. */
const STAND_IN_SECRET = "dry-run-stand-in-secret";

/** A request as the client would send it. Headers hold the credentials when real ones were given. */
export interface PreparedRequest {
  method: string;
  url: string;
  /** Lowercase names, sorted, as `Headers` gives them. */
  headers: [name: string, value: string][];
  /** The body's text (JSON), or undefined when there is none. */
  body: string | undefined;
  /** With AK/SK (or no credentials): what the signature covers. */
  signing?: SignatureParts;
}

/** What a dry run may sign with: an access key pair with parts missing (placeholders stand in). */
export type PartialAkSkAuth = Partial<Omit<AkSkAuth, "token">> & { token?: never };

/** The options of a dry run: those of a client, with credentials optional or incomplete. */
export type PrepareOptions = Omit<NotebookImageClientOptions, "auth" | "fetch"> & {
  /** Real credentials, `{ token: "<token>" }`, an access key without its secret, or nothing (AK/SK placeholders). */
  auth?: Auth | PartialAkSkAuth;
};

/**
 * The client's own credentials for a dry run: placeholders where the access key pair lacks parts;
 * `placeholderSignature` when it has no secret key, so that its signature means nothing.
 */
function dryRunAuth(auth: Auth | PartialAkSkAuth = {}): { auth: Auth; placeholderSignature: boolean } {
  if (auth.token !== undefined) return { auth, placeholderSignature: false };
  const { accessKey = ACCESS_KEY_PLACEHOLDER, secretKey } = auth;
  return {
    auth: { ...auth, accessKey, secretKey: secretKey ?? STAND_IN_SECRET },
    placeholderSignature: secretKey === undefined,
  };
}

/** A request captured where it would have been sent. */
interface Captured {
  url: string;
  init: RequestInit;
}

/**
 * The exact request `operation(core, ...args)` would send, with nothing sent: the arguments and
 * the options are checked as for a real call (all problems at once), then the request is built and
 * authenticated by a client core, and captured by its fetch. With a token, the header carries it;
 * with an access key pair, the signature is computed; without a secret key, `<access-key>` and
 * `<signature>` stand in and `signing` still shows the canonical request and the string to sign.
 * @example prepareRequest({ projectId, region }, saveInstanceAsImage, instanceId, body)
 * @throws {RequestValidationError} listing every problem of the options and the arguments
 */
export async function prepareRequest<Args extends unknown[]>(
  options: PrepareOptions,
  operation: (core: NotebookImageCore, ...args: Args) => Promise<unknown>,
  ...args: Args
): Promise<PreparedRequest> {
  const { auth, placeholderSignature } = dryRunAuth(options.auth);
  let captured: Captured | undefined;
  const fetch = async (url: string | URL | Request, init: RequestInit = {}) => {
    captured = { url: String(url), init };
    // Refused, so that the operation stops here whatever it does next (none repeats a 400).
    return new Response(null, { status: 400 });
  };
  const issues = validateClientOptions({ ...options, auth });
  // Invalid options make no core: the arguments are still checked, with a stand-in one.
  const core = createNotebookImageCore(
    issues.length === 0
      ? { ...options, auth, fetch, retry: false, logger: () => undefined }
      : { projectId: "dry-run", baseUrl: "https://invalid.invalid", auth: { token: "dry-run" }, fetch },
  );
  try {
    await operation(core, ...args);
  } catch (error) {
    if (error instanceof RequestValidationError) issues.push(...error.issues);
  }
  if (issues.length > 0) throw new RequestValidationError(issues);
  if (!captured) throw new Error("the operation returned without sending a request");
  return prepared(captured, auth, placeholderSignature);
}

/** The captured request as a dry run shows it, with the steps of its signature (AK/SK). */
async function prepared(
  { url, init }: Captured,
  auth: Auth,
  placeholderSignature: boolean,
): Promise<PreparedRequest> {
  const headers = new Headers(init.headers);
  const body = init.body instanceof Uint8Array ? new TextDecoder().decode(init.body) : undefined;
  const request: PreparedRequest = {
    method: init.method ?? "GET",
    url,
    // Headers iterate sorted by lowercase name, the way a verifier reads them.
    headers: [...headers],
    body,
  };
  if (auth.token !== undefined) return request;
  const signing = await signingOf(request, auth);
  if (!placeholderSignature) return { ...request, signing };
  const placeholder = (value: string) => value.replace(signing.signature, SIGNATURE_PLACEHOLDER);
  return {
    ...request,
    headers: request.headers.map(([name, value]) => [name, placeholder(value)]),
    signing: { ...signing, signature: SIGNATURE_PLACEHOLDER },
  };
}

/** The steps of the signature a prepared request carries, recomputed from what it signed. */
async function signingOf(request: PreparedRequest, auth: AkSkAuth): Promise<SignatureParts> {
  const url = new URL(request.url);
  const headers = new Map([...request.headers, ["host", url.host]]);
  const authorization = parseAuthorization(headers.get("authorization"));
  if (!authorization) throw new Error("the dry run's request carries no SDK-HMAC-SHA256 signature");
  const signedHeaders = Object.fromEntries(
    authorization.signedHeaders.map((name) => [name, headers.get(name) ?? ""]),
  );
  return signatureParts(await signingKey(auth.secretKey), {
    method: request.method,
    url,
    signedHeaders,
    body: request.body === undefined ? undefined : new TextEncoder().encode(request.body),
    sdkDate: headers.get("x-sdk-date") ?? "",
    algorithm: authorization.algorithm,
  });
}
