// Turns the `auth` option into a function that adds credentials to each outgoing attempt.
import { hmacKey } from "#crypto";
import { RequestValidationError, type ValidationIssue } from "../errors.js";
import { checkHeaderValue } from "../headers.js";
import {
  andThen,
  authorizationHeader,
  type CanonicalTarget,
  canonicalTarget,
  formatSdkDate,
  type SignatureParts,
  type SigningAlgorithm,
  type SigningKey,
  signaturePartsOf,
} from "./sdk-hmac-sha256.js";

/** Gives the IAM token to send, called before every attempt: an expiring token can be refreshed. */
export type TokenProvider = () => string | Promise<string>;

/** An IAM token, sent as `X-Auth-Token`: the token itself, or a function that gives the current one. */
export interface TokenAuth {
  token: string | TokenProvider;
  accessKey?: never;
  secretKey?: never;
  securityToken?: never;
}
/** An access key pair: each request is signed with SDK-HMAC-SHA256 (or SDK-HMAC-SM3). */
export interface AkSkAuth {
  accessKey: string;
  secretKey: string;
  /** Security token of temporary credentials, sent as `X-Security-Token` (and signed). */
  securityToken?: string;
  /**
   * Default `SDK-HMAC-SHA256`. `SDK-HMAC-SM3` (Huawei's SDKs' `HMAC_SM3`) needs SM3: Node.js has it
   * (OpenSSL 3); browsers' Web Crypto does not, so the client refuses it there.
   */
  signingAlgorithm?: SigningAlgorithm;
  token?: never;
}
/** `{ token }` or `{ accessKey, secretKey }`: one or the other, never both. */
export type Auth = TokenAuth | AkSkAuth;

/**
 * Adds credentials to the headers of one attempt; `body` is the exact bytes that will be sent.
 * Returns a promise to wait for when it signs on Web Crypto or calls a token function; what the
 * promise (or a synchronous AK/SK signature in Node.js) gives is of no use to the caller.
 */
export type Authenticate = (
  method: string,
  url: string,
  headers: Headers,
  body: Uint8Array | undefined,
) => unknown;

/** Headers signed when the request has them (`host` is always signed, from the URL). */
const SIGNED_HEADERS = ["content-type", "x-project-id", "x-sdk-date", "x-security-token"];

/** Stands for the signature in a dry run without a secret key. */
export const SIGNATURE_PLACEHOLDER = "<signature>";

/**
 * Signs one request in place: sets `X-Sdk-Date` and `Authorization` on `headers`, signing `host`
 * (from the URL) and those of SIGNED_HEADERS it has. Returns every step of the signature. Without
 * a key (a dry run without credentials) the signature is SIGNATURE_PLACEHOLDER.
 */
export async function signHeaders(
  key: SigningKey | undefined,
  accessKey: string,
  request: { method: string; url: string; headers: Headers; body: Uint8Array | undefined },
  date: Date = new Date(),
  algorithm?: SigningAlgorithm,
): Promise<SignatureParts> {
  const { method, headers, body } = request;
  return signTarget(
    key,
    accessKey,
    method,
    canonicalTarget(new URL(request.url)),
    headers,
    body,
    formatSdkDate(date),
    algorithm,
  );
}

/** signHeaders with the target in canonical form, synchronously where the platform hashes so. */
function signTarget(
  key: SigningKey | undefined,
  accessKey: string,
  method: string,
  target: CanonicalTarget,
  headers: Headers,
  body: Uint8Array | undefined,
  sdkDate: string,
  algorithm: SigningAlgorithm | undefined,
): SignatureParts | Promise<SignatureParts> {
  headers.set("x-sdk-date", sdkDate);
  const signedHeaders: Record<string, string> = { host: target.host };
  for (const name of SIGNED_HEADERS) {
    const value = headers.get(name);
    if (value !== null) signedHeaders[name] = value;
  }
  const parts = signaturePartsOf(
    key,
    { method, target, signedHeaders, body, sdkDate, algorithm },
    SIGNATURE_PLACEHOLDER,
  );
  return andThen(parts, (signed) => {
    headers.set(
      "authorization",
      authorizationHeader(accessKey, signed.signedHeaders, signed.signature, algorithm),
    );
    return signed;
  });
}

/** Stands for the access key in a dry run without credentials. */
export const ACCESS_KEY_PLACEHOLDER = "<access-key>";

/** What a dry run may sign with: an access key pair with parts missing (placeholders stand in). */
export interface PartialAkSkAuth {
  accessKey?: string;
  secretKey?: string;
  securityToken?: string;
  signingAlgorithm?: SigningAlgorithm;
  token?: never;
}

/**
 * The credentials step of every attempt. `onSigned` sees each AK/SK signature's steps (a dry run
 * shows them). A pair without its secret signs with SIGNATURE_PLACEHOLDER: only a dry run, whose
 * options are checked without credentials, makes such an authenticator.
 */
export function createAuthenticator(
  auth: Auth | PartialAkSkAuth,
  projectId: string,
  onSigned?: (parts: SignatureParts) => void,
): Authenticate {
  if (auth.token !== undefined) {
    const { token } = auth;
    if (typeof token === "string") return (_method, _url, headers) => headers.set("x-auth-token", token);
    return async (_method, _url, headers) => {
      const value = await token();
      // What the function gives is checked like a token given as such, and never quoted.
      const issues: ValidationIssue[] = [];
      checkHeaderValue(issues, "auth.token", value);
      if (issues.length > 0) throw new RequestValidationError(issues, "token from auth.token()");
      headers.set("x-auth-token", value);
    };
  }
  const { accessKey = ACCESS_KEY_PLACEHOLDER, secretKey, securityToken, signingAlgorithm } = auth;
  // The secret is prepared for HMAC once per client, lazily: importing a Web Crypto key is slow
  // (and asynchronous); in Node.js this makes a KeyObject, and the whole signature is computed
  // synchronously (no promise to wait for).
  let key: SigningKey | Promise<SigningKey> | undefined;
  // The canonical target of the last URL signed: the calls of a client (a save, the polls that
  // follow it) mostly go to the URL of the call before.
  let lastUrl: string | undefined;
  let target: CanonicalTarget | undefined;
  return (method, url, headers, body) => {
    // Set together: a URL seen has its target (the first URL is never `undefined`).
    if (url !== lastUrl) {
      target = canonicalTarget(new URL(url));
      lastUrl = url;
    }
    if (secretKey) key ??= hmacKey(secretKey);
    // Huawei's SDKs send the project id with AK/SK, and the security token of temporary credentials.
    headers.set("x-project-id", projectId);
    if (securityToken !== undefined) headers.set("x-security-token", securityToken);
    const signed = andThen(key, (ready) =>
      signTarget(
        ready,
        accessKey,
        method,
        target as CanonicalTarget,
        headers,
        body,
        formatSdkDate(new Date()),
        signingAlgorithm,
      ),
    );
    return onSigned ? andThen(signed, onSigned) : signed;
  };
}
