// Turns the `auth` option into a function that adds credentials to each outgoing attempt.
import { hmacKey } from "#crypto";
import { RequestValidationError, type ValidationIssue } from "../errors.js";
import { checkHeaderValue } from "../headers.js";
import {
  authorizationHeader,
  formatSdkDate,
  type SignatureParts,
  type SigningAlgorithm,
  type SigningKey,
  signatureParts,
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

/** A request as it is about to be sent: `body` is the exact bytes that will be sent. */
export interface UnsignedRequest {
  method: string;
  url: string;
  headers: Headers;
  body: Uint8Array | undefined;
}

/** Adds credentials to the headers of one attempt (signing it, with AK/SK). */
export type Authenticate = (request: UnsignedRequest) => Promise<void>;

/** Headers signed when the request has them (`host` is always signed, from the URL). */
const SIGNED_HEADERS = ["content-type", "x-project-id", "x-sdk-date", "x-security-token"];

/**
 * Signs one request in place with SDK-HMAC-SHA256 (or SDK-HMAC-SM3): sets `X-Sdk-Date` and
 * `Authorization` on `headers`, signing `host` (from the URL) and those of SIGNED_HEADERS it has.
 * Returns every step of the signature. The one signing entry: the client signs each attempt with
 * it, and a server's tests sign their requests with it.
 */
export async function signHeaders(
  key: SigningKey,
  accessKey: string,
  request: UnsignedRequest,
  date: Date = new Date(),
  algorithm?: SigningAlgorithm,
): Promise<SignatureParts> {
  const { method, headers, body } = request;
  const url = new URL(request.url);
  const sdkDate = formatSdkDate(date);
  headers.set("x-sdk-date", sdkDate);
  const signedHeaders: Record<string, string> = { host: url.host };
  for (const name of SIGNED_HEADERS) {
    const value = headers.get(name);
    if (value !== null) signedHeaders[name] = value;
  }
  const parts = await signatureParts(key, {
    method,
    url,
    signedHeaders,
    body,
    sdkDate,
    ...(algorithm ? { algorithm } : {}),
  });
  headers.set(
    "authorization",
    authorizationHeader(accessKey, parts.signedHeaders, parts.signature, algorithm),
  );
  return parts;
}

/** The credentials step of every attempt, for the `auth` option of a client (already checked). */
export function createAuthenticator(auth: Auth, projectId: string): Authenticate {
  if (auth.token !== undefined) {
    const { token } = auth;
    return async ({ headers }) => {
      const value = typeof token === "string" ? token : await token();
      // What a token function gives is checked like a token given as such, and never quoted.
      if (typeof token !== "string") {
        const issues: ValidationIssue[] = [];
        checkHeaderValue(issues, "auth.token", value);
        if (issues.length > 0) throw new RequestValidationError(issues, "token from auth.token()");
      }
      headers.set("x-auth-token", value);
    };
  }
  const { accessKey, secretKey, securityToken, signingAlgorithm } = auth;
  // The secret is prepared for HMAC once per client, at its first request: importing a Web Crypto
  // key is slow (and asynchronous); in Node.js this makes a KeyObject.
  let key: Promise<SigningKey> | undefined;
  return async (request) => {
    key ??= Promise.resolve(hmacKey(secretKey));
    // Huawei's SDKs send the project id with AK/SK, and the security token of temporary credentials.
    request.headers.set("x-project-id", projectId);
    if (securityToken !== undefined) request.headers.set("x-security-token", securityToken);
    await signHeaders(await key, accessKey, request, new Date(), signingAlgorithm);
  };
}
