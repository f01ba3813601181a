// Turns the `auth` option into a function that adds credentials to each outgoing attempt.
import { hmacKey } from "#crypto";
import {
  authorizationHeader,
  formatSdkDate,
  type SignatureParts,
  type SigningKey,
  signatureParts,
} from "./sdk-hmac-sha256.js";

/** An IAM token, sent as `X-Auth-Token`. */
export interface TokenAuth {
  token: string;
}
/** An access key pair: each request is signed with SDK-HMAC-SHA256. */
export interface AkSkAuth {
  accessKey: string;
  secretKey: string;
  /** Security token of temporary credentials, sent as `X-Security-Token` (and signed). */
  securityToken?: string;
}
export type Auth = TokenAuth | AkSkAuth;

/**
 * Adds credentials to the headers of one attempt; `body` is the exact bytes that will be sent.
 * Returns a promise when it signs (AK/SK).
 */
export type Authenticate = (
  method: string,
  url: string,
  headers: Headers,
  body: Uint8Array | undefined,
) => void | Promise<void>;

/** Headers signed when the request has them (`host` is always signed, from the URL). */
const SIGNED_HEADERS = ["content-type", "x-project-id", "x-sdk-date", "x-security-token"];

/**
 * Signs one request in place: sets `X-Sdk-Date` and `Authorization` on `headers`, signing `host`
 * (from the URL) and those of SIGNED_HEADERS it has. Returns every step of the signature.
 */
export async function signHeaders(
  key: SigningKey,
  accessKey: string,
  request: { method: string; url: string; headers: Headers; body: Uint8Array | undefined },
  date: Date = new Date(),
): Promise<SignatureParts> {
  const { method, headers, body } = request;
  const sdkDate = formatSdkDate(date);
  headers.set("x-sdk-date", sdkDate);
  const url = new URL(request.url);
  const signedHeaders: Record<string, string> = { host: url.host };
  for (const name of SIGNED_HEADERS) {
    const value = headers.get(name);
    if (value !== null) signedHeaders[name] = value;
  }
  const parts = await signatureParts(key, { method, url, signedHeaders, body, sdkDate });
  headers.set("authorization", authorizationHeader(accessKey, parts.signedHeaders, parts.signature));
  return parts;
}

export function createAuthenticator(auth: Auth, projectId: string): Authenticate {
  if ("token" in auth) {
    const { token } = auth;
    return (_method, _url, headers) => headers.set("x-auth-token", token);
  }
  const { accessKey, secretKey, securityToken } = auth;
  // The secret is prepared for HMAC once per client, lazily: importing a Web Crypto key is slow
  // (and asynchronous); in Node.js this makes a KeyObject.
  let key: SigningKey | Promise<SigningKey> | undefined;
  return async (method, url, headers, body) => {
    key ??= hmacKey(secretKey);
    // Huawei's SDKs send the project id with AK/SK, and the security token of temporary credentials.
    headers.set("x-project-id", projectId);
    if (securityToken !== undefined) headers.set("x-security-token", securityToken);
    await signHeaders(await key, accessKey, { method, url, headers, body });
  };
}
